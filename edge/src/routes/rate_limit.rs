//! Rate limits on the wire: each counted request's quota (`crate::limits`) goes onto its
//! answer as `X-RateLimit-Limit`, `X-RateLimit-Remaining`, `X-RateLimit-Reset` (seconds until
//! the window starts over; a dialect may ask for the Unix time it starts over instead), and a
//! refusal is 429 with `Retry-After`.

use crate::AppState;
use crate::clock::now_secs;
use crate::error::{ApiError, ApiResult};
use crate::limits::{self, PER_IP, Quota};
use axum::extract::{FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use std::sync::{Arc, Mutex};
use worker::send::SendFuture;

pub const LIMIT_HEADER: &str = "x-ratelimit-limit";
pub const REMAINING_HEADER: &str = "x-ratelimit-remaining";
pub const RESET_HEADER: &str = "x-ratelimit-reset";

/// Where a request's quota waits for the response: the extractor that counts fills it, the
/// [`headers`] middleware writes it onto whatever the handler answered.
#[derive(Clone, Default)]
struct QuotaSlot(Arc<Mutex<Slot>>);

#[derive(Clone, Copy, Default)]
struct Slot {
    quota: Option<Quota>,
    reset_as_unix_time: bool,
}

impl QuotaSlot {
    fn with<T>(&self, change: impl FnOnce(&mut Slot) -> T) -> T {
        change(
            &mut self
                .0
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner()),
        )
    }
}

/// Middleware: every response of a counted request carries its rate-limit headers.
pub async fn headers(mut request: Request, next: Next) -> Response {
    let slot = QuotaSlot::default();
    request.extensions_mut().insert(slot.clone());
    let mut response = next.run(request).await;
    let Slot {
        quota,
        reset_as_unix_time,
    } = slot.with(|slot| *slot);
    if let Some(quota) = quota {
        let reset = if reset_as_unix_time {
            now_secs() + quota.reset_secs
        } else {
            quota.reset_secs
        };
        write_headers(response.headers_mut(), &quota, reset);
    }
    response
}

/// Makes the request's `X-RateLimit-Reset` the Unix time (seconds) its window starts over,
/// as RocketFlow writes it, instead of the seconds until then.
pub fn reset_as_unix_time(request: &Request) {
    if let Some(slot) = request.extensions().get::<QuotaSlot>() {
        slot.with(|slot| slot.reset_as_unix_time = true);
    }
}

fn write_headers(headers: &mut HeaderMap, quota: &Quota, reset: u64) {
    for (name, value) in [
        (LIMIT_HEADER, u64::from(quota.limit)),
        (REMAINING_HEADER, u64::from(quota.remaining)),
        (RESET_HEADER, reset),
    ] {
        headers.insert(HeaderName::from_static(name), HeaderValue::from(value));
    }
}

/// Counts a request against `caller` (e.g. `user:<id>`), records the quota for the response
/// headers, and refuses it past the limit.
pub async fn charge(parts: &Parts, env: &worker::Env, caller: &str, limit: u32) -> ApiResult<()> {
    let quota = limits::spend(env, caller, limit).await?;
    if let Some(slot) = parts.extensions.get::<QuotaSlot>() {
        slot.with(|slot| slot.quota = Some(quota));
    }
    if quota.allowed {
        Ok(())
    } else {
        Err(ApiError::rate_limited(quota.reset_secs))
    }
}

/// The client's address as Cloudflare reports it.
pub fn client_ip(headers: &HeaderMap) -> &str {
    headers
        .get("cf-connecting-ip")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("unknown")
}

/// Extractor for public (widget and sign-in) endpoints: 60 requests a minute per client IP.
pub struct PerIp;

impl<S: Send + Sync> FromRequestParts<S> for PerIp {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> ApiResult<Self> {
        let state = &AppState::of(parts)?;
        let caller = format!("ip:{}", client_ip(&parts.headers));
        SendFuture::new(charge(parts, &state.env, &caller, PER_IP)).await?;
        Ok(PerIp)
    }
}
