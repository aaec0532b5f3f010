//! Admin statistics, with the ChatFlow seed's fields.
//!
//! Definitions: "today" is the current UTC day. `conversationTrend` and `messageTrend` are the
//! percent change of today's count against yesterday's (0 when yesterday had none).
//! `avgConversationDuration` is the mean minutes from start to close of closed conversations.
//! `avgResponseTime` is the mean minutes from a conversation's first visitor message to its
//! first reply by a person (the bot's answers are not counted); `avgBotResponseTime` the same
//! to the bot's first answer, where a bot answers. `yesterday…` are the counts the trends
//! compare with, so a UI can say "none yesterday" rather than "0%".

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ConversationStats {
    pub total_conversations: u64,
    pub active_conversations: u64,
    pub today_conversations: u64,
    pub avg_conversation_duration: f64,
    pub conversation_trend: f64,
    #[serde(default)]
    pub yesterday_conversations: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct MessageStats {
    pub total_messages: u64,
    pub today_messages: u64,
    pub avg_response_time: f64,
    pub message_trend: f64,
    #[serde(default)]
    pub avg_bot_response_time: f64,
    #[serde(default)]
    pub yesterday_messages: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct WidgetStats {
    pub total_widgets: u64,
    /// Widgets with a conversation in the last 30 days.
    pub active_widgets: u64,
    pub widgets: Vec<WidgetActivity>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct WidgetActivity {
    pub widget_id: String,
    pub name: String,
    pub conversations_today: u64,
    pub avg_response_time: f64,
}

/// `GET /api/admin/stats/daily?days=N`: one point per UTC day, oldest first, for charts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct DailyActivity {
    pub day: String,
    pub conversations: u64,
    pub messages: u64,
}

pub const DEFAULT_DAILY_DAYS: u32 = 30;
pub const MAX_DAILY_DAYS: u32 = 365;

/// Percent change from `before` to `now`, rounded to one decimal; 0 when `before` is 0.
pub fn trend(now: u64, before: u64) -> f64 {
    if before == 0 {
        return 0.0;
    }
    let change = (now as f64 - before as f64) / before as f64 * 100.0;
    (change * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trend_is_percent_change_against_the_day_before() {
        assert_eq!(trend(45, 40), 12.5);
        assert_eq!(trend(30, 40), -25.0);
        assert_eq!(trend(5, 0), 0.0);
    }
}
