//! RateCounter: one per rate-limited caller (`ip:…`, `user:…`, `key:…`). Counts its fixed
//! window in memory: the object is unique and serves one request at a time, so counts are
//! exact while it lives. An object evicted after a quiet spell forgets its window, which can
//! only ever let a caller through early, never refuse one wrongly.

use super::shell::{read_command, respond};
use crate::clock::now_secs;
use crate::limits::{self, SignInBackoff, Window};
use crate::object_client::CounterCommand;
use std::cell::Cell;
use worker::{DurableObject, Env, Request, Response, Result, State, durable_object};

#[durable_object]
pub struct RateCounter {
    window: Cell<Option<Window>>,
    backoff: Cell<SignInBackoff>,
}

impl DurableObject for RateCounter {
    fn new(_state: State, _env: Env) -> Self {
        RateCounter {
            window: Cell::new(None),
            backoff: Cell::new(SignInBackoff::default()),
        }
    }

    async fn fetch(&self, request: Request) -> Result<Response> {
        let now = now_secs();
        match read_command::<CounterCommand>(request).await {
            Ok(CounterCommand::Count { limit }) => {
                let (window, quota) = limits::count(self.window.get(), now, limit);
                self.window.set(Some(window));
                respond(Ok(quota))
            }
            Ok(CounterCommand::SignInLocked) => respond(Ok(self.backoff.get().retry_after(now))),
            Ok(CounterCommand::SignInFailed) => {
                let backoff = self.backoff.get().failed(now);
                self.backoff.set(backoff);
                respond(Ok(backoff.retry_after(now)))
            }
            Ok(CounterCommand::SignInSucceeded) => {
                self.backoff.set(SignInBackoff::default());
                respond(Ok(()))
            }
            Err(error) => respond::<()>(Err(error)),
        }
    }
}
