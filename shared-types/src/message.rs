//! Conversation messages, as in the ChatFlow contract, plus the room's `seq`.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Longest message a visitor, agent or bot may send, in characters (Unicode scalar values).
pub const MAX_MESSAGE_CHARS: usize = 4000;
/// Longest client-supplied message id (it only has to be unique per conversation).
pub const MAX_CLIENT_MESSAGE_ID_CHARS: usize = 64;

/// Field name → what is wrong with it; rendered as the problem's `errors`.
pub type FieldErrors = BTreeMap<String, Vec<String>>;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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
}

/// `POST /api/conversations/{id}/messages`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SendMessageRequest {
    pub content: String,
    pub sender_type: SenderType,
    pub sender_id: String,
    /// Makes retries safe: a second send with the same id returns the first message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_message_id: Option<String>,
}

impl SendMessageRequest {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut fail =
            |field: &str, why: String| errors.entry(field.to_owned()).or_default().push(why);
        if self.content.trim().is_empty() {
            fail("content", "must not be empty".to_owned());
        }
        let chars = self.content.chars().count();
        if chars > MAX_MESSAGE_CHARS {
            fail(
                "content",
                format!("must be at most {MAX_MESSAGE_CHARS} characters (got {chars})"),
            );
        }
        if self.sender_id.trim().is_empty() {
            fail("senderId", "must not be empty".to_owned());
        }
        if let Some(id) = &self.client_message_id
            && (id.is_empty() || id.chars().count() > MAX_CLIENT_MESSAGE_ID_CHARS)
        {
            fail(
                "clientMessageId",
                format!("must be 1 to {MAX_CLIENT_MESSAGE_ID_CHARS} characters"),
            );
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(content: &str) -> SendMessageRequest {
        SendMessageRequest {
            content: content.to_owned(),
            sender_type: SenderType::Visitor,
            sender_id: "visitor-1".to_owned(),
            client_message_id: None,
        }
    }

    #[test]
    fn accepts_an_ordinary_message() {
        assert_eq!(
            request("Hello, I have a question about pricing.").validate(),
            Ok(())
        );
    }

    #[test]
    fn rejects_blank_content() {
        let errors = request("  \n\t ").validate().unwrap_err();
        assert_eq!(errors["content"], ["must not be empty"]);
    }

    #[test]
    fn limit_counts_characters_not_bytes() {
        assert_eq!(request(&"é".repeat(MAX_MESSAGE_CHARS)).validate(), Ok(()));
        let errors = request(&"é".repeat(MAX_MESSAGE_CHARS + 1))
            .validate()
            .unwrap_err();
        assert_eq!(
            errors["content"],
            ["must be at most 4000 characters (got 4001)"]
        );
    }

    #[test]
    fn rejects_an_overlong_client_message_id() {
        let mut req = request("hi");
        req.client_message_id = Some("x".repeat(MAX_CLIENT_MESSAGE_ID_CHARS + 1));
        assert!(req.validate().unwrap_err().contains_key("clientMessageId"));
    }

    #[test]
    fn uses_the_seed_wire_names() {
        let json = r#"{"content":"Hi","senderType":"agent","senderId":"a-1"}"#;
        let req: SendMessageRequest = serde_json::from_str(json).unwrap();
        assert_eq!(req.sender_type, SenderType::Agent);
        assert!(
            serde_json::from_str::<SendMessageRequest>(
                r#"{"content":"Hi","senderType":"bot","senderId":"x"}"#
            )
            .is_err()
        );
        for sender in [SenderType::Visitor, SenderType::Agent, SenderType::Ai] {
            assert_eq!(SenderType::parse(sender.as_str()), Some(sender));
        }
    }
}
