//! Chatting with a bot from a server: RocketFlow's `POST /api/chat` + history, FlowGen's chats
//! with a status, and the token stream both can answer with.

use crate::bot::Source;
use crate::message::MAX_MESSAGE_CHARS;
use crate::validate::{FieldErrors, MAX_NAME_CHARS, Validator};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

pub const MAX_SESSION_ID_CHARS: usize = 100;
pub const DEFAULT_HISTORY_LIMIT: u32 = 50;
/// The `Accept` value that makes `/api/chat` stream its answer as Server-Sent Events
/// (`application/jsonl`, `page::JSONL_CONTENT_TYPE`, streams it as JSON lines).
pub const EVENT_STREAM: &str = "text/event-stream";

/// `POST /api/chat`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ChatRequest {
    pub message: String,
    pub bot_id: String,
    /// Continues a session; a new one starts when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub context: Option<Map<String, Value>>,
}

impl ChatRequest {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut check = Validator::new();
        check.text("message", &self.message, MAX_MESSAGE_CHARS);
        check.uuid("botId", &self.bot_id);
        if let Some(session) = &self.session_id {
            check.text("sessionId", session, MAX_SESSION_ID_CHARS);
        }
        if let Some(user) = &self.user_id {
            check.text("userId", user, MAX_SESSION_ID_CHARS);
        }
        check.finish()
    }
}

/// The answer to [`ChatRequest`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ChatResponse {
    pub response: String,
    pub session_id: String,
    pub message_id: String,
    pub timestamp: String,
    pub sources: Vec<Source>,
    /// The bot could not answer (nothing relevant, or its integration failed) and offers a human.
    pub handoff: bool,
}

/// One event of a streamed answer: as JSON lines, or as the `data` of an SSE event whose
/// `event` is the same `type`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum ChatStreamEvent {
    Token {
        text: String,
    },
    Sources {
        sources: Vec<Source>,
    },
    Done(ChatResponse),
    /// The answer failed after the stream began; nothing more follows.
    Error {
        detail: String,
    },
}

impl ChatStreamEvent {
    pub fn name(&self) -> &'static str {
        match self {
            ChatStreamEvent::Token { .. } => "token",
            ChatStreamEvent::Sources { .. } => "sources",
            ChatStreamEvent::Done(_) => "done",
            ChatStreamEvent::Error { .. } => "error",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum ChatRole {
    /// The developer's end user.
    User,
    /// The bot.
    Assistant,
    /// A person answering a chat that waited for human input.
    Human,
}

impl ChatRole {
    pub fn as_str(self) -> &'static str {
        match self {
            ChatRole::User => "user",
            ChatRole::Assistant => "assistant",
            ChatRole::Human => "human",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "user" => Some(ChatRole::User),
            "assistant" => Some(ChatRole::Assistant),
            "human" => Some(ChatRole::Human),
            _ => None,
        }
    }
}

/// A message of a developer chat (RocketFlow history's shape).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ChatMessage {
    pub id: String,
    #[serde(rename = "type")]
    pub role: ChatRole,
    pub content: String,
    pub timestamp: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
}

/// `GET /api/chat/history/{sessionId}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ChatHistory {
    pub messages: Vec<ChatMessage>,
    pub total: u64,
    pub has_more: bool,
}

/// The `data` of a chat session's webhook events: `conversation.started` (no message),
/// `message.received` (the user's message) and `message.sent` (the bot's reply).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ChatEventData {
    pub session_id: String,
    pub bot_id: String,
    pub user_id: Option<String>,
    pub message_id: Option<String>,
    pub content: Option<String>,
    pub timestamp: String,
}

/// FlowGen's chat states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ChatStatus {
    /// Ready for a message.
    Ready,
    /// Answering one.
    Running,
    /// A reply is drafted and waits for `POST /api/chats/{id}/input`.
    WaitForHumanInput,
    /// Answered; a new message starts another round.
    Completed,
    /// The last answer failed; `error` says why. A new message tries again.
    Error,
}

impl ChatStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ChatStatus::Ready => "ready",
            ChatStatus::Running => "running",
            ChatStatus::WaitForHumanInput => "wait_for_human_input",
            ChatStatus::Completed => "completed",
            ChatStatus::Error => "error",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "ready" => Some(ChatStatus::Ready),
            "running" => Some(ChatStatus::Running),
            "wait_for_human_input" => Some(ChatStatus::WaitForHumanInput),
            "completed" => Some(ChatStatus::Completed),
            "error" => Some(ChatStatus::Error),
            _ => None,
        }
    }

    /// Whether a new user message may start a round now.
    pub fn accepts_message(self) -> bool {
        !matches!(self, ChatStatus::Running | ChatStatus::WaitForHumanInput)
    }
}

