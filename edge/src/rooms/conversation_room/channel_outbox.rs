//! A channel conversation's replies on their way to the platform user. The room learns its
//! channel link from the first inbound message; each later reply of the team or the bot is
//! stored here in the same write as the message, and the room's alarm delivers it: retried
//! with backoff while the platform may take it later, and marked failed in the conversation
//! (a private note agents see) once it never will. Nothing is dropped silently.

use super::message_log::Sql;
use crate::error::{ApiError, ApiResult};
use crate::object_client::ChannelLink;
use parley_shared_types::message::{Message, SenderType};
use serde::Deserialize;
use std::cell::RefCell;

const LINK_SCHEMA: &str = "CREATE TABLE IF NOT EXISTS channel_link (
    only INTEGER PRIMARY KEY CHECK (only = 1),
    link TEXT NOT NULL
)";
const OUTBOX_SCHEMA: &str = "CREATE TABLE IF NOT EXISTS channel_outbox (
    seq      INTEGER PRIMARY KEY,
    message  TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    due_ms   INTEGER NOT NULL
)";

/// Attempts at one reply before it is marked failed.
pub const MAX_ATTEMPTS: u32 = 6;
/// The first retry's wait, doubling per attempt (`CHANNEL_RETRY_BASE_MS` overrides it).
pub const DEFAULT_RETRY_BASE_MS: u64 = 2_000;

/// How long to wait after `attempts` failed attempts: the platform's own word when it gave
/// one, else doubling from `base_ms`; `None` once [`MAX_ATTEMPTS`] are spent.
pub fn retry_after_ms(base_ms: u64, attempts: u32, said_ms: Option<u64>) -> Option<u64> {
    (attempts < MAX_ATTEMPTS)
        .then(|| said_ms.unwrap_or_else(|| base_ms.saturating_mul(1 << attempts.saturating_sub(1))))
}

/// Whether a stored message goes out to the platform: what the team or the bot says there,
/// never a private note nor the platform user's own message.
pub fn goes_out(message: &Message) -> bool {
    !message.private && message.sender_type != SenderType::Visitor
}

#[derive(Debug, Deserialize)]
pub struct Waiting {
    pub seq: u64,
    message: String,
    pub attempts: u32,
}

impl Waiting {
    pub fn message(&self) -> ApiResult<Message> {
        serde_json::from_str(&self.message).map_err(ApiError::internal)
    }
}

#[derive(Deserialize)]
struct StoredLink {
    link: String,
}

#[derive(Deserialize)]
struct Due {
    due_ms: Option<i64>,
}

pub struct ChannelOutbox<S> {
    sql: S,
    /// The link as stored, read on first use.
    link: RefCell<Option<Option<ChannelLink>>>,
}

impl<S: Sql> ChannelOutbox<S> {
    pub fn open(sql: S) -> Self {
        sql.create(LINK_SCHEMA);
        sql.create(OUTBOX_SCHEMA);
        ChannelOutbox {
            sql,
            link: RefCell::new(None),
        }
    }

    /// Where replies go from now on.
    pub fn set_link(&self, link: ChannelLink) -> ApiResult<()> {
        let json = serde_json::to_string(&link).map_err(ApiError::internal)?;
        self.sql.rows::<serde_json::Value>(
            "INSERT INTO channel_link (only, link) VALUES (1, ?)
             ON CONFLICT (only) DO UPDATE SET link = excluded.link",
            vec![json.into()],
        )?;
        self.link.replace(Some(Some(link)));
        Ok(())
    }

    /// The conversation's channel link; none for a widget conversation.
    pub fn link(&self) -> ApiResult<Option<ChannelLink>> {
        if let Some(link) = &*self.link.borrow() {
            return Ok(link.clone());
        }
        let stored = self
            .sql
            .rows::<StoredLink>("SELECT link FROM channel_link WHERE only = 1", Vec::new())?;
        let link = match stored.first() {
            Some(stored) => Some(serde_json::from_str(&stored.link).map_err(ApiError::internal)?),
            None => None,
        };
        self.link.replace(Some(link.clone()));
        Ok(link)
    }

    /// Keeps `message` for delivery if it goes out and the conversation has a channel; true
    /// when it was kept. Call it in the event that stores the message, with no await between.
    pub fn add(&self, message: &Message, now_ms: i64) -> ApiResult<bool> {
        if !goes_out(message) || self.link()?.is_none() {
            return Ok(false);
        }
        let json = serde_json::to_string(message).map_err(ApiError::internal)?;
        self.sql.rows::<serde_json::Value>(
            "INSERT OR IGNORE INTO channel_outbox (seq, message, due_ms) VALUES (?, ?, ?)",
            vec![(message.seq as i64).into(), json.into(), now_ms.into()],
        )?;
        Ok(true)
    }

