//! `/api/admin/*/stats`: workspace statistics (definitions in shared-types `stats`).

use super::extract::{Admin, Params};
use super::problem::Problems;
use crate::AppState;
use crate::clock::utc_day;
use crate::domain::stats::round1;
use crate::error::ApiResult;
use crate::store::{self, stats};
use axum::Json;
use parley_shared_types::stats::{
    ConversationStats, DEFAULT_DAILY_DAYS, DailyActivity, MAX_DAILY_DAYS, MessageStats,
    WidgetActivity, WidgetStats, trend,
};

/// Widgets count as active with a conversation in this many days.
const ACTIVE_WIDGET_DAYS: u32 = 30;

#[utoipa::path(get, path = "/api/admin/conversations/stats", tag = "admin", operation_id = "conversationStats",  responses((status = 200, body = ConversationStats), Problems))]
#[worker::send]
pub async fn conversation_stats(
    state: AppState,
    Admin(me): Admin,
) -> ApiResult<Json<ConversationStats>> {
    let counts = stats::conversations(
        &store::db(&state.env)?,
        &me.workspace_id,
        &utc_day(0),
        &utc_day(1),
    )
    .await?;
    Ok(Json(ConversationStats {
        total_conversations: count(counts.total),
        active_conversations: count(counts.active),
        today_conversations: count(counts.today),
        avg_conversation_duration: counts.avg_duration.map_or(0.0, round1),
        conversation_trend: trend(count(counts.today), count(counts.yesterday)),
        yesterday_conversations: count(counts.yesterday),
    }))
}

#[utoipa::path(get, path = "/api/admin/messages/stats", tag = "admin", operation_id = "messageStats",  responses((status = 200, body = MessageStats), Problems))]
#[worker::send]
pub async fn message_stats(state: AppState, Admin(me): Admin) -> ApiResult<Json<MessageStats>> {
    let counts = stats::messages(
        &store::db(&state.env)?,
        &me.workspace_id,
        &utc_day(0),
        &utc_day(1),
    )
    .await?;
    Ok(Json(MessageStats {
        total_messages: count(counts.total),
        today_messages: count(counts.today),
        avg_response_time: counts.avg_response.map_or(0.0, round1),
        message_trend: trend(count(counts.today), count(counts.yesterday)),
        // Not rounded: a bot answers in a fraction of a second, which a tenth of a minute
        // would show as nothing.
        avg_bot_response_time: counts.avg_bot_response.unwrap_or(0.0),
        yesterday_messages: count(counts.yesterday),
    }))
}

#[utoipa::path(get, path = "/api/admin/widgets/stats", tag = "admin", operation_id = "widgetStats",  responses((status = 200, body = WidgetStats), Problems))]
#[worker::send]
pub async fn widget_stats(state: AppState, Admin(me): Admin) -> ApiResult<Json<WidgetStats>> {
    let rows = stats::widgets(
        &store::db(&state.env)?,
        &me.workspace_id,
        &utc_day(0),
        &utc_day(ACTIVE_WIDGET_DAYS),
    )
    .await?;
    Ok(Json(WidgetStats {
        total_widgets: rows.len() as u64,
        active_widgets: rows
            .iter()
            .filter(|row| row.conversations_recent > 0)
            .count() as u64,
        widgets: rows
            .into_iter()
            .map(|row| WidgetActivity {
                widget_id: row.widget_id,
                name: row.name,
                conversations_today: count(row.conversations_today),
                avg_response_time: row.avg_response.map_or(0.0, round1),
            })
            .collect(),
    }))
}

fn count(n: i64) -> u64 {
    n.max(0) as u64
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DailyQuery {
    days: Option<u32>,
}

/// `GET /api/admin/stats/daily?days=N`: conversations and messages per UTC day, every day of
/// the range present (zeros included), oldest first.
#[utoipa::path(get, path = "/api/admin/stats/daily", tag = "admin", operation_id = "dailyStats", params(DailyQuery), responses((status = 200, body = Vec<DailyActivity>), Problems))]
#[worker::send]
pub async fn daily(
    state: AppState,
    Admin(me): Admin,
    Params(query): Params<DailyQuery>,
) -> ApiResult<Json<Vec<DailyActivity>>> {
    let days = query.days.unwrap_or(DEFAULT_DAILY_DAYS);
    if !(1..=MAX_DAILY_DAYS).contains(&days) {
        return Err(crate::error::ApiError::validation(
            "the query is not valid",
            [(
                "days".to_owned(),
                vec![format!("must be between 1 and {MAX_DAILY_DAYS}")],
            )]
            .into(),
        ));
    }
    let since = utc_day(days - 1);
    let rows = stats::daily(&store::db(&state.env)?, &me.workspace_id, &since).await?;
    let series = (0..days)
        .rev()
        .map(utc_day)
        .map(|day| {
            let row = rows.iter().find(|row| row.day == day);
            DailyActivity {
                conversations: row.map_or(0, |r| count(r.conversations)),
                messages: row.map_or(0, |r| count(r.messages)),
                day,
            }
        })
        .collect();
    Ok(Json(series))
}
