//! Request-rate limits from the ChatFlow contract, enforced with Workers rate-limit bindings.

use crate::error::{ApiError, ApiResult};
use axum::http::HeaderMap;
use worker::Env;

/// Both limits count per minute, so a refused caller may retry within that.
const WINDOW_SECS: u32 = 60;

/// Widget endpoints: 60 requests a minute per client IP.
pub async fn visitor(env: &Env, headers: &HeaderMap) -> ApiResult<()> {
    let ip = headers
        .get("cf-connecting-ip")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("unknown");
    check(env, "VISITOR_RATE_LIMITER", format!("ip:{ip}")).await
}

/// Authenticated callers: 100 requests a minute per user.
pub async fn user(env: &Env, user_id: &str) -> ApiResult<()> {
    check(env, "USER_RATE_LIMITER", format!("user:{user_id}")).await
}

async fn check(env: &Env, binding: &str, key: String) -> ApiResult<()> {
    let outcome = env.rate_limiter(binding)?.limit(key).await?;
    if outcome.success {
        Ok(())
    } else {
        Err(ApiError::rate_limited(WINDOW_SECS))
    }
}
