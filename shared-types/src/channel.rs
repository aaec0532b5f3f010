//! Channels (ChatbotPlatform's "connect to messaging platforms"): a bot answers conversations
//! that arrive from Telegram or from any platform through a signed generic webhook, and the
//! team's replies go back out the same way.

use crate::message::{MAX_MESSAGE_CHARS, Message};
use crate::validate::{FieldErrors, MAX_NAME_CHARS, Validator};
use serde::{Deserialize, Serialize};

/// A platform user's id as the platform gives it.
pub const MAX_EXTERNAL_ID_CHARS: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum ChannelKind {
    /// The Telegram Bot API: Parley registers its webhook and answers with `sendMessage`.
    Telegram,
    /// Any platform: inbound messages are POSTed to Parley signed with the channel's secret,
    /// replies are POSTed, signed the same way, to the channel's `url`.
    Webhook,
}

impl ChannelKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ChannelKind::Telegram => "telegram",
            ChannelKind::Webhook => "webhook",
        }
    }

    pub fn parse(text: &str) -> Option<ChannelKind> {
        match text {
            "telegram" => Some(ChannelKind::Telegram),
            "webhook" => Some(ChannelKind::Webhook),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum ChannelStatus {
    Active,
    /// The platform refused the credentials; `statusReason` says how. Updating the
    /// credentials (or the URL) connects it again.
    Disconnected,
}

impl ChannelStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ChannelStatus::Active => "active",
            ChannelStatus::Disconnected => "disconnected",
        }
    }
}

/// A channel as the API shows it. Credentials are write-only: a Telegram token never comes
/// back, and a webhook channel's signing secret only once, in the answer that created it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Channel {
    pub id: String,
    pub bot_id: String,
    /// The widget whose settings (auto-assignment, business hours, reopening) its
    /// conversations follow, and under which the inbox files them.
    pub widget_id: String,
    pub kind: ChannelKind,
    pub name: String,
    pub status: ChannelStatus,
    pub status_reason: Option<String>,
    /// Where the platform sends messages: Parley registers it with Telegram itself; a
    /// webhook channel's platform is given it.
    pub inbound_url: String,
    /// A webhook channel's receiver of replies.
    pub url: Option<String>,
    /// The Telegram bot's `@username`, as `getMe` gave it.
    pub platform_username: Option<String>,
    /// The signing secret of a webhook channel, in the answer that created it only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// `POST /api/bots/{botId}/channels` (kind and its credentials required) and `PATCH
/// /api/channels/{id}` (only what changes).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ChannelInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<ChannelKind>,
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 100, pattern = r"\S")
    )]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Defaults to the workspace's widget that this bot answers on, else its first widget.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub widget_id: Option<String>,
    /// A Telegram bot token from @BotFather (write-only).
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
    /// A webhook channel's receiver of replies.
    #[cfg_attr(feature = "openapi", schema(pattern = "^https?://"))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl ChannelInput {
    /// `kind` is what the channel is (or stays); `creating` requires its credentials.
    pub fn validate(&self, kind: ChannelKind, creating: bool) -> Result<(), FieldErrors> {
        let mut check = Validator::new();
        if let Some(name) = &self.name {
            check.text("name", name, MAX_NAME_CHARS);
        }
        if let Some(token) = &self.token
            && !is_telegram_token(token)
        {
            check.fail(
                "token",
                "must be a Telegram bot token like 123456789:AAE… (from @BotFather)",
            );
        }
        if let Some(url) = &self.url
            && !(url.starts_with("https://") || url.starts_with("http://"))
        {
            check.fail("url", "must be an http(s) URL");
        }
        match kind {
            ChannelKind::Telegram if self.url.is_some() => {
                check.fail(
                    "url",
                    "is for webhook channels; Telegram's is registered by Parley",
                );
            }
            ChannelKind::Telegram if creating && self.token.is_none() => {
                check.fail("token", "is required for a Telegram channel");
            }
            ChannelKind::Webhook if self.token.is_some() => {
                check.fail("token", "is for Telegram channels");
            }
            ChannelKind::Webhook if creating && self.url.is_none() => {
                check.fail("url", "is required for a webhook channel");
            }
            _ => {}
        }
        check.finish()
    }
}

/// `<digits>:<35 or so URL-safe characters>`, as @BotFather issues them.
pub fn is_telegram_token(token: &str) -> bool {
    let Some((bot_id, secret)) = token.split_once(':') else {
        return false;
    };
    !bot_id.is_empty()
        && bot_id.len() <= 20
        && bot_id.bytes().all(|b| b.is_ascii_digit())
        && (20..=100).contains(&secret.len())
        && secret
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// What a platform POSTs to a webhook channel's `inboundUrl`, signed with `Parley-Signature`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct InboundMessage {
    /// The platform's id of the person writing: their messages share one conversation.
    pub user_id: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The platform's id of the message: a redelivery with the same id is stored once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_id: Option<String>,
}

impl InboundMessage {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut check = Validator::new();
        check.text("userId", &self.user_id, MAX_EXTERNAL_ID_CHARS);
        check.text("text", &self.text, MAX_MESSAGE_CHARS);
        if let Some(name) = &self.name {
            check.max_chars("name", name, MAX_NAME_CHARS);
        }
        if let Some(email) = &self.email {
            check.email("email", email);
        }
        if let Some(id) = &self.message_id {
            check.text("messageId", id, MAX_EXTERNAL_ID_CHARS);
        }
        check.finish()
    }
}

/// What Parley POSTs to a webhook channel's `url` for each reply, signed with
/// `Parley-Signature` like webhook deliveries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct OutboundMessage {
    pub channel_id: String,
    pub conversation_id: String,
    /// The platform user the reply is for, as their messages named them.
    pub user_id: String,
    pub message: Message,
}

/// The reply given to an accepted inbound message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct InboundAccepted {
    pub conversation_id: String,
    pub message: Message,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn telegram_tokens_look_like_botfathers() {
        assert!(is_telegram_token(
            "123456789:AAEhBOweik6ad9r_QXMENQjcrGbqCr4K-bs"
        ));
        for bad in [
            "",
            "abc",
            "123:short",
            "abc:AAEhBOweik6ad9r_QXMENQjcrGbqCr4K",
            ":x",
        ] {
            assert!(!is_telegram_token(bad), "{bad}");
        }
    }

    #[test]
    fn each_kind_requires_its_own_credentials() {
        let telegram = ChannelInput::default()
            .validate(ChannelKind::Telegram, true)
            .unwrap_err();
        assert_eq!(telegram.keys().collect::<Vec<_>>(), ["token"]);
        let webhook = ChannelInput::default()
            .validate(ChannelKind::Webhook, true)
            .unwrap_err();
        assert_eq!(webhook.keys().collect::<Vec<_>>(), ["url"]);
        let crossed = ChannelInput {
            url: Some("https://example.com/hook".into()),
            ..ChannelInput::default()
        };
        assert!(crossed.validate(ChannelKind::Telegram, false).is_err());
        assert!(crossed.validate(ChannelKind::Webhook, true).is_ok());
    }

    #[test]
    fn inbound_messages_need_a_user_and_text() {
        let errors = InboundMessage::default().validate().unwrap_err();
        assert_eq!(errors.keys().collect::<Vec<_>>(), ["text", "userId"]);
    }
}
