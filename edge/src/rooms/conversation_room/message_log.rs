//! A conversation's message log and its bot-turn queue, over the room's SQLite. No I/O but
//! SQL, and no awaits: every method's writes land together (an object's storage commits the
//! writes made between two awaits as one), and the tests run it on a real SQLite natively.

use crate::error::{ApiError, ApiResult};
use crate::object_client::Outcome;
use parley_shared_types::attachment::Attachment;
use parley_shared_types::bot::Source;
use parley_shared_types::message::{Message, Sender, SenderType};
use parley_shared_types::page::{Page, PageRequest};
use parley_shared_types::problem::ErrorCode;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use std::cell::Cell;
use worker::{SqlStorage, SqlStorageValue};

const SCHEMA: [&str; 3] = [
    "CREATE TABLE IF NOT EXISTS messages (
        seq               INTEGER PRIMARY KEY AUTOINCREMENT,
        id                TEXT NOT NULL UNIQUE,
        client_message_id TEXT UNIQUE,
        content           TEXT NOT NULL,
        sender_type       TEXT NOT NULL,
        sender_id         TEXT NOT NULL,
        is_read           INTEGER NOT NULL DEFAULT 0,
        created_at        TEXT NOT NULL,
        sources           TEXT NOT NULL DEFAULT '[]',
        private           INTEGER NOT NULL DEFAULT 0,
        attachments       TEXT NOT NULL DEFAULT '[]'
    )",
    // Visitor messages the bot has still to answer, oldest first.
    "CREATE TABLE IF NOT EXISTS bot_turns (
        seq             INTEGER PRIMARY KEY,
        bot_id          TEXT NOT NULL,
        workspace_id    TEXT NOT NULL,
        conversation_id TEXT NOT NULL
    )",
    // Present once people have taken over from the bot.
    "CREATE TABLE IF NOT EXISTS handed_off (at TEXT NOT NULL)",
];
/// Columns added since rooms were first made, for rooms made before them (those lack
/// `sources`, `private` or `attachments`); on newer rooms each fails harmlessly.
const ADDED_COLUMNS: [&str; 3] = [
    "ALTER TABLE messages ADD COLUMN sources TEXT NOT NULL DEFAULT '[]'",
    "ALTER TABLE messages ADD COLUMN private INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE messages ADD COLUMN attachments TEXT NOT NULL DEFAULT '[]'",
];

const MESSAGE_COLUMNS: &str =
    "seq, id, content, sender_type, sender_id, is_read, created_at, sources, private, attachments";
/// The rows a read shows: `?` is 1 for the team (private notes too), 0 for the visitor and the
/// bot (never a note).
const SHOWN: &str = "(private = 0 OR ? = 1)";

/// SQL as the log needs it: statements with bound values, rows read into `T`. The room's
/// SQLite storage in the Worker; a native SQLite in tests.
pub trait Sql {
    fn rows<T: DeserializeOwned>(
        &self,
        query: &str,
        values: Vec<SqlStorageValue>,
    ) -> ApiResult<Vec<T>>;

    /// Runs a `CREATE … IF NOT EXISTS`; a failure is logged, and the first statement that
    /// needs the table reports it to its caller.
    fn create(&self, schema: &str) {
        if let Err(e) = self.rows::<serde_json::Value>(schema, Vec::new()) {
            worker::console_error!("ConversationRoom schema: {e}");
        }
    }
}

impl Sql for SqlStorage {
    fn rows<T: DeserializeOwned>(
        &self,
        query: &str,
        values: Vec<SqlStorageValue>,
    ) -> ApiResult<Vec<T>> {
        Ok(self.exec(query, values)?.to_array()?)
    }
}

/// A message to store: the log assigns `seq`, and an id unless one was reserved.
pub struct NewMessage {
    pub id: Option<String>,
    pub sender: Sender,
    pub content: String,
    pub client_message_id: Option<String>,
    pub sources: Vec<Source>,
    /// A private note: the team's only.
    pub private: bool,
    pub attachments: Vec<Attachment>,
}

/// A visitor message the bot has to answer.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct BotTurn {
    pub seq: u64,
    pub bot_id: String,
    pub workspace_id: String,
    pub conversation_id: String,
}

/// What an append did: the message (new, or the one stored earlier under its
/// `clientMessageId`), and whether a bot turn for it is waiting, so the room's alarm must be
/// set (again: a retry may follow an append whose alarm was never set).
#[derive(Debug)]
pub struct Appended {
    pub message: Message,
    pub outcome: Outcome,
    pub turn_waiting: bool,
}

