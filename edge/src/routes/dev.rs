//! `GET /api/dev/outbox`: under `wrangler dev` without an email service, the emails Parley
//! would have sent (a sign-up's confirmation link, for one), newest first. Anywhere else 404.

use super::extract::Params;
use super::problem::Problems;
use super::rate_limit::PerIp;
use crate::AppState;
use crate::email;
use crate::error::{ApiError, ApiResult};
use crate::store::{self, dev_outbox};
use axum::Json;
use axum::extract::State;
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
    State(state): State<AppState>,
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
