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
    let outcome = env
        .rate_limiter("VISITOR_RATE_LIMITER")?
        .limit(format!("ip:{ip}"))
        .await?;
    if outcome.success {
        Ok(())
    } else {
        Err(ApiError::rate_limited(WINDOW_SECS))
    }
}
