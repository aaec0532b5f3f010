//! The webhook events of the room's messages, stored in the same write as each message and
//! removed once the workspace's dispatcher has them: a crash between the two leaves the
//! event here, and the room hands it over again (after its next message, or from its alarm).
//! The dispatcher drops an event it already has (by its key), so handing over twice delivers
//! once.

use super::message_log::Sql;
use crate::error::{ApiError, ApiResult};
use crate::object_client::{self, DispatcherCommand, Emitted};
use parley_shared_types::message::{Message, SenderType};
use parley_shared_types::webhook::WebhookEvent;
use serde::Deserialize;
use std::cell::Cell;
use std::rc::Rc;
use worker::Env;

const SCHEMA: &str = "CREATE TABLE IF NOT EXISTS webhook_outbox (
    seq          INTEGER PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    event        TEXT NOT NULL,
    data         TEXT NOT NULL
)";

/// How many events one pass hands over before looking again.
const PASS: u32 = 50;

/// The event a new message is announced as.
pub fn event_of(message: &Message) -> WebhookEvent {
    match message.sender_type {
        SenderType::Visitor => WebhookEvent::MessageReceived,
        SenderType::Agent => WebhookEvent::MessageSent,
        SenderType::Ai => WebhookEvent::BotMessage,
    }
}

#[derive(Debug, Deserialize)]
struct Waiting {
    seq: u64,
    workspace_id: String,
    event: String,
    data: String,
}

#[derive(Clone)]
pub struct WebhookOutbox<S> {
    sql: S,
    /// A hand-over is under way; it takes what is added meanwhile.
    handing_over: Rc<Cell<bool>>,
}

impl<S: Sql + Clone + 'static> WebhookOutbox<S> {
    pub fn open(sql: S) -> Self {
        sql.create(SCHEMA);
        WebhookOutbox {
            sql,
            handing_over: Rc::default(),
        }
    }

    /// Keeps `message`'s event until it is handed over. Call it in the event that stores the
    /// message, with no await between, so the two are written together.
    pub fn add(&self, workspace_id: &str, message: &Message) -> ApiResult<()> {
        let data = serde_json::to_string(message).map_err(ApiError::internal)?;
        self.sql.rows::<serde_json::Value>(
            "INSERT OR IGNORE INTO webhook_outbox (seq, workspace_id, event, data) VALUES (?, ?, ?, ?)",
            vec![
                (message.seq as i64).into(),
                workspace_id.into(),
                event_of(message).name().into(),
                data.into(),
            ],
        )?;
        Ok(())
    }

    fn waiting(&self) -> ApiResult<Vec<Waiting>> {
        self.sql.rows(
            "SELECT seq, workspace_id, event, data FROM webhook_outbox ORDER BY seq LIMIT ?",
            vec![i64::from(PASS).into()],
        )
    }

    /// Removes the events up to `seq`, which the dispatcher has.
    fn remove_through(&self, seq: u64) -> ApiResult<()> {
        self.sql.rows::<serde_json::Value>(
            "DELETE FROM webhook_outbox WHERE seq <= ?",
            vec![(seq as i64).into()],
        )?;
        Ok(())
    }

    pub fn is_empty(&self) -> ApiResult<bool> {
        Ok(self.waiting()?.is_empty())
    }

    /// Whether this call started a hand-over (none was running): run the future it gives.
    pub fn start_hand_over(&self, env: &Env) -> Option<impl Future<Output = ()> + 'static> {
        if self.handing_over.replace(true) {
            return None;
        }
        let (outbox, env) = (self.clone(), env.clone());
        Some(async move {
            if let Err(e) = outbox.hand_over(&env).await {
                worker::console_warn!("webhook events wait for the room's alarm: {e}");
            }
            outbox.handing_over.set(false);
        })
    }

    /// Hands every waiting event to the workspace's dispatcher, oldest first and a pass's
    /// worth per call, until none wait or the dispatcher cannot be reached.
    async fn hand_over(&self, env: &Env) -> ApiResult<()> {
        loop {
            let waiting = self.waiting()?;
            let Some(workspace_id) = waiting.first().map(|w| w.workspace_id.clone()) else {
                return Ok(());
            };
            let batch: Vec<Waiting> = waiting
                .into_iter()
                .take_while(|w| w.workspace_id == workspace_id)
                .collect();
            let through = batch.last().map_or(0, |w| w.seq);
            let events = batch
                .into_iter()
                .map(emitted)
                .collect::<ApiResult<Vec<_>>>()?;
            let command = DispatcherCommand::Emit {
                workspace_id: workspace_id.clone(),
                events,
            };
            let dispatcher = object_client::webhook_dispatcher(env, &workspace_id)?;
            object_client::call::<_, ()>(&dispatcher, &command).await?;
            self.remove_through(through)?;
        }
    }
}

/// A waiting event as the dispatcher takes it, keyed by its message so that handing it over
/// twice delivers it once.
fn emitted(waiting: Waiting) -> ApiResult<Emitted> {
    let data: serde_json::Value =
        serde_json::from_str(&waiting.data).map_err(ApiError::internal)?;
    let event: WebhookEvent =
        serde_json::from_value(waiting.event.as_str().into()).map_err(ApiError::internal)?;
    let key = format!(
        "{}:{}",
        waiting.event,
        data["id"].as_str().unwrap_or_default()
    );
    Ok(Emitted {
        event,
        data,
        key: Some(key),
    })
}

#[cfg(test)]
mod tests {
    use super::super::native_sql::Native;
    use super::*;

    fn message(seq: u64, sender_type: SenderType) -> Message {
        Message {
            id: format!("m-{seq}"),
            conversation_id: "c-1".into(),
            seq,
            content: "hello".into(),
            sender_type,
            sender_id: "p-1".into(),
            is_read: false,
            created_at: "2026-12-06T00:00:00Z".into(),
            sources: Vec::new(),
            private: false,
            attachments: Vec::new(),
        }
    }

    #[test]
    fn keeps_each_messages_event_once_until_removed() {
        let outbox = WebhookOutbox::open(Native::in_memory());
        outbox.add("w-1", &message(1, SenderType::Visitor)).unwrap();
        outbox.add("w-1", &message(2, SenderType::Ai)).unwrap();
        outbox.add("w-1", &message(2, SenderType::Ai)).unwrap();
        let waiting = outbox.waiting().unwrap();
        let events: Vec<_> = waiting.iter().map(|w| (w.seq, w.event.as_str())).collect();
        assert_eq!(events, [(1, "message.received"), (2, "bot.message")]);
        outbox.remove_through(1).unwrap();
        assert_eq!(outbox.waiting().unwrap()[0].seq, 2);
        outbox.remove_through(2).unwrap();
        assert!(outbox.is_empty().unwrap());
    }
}
