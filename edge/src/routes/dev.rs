//! What only a development server (`wrangler dev`) answers; anywhere else 404.
//! `GET /api/dev/outbox`: without an email service, the emails Parley would have sent (a
//! sign-up's confirmation link, for one), newest first. `PUT /api/dev/clock`: the server's
//! clock, for writing past days.

use super::extract::{Body, Params};
use super::problem::Problems;
use super::rate_limit::PerIp;
use crate::AppState;
use crate::email;
use crate::error::{ApiError, ApiResult};
use crate::store::{self, dev_outbox};
use crate::{clock, settings};
use axum::Json;
use parley_shared_types::auth::OutboxEmail;
use parley_shared_types::problem::ErrorCode;
use serde::Deserialize;

pub const DEV_OUTBOX_PATH: &str = "/api/dev/outbox";

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OutboxQuery {
    /// Only the emails to this address.
    to: Option<String>,
}

#[utoipa::path(get, path = "/api/dev/outbox", tag = "auth", operation_id = "devOutbox", security(()), params(OutboxQuery), responses((status = 200, body = Vec<OutboxEmail>), Problems))]
#[worker::send]
pub async fn outbox(
    state: AppState,
    _: PerIp,
    Params(query): Params<OutboxQuery>,
) -> ApiResult<Json<Vec<OutboxEmail>>> {
    if !email::dev_outbox_in_use(&state.env) {
        return Err(ApiError::new(
            ErrorCode::NotFound,
            "there is no local outbox: this deployment sends its emails",
        ));
    }
    let to = query.to.map(|to| to.trim().to_lowercase());
    Ok(Json(
        dev_outbox::list(&store::db(&state.env)?, to.as_deref()).await?,
    ))
}

pub const DEV_CLOCK_PATH: &str = "/api/dev/clock";

/// The time a development server is told it is; `null` goes back to the real time.
#[derive(Deserialize, serde::Serialize)]
pub struct DevClock {
    /// RFC 3339.
    now: Option<String>,
}

/// `PUT /api/dev/clock`: under `wrangler dev`, sets the server's clock, so a test or the demo
/// seed writes past days' history through the same code as today's. Anywhere else 404.
/// Not in the OpenAPI spec: a client generated from it, or a fuzzer, must never move time.
#[worker::send]
pub async fn set_clock(
    state: AppState,
    _: PerIp,
    Body(clock): Body<DevClock>,
) -> ApiResult<Json<DevClock>> {
    if !settings::is_development(&state.env) {
        return Err(ApiError::new(
            ErrorCode::NotFound,
            "only a development server's clock can be set",
        ));
    }
    let millis = match &clock.now {
        Some(now) => Some(
            chrono::DateTime::parse_from_rfc3339(now)
                .map_err(|e| ApiError::new(ErrorCode::ValidationFailed, format!("now: {e}")))?
                .timestamp_millis() as f64,
        ),
        None => None,
    };
    clock::set_now(millis);
    Ok(Json(DevClock {
        now: Some(clock::now_rfc3339()),
    }))
}
