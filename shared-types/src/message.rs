//! Conversation messages, as in the ChatFlow contract, plus the room's `seq`.

use crate::bot::Source;
use crate::validate::Validator;
use serde::{Deserialize, Serialize};

pub use crate::validate::FieldErrors;

/// Longest message a visitor, agent or bot may send, in characters (Unicode scalar values).
pub const MAX_MESSAGE_CHARS: usize = 4000;
/// Longest client-supplied message id (it only has to be unique per conversation).
pub const MAX_CLIENT_MESSAGE_ID_CHARS: usize = 64;
/// Default and largest page of `GET …/messages`.
pub const DEFAULT_MESSAGE_PAGE: u32 = 50;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum SenderType {
    Visitor,
    Agent,
    Ai,
}

impl SenderType {
    pub fn as_str(self) -> &'static str {
        match self {
            SenderType::Visitor => "visitor",
            SenderType::Agent => "agent",
            SenderType::Ai => "ai",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "visitor" => Some(SenderType::Visitor),
            "agent" => Some(SenderType::Agent),
            "ai" => Some(SenderType::Ai),
            _ => None,
        }
    }
}

/// A stored message. `seq` is its position in the conversation's log (1, 2, 3, … with no
/// gaps), so a reconnecting client can ask for exactly what it missed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Message {
    pub id: String,
    pub conversation_id: String,
    pub seq: u64,
    pub content: String,
    pub sender_type: SenderType,
    pub sender_id: String,
    pub is_read: bool,
    pub created_at: String,
    /// Where an `ai` message's answer came from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    /// A private note: the team sees it, the visitor never does (no socket, read, webhook or
    /// email of theirs carries it). Left out when false, so a message is the seed's object.
    #[serde(default, skip_serializing_if = "is_false")]
    pub private: bool,
}

fn is_false(flag: &bool) -> bool {
    !flag
}

/// `POST /api/conversations/{id}/messages`. The sender is whoever the token says; the seed's
/// `senderType`/`senderId` may be sent and must then name that same sender.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct SendMessageRequest {
    pub content: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sender_type: Option<SenderType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sender_id: Option<String>,
    /// Makes retries safe: a second send with the same id returns the first message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_message_id: Option<String>,
    /// `true`: a private note for the team (team members and API keys only; a visitor is
    /// refused with 403 `FORBIDDEN`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub private: bool,
}

impl SendMessageRequest {
    pub fn text(content: impl Into<String>) -> Self {
        SendMessageRequest {
            content: content.into(),
            sender_type: None,
            sender_id: None,
            client_message_id: None,
            private: false,
        }
    }

    /// A private note for the team.
    pub fn note(content: impl Into<String>) -> Self {
        SendMessageRequest {
            private: true,
            ..SendMessageRequest::text(content)
        }
    }

    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut check = Validator::new();
        check.text("content", &self.content, MAX_MESSAGE_CHARS);
        if let Some(id) = &self.client_message_id {
            check.text("clientMessageId", id, MAX_CLIENT_MESSAGE_ID_CHARS);
        }
        check.finish()
    }
}

/// Who a message is from, as the edge establishes it from the caller's credentials.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Sender {
    pub sender_type: SenderType,
    pub sender_id: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_an_ordinary_message() {
        assert_eq!(
            SendMessageRequest::text("Hello, I have a question about pricing.").validate(),
            Ok(())
        );
    }

    #[test]
    fn rejects_blank_content() {
        let errors = SendMessageRequest::text("  \n\t ").validate().unwrap_err();
        assert_eq!(errors["content"], ["must not be empty"]);
    }

    #[test]
    fn limit_counts_characters_not_bytes() {
        assert_eq!(
            SendMessageRequest::text("é".repeat(MAX_MESSAGE_CHARS)).validate(),
            Ok(())
        );
        let errors = SendMessageRequest::text("é".repeat(MAX_MESSAGE_CHARS + 1))
            .validate()
            .unwrap_err();
        assert_eq!(
            errors["content"],
            ["must be at most 4000 characters (got 4001)"]
        );
    }

    #[test]
    fn rejects_an_overlong_client_message_id() {
        let mut req = SendMessageRequest::text("hi");
        req.client_message_id = Some("x".repeat(MAX_CLIENT_MESSAGE_ID_CHARS + 1));
        assert!(req.validate().unwrap_err().contains_key("clientMessageId"));
    }

    #[test]
    fn a_note_says_private_and_an_ordinary_message_says_nothing_of_it() {
        let note = serde_json::to_value(SendMessageRequest::note("VIP")).unwrap();
        assert_eq!(note, serde_json::json!({"content": "VIP", "private": true}));
        let plain = serde_json::to_value(SendMessageRequest::text("Hi")).unwrap();
        assert_eq!(plain, serde_json::json!({"content": "Hi"}));
    }

    #[test]
    fn uses_the_seed_wire_names() {
        let json = r#"{"content":"Hi","senderType":"agent","senderId":"a-1"}"#;
        let req: SendMessageRequest = serde_json::from_str(json).unwrap();
        assert_eq!(req.sender_type, Some(SenderType::Agent));
        assert!(
            serde_json::from_str::<SendMessageRequest>(r#"{"content":"Hi","senderType":"bot"}"#)
                .is_err()
        );
        for sender in [SenderType::Visitor, SenderType::Agent, SenderType::Ai] {
            assert_eq!(SenderType::parse(sender.as_str()), Some(sender));
        }
    }
}
