//! Webhooks: Parley POSTs signed events to a customer's URL.
//!
//! Each delivery carries `Parley-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of
//! "<t>.<body>" keyed with the webhook's secret>`, `Parley-Delivery` (the same id on every
//! retry) and `Parley-Event`.

use crate::validate::{FieldErrors, Validator};
use serde::{Deserialize, Serialize};

pub const SIGNATURE_HEADER: &str = "parley-signature";
pub const DELIVERY_HEADER: &str = "parley-delivery";
pub const EVENT_HEADER: &str = "parley-event";
pub const MAX_URL_CHARS: usize = 2048;
pub const MIN_SECRET_CHARS: usize = 16;
pub const MAX_SECRET_CHARS: usize = 256;

/// What a webhook can subscribe to: the union of the seeds' events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum WebhookEvent {
    #[serde(rename = "message.received")]
    MessageReceived,
    #[serde(rename = "message.sent")]
    MessageSent,
    #[serde(rename = "conversation.started")]
    ConversationStarted,
    #[serde(rename = "conversation.ended")]
    ConversationEnded,
    #[serde(rename = "conversation.assigned")]
    ConversationAssigned,
    #[serde(rename = "conversation.rated")]
    ConversationRated,
    #[serde(rename = "bot.message")]
    BotMessage,
    #[serde(rename = "integration.failed")]
    IntegrationFailed,
    #[serde(rename = "channel.disconnected")]
    ChannelDisconnected,
    /// An agent loop's execution ended (succeeded, failed or canceled).
    #[serde(rename = "agent_loop.completed")]
    AgentLoopCompleted,
    /// Sent only by "send test event", whatever the webhook subscribes to.
    #[serde(rename = "webhook.test")]
    Test,
}

impl WebhookEvent {
    /// Every event a webhook may subscribe to (all but [`WebhookEvent::Test`]), in the order a
    /// form lists them.
    pub const SUBSCRIBABLE: [WebhookEvent; 10] = [
        WebhookEvent::MessageReceived,
        WebhookEvent::MessageSent,
        WebhookEvent::ConversationStarted,
        WebhookEvent::ConversationAssigned,
        WebhookEvent::ConversationEnded,
        WebhookEvent::ConversationRated,
        WebhookEvent::BotMessage,
        WebhookEvent::IntegrationFailed,
        WebhookEvent::ChannelDisconnected,
        WebhookEvent::AgentLoopCompleted,
    ];

    pub fn name(self) -> &'static str {
        match self {
            WebhookEvent::MessageReceived => "message.received",
            WebhookEvent::MessageSent => "message.sent",
            WebhookEvent::ConversationStarted => "conversation.started",
            WebhookEvent::ConversationEnded => "conversation.ended",
            WebhookEvent::ConversationAssigned => "conversation.assigned",
            WebhookEvent::ConversationRated => "conversation.rated",
            WebhookEvent::BotMessage => "bot.message",
            WebhookEvent::IntegrationFailed => "integration.failed",
            WebhookEvent::ChannelDisconnected => "channel.disconnected",
            WebhookEvent::AgentLoopCompleted => "agent_loop.completed",
            WebhookEvent::Test => "webhook.test",
        }
    }
}

/// The payload shape a webhook receives: the dialect it was created in (`POST /api/webhooks`
/// or RocketFlow's `POST /v1/webhooks`). Both are signed the same way.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum WebhookDialect {
    /// [`WebhookPayload`].
    #[default]
    Parley,
    /// `crate::rocketflow::WebhookPayload`.
    Rocketflow,
}

impl WebhookDialect {
    pub fn as_str(self) -> &'static str {
        match self {
            WebhookDialect::Parley => "parley",
            WebhookDialect::Rocketflow => "rocketflow",
        }
    }

    /// The stored name's dialect; anything unknown reads as Parley's.
    pub fn parse(name: &str) -> WebhookDialect {
        match name {
            "rocketflow" => WebhookDialect::Rocketflow,
            _ => WebhookDialect::Parley,
        }
    }
}

/// What a receiver gets as the body (the same bytes on every retry).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct WebhookPayload {
    /// The delivery id, also in `Parley-Delivery`: receivers de-duplicate on it.
    pub id: String,
    pub event: WebhookEvent,
    pub workspace_id: String,
    pub timestamp: String,
    pub data: serde_json::Value,
}

/// `POST /api/webhooks`. Without a `secret`, Parley makes one; either way the answer shows it
/// once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreateWebhookRequest {
    #[cfg_attr(feature = "openapi", schema(format = "uri", max_length = 2048))]
    pub url: String,
    #[cfg_attr(feature = "openapi", schema(min_items = 1))]
    pub events: Vec<WebhookEvent>,
    #[serde(default)]
    pub secret: Option<String>,
}

/// `PATCH /api/webhooks/{id}`: only what is sent changes; a new `secret` rotates it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdateWebhookRequest {
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub events: Option<Vec<WebhookEvent>>,
    #[serde(default)]
    pub secret: Option<String>,
    #[serde(default)]
    pub active: Option<bool>,
}

pub use crate::outbound::UrlPolicy;

impl CreateWebhookRequest {
    pub fn validate(&self, policy: UrlPolicy) -> Result<(), FieldErrors> {
        let mut v = Validator::new();
        check_url(&mut v, &self.url, policy);
        check_events(&mut v, &self.events);
        if let Some(secret) = &self.secret {
            check_secret(&mut v, secret);
        }
        v.finish()
    }
}

