//! The Telegram Bot API's wire format (core.telegram.org/bots/api): method URLs, the bodies
//! Parley sends, the updates Telegram POSTs to a channel, and what its answers mean.

use serde::Deserialize;
use serde_json::{Value, json};

/// Telegram's header carrying the `secret_token` given to `setWebhook`.
pub const SECRET_HEADER: &str = "x-telegram-bot-api-secret-token";
pub const DEFAULT_API_BASE: &str = "https://api.telegram.org";

/// `https://api.telegram.org/bot<token>/<method>` on `base`.
pub fn method_url(base: &str, token: &str, method: &str) -> String {
    format!("{}/bot{token}/{method}", base.trim_end_matches('/'))
}

/// `setWebhook`: Telegram POSTs message updates to `url`, with `secret` in [`SECRET_HEADER`].
pub fn set_webhook_body(url: &str, secret: &str) -> Value {
    json!({"url": url, "secret_token": secret, "allowed_updates": ["message"]})
}

/// `sendMessage` to the chat, as plain text.
pub fn send_message_body(chat_id: &str, text: &str) -> Value {
    // Chat ids are integers; one that is not (never from Telegram) goes as given.
    let chat_id = chat_id
        .parse::<i64>()
        .map_or_else(|_| Value::from(chat_id), Value::from);
    json!({"chat_id": chat_id, "text": text})
}

#[derive(Debug, Deserialize)]
pub struct Update {
    pub update_id: i64,
    #[serde(default)]
    pub message: Option<UpdateMessage>,
}

#[derive(Debug, Deserialize)]
pub struct UpdateMessage {
    pub chat: Chat,
    #[serde(default)]
    pub from: Option<User>,
    #[serde(default)]
    pub text: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct Chat {
    pub id: i64,
}

#[derive(Debug, Deserialize)]
pub struct User {
    pub first_name: String,
    #[serde(default)]
    pub last_name: Option<String>,
    #[serde(default)]
    pub username: Option<String>,
}

/// A text message someone wrote to the bot.
#[derive(Debug, PartialEq)]
pub struct Written {
    pub chat_id: String,
    pub text: String,
    pub name: Option<String>,
    pub username: Option<String>,
    /// Telegram redelivers an update until it is answered 2xx: its id makes it one message.
    pub key: String,
}

impl Update {
    /// The text message this update carries; none for anything else (stickers, edits, …),
    /// which Parley acknowledges and ignores.
    pub fn written(self) -> Option<Written> {
        let message = self.message?;
        let text = message.text.filter(|t| !t.trim().is_empty())?;
        let name = message.from.as_ref().map(|user| match &user.last_name {
            Some(last) => format!("{} {last}", user.first_name),
            None => user.first_name.clone(),
        });
        Some(Written {
            chat_id: message.chat.id.to_string(),
            text,
            name,
            username: message.from.and_then(|user| user.username),
            key: format!("telegram-{}", self.update_id),
        })
    }
}

/// What an answer from the Bot API means for Parley.
#[derive(Debug, PartialEq)]
pub enum Answer {
    /// `{"ok": true, "result": …}`.
    Done(Value),
    /// The token is not (or no longer) valid: the channel is disconnected.
    Unauthorized(String),
    /// Worth trying again, after `retry_after` seconds when Telegram says.
    Transient {
        description: String,
        retry_after: Option<u64>,
    },
    /// Refused for this request only (a user who blocked the bot, a chat that is gone).
    Refused(String),
}

#[derive(Deserialize)]
struct Envelope {
    ok: bool,
    #[serde(default)]
    result: Value,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    parameters: Option<Parameters>,
}

#[derive(Deserialize)]
struct Parameters {
    #[serde(default)]
    retry_after: Option<u64>,
}

/// Reads an answer by its HTTP status and its `{ok, result | error_code, description}` body.
pub fn read_answer(status: u16, body: &str) -> Answer {
    let envelope = serde_json::from_str::<Envelope>(body).ok();
    let description = envelope
        .as_ref()
        .and_then(|e| e.description.clone())
        .unwrap_or_else(|| format!("Telegram answered HTTP {status}"));
    match (status, envelope) {
        (200..=299, Some(envelope)) if envelope.ok => Answer::Done(envelope.result),
        (401 | 404, _) => Answer::Unauthorized(description),
        (429, envelope) => Answer::Transient {
            description,
            retry_after: envelope
                .and_then(|e| e.parameters)
                .and_then(|p| p.retry_after),
        },
        (500..=599, _) | (200..=299, None) => Answer::Transient {
            description,
            retry_after: None,
        },
        _ => Answer::Refused(description),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn method_urls_carry_the_token() {
        assert_eq!(
            method_url("https://api.telegram.org/", "1:abc", "sendMessage"),
            "https://api.telegram.org/bot1:abc/sendMessage"
        );
    }

    #[test]
    fn a_text_update_is_a_written_message_keyed_by_its_update() {
        let update: Update = serde_json::from_str(
            r#"{"update_id":10000,"message":{"message_id":1365,"date":1441645532,
                "from":{"id":1111111,"is_bot":false,"first_name":"Ada","last_name":"Lovelace","username":"ada"},
                "chat":{"id":1111111,"first_name":"Ada","type":"private"},"text":"Hello"}}"#,
        )
        .unwrap();
        assert_eq!(
            update.written(),
            Some(Written {
                chat_id: "1111111".into(),
                text: "Hello".into(),
                name: Some("Ada Lovelace".into()),
                username: Some("ada".into()),
                key: "telegram-10000".into(),
            })
        );
        let sticker: Update = serde_json::from_str(
            r#"{"update_id":10001,"message":{"message_id":1,"date":1,"chat":{"id":5,"type":"private"},"sticker":{}}}"#,
        )
        .unwrap();
        assert_eq!(sticker.written(), None);
    }

    #[test]
    fn answers_tell_a_revoked_token_from_a_busy_api() {
        assert_eq!(
            read_answer(200, r#"{"ok":true,"result":true}"#),
            Answer::Done(Value::Bool(true))
        );
        assert_eq!(
            read_answer(
                401,
                r#"{"ok":false,"error_code":401,"description":"Unauthorized"}"#
            ),
            Answer::Unauthorized("Unauthorized".into())
        );
        assert_eq!(
            read_answer(
                429,
                r#"{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 3","parameters":{"retry_after":3}}"#
            ),
            Answer::Transient {
                description: "Too Many Requests: retry after 3".into(),
                retry_after: Some(3)
            }
        );
        assert_eq!(
            read_answer(
                403,
                r#"{"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"}"#
            ),
            Answer::Refused("Forbidden: bot was blocked by the user".into())
        );
        assert!(matches!(
            read_answer(502, "<html>"),
            Answer::Transient { .. }
        ));
    }

    #[test]
    fn chat_ids_go_as_numbers() {
        assert_eq!(
            send_message_body("-100123", "hi"),
            json!({"chat_id": -100123, "text": "hi"})
        );
    }
}
