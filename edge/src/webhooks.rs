//! Emitting webhook events: the one door for the rest of the edge. Events go to the
//! workspace's `WebhookDispatcher` Durable Object after the response is sent (the request's
//! `wait_until`), which delivers, signs and retries them; the caller never waits.

use crate::error::ApiResult;
use crate::object_client::{self, DispatcherCommand};
use crate::routes::AppState;
use hmac::Mac;
use parley_shared_types::webhook::WebhookEvent;
use serde::Serialize;
use worker::Env;

/// Attempts before a delivery is marked failed: with the production base of 30 s the last
/// one is about an hour after the first.
pub const MAX_ATTEMPTS: u32 = 8;
/// `WEBHOOK_RETRY_BASE_MS` (wrangler.toml `[vars]`) overrides this, e.g. for tests.
pub const DEFAULT_RETRY_BASE_MS: u64 = 30_000;

/// Tells the workspace's webhooks about `event`, without delaying the response.
pub fn emit(state: &AppState, workspace_id: &str, event: WebhookEvent, data: &impl Serialize) {
    let data = match serde_json::to_value(data) {
        Ok(data) => data,
        Err(e) => return worker::console_error!("webhook {}: {e}", event.name()),
    };
    let (env, workspace_id) = (state.env.clone(), workspace_id.to_owned());
    state.ctx.wait_until(async move {
        if let Err(e) = dispatch(&env, &workspace_id, event, data).await {
            worker::console_error!("webhook {} for {workspace_id}: {e}", event.name());
        }
    });
}

/// Hands an event to the workspace's dispatcher, for code that has no request to outlive
/// (a Durable Object awaits this under its own `wait_until`).
pub async fn dispatch(
    env: &Env,
    workspace_id: &str,
    event: WebhookEvent,
    data: serde_json::Value,
) -> ApiResult<()> {
    let command = DispatcherCommand::Emit {
        workspace_id: workspace_id.to_owned(),
        event,
        data,
    };
    object_client::call(
        &object_client::webhook_dispatcher(env, workspace_id)?,
        &command,
    )
    .await
}

/// `Parley-Signature`: `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`.
pub fn signature(secret: &str, timestamp: u64, body: &str) -> String {
    let mut mac = crate::auth::jwt::mac(secret.as_bytes());
    mac.update(format!("{timestamp}.{body}").as_bytes());
    let digest: String = mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    format!("t={timestamp},v1={digest}")
}

/// How long to wait after `attempts` failed attempts: doubling from `base_ms`; `None` once
/// [`MAX_ATTEMPTS`] are spent.
pub fn retry_delay_ms(base_ms: u64, attempts: u32) -> Option<u64> {
    (attempts < MAX_ATTEMPTS).then(|| base_ms.saturating_mul(1 << attempts.saturating_sub(1)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use hmac::Hmac;
    use sha2::Sha256;

    #[test]
    fn signature_is_hmac_sha256_over_timestamp_dot_body() {
        // RFC 4231 test case 2 proves the HMAC; the header wraps it with its timestamp.
        let mut mac = Hmac::<Sha256>::new_from_slice(b"Jefe").unwrap();
        mac.update(b"what do ya want for nothing?");
        assert_eq!(
            format!("{:x}", mac.finalize().into_bytes()),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        let header = signature("whsec", 1_700_000_000, "{\"a\":1}");
        let mut mac = Hmac::<Sha256>::new_from_slice(b"whsec").unwrap();
        mac.update(b"1700000000.{\"a\":1}");
        let expected = format!("t=1700000000,v1={:x}", mac.finalize().into_bytes());
        assert_eq!(header, expected);
    }

    #[test]
    fn retries_double_until_the_attempts_are_spent() {
        assert_eq!(retry_delay_ms(1000, 1), Some(1000));
        assert_eq!(retry_delay_ms(1000, 2), Some(2000));
        assert_eq!(retry_delay_ms(1000, 7), Some(64_000));
        assert_eq!(retry_delay_ms(1000, MAX_ATTEMPTS), None);
    }
}