/// What [`MessageLog::prepare`] found.
#[derive(Debug)]
pub enum Prepared {
    /// The message was stored before, under the same `clientMessageId`.
    Existing(Appended),
    /// A new message, not stored yet.
    New(Pending),
}

/// A new message with its `seq`, waiting for [`MessageLog::commit`].
/// Whether a new message adds to the unread count [`MessageLog::unread`] keeps.
fn counts_unread(message: &Message) -> bool {
    message.sender_type == SenderType::Visitor && !message.is_read
}

#[derive(Debug)]
pub struct Pending {
    pub message: Message,
    client_message_id: Option<String>,
}

/// The log over the room's SQLite, with what every append asks of it kept in memory once read
/// (each statement costs the room's isolate more than the rest of an append): the object is
/// the only writer, so the copies stay true until [`forget`](MessageLog::forget).
pub struct MessageLog<S> {
    sql: S,
    last_seq: Cell<Option<u64>>,
    handed_off: Cell<Option<bool>>,
    unread: Cell<Option<u64>>,
}

impl<S: Sql> MessageLog<S> {
    /// Opens the log, creating its tables on first use.
    pub fn open(sql: S) -> Self {
        for statement in SCHEMA {
            sql.create(statement);
        }
        for column in ADDED_COLUMNS {
            let _ = sql.rows::<serde_json::Value>(column, Vec::new());
        }
        MessageLog {
            sql,
            last_seq: Cell::new(None),
            handed_off: Cell::new(None),
            unread: Cell::new(None),
        }
    }

    /// Drops what is kept in memory, for storage changed behind the log (erased).
    pub fn forget(&self) {
        self.last_seq.set(None);
        self.handed_off.set(None);
        self.unread.set(None);
    }

    /// What appending `new` would do, reading only: the message stored earlier under its
    /// `clientMessageId`, or the new message with the next `seq`. Nothing is written, so the
    /// room may send the message out before [`commit`](Self::commit) stores it: sockets are
    /// not held until the write is durable, as they are for anything sent after a write.
    pub fn prepare(
        &self,
        conversation_id: &str,
        new: NewMessage,
        now: &str,
    ) -> ApiResult<Prepared> {
        let client_message_id = new
            .client_message_id
            .as_deref()
            .map(|id| sender_scoped(&new.sender, id));
        if let Some(client_message_id) = &client_message_id
            && let Some(existing) =
                self.select_one("client_message_id = ?", client_message_id.as_str().into())?
        {
            let message = existing.into_message(conversation_id.to_owned())?;
            return Ok(Prepared::Existing(Appended {
                turn_waiting: self.turn_waiting(message.seq)?,
                message,
                outcome: Outcome::Existing,
            }));
        }
        let message = Message {
            id: new.id.unwrap_or_else(crate::ids::new_id),
            conversation_id: conversation_id.to_owned(),
            seq: self.last_seq()? + 1,
            content: new.content,
            sender_type: new.sender.sender_type,
            sender_id: new.sender.sender_id,
            is_read: false,
            created_at: now.to_owned(),
            sources: new.sources,
            private: new.private,
            attachments: new.attachments,
        };
        Ok(Prepared::New(Pending {
            message,
            client_message_id,
        }))
    }

