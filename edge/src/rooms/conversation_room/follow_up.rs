//! The visitor's request for replies by email, over the room's SQLite: where to send them,
//! how far they were emailed, and whether an email is owed (and from when). The room owes one
//! when the team writes while the visitor has no socket open, and pays it from its alarm a
//! little later, so a burst of replies makes one email.

use super::message_log::Sql;
use crate::error::ApiResult;
use crate::object_client::FollowUpTo as Subscription;
use serde::Deserialize;

const SCHEMA: &str = "CREATE TABLE IF NOT EXISTS follow_up (
    one             INTEGER PRIMARY KEY CHECK (one = 1),
    workspace_id    TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    visitor_id      TEXT NOT NULL,
    email           TEXT NOT NULL,
    page_url        TEXT NOT NULL,
    edge_url        TEXT NOT NULL,
    title           TEXT NOT NULL,
    emailed_through INTEGER NOT NULL,
    due_at          INTEGER,
    unsubscribed    INTEGER NOT NULL DEFAULT 0
)";

/// An email owed: to whom, and the `seq` after which the team's messages are news to them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owed {
    pub to: Subscription,
    pub emailed_through: u64,
}

/// The table's row (numbers arrive as JS numbers: no `serde(flatten)`, which cannot read them
/// as integers).
#[derive(Deserialize)]
struct OwedRow {
    workspace_id: String,
    conversation_id: String,
    visitor_id: String,
    email: String,
    page_url: String,
    edge_url: String,
    title: String,
    emailed_through: u64,
}

pub struct FollowUps<S> {
    sql: S,
}

impl<S: Sql> FollowUps<S> {
    pub fn open(sql: S) -> Self {
        sql.create(SCHEMA);
        FollowUps { sql }
    }

