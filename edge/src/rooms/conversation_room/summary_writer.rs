//! Keeps the conversation's row in D1 (last message, counts, response-time marks) and the
//! agents' feed in step with the room. One write runs at a time and carries every message
//! stored since the previous one, so a burst costs one D1 write and one feed announcement,
//! not one per message. Each append still waits for the write that includes it, so a list
//! read after a send sees the send.

use crate::error::{ApiError, ApiResult};
use crate::object_client;
use crate::store::conversations::{ConversationRow, NewMessages};
use crate::store::{self, conversations};
use crate::webhooks::Defer;
use futures_channel::oneshot;
use parley_shared_types::hub::ServerEvent;
use std::cell::RefCell;
use std::rc::Rc;
use worker::Env;

type Written = oneshot::Sender<Result<(), String>>;

#[derive(Default)]
struct Queue {
    /// What the next write carries.
    waiting: Option<NewMessages>,
    /// Who waits for the next write.
    waiters: Vec<Written>,
    /// A write is under way; it takes the next when done.
    writing: bool,
}

#[derive(Default)]
pub struct SummaryWriter(Rc<RefCell<Queue>>);

impl SummaryWriter {
    /// Queues `new` for the conversation's row; done when a write including it is.
    pub async fn record(&self, env: &Env, defer: &dyn Defer, new: NewMessages) -> ApiResult<()> {
        let (written, done) = oneshot::channel();
        let start_writing = {
            let mut queue = self.0.borrow_mut();
            let waiting = match queue.waiting.take() {
                Some(earlier) => earlier.then(new),
                None => new,
            };
            queue.waiting = Some(waiting);
            queue.waiters.push(written);
            !std::mem::replace(&mut queue.writing, true)
        };
        if start_writing {
            defer.defer(Box::pin(write_all(env.clone(), self.0.clone())));
        }
        match done.await {
            Ok(outcome) => outcome.map_err(ApiError::internal),
            Err(_) => Err(ApiError::internal("the summary write was dropped")),
        }
    }
}

/// Writes what is waiting until nothing is.
async fn write_all(env: Env, queue: Rc<RefCell<Queue>>) {
    loop {
        let (new, waiters) = {
            let mut queue = queue.borrow_mut();
            let Some(new) = queue.waiting.take() else {
                queue.writing = false;
                return;
            };
            (new, std::mem::take(&mut queue.waiters))
        };
        let written = async { conversations::record_messages(&store::db(&env)?, &new).await }.await;
        if let Err(e) = &written {
            // The waiters get the public error; the cause is only here.
            worker::console_error!("conversation summary not written: {e:?}");
        }
        let outcome = written.as_ref().map(drop).map_err(ToString::to_string);
        for waiter in waiters {
            let _ = waiter.send(outcome.clone());
        }
        if let Ok(Some(row)) = written {
            announce(&env, &new.workspace_id, row).await;
        }
    }
}

/// Tells the agents' feed the conversation changed (last message, unread count).
pub async fn announce_to_inbox(env: &Env, workspace_id: &str, conversation_id: &str) {
    let found =
        async { conversations::find(&store::db(env)?, workspace_id, conversation_id).await };
    match found.await {
        Ok(Some(row)) => announce(env, workspace_id, row).await,
        Ok(None) => {}
        Err(e) => worker::console_warn!("inbox announcement failed: {e}"),
    }
}

/// Sends the agents' feed the conversation as `row` has it.
async fn announce(env: &Env, workspace_id: &str, row: ConversationRow) {
    let updated = ServerEvent::ConversationUpdated(row.into_conversation());
    if let Err(e) = object_client::publish_to_inbox(env, workspace_id, &updated).await {
        worker::console_warn!("inbox announcement failed: {e}");
    }
}
