//! ConversationRoom: one per conversation. Owns the ordered message log (SQLite, `seq` with no
//! gaps) and the conversation's hibernatable hub sockets, fans out events to them, and keeps
//! the conversation's summary in D1 current after each append.
//!
//! In a conversation a bot handles, each visitor message queues a bot turn and sets an alarm;
//! the alarm answers the turns in order, streaming `ReceiveMessageDelta` to the sockets and
//! then storing the answer once. A queued turn survives the object being evicted, and a
//! handoff stops the bot between two tokens.

use super::hub_session::{Action, HubSession};
use super::{
    Outcome, Reply, RoomCommand, accept_socket, answer_pings_while_hibernating, fan_out,
    is_websocket_upgrade, on_socket_message, read_command, respond,
};
use crate::ai::{self, context::Turn};
use crate::assignment;
use crate::clock::now_rfc3339;
use crate::error::{ApiError, ApiResult};
use crate::store::{self, bots, conversations};
use crate::webhooks;
use parley_shared_types::bot::Source;
use parley_shared_types::hub::{ConversationClosed, MessageDelta, ServerEvent};
use parley_shared_types::message::{Message, Sender, SenderType};
use parley_shared_types::page::{Page, PageRequest};
use parley_shared_types::problem::ErrorCode;
use parley_shared_types::webhook::WebhookEvent;
use serde::Deserialize;
use worker::{
    DurableObject, Env, Request, Response, Result, SqlStorage, SqlStorageValue, State, WebSocket,
    WebSocketIncomingMessage, durable_object,
};

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
        sources           TEXT NOT NULL DEFAULT '[]'
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
/// Rooms created before bots existed lack `sources`; on newer rooms this fails harmlessly.
const ADD_SOURCES: &str = "ALTER TABLE messages ADD COLUMN sources TEXT NOT NULL DEFAULT '[]'";

const MESSAGE_COLUMNS: &str =
    "seq, id, content, sender_type, sender_id, is_read, created_at, sources";
/// The most earlier messages the bot is given as history.
const BOT_HISTORY: i64 = 20;
/// The most a reconnecting socket is replayed; a client further behind pages the REST list.
const MAX_BACKLOG: i64 = 500;
/// How much of a message the conversation list shows.
const PREVIEW_CHARS: usize = 140;

#[durable_object]
pub struct ConversationRoom {
    state: State,
    env: Env,
    sql: SqlStorage,
}

impl DurableObject for ConversationRoom {
    fn new(state: State, env: Env) -> Self {
        let sql = state.storage().sql();
        for statement in SCHEMA {
            if let Err(e) = sql.exec(statement, None) {
                worker::console_error!("ConversationRoom schema: {e}");
            }
        }
        let _ = sql.exec(ADD_SOURCES, None);
        answer_pings_while_hibernating(&state);
        ConversationRoom { state, env, sql }
    }

    async fn fetch(&self, request: Request) -> Result<Response> {
        if is_websocket_upgrade(&request)? {
            return accept_socket(&self.state, &request);
        }
        match read_command::<RoomCommand>(request).await {
            Ok(RoomCommand::Ping) => respond(Ok("pong")),
            Ok(RoomCommand::Append {
                workspace_id,
                conversation_id,
                sender,
                content,
                client_message_id,
                bot_id,
            }) => {
                let new = NewMessage {
                    id: None,
                    sender,
                    content,
                    client_message_id,
                    sources: Vec::new(),
                };
                let appended = self.append(&workspace_id, conversation_id, new).await;
                if let (Ok(reply), Some(bot_id)) = (&appended, bot_id)
                    && reply.outcome == Outcome::Created
                {
                    self.queue_bot_turn(&reply.value, &workspace_id, bot_id)
                        .await?;
                }
                respond(appended)
            }
            Ok(RoomCommand::HandOff {
                workspace_id,
                conversation_id,
                farewell,
            }) => respond(
                self.hand_off(&workspace_id, &conversation_id, farewell)
                    .await,
            ),
            Ok(RoomCommand::List {
                conversation_id,
                page,
                limit,
                after,
            }) => respond(self.list(conversation_id, PageRequest { page, limit }, after)),
            Ok(RoomCommand::MarkRead {
                workspace_id,
                conversation_id,
                message_id,
                reader,
            }) => respond(
                self.mark_read(&workspace_id, conversation_id, &message_id, &reader)
                    .await,
            ),
            Ok(RoomCommand::Publish { frame }) => {
                fan_out(&self.state, &frame, None);
                respond(Ok(()))
            }
            Err(error) => respond::<()>(Err(error)),
        }
    }