    /// Emails go to `subscription` for what is written after `seq` (the visitor saw the rest).
    /// A new address replaces the old and undoes an unsubscribe: the visitor asked again.
    pub fn subscribe(&self, subscription: &Subscription, seq: u64) -> ApiResult<()> {
        self.sql.rows::<serde_json::Value>(
            "INSERT OR REPLACE INTO follow_up (one, workspace_id, conversation_id, visitor_id, email, page_url, edge_url, title, emailed_through, due_at, unsubscribed)
             VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 0)",
            vec![
                subscription.workspace_id.as_str().into(),
                subscription.conversation_id.as_str().into(),
                subscription.visitor_id.as_str().into(),
                subscription.email.as_str().into(),
                subscription.page_url.as_str().into(),
                subscription.edge_url.as_str().into(),
                subscription.title.as_str().into(),
                (seq as i64).into(),
            ],
        )?;
        Ok(())
    }

    /// No more emails, whatever is owed.
    pub fn unsubscribe(&self) -> ApiResult<()> {
        self.sql.rows::<serde_json::Value>(
            "UPDATE follow_up SET unsubscribed = 1, due_at = NULL",
            Vec::new(),
        )?;
        Ok(())
    }

    /// The team wrote while the visitor was away: an email is owed from `due_at` on, unless one
    /// already is (the first reply of a burst sets when). Answers when it is due, if it is.
    pub fn owe(&self, due_at: i64) -> ApiResult<Option<i64>> {
        self.sql.rows::<serde_json::Value>(
            "UPDATE follow_up SET due_at = ? WHERE unsubscribed = 0 AND due_at IS NULL",
            vec![due_at.into()],
        )?;
        self.due_at()
    }

    /// When the owed email is due, if one is.
    pub fn due_at(&self) -> ApiResult<Option<i64>> {
        #[derive(Deserialize)]
        struct Due {
            due_at: i64,
        }
        let due: Vec<Due> = self.sql.rows(
            "SELECT due_at FROM follow_up WHERE unsubscribed = 0 AND due_at IS NOT NULL",
            Vec::new(),
        )?;
        Ok(due.first().map(|d| d.due_at))
    }

    /// The email owed by `now`, if any.
    pub fn due(&self, now: i64) -> ApiResult<Option<Owed>> {
        let owed: Vec<OwedRow> = self.sql.rows(
            "SELECT workspace_id, conversation_id, visitor_id, email, page_url, edge_url, title, emailed_through
             FROM follow_up WHERE unsubscribed = 0 AND due_at IS NOT NULL AND due_at <= ?",
            vec![now.into()],
        )?;
        Ok(owed.into_iter().next().map(|row| Owed {
            to: Subscription {
                workspace_id: row.workspace_id,
                conversation_id: row.conversation_id,
                visitor_id: row.visitor_id,
                email: row.email,
                page_url: row.page_url,
                edge_url: row.edge_url,
                title: row.title,
            },
            emailed_through: row.emailed_through,
        }))
    }

    /// Emailed up to `seq` (or nothing was news): nothing is owed.
    pub fn paid(&self, seq: u64) -> ApiResult<()> {
        self.sql.rows::<serde_json::Value>(
            "UPDATE follow_up SET due_at = NULL, emailed_through = MAX(emailed_through, ?)",
            vec![(seq as i64).into()],
        )?;
        Ok(())
    }

    /// The email could not be sent: it is tried again from `due_at`.
    pub fn postpone(&self, due_at: i64) -> ApiResult<()> {
        self.sql.rows::<serde_json::Value>(
            "UPDATE follow_up SET due_at = ? WHERE due_at IS NOT NULL",
            vec![due_at.into()],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::native_sql::Native;
    use super::*;

    fn subscription(email: &str) -> Subscription {
        Subscription {
            workspace_id: "w-1".into(),
            conversation_id: "c-1".into(),
            visitor_id: "v-1".into(),
            email: email.into(),
            page_url: "https://shop.example/help".into(),
            edge_url: "https://chat.example".into(),
            title: "Acme".into(),
        }
    }

    #[test]
    fn nothing_is_owed_to_nobody() {
        let follow_ups = FollowUps::open(Native::in_memory());
        assert_eq!(follow_ups.owe(1_000).unwrap(), None);
        assert_eq!(follow_ups.due(5_000).unwrap(), None);
    }

    #[test]
    fn a_burst_of_replies_owes_one_email_from_the_first() {
        let follow_ups = FollowUps::open(Native::in_memory());
        follow_ups
            .subscribe(&subscription("ana@example.com"), 3)
            .unwrap();
        assert_eq!(follow_ups.owe(1_000).unwrap(), Some(1_000));
        assert_eq!(
            follow_ups.owe(2_000).unwrap(),
            Some(1_000),
            "the first reply sets when"
        );
        assert_eq!(follow_ups.due(999).unwrap(), None);
        let owed = follow_ups.due(1_000).unwrap().unwrap();
        assert_eq!(
            (owed.to.email.as_str(), owed.emailed_through),
            ("ana@example.com", 3)
        );
        follow_ups.paid(7).unwrap();
        assert_eq!(follow_ups.due(9_000).unwrap(), None);
        assert_eq!(follow_ups.owe(9_000).unwrap(), Some(9_000));
        assert_eq!(follow_ups.due(9_000).unwrap().unwrap().emailed_through, 7);
    }

    #[test]
    fn an_unsubscribed_visitor_is_owed_nothing_until_they_ask_again() {
        let follow_ups = FollowUps::open(Native::in_memory());
        follow_ups
            .subscribe(&subscription("ana@example.com"), 0)
            .unwrap();
        follow_ups.owe(1_000).unwrap();
        follow_ups.unsubscribe().unwrap();
        assert_eq!(follow_ups.due(5_000).unwrap(), None);
        assert_eq!(follow_ups.owe(6_000).unwrap(), None);
        follow_ups
            .subscribe(&subscription("ana@work.example"), 4)
            .unwrap();
        assert_eq!(follow_ups.owe(7_000).unwrap(), Some(7_000));
        assert_eq!(
            follow_ups.due(7_000).unwrap().unwrap().to.email,
            "ana@work.example"
        );
    }

    #[test]
    fn a_failed_email_is_tried_again_later() {
        let follow_ups = FollowUps::open(Native::in_memory());
        follow_ups
            .subscribe(&subscription("ana@example.com"), 0)
            .unwrap();
        follow_ups.owe(1_000).unwrap();
        follow_ups.postpone(61_000).unwrap();
        assert_eq!(follow_ups.due(60_000).unwrap(), None);
        assert!(follow_ups.due(61_000).unwrap().is_some());
    }
}