    /// Stores a prepared message, and its bot turn when `bot` answers it. Call it in the same
    /// event as [`prepare`](Self::prepare), with no await between, so no other append comes
    /// between them.
    pub fn commit(&self, pending: Pending, bot: Option<(&str, &str)>) -> ApiResult<Appended> {
        let Pending {
            message,
            client_message_id,
        } = pending;
        let answers = message.sender_type == SenderType::Visitor
            && !message.private
            && !self.is_handed_off()?;
        // The seq is taken whatever follows: a failed insert leaves the log as it was, and
        // the next message is read from the table again.
        self.last_seq.set(None);
        self.sql.rows::<serde_json::Value>(
            "INSERT INTO messages (seq, id, client_message_id, content, sender_type, sender_id, created_at, sources, private, attachments)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            vec![
                (message.seq as i64).into(),
                message.id.as_str().into(),
                client_message_id.into(),
                message.content.as_str().into(),
                message.sender_type.as_str().into(),
                message.sender_id.as_str().into(),
                message.created_at.as_str().into(),
                serde_json::to_string(&message.sources)
                    .map_err(ApiError::internal)?
                    .into(),
                i64::from(message.private).into(),
                serde_json::to_string(&message.attachments)
                    .map_err(ApiError::internal)?
                    .into(),
            ],
        )?;
        self.last_seq.set(Some(message.seq));
        if let Some(unread) = self.unread.get()
            && counts_unread(&message)
        {
            self.unread.set(Some(unread + 1));
        }
        let turn_waiting = match bot.filter(|_| answers) {
            Some((bot_id, workspace_id)) => {
                self.sql.rows::<serde_json::Value>(
                    "INSERT INTO bot_turns (seq, bot_id, workspace_id, conversation_id) VALUES (?, ?, ?, ?)",
                    vec![
                        (message.seq as i64).into(),
                        bot_id.into(),
                        workspace_id.into(),
                        message.conversation_id.as_str().into(),
                    ],
                )?;
                true
            }
            None => false,
        };
        Ok(Appended {
            message,
            outcome: Outcome::Created,
            turn_waiting,
        })
    }

    /// The highest `seq` stored: remembered after the first read, since only this log writes.
    pub fn last_seq(&self) -> ApiResult<u64> {
        if let Some(seq) = self.last_seq.get() {
            return Ok(seq);
        }
        #[derive(Deserialize)]
        struct Last {
            seq: u64,
        }
        let last: Last = self.one(
            "SELECT COALESCE(MAX(seq), 0) AS seq FROM messages",
            Vec::new(),
        )?;
        self.last_seq.set(Some(last.seq));
        Ok(last.seq)
    }

    fn turn_waiting(&self, seq: u64) -> ApiResult<bool> {
        Ok(self.count("bot_turns WHERE seq = ?", vec![(seq as i64).into()])? > 0)
    }

    /// The oldest turn still to answer.
    pub fn next_turn(&self) -> ApiResult<Option<BotTurn>> {
        let turns: Vec<BotTurn> = self.sql.rows(
            "SELECT seq, bot_id, workspace_id, conversation_id FROM bot_turns ORDER BY seq LIMIT 1",
            Vec::new(),
        )?;
        Ok(turns.into_iter().next())
    }

    pub fn finish_turn(&self, seq: u64) -> ApiResult<()> {
        self.sql.rows::<serde_json::Value>(
            "DELETE FROM bot_turns WHERE seq = ?",
            vec![(seq as i64).into()],
        )?;
        Ok(())
    }

    pub fn is_handed_off(&self) -> ApiResult<bool> {
        if let Some(handed_off) = self.handed_off.get() {
            return Ok(handed_off);
        }
        let handed_off = self.count("handed_off", Vec::new())? > 0;
        self.handed_off.set(Some(handed_off));
        Ok(handed_off)
    }

    /// Stops the bot for good (at `now`): queued turns are dropped. Returns whether this
    /// changed anything (handing off twice does not).
    pub fn hand_off(&self, now: &str) -> ApiResult<bool> {
        if self.is_handed_off()? {
            return Ok(false);
        }
        self.sql.rows::<serde_json::Value>(
            "INSERT INTO handed_off (at) VALUES (?)",
            vec![now.into()],
        )?;
        self.handed_off.set(Some(true));
        self.sql
            .rows::<serde_json::Value>("DELETE FROM bot_turns", Vec::new())?;
        Ok(true)
    }

    pub fn message_at(&self, conversation_id: &str, seq: u64) -> ApiResult<Option<Message>> {
        self.select_one("seq = ?", (seq as i64).into())?
            .map(|row| row.into_message(conversation_id.to_owned()))
            .transpose()
    }

    /// Up to `limit` messages before `seq`, oldest first, private notes left out: what the bot
    /// reads of the conversation.
    pub fn before(&self, conversation_id: &str, seq: u64, limit: u32) -> ApiResult<Vec<Message>> {
        self.messages(
            conversation_id,
            &format!(
                "SELECT {MESSAGE_COLUMNS} FROM (SELECT * FROM messages WHERE seq < ? AND private = 0 ORDER BY seq DESC LIMIT ?) ORDER BY seq"
            ),
            vec![(seq as i64).into(), i64::from(limit).into()],
        )
    }

    /// Up to `limit` messages after `seq`, oldest first; private notes only `with_notes`.
    pub fn after(
        &self,
        conversation_id: &str,
        seq: u64,
        limit: u32,
        with_notes: bool,
    ) -> ApiResult<Vec<Message>> {
        self.messages(
            conversation_id,
            &format!(
                "SELECT {MESSAGE_COLUMNS} FROM messages WHERE seq > ? AND {SHOWN} ORDER BY seq LIMIT ?"
            ),
            vec![
                (seq as i64).into(),
                i64::from(with_notes).into(),
                i64::from(limit).into(),
            ],
        )
    }

    /// Oldest first, as the seed's "chronological"; with `after` (a message id) only the
    /// messages after that one; private notes (and their count) only `with_notes`.
    pub fn page(
        &self,
        conversation_id: &str,
        page: PageRequest,
        after: Option<String>,
        with_notes: bool,
    ) -> ApiResult<Page<Message>> {
        let shown = i64::from(with_notes);
        let total = self.count(&format!("messages WHERE {SHOWN}"), vec![shown.into()])?;
        let messages = self.messages(
            conversation_id,
            &format!(
                "SELECT {MESSAGE_COLUMNS} FROM messages
                 WHERE (?1 IS NULL OR seq > (SELECT seq FROM messages WHERE id = ?1))
                   AND (private = 0 OR ?4 = 1)
                 ORDER BY seq LIMIT ?2 OFFSET ?3"
            ),
            vec![
                after.into(),
                i64::from(page.limit).into(),
                (page.offset() as i64).into(),
                shown.into(),
            ],
        )?;
        Ok(page.of(messages, total))
    }

    /// A read receipt by `reader`, who may not mark their own messages; a visitor cannot
    /// find a private note.
    pub fn mark_read(
        &self,
        conversation_id: &str,
        message_id: &str,
        reader: &Sender,
    ) -> ApiResult<Message> {
        let not_found = || {
            ApiError::new(
                ErrorCode::NotFound,
                format!("no message {message_id} in this conversation"),
            )
        };
        let row = self
            .select_one("id = ?", message_id.into())?
            .filter(|row| row.private == 0 || reader.sender_type != SenderType::Visitor)
            .ok_or_else(not_found)?;
        if row.sender_id == reader.sender_id && row.sender_type == reader.sender_type.as_str() {
            return Err(ApiError::new(
                ErrorCode::Forbidden,
                "your own messages are marked read by the other side",
            ));
        }
        self.unread.set(None);
        self.messages(
            conversation_id,
            &format!("UPDATE messages SET is_read = 1 WHERE id = ? RETURNING {MESSAGE_COLUMNS}"),
            vec![message_id.into()],
        )?
        .into_iter()
        .next()
        .ok_or_else(not_found)
    }

    /// Visitor messages no agent has read.
    pub fn unread(&self) -> ApiResult<u64> {
        if let Some(unread) = self.unread.get() {
            return Ok(unread);
        }
        let unread = self.count(
            "messages WHERE sender_type = 'visitor' AND is_read = 0",
            Vec::new(),
        )?;
        self.unread.set(Some(unread));
        Ok(unread)
    }

    /// How many rows `from_where` (a table and its condition) has.
    fn count(&self, from_where: &str, values: Vec<SqlStorageValue>) -> ApiResult<u64> {
        #[derive(Deserialize)]
        struct Count {
            n: u64,
        }
        let sql = format!("SELECT COUNT(*) AS n FROM {from_where}");
        Ok(self.one::<Count>(&sql, values)?.n)
    }

    fn one<T: DeserializeOwned>(&self, query: &str, values: Vec<SqlStorageValue>) -> ApiResult<T> {
        self.sql
            .rows(query, values)?
            .into_iter()
            .next()
            .ok_or_else(|| ApiError::internal(format!("no row from {query}")))
    }

    fn messages(
        &self,
        conversation_id: &str,
        query: &str,
        values: Vec<SqlStorageValue>,
    ) -> ApiResult<Vec<Message>> {
        self.sql
            .rows::<MessageRow>(query, values)?
            .into_iter()
            .map(|row| row.into_message(conversation_id.to_owned()))
            .collect()
    }

    fn select_one(&self, condition: &str, value: SqlStorageValue) -> ApiResult<Option<MessageRow>> {
        let rows: Vec<MessageRow> = self.sql.rows(
            &format!("SELECT {MESSAGE_COLUMNS} FROM messages WHERE {condition}"),
            vec![value],
        )?;
        Ok(rows.into_iter().next())
    }
}