    async fn alarm(&self) -> Result<Response> {
        while let Some(turn) = self.next_bot_turn()? {
            if let Err(e) = self.answer(&turn).await {
                worker::console_error!("bot turn {} failed: {e}", turn.seq);
                // The visitor is not left waiting: people take over.
                if let Err(e) = self.bot_hands_off(&turn, None).await {
                    worker::console_error!("handoff after a failed turn failed: {e}");
                }
            }
            self.sql.exec(
                "DELETE FROM bot_turns WHERE seq = ?",
                vec![(turn.seq as i64).into()],
            )?;
        }
        Response::ok("")
    }

    async fn websocket_message(
        &self,
        ws: WebSocket,
        message: WebSocketIncomingMessage,
    ) -> Result<()> {
        let Some((session, actions)) = on_socket_message(&ws, message)? else {
            return Ok(());
        };
        for action in actions {
            match action {
                Action::BroadcastToOthers(event) => fan_out(
                    &self.state,
                    &event.to_invocation().to_frame(),
                    Some(&session.socket_id),
                ),
                Action::ResumeAfter(after) => self.replay(&ws, &session, after)?,
                Action::Send(_) | Action::Close(..) => {}
            }
        }
        Ok(())
    }

    async fn websocket_close(
        &self,
        _ws: WebSocket,
        _code: usize,
        _reason: String,
        _was_clean: bool,
    ) -> Result<()> {
        Ok(())
    }

    async fn websocket_error(&self, _ws: WebSocket, error: worker::Error) -> Result<()> {
        worker::console_warn!("hub socket error: {error}");
        Ok(())
    }
}

impl ConversationRoom {
    async fn append(
        &self,
        workspace_id: &str,
        conversation_id: String,
        new: NewMessage,
    ) -> ApiResult<Reply<Message>> {
        let NewMessage {
            id,
            sender,
            content,
            client_message_id,
            sources,
        } = new;
        if let Some(client_message_id) = &client_message_id
            && let Some(existing) =
                self.select_one("client_message_id = ?", client_message_id.as_str().into())?
        {
            return Ok(Reply {
                outcome: Outcome::Existing,
                value: existing.into_message(conversation_id)?,
            });
        }
        let row: MessageRow = self
            .sql
            .exec(
                &format!(
                    "INSERT INTO messages (id, client_message_id, content, sender_type, sender_id, created_at, sources)
                     VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING {MESSAGE_COLUMNS}"
                ),
                vec![
                    id.unwrap_or_else(crate::ids::new_id).into(),
                    client_message_id.into(),
                    content.into(),
                    sender.sender_type.as_str().into(),
                    sender.sender_id.into(),
                    now_rfc3339().into(),
                    serde_json::to_string(&sources)
                        .map_err(ApiError::internal)?
                        .into(),
                ],
            )?
            .one()?;
        let message = row.into_message(conversation_id)?;
        fan_out(
            &self.state,
            &ServerEvent::ReceiveMessage(message.clone())
                .to_invocation()
                .to_frame(),
            None,
        );
        let preview: String = message.content.chars().take(PREVIEW_CHARS).collect();
        let appended = conversations::Appended {
            workspace_id,
            conversation_id: &message.conversation_id,
            seq: message.seq,
            preview: &preview,
            at: &message.created_at,
            sender_type: message.sender_type,
            unread: self.unread()?,
        };
        conversations::record_message(&store::db(&self.env)?, &appended).await?;
        self.announce_to_inbox(workspace_id, &message.conversation_id);
        Ok(Reply {
            outcome: Outcome::Created,
            value: message,
        })
    }

