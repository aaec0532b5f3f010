//! Developer chats with a bot (`POST /api/chat` sessions and FlowGen chats) and their messages.

use super::d1::{all, first, run};
use crate::error::ApiResult;
use parley_shared_types::bot::Source;
use parley_shared_types::chat::{Chat, ChatMessage, ChatRole, ChatStatus};
use parley_shared_types::page::ListRequest;
use serde::Deserialize;
use serde_json::{Map, Value};
use worker::D1Database;

#[derive(Debug, Clone, Deserialize)]
pub struct ChatRow {
    pub id: String,
    pub workspace_id: String,
    pub bot_id: String,
    pub session_id: String,
    pub name: String,
    pub user_id: Option<String>,
    pub status: String,
    pub pending_reply: Option<String>,
    pub pending_sources: Option<String>,
    pub error: Option<String>,
    /// A JSON object (ChatBotKit's `meta`).
    pub meta: String,
    pub created_at: String,
    pub updated_at: String,
    /// The caller's context (a JSON object), the latest one a `POST /chat` gave.
    pub context: Option<String>,
}

impl ChatRow {
    pub fn context(&self) -> Option<Map<String, Value>> {
        self.context
            .as_deref()
            .and_then(|json| serde_json::from_str(json).ok())
    }

    pub fn meta(&self) -> Map<String, Value> {
        serde_json::from_str(&self.meta).unwrap_or_default()
    }

    pub fn status(&self) -> ChatStatus {
        ChatStatus::parse(&self.status).unwrap_or(ChatStatus::Ready)
    }

    pub fn pending_sources(&self) -> Vec<Source> {
        self.pending_sources
            .as_deref()
            .and_then(|json| serde_json::from_str(json).ok())
            .unwrap_or_default()
    }

    pub fn into_chat(self) -> Chat {
        Chat {
            status: self.status(),
            id: self.id,
            name: self.name,
            bot_id: self.bot_id,
            session_id: self.session_id,
            pending_reply: self.pending_reply,
            error: self.error,
            created_at: self.created_at,
            updated_at: self.updated_at,
        }
    }
}

const CHAT_COLUMNS: &str = "id, workspace_id, bot_id, session_id, name, user_id, status, pending_reply, pending_sources, error, meta, created_at, updated_at, context";

pub async fn insert(db: &D1Database, chat: &ChatRow) -> ApiResult<()> {
    run(
        db,
        "INSERT INTO chats (id, workspace_id, bot_id, session_id, name, user_id, status, meta, created_at, updated_at, context)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        &[
            (&chat.id).into(),
            (&chat.workspace_id).into(),
            (&chat.bot_id).into(),
            (&chat.session_id).into(),
            (&chat.name).into(),
            chat.user_id.as_deref().into(),
            (&chat.status).into(),
            (&chat.meta).into(),
            (&chat.created_at).into(),
            (&chat.updated_at).into(),
            chat.context.as_deref().into(),
        ],
    )
    .await
    .map(drop)
}

/// Keeps `context` (a JSON object) as the chat's context from now on.
pub async fn set_context(db: &D1Database, chat: &ChatRow, context: &str) -> ApiResult<()> {
    run(
        db,
        "UPDATE chats SET context = ? WHERE workspace_id = ? AND id = ?",
        &[
            context.into(),
            (&chat.workspace_id).into(),
            (&chat.id).into(),
        ],
    )
    .await
    .map(drop)
}

pub async fn find(db: &D1Database, workspace_id: &str, id: &str) -> ApiResult<Option<ChatRow>> {
    first(
        db,
        &format!("SELECT {CHAT_COLUMNS} FROM chats WHERE workspace_id = ? AND id = ?"),
        &[workspace_id.into(), id.into()],
    )
    .await
}

pub async fn find_by_session(
    db: &D1Database,
    workspace_id: &str,
    session_id: &str,
) -> ApiResult<Option<ChatRow>> {
    first(
        db,
        &format!("SELECT {CHAT_COLUMNS} FROM chats WHERE workspace_id = ? AND session_id = ?"),
        &[workspace_id.into(), session_id.into()],
    )
    .await
}

pub async fn list(
    db: &D1Database,
    workspace_id: &str,
    list: &ListRequest,
) -> ApiResult<(Vec<ChatRow>, u64)> {
    let from = (CHAT_COLUMNS, "chats", "workspace_id = ?");
    super::d1::page_of(db, from, &[workspace_id.into()], list).await
}

/// Stores a chat's name and metadata as they now are.
pub async fn save_details(db: &D1Database, chat: &ChatRow) -> ApiResult<()> {
    run(
        db,
        "UPDATE chats SET name = ?, meta = ?, updated_at = ? WHERE workspace_id = ? AND id = ?",
        &[
            (&chat.name).into(),
            (&chat.meta).into(),
            (&chat.updated_at).into(),
            (&chat.workspace_id).into(),
            (&chat.id).into(),
        ],
    )
    .await
    .map(drop)
}