/// A client message id names a retry of one sender's message only: the same id from the other
/// side of the conversation is another message. Stored this way, it stays unique per room.
fn sender_scoped(sender: &Sender, client_message_id: &str) -> String {
    format!(
        "{}:{}:{client_message_id}",
        sender.sender_type.as_str(),
        sender.sender_id
    )
}

/// A row of the log as SQLite returns it (numbers arrive as JS numbers).
#[derive(Deserialize)]
struct MessageRow {
    seq: u64,
    id: String,
    content: String,
    sender_type: String,
    sender_id: String,
    is_read: i64,
    created_at: String,
    sources: String,
    private: i64,
    attachments: String,
}

impl MessageRow {
    fn into_message(self, conversation_id: String) -> ApiResult<Message> {
        let sender_type = SenderType::parse(&self.sender_type).ok_or_else(|| {
            ApiError::internal(format!("stored sender type {:?}", self.sender_type))
        })?;
        Ok(Message {
            id: self.id,
            conversation_id,
            seq: self.seq,
            content: self.content,
            sender_type,
            sender_id: self.sender_id,
            is_read: self.is_read != 0,
            created_at: self.created_at,
            sources: serde_json::from_str(&self.sources).unwrap_or_default(),
            private: self.private != 0,
            attachments: serde_json::from_str(&self.attachments).unwrap_or_default(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::native_sql::Native;
    use super::*;

    fn log() -> MessageLog<Native> {
        MessageLog::open(Native::in_memory())
    }

    fn visitor_says(content: &str, client_message_id: Option<&str>) -> NewMessage {
        NewMessage {
            id: None,
            sender: Sender {
                sender_type: SenderType::Visitor,
                sender_id: "v-1".into(),
            },
            content: content.into(),
            client_message_id: client_message_id.map(str::to_owned),
            sources: Vec::new(),
            private: false,
            attachments: Vec::new(),
        }
    }

    fn turns(log: &MessageLog<Native>) -> u64 {
        log.count("bot_turns", Vec::new()).unwrap()
    }

    const BOT: Option<(&str, &str)> = Some(("bot-1", "w-1"));

    impl MessageLog<Native> {
        /// What the room does for a message: prepare, then commit (sending out between
        /// the two is the room's business).
        fn append(
            &self,
            conversation_id: &str,
            new: NewMessage,
            bot: Option<(&str, &str)>,
            now: &str,
        ) -> ApiResult<Appended> {
            match self.prepare(conversation_id, new, now)? {
                Prepared::Existing(appended) => Ok(appended),
                Prepared::New(pending) => self.commit(pending, bot),
            }
        }
    }
    const NOW: &str = "2026-12-06T00:00:00.000Z";

    #[test]
    fn a_retried_append_leaves_one_message_and_one_waiting_turn() {
        let log = log();
        let first = log
            .append("c-1", visitor_says("Hi", Some("m-1")), BOT, NOW)
            .unwrap();
        assert_eq!(
            (first.outcome, first.turn_waiting),
            (Outcome::Created, true)
        );
        // The answer to the first try was lost (its alarm may never have been set): the
        // retry finds the message and says its turn still waits, so the room sets the alarm.
        let retry = log
            .append("c-1", visitor_says("Hi", Some("m-1")), BOT, NOW)
            .unwrap();
        assert_eq!(
            (retry.outcome, retry.turn_waiting),
            (Outcome::Existing, true)
        );
        assert_eq!(retry.message, first.message);
        assert_eq!(log.count("messages", Vec::new()).unwrap(), 1);
        assert_eq!(turns(&log), 1);
        assert_eq!(log.next_turn().unwrap().unwrap().seq, first.message.seq);
    }

    #[test]
    fn an_answered_or_handed_off_turn_is_not_waiting_on_a_retry() {
        let log = log();
        let first = log
            .append("c-1", visitor_says("Hi", Some("m-1")), BOT, NOW)
            .unwrap();
        log.finish_turn(first.message.seq).unwrap();
        let retry = log
            .append("c-1", visitor_says("Hi", Some("m-1")), BOT, NOW)
            .unwrap();
        assert!(!retry.turn_waiting);

        assert!(log.hand_off(NOW).unwrap());
        assert!(
            !log.hand_off(NOW).unwrap(),
            "handing off twice changes nothing"
        );
        let after = log
            .append("c-1", visitor_says("Hello?", None), BOT, NOW)
            .unwrap();
        assert!(!after.turn_waiting, "people have the conversation now");
        assert_eq!(turns(&log), 0);
    }

    #[test]
    fn messages_page_in_order_and_read_receipts_come_from_the_other_side() {
        let log = log();
        for text in ["one", "two", "three"] {
            log.append("c-1", visitor_says(text, None), None, NOW)
                .unwrap();
        }
        let page = log
            .page("c-1", PageRequest { page: 1, limit: 2 }, None, false)
            .unwrap();
        let texts: Vec<_> = page.data.iter().map(|m| m.content.as_str()).collect();
        assert_eq!((texts, page.total), (vec!["one", "two"], 3));
        let after = log.page(
            "c-1",
            PageRequest { page: 1, limit: 5 },
            Some(page.data[1].id.clone()),
            false,
        );
        assert_eq!(after.unwrap().data[0].content, "three");
        assert_eq!(log.before("c-1", 3, 1).unwrap()[0].content, "two");
        assert_eq!(log.after("c-1", 1, 5, false).unwrap().len(), 2);

        let first = &page.data[0];
        let own = log.mark_read("c-1", &first.id, &visitor_says("", None).sender);
        assert_eq!(own.unwrap_err().code(), ErrorCode::Forbidden);
        let agent = Sender {
            sender_type: SenderType::Agent,
            sender_id: "a-1".into(),
        };
        assert!(log.mark_read("c-1", &first.id, &agent).unwrap().is_read);
        assert_eq!(log.unread().unwrap(), 2);
    }

    #[test]
    fn the_unread_count_kept_in_memory_follows_appends_reads_and_replies() {
        let log = log();
        assert_eq!(log.unread().unwrap(), 0);
        let first = log
            .append("c-1", visitor_says("one", None), None, NOW)
            .unwrap();
        log.append("c-1", visitor_says("two", None), None, NOW)
            .unwrap();
        let reply = NewMessage {
            sender: Sender {
                sender_type: SenderType::Agent,
                sender_id: "a-1".into(),
            },
            ..visitor_says("on it", None)
        };
        log.append("c-1", reply, None, NOW).unwrap();
        assert_eq!(
            log.unread().unwrap(),
            2,
            "an agent's reply is nobody's unread"
        );
        let agent = Sender {
            sender_type: SenderType::Agent,
            sender_id: "a-1".into(),
        };
        log.mark_read("c-1", &first.message.id, &agent).unwrap();
        assert_eq!(log.unread().unwrap(), 1);
        log.append("c-1", visitor_says("three", None), None, NOW)
            .unwrap();
        assert_eq!(log.unread().unwrap(), 2);
        log.forget();
        assert_eq!(log.unread().unwrap(), 2, "read again from the table");
        assert_eq!(log.count("messages", Vec::new()).unwrap(), 4);
    }

    #[test]
    fn a_note_is_the_teams_alone_and_never_a_bot_turn() {
        let log = log();
        log.append("c-1", visitor_says("Where is my order?", None), BOT, NOW)
            .unwrap();
        let note = NewMessage {
            sender: Sender {
                sender_type: SenderType::Agent,
                sender_id: "a-1".into(),
            },
            private: true,
            ..visitor_says("VIP: refund at once", None)
        };
        let stored = log.append("c-1", note, BOT, NOW).unwrap();
        assert!(stored.message.private && !stored.turn_waiting);
        log.append("c-1", visitor_says("Hello?", None), BOT, NOW)
            .unwrap();

        let contents = |messages: Vec<Message>| -> Vec<String> {
            messages.into_iter().map(|m| m.content).collect()
        };
        let team = log
            .page("c-1", PageRequest { page: 1, limit: 10 }, None, true)
            .unwrap();
        assert_eq!(team.total, 3);
        assert!(team.data[1].private);
        let visitor = log
            .page("c-1", PageRequest { page: 1, limit: 10 }, None, false)
            .unwrap();
        assert_eq!(visitor.total, 2);
        assert_eq!(contents(visitor.data), ["Where is my order?", "Hello?"]);
        assert_eq!(
            contents(log.after("c-1", 0, 10, false).unwrap()),
            ["Where is my order?", "Hello?"]
        );
        assert_eq!(log.after("c-1", 0, 10, true).unwrap().len(), 3);
        assert_eq!(
            contents(log.before("c-1", 3, 10).unwrap()),
            ["Where is my order?"],
            "the bot never reads a note"
        );
        let reader = visitor_says("", None).sender;
        let hidden = log.mark_read("c-1", &stored.message.id, &reader);
        assert_eq!(hidden.unwrap_err().code(), ErrorCode::NotFound);
    }
}