    /// Queues the bot's answer to a visitor message, unless people have taken over.
    async fn queue_bot_turn(
        &self,
        message: &Message,
        workspace_id: &str,
        bot_id: String,
    ) -> Result<()> {
        if message.sender_type != SenderType::Visitor || self.is_handed_off()? {
            return Ok(());
        }
        self.sql.exec(
            "INSERT OR IGNORE INTO bot_turns (seq, bot_id, workspace_id, conversation_id) VALUES (?, ?, ?, ?)",
            vec![
                (message.seq as i64).into(),
                bot_id.into(),
                workspace_id.into(),
                message.conversation_id.as_str().into(),
            ],
        )?;
        self.state.storage().set_alarm(0_i64).await
    }

    fn next_bot_turn(&self) -> Result<Option<BotTurn>> {
        let turns: Vec<BotTurn> = self
            .sql
            .exec(
                "SELECT seq, bot_id, workspace_id, conversation_id FROM bot_turns ORDER BY seq LIMIT 1",
                None,
            )?
            .to_array()?;
        Ok(turns.into_iter().next())
    }

    fn is_handed_off(&self) -> Result<bool> {
        Ok(self.count("handed_off")? > 0)
    }

    /// How many rows `from_where` (a table and its condition) has.
    fn count(&self, from_where: &str) -> Result<u64> {
        #[derive(Deserialize)]
        struct Count {
            n: u64,
        }
        let sql = format!("SELECT COUNT(*) AS n FROM {from_where}");
        Ok(self.sql.exec(&sql, None)?.one::<Count>()?.n)
    }

    /// The bot answers one visitor message, streaming it to the sockets as it is written.
    async fn answer(&self, turn: &BotTurn) -> ApiResult<()> {
        if self.is_handed_off()? {
            return Ok(());
        }
        let db = store::db(&self.env)?;
        let Some(bot) = bots::find(&db, &turn.workspace_id, &turn.bot_id).await? else {
            return self.bot_hands_off(turn, None).await;
        };
        let settings = bot.settings();
        let Some(question) = self.select_one("seq = ?", (turn.seq as i64).into())? else {
            return Ok(());
        };
        if settings.handoff.asks_for_human(&question.content) {
            return self
                .bot_hands_off(turn, Some(settings.handoff.message))
                .await;
        }
        let history = self.history_before(turn.seq)?;
        let message_id = crate::ids::new_id();
        let mut stream_delta = |delta: &str| {
            if self.is_handed_off().unwrap_or(true) {
                return;
            }
            let event = ServerEvent::ReceiveMessageDelta(MessageDelta {
                conversation_id: turn.conversation_id.clone(),
                message_id: message_id.clone(),
                delta: delta.to_owned(),
            });
            fan_out(&self.state, &event.to_invocation().to_frame(), None);
        };
        let answer = ai::answer(
            &self.env,
            &bot,
            &history,
            &question.content,
            &mut stream_delta,
        )
        .await?;
        if self.is_handed_off()? {
            return Ok(());
        }
        let reply = NewMessage {
            id: Some(message_id),
            sender: Sender {
                sender_type: SenderType::Ai,
                sender_id: bot.id.clone(),
            },
            content: answer.text,
            client_message_id: None,
            sources: answer.sources,
        };
        let stored = self
            .append(&turn.workspace_id, turn.conversation_id.clone(), reply)
            .await?;
        let data = serde_json::to_value(&stored.value).map_err(ApiError::internal)?;
        if let Err(e) = webhooks::dispatch(
            &self.env,
            &turn.workspace_id,
            WebhookEvent::BotMessage,
            data,
        )
        .await
        {
            worker::console_error!("webhook bot.message: {e}");
        }
        match answer.outcome {
            // Its answer was the handoff message already.
            ai::Outcome::Failed(_) => self.bot_hands_off(turn, None).await,
            ai::Outcome::Unknown if settings.handoff.on_unknown => {
                self.bot_hands_off(turn, Some(settings.handoff.message))
                    .await
            }
            ai::Outcome::Unknown | ai::Outcome::Answered => Ok(()),
        }
    }