    /// The replies due by `now_ms`, oldest first: one at a time keeps them in order.
    pub fn due(&self, now_ms: i64) -> ApiResult<Option<Waiting>> {
        let mut due = self.sql.rows::<Waiting>(
            "SELECT seq, message, attempts FROM channel_outbox WHERE due_ms <= ? ORDER BY seq LIMIT 1",
            vec![now_ms.into()],
        )?;
        Ok(due.pop())
    }

    /// When the earliest reply waiting is due; none when none waits.
    pub fn next_due_ms(&self) -> ApiResult<Option<i64>> {
        let due = self.sql.rows::<Due>(
            "SELECT MIN(due_ms) AS due_ms FROM channel_outbox",
            Vec::new(),
        )?;
        Ok(due.first().and_then(|due| due.due_ms))
    }

    /// Tries the reply again at `due_ms`, after `attempts` attempts. Later replies wait for
    /// it: a conversation read out of order is worse than a late one.
    pub fn retry(&self, seq: u64, attempts: u32, due_ms: i64) -> ApiResult<()> {
        self.sql.rows::<serde_json::Value>(
            "UPDATE channel_outbox SET attempts = ?, due_ms = MAX(due_ms, ?) WHERE seq >= ?",
            vec![
                i64::from(attempts).into(),
                due_ms.into(),
                (seq as i64).into(),
            ],
        )?;
        self.sql.rows::<serde_json::Value>(
            "UPDATE channel_outbox SET attempts = 0 WHERE seq > ?",
            vec![(seq as i64).into()],
        )?;
        Ok(())
    }

    pub fn remove(&self, seq: u64) -> ApiResult<()> {
        self.sql.rows::<serde_json::Value>(
            "DELETE FROM channel_outbox WHERE seq = ?",
            vec![(seq as i64).into()],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::native_sql::Native;
    use super::*;

    fn message(seq: u64, sender_type: SenderType, private: bool) -> Message {
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
            private,
            attachments: Vec::new(),
        }
    }

    fn link() -> ChannelLink {
        ChannelLink {
            workspace_id: "w-1".into(),
            channel_id: "ch-1".into(),
            external_id: "42".into(),
        }
    }

    #[test]
    fn a_widget_conversation_keeps_nothing() {
        let outbox = ChannelOutbox::open(Native::in_memory());
        assert!(
            !outbox
                .add(&message(1, SenderType::Agent, false), 0)
                .unwrap()
        );
        assert_eq!(outbox.next_due_ms().unwrap(), None);
    }

    #[test]
    fn only_the_teams_and_the_bots_public_replies_go_out() {
        let outbox = ChannelOutbox::open(Native::in_memory());
        outbox.set_link(link()).unwrap();
        assert!(
            !outbox
                .add(&message(1, SenderType::Visitor, false), 0)
                .unwrap()
        );
        assert!(!outbox.add(&message(2, SenderType::Agent, true), 0).unwrap());
        assert!(outbox.add(&message(3, SenderType::Ai, false), 10).unwrap());
        assert!(
            outbox
                .add(&message(4, SenderType::Agent, false), 20)
                .unwrap()
        );
        assert_eq!(outbox.due(15).unwrap().map(|w| w.seq), Some(3));
        assert_eq!(outbox.next_due_ms().unwrap(), Some(10));
    }

    #[test]
    fn a_retried_reply_holds_back_the_later_ones() {
        let outbox = ChannelOutbox::open(Native::in_memory());
        outbox.set_link(link()).unwrap();
        outbox
            .add(&message(1, SenderType::Agent, false), 0)
            .unwrap();
        outbox
            .add(&message(2, SenderType::Agent, false), 0)
            .unwrap();
        outbox.retry(1, 1, 500).unwrap();
        assert!(outbox.due(100).unwrap().is_none());
        let first = outbox.due(500).unwrap().unwrap();
        assert_eq!((first.seq, first.attempts), (1, 1));
        outbox.remove(1).unwrap();
        let second = outbox.due(500).unwrap().unwrap();
        assert_eq!((second.seq, second.attempts), (2, 0));
        assert_eq!(second.message().unwrap().id, "m-2");
    }

    #[test]
    fn retries_double_until_the_attempts_are_spent() {
        assert_eq!(retry_after_ms(100, 1, None), Some(100));
        assert_eq!(retry_after_ms(100, 3, None), Some(400));
        assert_eq!(retry_after_ms(100, 2, Some(3000)), Some(3000));
        assert_eq!(retry_after_ms(100, MAX_ATTEMPTS, None), None);
    }

    #[test]
    fn the_link_survives_a_new_object() {
        let sql = Native::in_memory();
        ChannelOutbox::open(sql.clone()).set_link(link()).unwrap();
        assert_eq!(ChannelOutbox::open(sql).link().unwrap(), Some(link()));
    }
}
