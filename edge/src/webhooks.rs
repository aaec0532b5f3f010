//! Emitting webhook events: the one door for the rest of the edge. Events go to the
//! workspace's `WebhookDispatcher` Durable Object after the caller has answered (its
//! `wait_until`, through [`Defer`]), which delivers, signs and retries them.

use crate::crypto;
use crate::error::{ApiError, ApiResult};
use crate::object_client::{self, DispatcherCommand, Emitted};
use parley_shared_types::rocketflow;
use parley_shared_types::webhook::{WebhookDialect, WebhookEvent, WebhookPayload};
use serde::Serialize;
use std::future::Future;
use std::pin::Pin;
use worker::Env;

/// Attempts before a delivery is marked failed: with the production base of 30 s the last
/// one is about an hour after the first.
pub const MAX_ATTEMPTS: u32 = 8;
/// `WEBHOOK_RETRY_BASE_MS` (wrangler.toml `[vars]`) overrides this, e.g. for tests.
pub const DEFAULT_RETRY_BASE_MS: u64 = 30_000;

/// Where work goes that must outlive the caller's answer: a request's context, or a Durable
/// Object's state (both keep the Worker alive until it is done).
pub trait Defer {
    fn defer(&self, work: Pin<Box<dyn Future<Output = ()>>>);
}

impl Defer for worker::Context {
    fn defer(&self, work: Pin<Box<dyn Future<Output = ()>>>) {
        self.wait_until(work);
    }
}

impl Defer for worker::State {
    fn defer(&self, work: Pin<Box<dyn Future<Output = ()>>>) {
        self.wait_until(work);
    }
}

/// Tells the workspace's webhooks about `event` without making the caller wait: the one way
/// the edge emits an event. A failure to hand it over is logged, never the caller's.
pub fn emit(
    env: &Env,
    defer: &dyn Defer,
    workspace_id: &str,
    event: WebhookEvent,
    data: &impl Serialize,
) {
    let data = match serde_json::to_value(data) {
        Ok(data) => data,
        Err(e) => return worker::console_error!("webhook {}: {e}", event.name()),
    };
    let (env, workspace_id) = (env.clone(), workspace_id.to_owned());
    defer.defer(Box::pin(async move {
        let command = DispatcherCommand::Emit {
            workspace_id: workspace_id.clone(),
            events: vec![Emitted {
                event,
                data,
                key: None,
            }],
        };
        let handed = async {
            object_client::call::<_, ()>(
                &object_client::webhook_dispatcher(&env, &workspace_id)?,
                &command,
            )
            .await
        };
        if let Err(e) = handed.await {
            worker::console_error!("webhook {} for {workspace_id}: {e}", event.name());
        }
    }));
}

/// The body a webhook created in `dialect` receives for `payload`: Parley's payload as it is,
/// or RocketFlow's `{event, data, timestamp}` made from it.
pub fn payload_body(dialect: WebhookDialect, payload: &WebhookPayload) -> ApiResult<String> {
    let body = match dialect {
        WebhookDialect::Parley => serde_json::to_string(payload),
        WebhookDialect::Rocketflow => {
            serde_json::to_string(&rocketflow::WebhookPayload::from_native(
                payload.event,
                &payload.data,
                &payload.timestamp,
            ))
        }
    };
    body.map_err(ApiError::internal)
}

/// `Parley-Signature`: `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`.
pub fn signature(secret: &str, timestamp: u64, body: &str) -> String {
    let signed = format!("{timestamp}.{body}");
    let digest = crypto::hmac_sha256(secret.as_bytes(), signed.as_bytes());
    format!("t={timestamp},v1={}", crypto::hex(&digest))
}

/// How long to wait after `attempts` failed attempts: doubling from `base_ms`; `None` once
/// [`MAX_ATTEMPTS`] are spent.
pub fn retry_delay_ms(base_ms: u64, attempts: u32) -> Option<u64> {
    (attempts < MAX_ATTEMPTS).then(|| base_ms.saturating_mul(1 << attempts.saturating_sub(1)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use hmac::{Hmac, Mac};
    use sha2::Sha256;

    #[test]
    fn signature_is_hmac_sha256_over_timestamp_dot_body() {
        // The HMAC itself is checked against RFC 4231 in crypto.rs; here a receiver's own
        // HMAC checks the header.
        let header = signature("whsec", 1_700_000_000, "{\"a\":1}");
        let mut mac = Hmac::<Sha256>::new_from_slice(b"whsec").unwrap();
        mac.update(b"1700000000.{\"a\":1}");
        let expected = format!("t=1700000000,v1={:x}", mac.finalize().into_bytes());
        assert_eq!(header, expected);
    }

    #[test]
    fn each_dialect_gets_its_own_payload() {
        let payload = WebhookPayload {
            id: "d1".into(),
            event: WebhookEvent::MessageSent,
            workspace_id: "w1".into(),
            timestamp: "2024-01-15T10:30:01Z".into(),
            data: serde_json::json!({"sessionId": "s1", "botId": "b1", "messageId": "m1",
                "content": "Hi", "timestamp": "2024-01-15T10:30:00Z"}),
        };
        let parley: serde_json::Value =
            serde_json::from_str(&payload_body(WebhookDialect::Parley, &payload).unwrap()).unwrap();
        assert_eq!(parley["workspaceId"], "w1");
        let rocketflow: serde_json::Value =
            serde_json::from_str(&payload_body(WebhookDialect::Rocketflow, &payload).unwrap())
                .unwrap();
        assert_eq!(rocketflow["event"], "message.sent");
        assert_eq!(rocketflow["data"]["message_id"], "m1");
        assert_eq!(rocketflow["timestamp"], "2024-01-15T10:30:01Z");
        assert!(rocketflow.get("workspaceId").is_none());
    }

    #[test]
    fn retries_double_until_the_attempts_are_spent() {
        assert_eq!(retry_delay_ms(1000, 1), Some(1000));
        assert_eq!(retry_delay_ms(1000, 2), Some(2000));
        assert_eq!(retry_delay_ms(1000, 7), Some(64_000));
        assert_eq!(retry_delay_ms(1000, MAX_ATTEMPTS), None);
    }
}
