//! `/api/analytics/*`: per-bot and per-agent reports over a range of UTC days (definitions in
//! shared-types `analytics`). Any user of the workspace reads them; agents see what admins
//! see.

use super::extract::{Agent, Params};
use super::problem::Problems;
use crate::AppState;
use crate::domain::{self, analytics::Range};
use crate::error::{ApiError, ApiResult};
use axum::Json;
use axum::extract::Path;
use parley_shared_types::analytics::{AgentAnalytics, BotAnalytics, Granularity};
use parley_shared_types::problem::ErrorCode;
use serde::Deserialize;

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(rename_all = "camelCase")]
pub struct AnalyticsQuery {
    /// The first UTC day (ISO 8601 date or timestamp); default 29 days before `endDate`.
    start_date: Option<String>,
    /// The last UTC day, included; default today.
    end_date: Option<String>,
    /// `day` (default), `week` (ISO weeks, from Monday) or `month`.
    granularity: Option<String>,
}

impl AnalyticsQuery {
    fn read(&self) -> ApiResult<(Range, Granularity)> {
        report_window(
            self.start_date.as_deref(),
            self.end_date.as_deref(),
            self.granularity.as_deref(),
        )
    }
}

/// A report's days and cut, from its query's values (in either dialect's names).
pub(super) fn report_window(
    start_date: Option<&str>,
    end_date: Option<&str>,
    granularity: Option<&str>,
) -> ApiResult<(Range, Granularity)> {
    let granularity = match granularity {
        None => Granularity::default(),
        Some(text) => Granularity::parse(text).ok_or_else(|| {
            ApiError::new(
                ErrorCode::BadRequest,
                format!("granularity must be day, week or month, not {text:?}"),
            )
        })?,
    };
    let range = domain::analytics::range(start_date, end_date)?;
    Ok((range, granularity))
}

#[utoipa::path(get, path = "/api/analytics/bots/{botId}", tag = "analytics", operation_id = "botAnalytics", params(("botId" = String, Path, description = "bot id"), AnalyticsQuery), responses((status = 200, body = BotAnalytics), Problems))]
#[worker::send]
pub async fn bot(
    state: AppState,
    Agent(me): Agent,
    Path(bot_id): Path<String>,
    Params(query): Params<AnalyticsQuery>,
) -> ApiResult<Json<BotAnalytics>> {
    let (range, granularity) = query.read()?;
    let bot = domain::bots::find(&state.env, &me.workspace_id, &bot_id).await?;
    let report =
        domain::analytics::for_bot(&state.env, &me.workspace_id, &bot.id, range, granularity)
            .await?;
    Ok(Json(report))
}

#[utoipa::path(get, path = "/api/analytics/agents", tag = "analytics", operation_id = "agentAnalytics", params(AnalyticsQuery), responses((status = 200, body = AgentAnalytics), Problems))]
#[worker::send]
pub async fn agents(
    state: AppState,
    Agent(me): Agent,
    Params(query): Params<AnalyticsQuery>,
) -> ApiResult<Json<AgentAnalytics>> {
    let (range, granularity) = query.read()?;
    let report =
        domain::analytics::for_agents(&state.env, &me.workspace_id, range, granularity).await?;
    Ok(Json(report))
}
