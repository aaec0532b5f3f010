//! The webhook events of the room's messages: each message the visitor sees (not a private
//! note) raises one, handed to the workspace's dispatcher after the message is stored. The
//! events are read back from the log, so the message's write is its event's; the room keeps
//! only how far the dispatcher has them (`webhook_mark`), moved once it answered. A crash
//! before that leaves the mark behind, and the room hands over again (after its next
//! message, or from its alarm). The dispatcher drops an event it already has (by its key),
//! so handing over twice delivers once.

use super::message_log::{MessageLog, Sql};
use crate::error::{ApiError, ApiResult};
use crate::object_client::{self, DispatcherCommand, Emitted};
use parley_shared_types::message::{Message, SenderType};
use parley_shared_types::webhook::WebhookEvent;
use serde::Deserialize;
use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;
use worker::{Delay, Env};

const SCHEMA: &str = "CREATE TABLE IF NOT EXISTS webhook_mark (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    workspace_id    TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    through         INTEGER NOT NULL
)";
/// Where rooms kept a copy of each event before the mark: the events still there are the
/// ones after its oldest, which the mark then starts before.
const EARLIER_OUTBOX: &str = "webhook_outbox";

/// How many events one pass hands over before looking again.
const PASS: u32 = 50;
/// How long a hand-over waits for more events before it starts: a burst's messages then
/// travel in one call, not one each. Webhooks are delivered after the fact anyway.
const GATHER: Duration = Duration::from_millis(100);

/// The event a new message is announced as.
pub fn event_of(message: &Message) -> WebhookEvent {
    match message.sender_type {
        SenderType::Visitor => WebhookEvent::MessageReceived,
        SenderType::Agent => WebhookEvent::MessageSent,
        SenderType::Ai => WebhookEvent::BotMessage,
    }
}

/// How far the dispatcher has the events of which conversation.
#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Mark {
    workspace_id: String,
    conversation_id: String,
    through: u64,
}

#[derive(Clone)]
pub struct WebhookOutbox<S> {
    sql: S,
    /// The mark is known to exist.
    marked: Rc<Cell<bool>>,
    /// A hand-over is under way; it takes what is stored meanwhile.
    handing_over: Rc<Cell<bool>>,
}

impl<S: Sql + Clone + 'static> WebhookOutbox<S> {
    pub fn open(sql: S) -> Self {
        sql.create(SCHEMA);
        WebhookOutbox {
            sql,
            marked: Rc::default(),
            handing_over: Rc::default(),
        }
    }

    /// Notes that `seq`, a message the visitor sees, was stored: the first one the room
    /// stores sets the mark just before it (or before the events an earlier version left
    /// waiting). Call it in the event that stores the message, with no await between.
    pub fn note(&self, workspace_id: &str, conversation_id: &str, seq: u64) -> ApiResult<()> {
        if self.marked.get() {
            return Ok(());
        }
        if self.mark()?.is_none() {
            let through = self.earlier_waiting_from().unwrap_or(seq).saturating_sub(1);
            self.sql.rows::<serde_json::Value>(
                "INSERT INTO webhook_mark (id, workspace_id, conversation_id, through) VALUES (1, ?, ?, ?)",
                vec![
                    workspace_id.into(),
                    conversation_id.into(),
                    (through as i64).into(),
                ],
            )?;
            self.sql.rows::<serde_json::Value>(
                &format!("DROP TABLE IF EXISTS {EARLIER_OUTBOX}"),
                Vec::new(),
            )?;
        }
        self.marked.set(true);
        Ok(())
    }

    /// Forgets that the mark exists, for storage erased behind the outbox.
    pub fn forget(&self) {
        self.marked.set(false);
    }

    /// The oldest event an earlier version of the room left in its own table, if any (a room
    /// made since has no such table, and the read fails harmlessly).
    fn earlier_waiting_from(&self) -> Option<u64> {
        #[derive(Deserialize)]
        struct Oldest {
            seq: Option<u64>,
        }
        self.sql
            .rows::<Oldest>(
                &format!("SELECT MIN(seq) AS seq FROM {EARLIER_OUTBOX}"),
                Vec::new(),
            )
            .ok()?
            .into_iter()
            .next()?
            .seq
    }

    fn mark(&self) -> ApiResult<Option<Mark>> {
        let marks: Vec<Mark> = self.sql.rows(
            "SELECT workspace_id, conversation_id, through FROM webhook_mark WHERE id = 1",
            Vec::new(),
        )?;
        Ok(marks.into_iter().next())
    }

    /// The dispatcher has every event up to `seq`.
    fn advance(&self, seq: u64) -> ApiResult<()> {
        self.sql.rows::<serde_json::Value>(
            "UPDATE webhook_mark SET through = ? WHERE id = 1 AND through < ?",
            vec![(seq as i64).into(), (seq as i64).into()],
        )?;
        Ok(())
    }

    /// The next pass's events (their messages, oldest first) and the mark they follow.
    fn waiting(&self, log: &MessageLog<S>, limit: u32) -> ApiResult<Option<(Mark, Vec<Message>)>> {
        let Some(mark) = self.mark()? else {
            return Ok(None);
        };
        let messages = log.after(&mark.conversation_id, mark.through, limit, false)?;
        Ok((!messages.is_empty()).then_some((mark, messages)))
    }

    pub fn is_empty(&self, log: &MessageLog<S>) -> ApiResult<bool> {
        Ok(self.waiting(log, 1)?.is_none())
    }

    /// Whether this call started a hand-over (none was running): run the future it gives.
    pub fn start_hand_over(
        &self,
        env: &Env,
        log: &Rc<MessageLog<S>>,
    ) -> Option<impl Future<Output = ()> + 'static> {
        if self.handing_over.replace(true) {
            return None;
        }
        let (outbox, env, log) = (self.clone(), env.clone(), log.clone());
        Some(async move {
            Delay::from(GATHER).await;
            if let Err(e) = outbox.hand_over(&env, &log).await {
                worker::console_warn!("webhook events wait for the room's alarm: {e}");
            }
            outbox.handing_over.set(false);
        })
    }

    /// Hands every waiting event to the workspace's dispatcher, oldest first and a pass's
    /// worth per call, until none wait or the dispatcher cannot be reached.
    async fn hand_over(&self, env: &Env, log: &MessageLog<S>) -> ApiResult<()> {
        while let Some((mark, messages)) = self.waiting(log, PASS)? {
            let through = messages.last().map_or(mark.through, |m| m.seq);
            let events = messages
                .into_iter()
                .map(emitted)
                .collect::<ApiResult<Vec<_>>>()?;
            let command = DispatcherCommand::Emit {
                workspace_id: mark.workspace_id.clone(),
                events,
            };
            let dispatcher = object_client::webhook_dispatcher(env, &mark.workspace_id)?;
            object_client::call::<_, ()>(&dispatcher, &command).await?;
            self.advance(through)?;
        }
        Ok(())
    }
}

