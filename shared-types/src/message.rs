//! Conversation messages, as in the ChatFlow contract, plus the room's `seq`.

use crate::attachment::{Attachment, MAX_ATTACHMENTS_PER_MESSAGE};
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
    /// The files it carries; left out when none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<Attachment>,
}

impl Message {
    /// What lists and search show of it: its text, or the names of the files it carries.
    pub fn said(&self) -> String {
        if !self.content.is_empty() || self.attachments.is_empty() {
            return self.content.clone();
        }
        let names: Vec<&str> = self.attachments.iter().map(|a| a.name.as_str()).collect();
        String::from("📎 ") + &names.join(", ")
    }
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
    /// Ids of files uploaded to this conversation (`POST …/attachments`) that the message
    /// carries; with at least one, `content` may be empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<String>,
}

impl SendMessageRequest {
    pub fn text(content: impl Into<String>) -> Self {
        SendMessageRequest {
            content: content.into(),
            sender_type: None,
            sender_id: None,
            client_message_id: None,
            private: false,
            attachments: Vec::new(),
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
        if self.attachments.is_empty() {
            check.text("content", &self.content, MAX_MESSAGE_CHARS);
        } else {
            check.max_chars("content", &self.content, MAX_MESSAGE_CHARS);
        }
        if self.attachments.len() > MAX_ATTACHMENTS_PER_MESSAGE {
            check.fail(
                "attachments",
                String::from("must be at most ")
                    + &MAX_ATTACHMENTS_PER_MESSAGE.to_string()
                    + " files",
            );
        }
        for id in &self.attachments {
            check.uuid("attachments", id);
        }
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
    fn lists_show_a_message_of_files_by_their_names() {
        let file = |name: &str| Attachment {
            id: "a".into(),
            name: name.into(),
            content_type: "image/png".into(),
            size: 1,
        };
        let mut message: Message = serde_json::from_value(serde_json::json!({
            "id": "m", "conversationId": "c", "seq": 1, "content": "", "senderType": "visitor",
            "senderId": "v", "isRead": false, "createdAt": "2026-12-07T00:00:00Z"
        }))
        .unwrap();
        assert_eq!(message.said(), "");
        message.attachments = vec![file("a.png"), file("b.png")];
        assert_eq!(message.said(), "📎 a.png, b.png");
        message.content = "Look".into();
        assert_eq!(message.said(), "Look");
    }

    #[test]
    fn a_message_with_files_may_have_no_text_but_not_too_many_files() {
        let file = "0b8f2c2e-7a51-4c1e-9a57-3f0c8a4f2b11".to_owned();
        let only_files = SendMessageRequest {
            attachments: vec![file.clone()],
            ..SendMessageRequest::text("")
        };
        assert_eq!(only_files.validate(), Ok(()));
        assert!(SendMessageRequest::text(" ").validate().is_err());
        let too_many = SendMessageRequest {
            attachments: vec![file; MAX_ATTACHMENTS_PER_MESSAGE + 1],
            ..SendMessageRequest::text("")
        };
        assert!(too_many.validate().unwrap_err().contains_key("attachments"));
        let not_an_id = SendMessageRequest {
            attachments: vec!["../etc/passwd".into()],
            ..SendMessageRequest::text("")
        };
        assert!(
            not_an_id
                .validate()
                .unwrap_err()
                .contains_key("attachments")
        );
    }

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
