//! Payment providers, each behind one small adapter speaking its real wire format. Their base
//! URLs are `[vars]` and their keys Worker secrets, so tests point them at local fakes in
//! `tests/` with the production code path unchanged.

pub mod fawry;
pub mod paymob;
pub mod stripe;

use crate::error::{ApiError, ApiResult};
use crate::settings;
use futures_util::future::{Either, select};
use parley_shared_types::problem::ErrorCode;
use std::pin::pin;
use std::time::Duration;
use worker::{Delay, Env, Fetch, Headers, Method, Request, RequestInit};

/// How long a provider has to answer one call.
const CALL_TIMEOUT: Duration = Duration::from_secs(20);

/// A provider's setting: a secret (or, under `wrangler dev`, a `--var`).
fn secret(env: &Env, name: &str) -> ApiResult<String> {
    env.secret(name)
        .map(|s| s.to_string())
        .ok()
        .filter(|s| !s.trim().is_empty())
        .ok_or_else(|| {
            ApiError::new(
                ErrorCode::ServerError,
                format!("{name} is not set: `wrangler secret put {name}` to take payments"),
            )
        })
}

/// For a provider's callback when the deployment is not set up for that provider: nothing
/// here to notify.
pub fn not_taken(provider: &str) -> ApiError {
    ApiError::new(
        ErrorCode::NotFound,
        format!("this deployment takes no {provider} payments"),
    )
}

fn base_url(env: &Env, name: &str, default: &str) -> String {
    settings::text(env, name, default)
        .trim_end_matches('/')
        .to_owned()
}

/// What a provider answered: its status and body.
pub struct Answer {
    pub status: u16,
    pub body: String,
}

impl Answer {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or(serde_json::Value::Null)
    }
}

/// One call to a provider, within [`CALL_TIMEOUT`]. A provider that cannot be reached is a
/// server error naming the provider, never its keys.
async fn call(
    provider: &str,
    method: Method,
    url: &str,
    headers: Headers,
    body: Option<String>,
) -> ApiResult<Answer> {
    let mut init = RequestInit::new();
    init.with_method(method).with_headers(headers);
    if let Some(body) = body {
        init.with_body(Some(body.into()));
    }
    let request = Request::new_with_init(url, &init)?;
    let sent = async {
        let mut response = Fetch::Request(request).send().await?;
        let status = response.status_code();
        let body = response.text().await?;
        Ok::<_, worker::Error>(Answer { status, body })
    };
    match select(pin!(sent), pin!(Delay::from(CALL_TIMEOUT))).await {
        Either::Left((Ok(answer), _)) => Ok(answer),
        Either::Left((Err(error), _)) => Err(ApiError::internal(format!(
            "{provider} could not be reached: {error}"
        ))),
        Either::Right(_) => Err(ApiError::internal(format!(
            "{provider} did not answer within {} s",
            CALL_TIMEOUT.as_secs()
        ))),
    }
}
