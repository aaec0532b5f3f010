//! Admin statistics from the conversation index and the daily message counts. Day arguments
//! are `YYYY-MM-DD` (UTC); timestamps are RFC 3339, so text comparison orders them.

use super::d1::{Arg, all, first};
use crate::error::ApiResult;
use serde::Deserialize;
use worker::D1Database;

#[derive(Deserialize)]
pub struct ConversationCounts {
    pub total: i64,
    pub active: i64,
    pub today: i64,
    pub yesterday: i64,
    /// Minutes, over closed conversations; NULL when none closed.
    pub avg_duration: Option<f64>,
}

/// Minutes from a visitor's first message to an agent's first reply after it.
const RESPONSE_MINUTES: &str =
    "(julianday(first_agent_reply_at) - julianday(first_visitor_message_at)) * 1440";
const ANSWERED: &str = "first_agent_reply_at > first_visitor_message_at";

pub async fn conversations(
    db: &D1Database,
    workspace_id: &str,
    today: &str,
    yesterday: &str,
) -> ApiResult<ConversationCounts> {
    let counts = first(
        db,
        "SELECT COUNT(*) AS total,
                COALESCE(SUM(status <> 'closed'), 0) AS active,
                COALESCE(SUM(started_at >= ?2), 0) AS today,
                COALESCE(SUM(started_at >= ?3 AND started_at < ?2), 0) AS yesterday,
                AVG(CASE WHEN closed_at IS NOT NULL THEN (julianday(closed_at) - julianday(started_at)) * 1440 END) AS avg_duration
         FROM conversations WHERE workspace_id = ?1",
        &[workspace_id.into(), today.into(), yesterday.into()],
    )
    .await?;
    Ok(counts.unwrap_or(ConversationCounts {
        total: 0,
        active: 0,
        today: 0,
        yesterday: 0,
        avg_duration: None,
    }))
}

#[derive(Deserialize)]
pub struct MessageCounts {
    pub total: i64,
    pub today: i64,
    pub yesterday: i64,
    pub avg_response: Option<f64>,
}

pub async fn messages(
    db: &D1Database,
    workspace_id: &str,
    today: &str,
    yesterday: &str,
) -> ApiResult<MessageCounts> {
    let counts = first(
        db,
        &format!(
            "SELECT COALESCE((SELECT SUM(count) FROM message_days WHERE workspace_id = ?1), 0) AS total,
                    COALESCE((SELECT count FROM message_days WHERE workspace_id = ?1 AND day = ?2), 0) AS today,
                    COALESCE((SELECT count FROM message_days WHERE workspace_id = ?1 AND day = ?3), 0) AS yesterday,
                    (SELECT AVG({RESPONSE_MINUTES}) FROM conversations WHERE workspace_id = ?1 AND {ANSWERED}) AS avg_response"
        ),
        &[workspace_id.into(), today.into(), yesterday.into()],
    )
    .await?;
    Ok(counts.unwrap_or(MessageCounts {
        total: 0,
        today: 0,
        yesterday: 0,
        avg_response: None,
    }))
}

#[derive(Deserialize)]
pub struct WidgetActivityRow {
    pub widget_id: String,
    pub name: String,
    pub conversations_today: i64,
    pub conversations_recent: i64,
    pub avg_response: Option<f64>,
}

/// Per widget: conversations today, in the 30 days since `recent_since`, and response time.
pub async fn widgets(
    db: &D1Database,
    workspace_id: &str,
    today: &str,
    recent_since: &str,
) -> ApiResult<Vec<WidgetActivityRow>> {
    let args: [Arg<'_>; 3] = [workspace_id.into(), today.into(), recent_since.into()];
    all(
        db,
        &format!(
            "SELECT w.id AS widget_id, w.name AS name,
                    COALESCE(SUM(c.started_at >= ?2), 0) AS conversations_today,
                    COALESCE(SUM(c.started_at >= ?3), 0) AS conversations_recent,
                    AVG(CASE WHEN {ANSWERED} THEN {RESPONSE_MINUTES} END) AS avg_response
             FROM widgets w LEFT JOIN conversations c ON c.widget_id = w.id AND c.workspace_id = w.workspace_id
             WHERE w.workspace_id = ?1
             GROUP BY w.id ORDER BY w.created_at, w.name"
        ),
        &args,
    )
    .await
}

#[derive(Deserialize)]
pub struct DayRow {
    pub day: String,
    pub conversations: i64,
    pub messages: i64,
}

/// Conversations started and messages sent per day since `since` (days without either are
/// absent; the caller fills them).
pub async fn daily(db: &D1Database, workspace_id: &str, since: &str) -> ApiResult<Vec<DayRow>> {
    all(
        db,
        "SELECT day, SUM(conversations) AS conversations, SUM(messages) AS messages FROM (
             SELECT substr(started_at, 1, 10) AS day, COUNT(*) AS conversations, 0 AS messages
             FROM conversations WHERE workspace_id = ?1 AND started_at >= ?2 GROUP BY day
             UNION ALL
             SELECT day, 0, count FROM message_days WHERE workspace_id = ?1 AND day >= ?2
         ) GROUP BY day ORDER BY day",
        &[workspace_id.into(), since.into()],
    )
    .await
}
