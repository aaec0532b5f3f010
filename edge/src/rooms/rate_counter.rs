//! RateCounter: one per rate-limited caller (`ip:…`, `user:…`, `key:…`). Counts its fixed
//! window in memory: the object is unique and serves one request at a time, so counts are
//! exact while it lives. An object evicted after a quiet spell forgets its window, which can
//! only ever let a caller through early, never refuse one wrongly.

use super::{CounterCommand, read_command, respond};
use crate::clock::now_secs;
use crate::limits::{self, Window};
use std::cell::Cell;
use worker::{DurableObject, Env, Request, Response, Result, State, durable_object};

#[durable_object]
pub struct RateCounter {
    window: Cell<Option<Window>>,
}

impl DurableObject for RateCounter {
    fn new(_state: State, _env: Env) -> Self {
        RateCounter {
            window: Cell::new(None),
        }
    }

    async fn fetch(&self, request: Request) -> Result<Response> {
        let result =
            read_command::<CounterCommand>(request)
                .await
                .map(|CounterCommand::Count { limit }| {
                    let (window, quota) = limits::count(self.window.get(), now_secs(), limit);
                    self.window.set(Some(window));
                    quota
                });
        respond(result)
    }
}