pub async fn delete(db: &D1Database, workspace_id: &str, id: &str) -> ApiResult<bool> {
    Ok(run(
        db,
        "DELETE FROM chats WHERE workspace_id = ? AND id = ?",
        &[workspace_id.into(), id.into()],
    )
    .await?
        > 0)
}

/// Where a chat's round stands.
pub struct ChatState<'a> {
    pub status: ChatStatus,
    pub pending_reply: Option<&'a str>,
    pub pending_sources: &'a [Source],
    pub error: Option<&'a str>,
}

/// Moves a chat to `next` only from `from`, so two rounds never run at once. Returns whether
/// it moved.
pub async fn transition(
    db: &D1Database,
    chat: &ChatRow,
    from: &[ChatStatus],
    next: &ChatState<'_>,
    at: &str,
) -> ApiResult<bool> {
    let allowed = from
        .iter()
        .map(|s| format!("'{}'", s.as_str()))
        .collect::<Vec<_>>()
        .join(", ");
    let sources = serde_json::to_string(next.pending_sources).unwrap_or_else(|_| "[]".into());
    Ok(run(
        db,
        &format!(
            "UPDATE chats SET status = ?, pending_reply = ?, pending_sources = ?, error = ?, updated_at = ?
             WHERE workspace_id = ? AND id = ? AND status IN ({allowed})"
        ),
        &[
            next.status.as_str().into(),
            next.pending_reply.into(),
            sources.as_str().into(),
            next.error.into(),
            at.into(),
            (&chat.workspace_id).into(),
            (&chat.id).into(),
        ],
    )
    .await?
        > 0)
}

const MESSAGE_COLUMNS: &str = "id, role, content, sources, created_at";

#[derive(Debug, Clone, Deserialize)]
struct MessageRow {
    id: String,
    role: String,
    content: String,
    sources: String,
    created_at: String,
}

impl MessageRow {
    fn into_message(self) -> ChatMessage {
        ChatMessage {
            role: ChatRole::parse(&self.role).unwrap_or(ChatRole::User),
            sources: serde_json::from_str(&self.sources).unwrap_or_default(),
            id: self.id,
            content: self.content,
            timestamp: self.created_at,
        }
    }
}

pub async fn add_message(db: &D1Database, chat_id: &str, message: &ChatMessage) -> ApiResult<()> {
    let sources = serde_json::to_string(&message.sources).unwrap_or_else(|_| "[]".into());
    run(
        db,
        "INSERT INTO chat_messages (id, chat_id, role, content, sources, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        &[
            (&message.id).into(),
            chat_id.into(),
            message.role.as_str().into(),
            (&message.content).into(),
            sources.as_str().into(),
            (&message.timestamp).into(),
        ],
    )
    .await
    .map(drop)
}

/// Messages oldest first (a page, or those after a cursor), and how many there are in all.
pub async fn messages(
    db: &D1Database,
    chat_id: &str,
    list: &ListRequest,
) -> ApiResult<(Vec<ChatMessage>, u64)> {
    let from = (MESSAGE_COLUMNS, "chat_messages", "chat_id = ?");
    let (rows, total): (Vec<MessageRow>, u64) =
        super::d1::page_of(db, from, &[chat_id.into()], list).await?;
    Ok((
        rows.into_iter().map(MessageRow::into_message).collect(),
        total,
    ))
}

/// RocketFlow's history: `limit` messages oldest first after skipping `offset`, and the total.
pub async fn history(
    db: &D1Database,
    chat_id: &str,
    limit: u32,
    offset: u64,
) -> ApiResult<(Vec<ChatMessage>, u64)> {
    let total = super::d1::count(db, "chat_messages WHERE chat_id = ?", &[chat_id.into()]).await?;
    let rows: Vec<MessageRow> = all(
        db,
        &format!(
            "SELECT {MESSAGE_COLUMNS} FROM chat_messages WHERE chat_id = ? ORDER BY seq LIMIT ? OFFSET ?"
        ),
        &[
            chat_id.into(),
            i64::from(limit).into(),
            (offset as i64).into(),
        ],
    )
    .await?;
    Ok((
        rows.into_iter().map(MessageRow::into_message).collect(),
        total,
    ))
}

/// The newest `limit` messages, oldest first: the history a bot answers with.
pub async fn recent_messages(
    db: &D1Database,
    chat_id: &str,
    limit: u32,
) -> ApiResult<Vec<ChatMessage>> {
    let rows: Vec<MessageRow> = all(
        db,
        &format!(
            "SELECT {MESSAGE_COLUMNS} FROM
               (SELECT seq, {MESSAGE_COLUMNS} FROM chat_messages WHERE chat_id = ? ORDER BY seq DESC LIMIT ?)
             ORDER BY seq"
        ),
        &[chat_id.into(), i64::from(limit).into()],
    )
    .await?;
    Ok(rows.into_iter().map(MessageRow::into_message).collect())
}