/// A developer chat session with a bot. `POST /api/chat` sessions are chats too.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Chat {
    pub id: String,
    pub name: String,
    pub bot_id: String,
    pub session_id: String,
    pub status: ChatStatus,
    /// The reply waiting for confirmation, in `wait_for_human_input`.
    pub pending_reply: Option<String>,
    pub error: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// `POST /api/chats`: Parley's `{botId, name?}`, or FlowGen's own body
/// `{name, from_type: "flow", from_flow: <bot id>}` (a FlowGen flow is a Parley bot).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CreateChatRequest {
    #[serde(default, alias = "from_flow")]
    pub bot_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// FlowGen's: what the chat runs; only `flow` is known.
    #[serde(default, rename = "from_type", skip_serializing_if = "Option::is_none")]
    pub from_type: Option<String>,
}

impl CreateChatRequest {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut check = Validator::new();
        if self.bot_id.is_empty() {
            check.fail("botId", "is required (FlowGen's from_flow is accepted too)");
        } else {
            check.uuid("botId", &self.bot_id);
        }
        if let Some(kind) = self.from_type.as_deref().filter(|kind| *kind != "flow") {
            check.fail(
                "from_type",
                format!("{kind:?} is not known: only \"flow\" (a bot)"),
            );
        }
        if let Some(name) = &self.name {
            check.text("name", name, MAX_NAME_CHARS);
        }
        check.finish()
    }
}

/// `POST /api/chats/{id}/messages` and `/input`. For `/input`, an empty `message` confirms the
/// drafted reply as it is; any other text is sent instead of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChatInput {
    pub message: String,
}

impl ChatInput {
    pub fn validate(&self, may_be_empty: bool) -> Result<(), FieldErrors> {
        let mut check = Validator::new();
        if may_be_empty {
            check.max_chars("message", &self.message, MAX_MESSAGE_CHARS);
        } else {
            check.text("message", &self.message, MAX_MESSAGE_CHARS);
        }
        check.finish()
    }
}

/// What `POST /api/chats/{id}/messages` and `/input` answer: the chat's state and what the
/// round added.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ChatTurn {
    pub chat: Chat,
    pub messages: Vec<ChatMessage>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_chat_is_created_from_parleys_body_or_flowgens() {
        let bot = "3f0c3a52-6d1e-4c6b-9b1a-2f1d7e0c9a01";
        let flowgen: CreateChatRequest = serde_json::from_value(
            json!({"name": "My Chatbot", "from_type": "flow", "from_flow": bot}),
        )
        .unwrap();
        let parley: CreateChatRequest =
            serde_json::from_value(json!({"name": "My Chatbot", "botId": bot})).unwrap();
        assert_eq!(flowgen.bot_id, parley.bot_id);
        assert!(flowgen.validate().is_ok() && parley.validate().is_ok());
        let unknown: CreateChatRequest =
            serde_json::from_value(json!({"from_type": "agent", "from_flow": bot})).unwrap();
        assert!(unknown.validate().unwrap_err().contains_key("from_type"));
        let missing: CreateChatRequest = serde_json::from_value(json!({"name": "x"})).unwrap();
        assert!(missing.validate().unwrap_err().contains_key("botId"));
    }

    #[test]
    fn stream_events_are_tagged_by_type() {
        let token = ChatStreamEvent::Token { text: "Hel".into() };
        assert_eq!(
            serde_json::to_value(&token).unwrap(),
            json!({"type": "token", "text": "Hel"})
        );
        assert_eq!(token.name(), "token");
    }

    #[test]
    fn statuses_use_flowgen_names() {
        for status in [
            ChatStatus::Ready,
            ChatStatus::Running,
            ChatStatus::WaitForHumanInput,
            ChatStatus::Completed,
            ChatStatus::Error,
        ] {
            assert_eq!(
                serde_json::to_value(status).unwrap(),
                Value::from(status.as_str())
            );
            assert_eq!(ChatStatus::parse(status.as_str()), Some(status));
        }
        assert!(!ChatStatus::WaitForHumanInput.accepts_message());
        assert!(ChatStatus::Completed.accepts_message());
    }

    #[test]
    fn chat_request_rejections() {
        let request: ChatRequest =
            serde_json::from_value(json!({"message": " ", "botId": "b"})).unwrap();
        assert_eq!(
            request.validate().unwrap_err().keys().collect::<Vec<_>>(),
            ["botId", "message"]
        );
    }
}