impl UpdateWebhookRequest {
    pub fn validate(&self, policy: UrlPolicy) -> Result<(), FieldErrors> {
        let mut v = Validator::new();
        if let Some(url) = &self.url {
            check_url(&mut v, url, policy);
        }
        if let Some(events) = &self.events {
            check_events(&mut v, events);
        }
        if let Some(secret) = &self.secret {
            check_secret(&mut v, secret);
        }
        v.finish()
    }
}

fn check_url(v: &mut Validator, url: &str, policy: UrlPolicy) {
    v.max_chars("url", url, MAX_URL_CHARS);
    if let Err(why) = deliverable_url(url, policy) {
        v.fail("url", why);
    }
}

fn check_events(v: &mut Validator, events: &[WebhookEvent]) {
    if events.is_empty() {
        v.fail("events", "name at least one event");
    }
    if events.contains(&WebhookEvent::Test) {
        v.fail(
            "events",
            "webhook.test is sent only on request, not subscribed to",
        );
    }
}

fn check_secret(v: &mut Validator, secret: &str) {
    let chars = secret.chars().count();
    if !(MIN_SECRET_CHARS..=MAX_SECRET_CHARS).contains(&chars) {
        v.fail(
            "secret",
            format!("must be {MIN_SECRET_CHARS} to {MAX_SECRET_CHARS} characters"),
        );
    }
}

/// Whether Parley may POST to `url` under `policy`; the reason when not.
pub fn deliverable_url(url: &str, policy: UrlPolicy) -> Result<(), &'static str> {
    crate::outbound::check(url, policy).map(drop)
}

/// A webhook as shown: never its secret.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Webhook {
    pub id: String,
    pub url: String,
    pub events: Vec<WebhookEvent>,
    pub active: bool,
    pub created_at: String,
    /// The payload shape its deliveries carry.
    #[serde(default)]
    pub dialect: WebhookDialect,
}

/// The answer to `POST /api/webhooks`: the only time the secret is shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CreatedWebhook {
    #[serde(flatten)]
    pub webhook: Webhook,
    pub secret: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum DeliveryStatus {
    /// Not yet accepted; retried with exponential backoff.
    Pending,
    Delivered,
    /// Every attempt failed.
    Failed,
}

impl DeliveryStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryStatus::Pending => "pending",
            DeliveryStatus::Delivered => "delivered",
            DeliveryStatus::Failed => "failed",
        }
    }
}

/// One entry of `GET /api/webhooks/{id}/deliveries`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct WebhookDelivery {
    pub id: String,
    pub webhook_id: String,
    pub event: WebhookEvent,
    pub status: DeliveryStatus,
    pub attempts: u32,
    /// The receiver's HTTP status in the last attempt (none if it could not be reached).
    pub last_status_code: Option<u16>,
    pub last_error: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn production_delivers_only_to_public_https_hosts() {
        let public = UrlPolicy::PublicHttpsOnly;
        assert!(deliverable_url("https://hooks.example.com/parley?x=1", public).is_ok());
        for url in [
            "http://hooks.example.com/",
            "https://localhost/",
            "https://127.0.0.1:8080/",
            "https://10.0.0.7/",
            "https://192.168.1.1/",
            "https://169.254.169.254/latest",
            "https://[::1]/",
            "https://intranet/",
            "https://db.internal/",
            "https://user:pw@example.com/",
            "ftp://example.com/",
            "example.com",
        ] {
            assert!(deliverable_url(url, public).is_err(), "{url}");
        }
    }

    #[test]
    fn development_may_deliver_to_loopback() {
        assert!(deliverable_url("http://127.0.0.1:9000/hook", UrlPolicy::AllowLocal).is_ok());
        assert!(deliverable_url("ftp://127.0.0.1/", UrlPolicy::AllowLocal).is_err());
    }

    #[test]
    fn requests_name_every_bad_field() {
        let request = CreateWebhookRequest {
            url: "nope".into(),
            events: vec![],
            secret: Some("short".into()),
        };
        let errors = request.validate(UrlPolicy::AllowLocal).unwrap_err();
        assert_eq!(
            errors.keys().collect::<Vec<_>>(),
            ["events", "secret", "url"]
        );
    }

    #[test]
    fn every_event_but_the_test_may_be_subscribed_to() {
        let all = CreateWebhookRequest {
            url: "http://127.0.0.1:9000/hook".into(),
            events: WebhookEvent::SUBSCRIBABLE.to_vec(),
            secret: None,
        };
        assert_eq!(all.validate(UrlPolicy::AllowLocal), Ok(()));
        assert!(!WebhookEvent::SUBSCRIBABLE.contains(&WebhookEvent::Test));
        let names: std::collections::HashSet<_> = WebhookEvent::SUBSCRIBABLE
            .iter()
            .map(|e| e.name())
            .collect();
        assert_eq!(
            names.len(),
            WebhookEvent::SUBSCRIBABLE.len(),
            "no event twice"
        );
    }

    #[test]
    fn event_names_are_the_wire_names() {
        for event in [
            WebhookEvent::MessageReceived,
            WebhookEvent::BotMessage,
            WebhookEvent::Test,
        ] {
            assert_eq!(
                serde_json::to_value(event).unwrap(),
                serde_json::Value::from(event.name())
            );
        }
    }
}
