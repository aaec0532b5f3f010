//! `GET /api/health`: the build version and whether D1, KV and both Durable Objects answer.

use super::problem::Problems;
use crate::AppState;
use crate::error::ApiResult;
use crate::object_client::{self, InboxCommand, RoomCommand};
use crate::store;
use axum::Json;
use axum::http::StatusCode;
use futures_util::future::join4;
use parley_shared_types::health::{HealthChecks, HealthReport, HealthStatus};
use worker::Env;

/// Durable Object instances used only to prove the namespaces answer.
const PROBE_NAME: &str = "health-probe";

#[utoipa::path(get, path = "/api/health", tag = "health", operation_id = "health", security(()),  responses((status = 200, body = HealthReport), (status = 503, description = "A binding does not answer", body = HealthReport), Problems))]
#[worker::send]
pub async fn get(state: AppState) -> (StatusCode, Json<HealthReport>) {
    let env = &state.env;
    let (d1, kv, conversation_room, workspace_inbox) =
        join4(d1(env), kv(env), room(env), inbox(env)).await;
    let checks = HealthChecks {
        d1: d1.into(),
        kv: kv.into(),
        conversation_room: conversation_room.into(),
        workspace_inbox: workspace_inbox.into(),
    };
    let status = checks.status();
    let code = if status == HealthStatus::Ok {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (
        code,
        Json(HealthReport {
            status,
            version: env!("CARGO_PKG_VERSION").to_owned(),
            checks,
        }),
    )
}

async fn d1(env: &Env) -> Result<(), String> {
    let db = env.d1("DB").map_err(|e| e.to_string())?;
    store::ping(&db)
        .await
        .map_err(|e| format!("{e} (are the D1 migrations applied?)"))
}

async fn kv(env: &Env) -> Result<(), String> {
    let kv = env.kv("CACHE").map_err(|e| e.to_string())?;
    kv.get(PROBE_NAME)
        .text()
        .await
        .map(drop)
        .map_err(|e| e.to_string())
}

async fn room(env: &Env) -> ApiResult<()> {
    let answer: String =
        object_client::call(&object_client::room(env, PROBE_NAME)?, &RoomCommand::Ping).await?;
    expect_pong(answer)
}

async fn inbox(env: &Env) -> ApiResult<()> {
    let answer: String =
        object_client::call(&object_client::inbox(env, PROBE_NAME)?, &InboxCommand::Ping).await?;
    expect_pong(answer)
}

fn expect_pong(answer: String) -> ApiResult<()> {
    if answer == "pong" {
        Ok(())
    } else {
        Err(crate::error::ApiError::internal(format!(
            "answered {answer:?}"
        )))
    }
}
