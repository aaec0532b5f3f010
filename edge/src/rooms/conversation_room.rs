//! ConversationRoom: one per conversation. Owns the ordered message log (SQLite, `seq` with no
//! gaps) and the conversation's hibernatable hub sockets, and fans out events to them.

use super::hub_session::{Action, HubSession};
use super::{Outcome, Reply, RoomCommand, read_command, respond};
use crate::clock::now_rfc3339;
use crate::error::{ApiError, ApiResult};
use parley_shared_types::hub::{PING_FRAME, ServerEvent};
use parley_shared_types::message::{Message, SendMessageRequest, SenderType};
use serde::Deserialize;
use worker::{
    DurableObject, Env, Request, Response, ResponseBuilder, Result, SqlStorage, State, WebSocket,
    WebSocketIncomingMessage, WebSocketPair, WebSocketRequestResponsePair, durable_object,
};

const SCHEMA: &str = "CREATE TABLE IF NOT EXISTS messages (
    seq               INTEGER PRIMARY KEY AUTOINCREMENT,
    id                TEXT NOT NULL UNIQUE,
    client_message_id TEXT UNIQUE,
    content           TEXT NOT NULL,
    sender_type       TEXT NOT NULL,
    sender_id         TEXT NOT NULL,
    is_read           INTEGER NOT NULL DEFAULT 0,
    created_at        TEXT NOT NULL
)";

const MESSAGE_COLUMNS: &str = "seq, id, content, sender_type, sender_id, is_read, created_at";

#[durable_object]
pub struct ConversationRoom {
    state: State,
    sql: SqlStorage,
}

impl DurableObject for ConversationRoom {
    fn new(state: State, _env: Env) -> Self {
        let sql = state.storage().sql();
        if let Err(e) = sql.exec(SCHEMA, None) {
            worker::console_error!("ConversationRoom schema: {e}");
        }
        // Keep-alive pings are answered by the runtime without waking this object.
        match WebSocketRequestResponsePair::new(PING_FRAME, PING_FRAME) {
            Ok(pair) => state.set_websocket_auto_response(&pair),
            Err(e) => worker::console_error!("ConversationRoom auto-response: {e:?}"),
        }
        ConversationRoom { state, sql }
    }

    async fn fetch(&self, request: Request) -> Result<Response> {
        if is_websocket_upgrade(&request)? {
            return self.accept_socket();
        }
        match read_command::<RoomCommand>(request).await {
            Ok(RoomCommand::Ping) => respond(Ok("pong")),
            Ok(RoomCommand::Append {
                conversation_id,
                message,
            }) => respond(self.append(conversation_id, message)),
            Err(error) => respond::<()>(Err(error)),
        }
    }

    async fn websocket_message(
        &self,
        ws: WebSocket,
        message: WebSocketIncomingMessage,
    ) -> Result<()> {
        let WebSocketIncomingMessage::String(payload) = message else {
            return ws.close(Some(1003), Some("the JSON hub protocol is text-only"));
        };
        let mut session: HubSession = ws.deserialize_attachment()?.unwrap_or_default();
        let was_handshaken = session.handshaken;
        let actions = session.receive(&payload);
        if session.handshaken != was_handshaken {
            ws.serialize_attachment(&session)?;
        }
        for action in actions {
            match action {
                Action::Send(frame) => ws.send_with_str(frame)?,
                Action::Close(code, reason) => ws.close(Some(code), Some(reason))?,
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
    fn accept_socket(&self) -> Result<Response> {
        let WebSocketPair { client, server } = WebSocketPair::new()?;
        self.state.accept_web_socket(&server);
        server.serialize_attachment(HubSession::default())?;
        Ok(ResponseBuilder::new()
            .with_status(101)
            .with_websocket(client)
            .empty())
    }

    fn append(
        &self,
        conversation_id: String,
        request: SendMessageRequest,
    ) -> ApiResult<Reply<Message>> {
        request
            .validate()
            .map_err(|errors| ApiError::validation("the message is not valid", errors))?;
        if let Some(client_message_id) = &request.client_message_id
            && let Some(existing) = self.find_by_client_id(client_message_id)?
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
                    "INSERT INTO messages (id, client_message_id, content, sender_type, sender_id, created_at)
                     VALUES (?, ?, ?, ?, ?, ?) RETURNING {MESSAGE_COLUMNS}"
                ),
                vec![
                    uuid::Uuid::new_v4().to_string().into(),
                    request.client_message_id.into(),
                    request.content.into(),
                    request.sender_type.as_str().into(),
                    request.sender_id.into(),
                    now_rfc3339().into(),
                ],
            )?
            .one()?;
        let message = row.into_message(conversation_id)?;
        self.broadcast(&ServerEvent::ReceiveMessage(message.clone()));
        Ok(Reply {
            outcome: Outcome::Created,
            value: message,
        })
    }

    fn find_by_client_id(&self, client_message_id: &str) -> ApiResult<Option<MessageRow>> {
        let rows: Vec<MessageRow> = self
            .sql
            .exec(
                &format!("SELECT {MESSAGE_COLUMNS} FROM messages WHERE client_message_id = ?"),
                vec![client_message_id.into()],
            )?
            .to_array()?;
        Ok(rows.into_iter().next())
    }

    /// Sends an event to every socket past its handshake. A socket that is closing is skipped:
    /// its client resumes from its last `seq` when it reconnects.
    fn broadcast(&self, event: &ServerEvent) {
        let frame = event.to_invocation().to_frame();
        for ws in self.state.get_websockets() {
            let ready = ws
                .deserialize_attachment::<HubSession>()
                .ok()
                .flatten()
                .is_some_and(|s| s.handshaken);
            if ready && let Err(e) = ws.send_with_str(&frame) {
                worker::console_warn!("hub send failed: {e}");
            }
        }
    }
}

fn is_websocket_upgrade(request: &Request) -> Result<bool> {
    Ok(request
        .headers()
        .get("Upgrade")?
        .is_some_and(|value| value.eq_ignore_ascii_case("websocket")))
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
        })
    }
}