    /// The conversation before `seq` as the bot sees it: the visitor is the user.
    fn history_before(&self, seq: u64) -> ApiResult<Vec<Turn>> {
        let rows: Vec<MessageRow> = self
            .sql
            .exec(
                &format!(
                    "SELECT {MESSAGE_COLUMNS} FROM (SELECT * FROM messages WHERE seq < ? ORDER BY seq DESC LIMIT ?) ORDER BY seq"
                ),
                vec![(seq as i64).into(), BOT_HISTORY.into()],
            )?
            .to_array()?;
        Ok(rows
            .into_iter()
            .map(|row| Turn {
                role: if row.sender_type == SenderType::Visitor.as_str() {
                    "user"
                } else {
                    "assistant"
                },
                content: row.content,
            })
            .collect())
    }

    /// The bot gives the conversation to people (saying `farewell`, if any) and the
    /// workspace assigns it.
    async fn bot_hands_off(&self, turn: &BotTurn, farewell: Option<String>) -> ApiResult<()> {
        self.hand_off(&turn.workspace_id, &turn.conversation_id, farewell)
            .await?;
        let (_, assigned) =
            assignment::to_people(&self.env, &turn.workspace_id, &turn.conversation_id, None)
                .await?;
        if let Some(assigned) = assigned {
            fan_out(
                &self.state,
                &ServerEvent::AgentAssigned(assigned)
                    .to_invocation()
                    .to_frame(),
                None,
            );
        }
        Ok(())
    }

    /// Stops the bot for good: queued turns are dropped and an answer being written is not
    /// stored. Handing off twice changes nothing.
    async fn hand_off(
        &self,
        workspace_id: &str,
        conversation_id: &str,
        farewell: Option<String>,
    ) -> ApiResult<()> {
        if self.is_handed_off()? {
            return Ok(());
        }
        self.sql.exec(
            "INSERT INTO handed_off (at) VALUES (?)",
            vec![now_rfc3339().into()],
        )?;
        self.sql.exec("DELETE FROM bot_turns", None)?;
        if let Some(farewell) = farewell {
            let said = NewMessage {
                id: None,
                sender: Sender {
                    sender_type: SenderType::Ai,
                    sender_id: "bot".into(),
                },
                content: farewell,
                client_message_id: None,
                sources: Vec::new(),
            };
            self.append(workspace_id, conversation_id.to_owned(), said)
                .await?;
        }
        let event = ServerEvent::ConversationHandedOff(ConversationClosed {
            conversation_id: conversation_id.to_owned(),
        });
        fan_out(&self.state, &event.to_invocation().to_frame(), None);
        Ok(())
    }

    /// Oldest first, as the seed's "chronological".
    fn list(
        &self,
        conversation_id: String,
        page: PageRequest,
        after: Option<String>,
    ) -> ApiResult<Page<Message>> {
        let total = self.count("messages")?;
        let rows: Vec<MessageRow> = self
            .sql
            .exec(
                &format!(
                    "SELECT {MESSAGE_COLUMNS} FROM messages
                     WHERE ?1 IS NULL OR seq > (SELECT seq FROM messages WHERE id = ?1)
                     ORDER BY seq LIMIT ?2 OFFSET ?3"
                ),
                vec![
                    after.into(),
                    i64::from(page.limit).into(),
                    (page.offset() as i64).into(),
                ],
            )?
            .to_array()?;
        let messages = rows
            .into_iter()
            .map(|row| row.into_message(conversation_id.clone()))
            .collect::<ApiResult<_>>()?;
        Ok(page.of(messages, total))
    }