/// A message's event as the dispatcher takes it, keyed by the message so that handing it over
/// twice delivers it once.
fn emitted(message: Message) -> ApiResult<Emitted> {
    let event = event_of(&message);
    let key = format!("{}:{}", event.name(), message.id);
    let data = serde_json::to_value(&message).map_err(ApiError::internal)?;
    Ok(Emitted {
        event,
        data,
        key: Some(key),
    })
}

#[cfg(test)]
mod tests {
    use super::super::message_log::{NewMessage, Prepared};
    use super::super::native_sql::Native;
    use super::*;
    use parley_shared_types::message::Sender;

    const NOW: &str = "2026-12-06T00:00:00Z";

    fn store(
        log: &MessageLog<Native>,
        outbox: &WebhookOutbox<Native>,
        by: SenderType,
        private: bool,
    ) -> u64 {
        let new = NewMessage {
            id: None,
            sender: Sender {
                sender_type: by,
                sender_id: "p-1".into(),
            },
            content: "hello".into(),
            client_message_id: None,
            sources: Vec::new(),
            private,
            attachments: Vec::new(),
        };
        let Prepared::New(pending) = log.prepare("c-1", new, NOW).unwrap() else {
            panic!("a new message");
        };
        let seq = log.commit(pending, None).unwrap().message.seq;
        if !private {
            outbox.note("w-1", "c-1", seq).unwrap();
        }
        seq
    }

    fn events(
        outbox: &WebhookOutbox<Native>,
        log: &MessageLog<Native>,
    ) -> Vec<(u64, &'static str)> {
        let Some((_, messages)) = outbox.waiting(log, PASS).unwrap() else {
            return Vec::new();
        };
        messages
            .into_iter()
            .map(|m| (m.seq, event_of(&m).name()))
            .collect()
    }

    #[test]
    fn each_message_the_visitor_sees_waits_as_an_event_until_the_mark_passes_it() {
        let sql = Native::in_memory();
        let (log, outbox) = (MessageLog::open(sql.clone()), WebhookOutbox::open(sql));
        assert!(outbox.is_empty(&log).unwrap(), "no mark before a message");
        store(&log, &outbox, SenderType::Visitor, false);
        store(&log, &outbox, SenderType::Agent, true);
        store(&log, &outbox, SenderType::Ai, false);
        assert_eq!(
            events(&outbox, &log),
            [(1, "message.received"), (3, "bot.message")],
            "a private note raises none"
        );
        outbox.advance(1).unwrap();
        assert_eq!(events(&outbox, &log), [(3, "bot.message")]);
        outbox.advance(3).unwrap();
        outbox.advance(1).unwrap();
        assert!(outbox.is_empty(&log).unwrap(), "the mark never goes back");
        store(&log, &outbox, SenderType::Agent, false);
        assert_eq!(events(&outbox, &log), [(4, "message.sent")]);
    }

    #[test]
    fn events_an_earlier_version_left_waiting_are_handed_over_first() {
        let sql = Native::in_memory();
        let log = MessageLog::open(sql.clone());
        sql.rows::<serde_json::Value>(
            "CREATE TABLE webhook_outbox (seq INTEGER PRIMARY KEY, workspace_id TEXT, event TEXT, data TEXT)",
            Vec::new(),
        )
        .unwrap();
        let outbox = WebhookOutbox::open(sql.clone());
        for _ in 0..3 {
            store(
                &log,
                &WebhookOutbox::open(Native::in_memory()),
                SenderType::Visitor,
                false,
            );
        }
        sql.rows::<serde_json::Value>(
            "INSERT INTO webhook_outbox VALUES (2, 'w-1', 'message.received', '{}'), (3, 'w-1', 'message.received', '{}')",
            Vec::new(),
        )
        .unwrap();
        store(&log, &outbox, SenderType::Visitor, false);
        assert_eq!(
            events(&outbox, &log)
                .iter()
                .map(|e| e.0)
                .collect::<Vec<_>>(),
            [2, 3, 4]
        );
        assert!(outbox.earlier_waiting_from().is_none(), "its table is gone");
    }
}