    async fn mark_read(
        &self,
        workspace_id: &str,
        conversation_id: String,
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
            .ok_or_else(not_found)?;
        if row.sender_id == reader.sender_id && row.sender_type == reader.sender_type.as_str() {
            return Err(ApiError::new(
                ErrorCode::Forbidden,
                "your own messages are marked read by the other side",
            ));
        }
        let rows: Vec<MessageRow> = self
            .sql
            .exec(
                &format!(
                    "UPDATE messages SET is_read = 1 WHERE id = ? RETURNING {MESSAGE_COLUMNS}"
                ),
                vec![message_id.into()],
            )?
            .to_array()?;
        let message = rows
            .into_iter()
            .next()
            .ok_or_else(not_found)?
            .into_message(conversation_id)?;
        fan_out(
            &self.state,
            &ServerEvent::MessageRead(message.clone())
                .to_invocation()
                .to_frame(),
            None,
        );
        let db = store::db(&self.env)?;
        conversations::set_unread(&db, workspace_id, &message.conversation_id, self.unread()?)
            .await?;
        self.announce_to_inbox(workspace_id, &message.conversation_id);
        Ok(message)
    }

    /// Visitor messages no agent has read.
    fn unread(&self) -> ApiResult<u64> {
        Ok(self.count("messages WHERE sender_type = 'visitor' AND is_read = 0")?)
    }

    /// Tells the agents' feed the conversation changed (last message, unread count), after
    /// this request is answered: the feed never slows a send.
    fn announce_to_inbox(&self, workspace_id: &str, conversation_id: &str) {
        let (env, workspace_id, conversation_id) = (
            self.env.clone(),
            workspace_id.to_owned(),
            conversation_id.to_owned(),
        );
        self.state.wait_until(async move {
            let announced = async {
                let row =
                    conversations::find(&store::db(&env)?, &workspace_id, &conversation_id).await?;
                match row {
                    Some(row) => {
                        let updated = ServerEvent::ConversationUpdated(row.into_conversation());
                        super::publish_to_inbox(&env, &workspace_id, &updated).await
                    }
                    None => Ok(()),
                }
            };
            if let Err(e) = announced.await {
                worker::console_warn!("inbox announcement failed: {e}");
            }
        });
    }

    /// Sends a reconnecting socket what it missed, in order, before any live event.
    fn replay(&self, ws: &WebSocket, session: &HubSession, after: u64) -> Result<()> {
        let Some(conversation_id) = &session.conversation_id else {
            return Ok(());
        };
        let rows: Vec<MessageRow> = self
            .sql
            .exec(
                &format!(
                    "SELECT {MESSAGE_COLUMNS} FROM messages WHERE seq > ? ORDER BY seq LIMIT ?"
                ),
                vec![(after as i64).into(), MAX_BACKLOG.into()],
            )?
            .to_array()?;
        for row in rows {
            let message = row
                .into_message(conversation_id.clone())
                .map_err(|e| worker::Error::RustError(e.to_string()))?;
            ws.send_with_str(
                ServerEvent::ReceiveMessage(message)
                    .to_invocation()
                    .to_frame(),
            )?;
        }
        Ok(())
    }

    fn select_one(&self, condition: &str, value: SqlStorageValue) -> ApiResult<Option<MessageRow>> {
        let rows: Vec<MessageRow> = self
            .sql
            .exec(
                &format!("SELECT {MESSAGE_COLUMNS} FROM messages WHERE {condition}"),
                vec![value],
            )?
            .to_array()?;
        Ok(rows.into_iter().next())
    }
}

/// A message to store: the room assigns `seq`, and an id unless one was reserved.
struct NewMessage {
    id: Option<String>,
    sender: Sender,
    content: String,
    client_message_id: Option<String>,
    sources: Vec<Source>,
}

/// A visitor message the bot has to answer.
#[derive(Deserialize)]
struct BotTurn {
    seq: u64,
    bot_id: String,
    workspace_id: String,
    conversation_id: String,
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
        })
    }
}
