//! Per-bot and per-agent analytics and satisfaction ratings: the wire types and, once, what
//! each figure means.
//!
//! Every figure is counted on the UTC day its event happened, so a range sums whole days:
//! - A **question** is a visitor message the bot was asked to answer (one bot turn). A message
//!   asking for a person is not a question: it is a handoff.
//! - A bot's **response time** is the seconds from a question's arrival to the bot's answer
//!   being stored; `averageResponseTime` is their mean.
//! - **`unansweredRate`**: of the questions, the share the bot had no answer for (its engine
//!   said it did not know, or failed), 0–1.
//! - **`handoffRate`**: of the bot's conversations started in the range, the share handed to
//!   people in it (asked for, taken over, or given up by the bot), 0–1.
//! - A bot's **`totalMessages`**: every message (visitor's, bot's, people's) written in
//!   conversations the bot answers.
//! - **Satisfaction** is the mean of the visitors' 1–5 ratings, on the day first rated; a
//!   changed rating replaces the old one. `null` without ratings. A rating counts for the
//!   conversation's bot and for the agent it was assigned to when rated.
//! - An agent **handles** a conversation by writing in it (counted on the day of their first
//!   message there); **first response time** is the seconds from the visitor's first message to
//!   the first reply by a person, credited to whoever gave it; **resolution time** is the
//!   seconds from start to close, credited to the agent assigned at the close (a conversation
//!   reopened and closed again counts again).
//! - **Top questions** group questions by meaning: their words, lowercased, without stop words
//!   and reduced to their stems (Snowball English), as a set; two groups whose sets have a
//!   Jaccard similarity of at least [`SIMILAR_QUESTIONS`] are one question, shown in its most
//!   common wording.

use serde::{Deserialize, Serialize};

/// How alike two questions' stem sets must be (shared / all) to count as one question.
pub const SIMILAR_QUESTIONS: f64 = 0.6;
/// The longest range a report covers, in days.
pub const MAX_RANGE_DAYS: i64 = 366;
/// The range a report covers when none is asked for: the last 30 days, today included.
pub const DEFAULT_RANGE_DAYS: i64 = 30;
/// How many top questions a bot report lists.
pub const TOP_QUESTIONS: usize = 10;
/// How long after first rating a visitor may change it, in seconds.
pub const RATING_CHANGE_WINDOW_SECS: u64 = 7 * 24 * 3600;
/// The longest rating comment, in characters.
pub const MAX_RATING_COMMENT: usize = 1000;

/// How a report's series is cut: UTC days, ISO weeks (from Monday) or calendar months.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    #[default]
    Day,
    Week,
    Month,
}

impl Granularity {
    pub const ALL: [Granularity; 3] = [Granularity::Day, Granularity::Week, Granularity::Month];

    pub fn as_str(self) -> &'static str {
        match self {
            Granularity::Day => "day",
            Granularity::Week => "week",
            Granularity::Month => "month",
        }
    }

    pub fn parse(text: &str) -> Option<Granularity> {
        Granularity::ALL.into_iter().find(|g| g.as_str() == text)
    }
}

/// The whole UTC days a report covers, as timestamps: `…T00:00:00Z` to `…T23:59:59Z`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct AnalyticsPeriod {
    pub start_date: String,
    pub end_date: String,
}

/// `GET /api/analytics/bots/{botId}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct BotAnalytics {
    pub period: AnalyticsPeriod,
    pub granularity: Granularity,
    pub metrics: BotMetrics,
    /// One point per day, week or month of the range, oldest first, empty ones included.
    pub series: Vec<BotSeriesPoint>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct BotMetrics {
    pub total_conversations: u64,
    pub total_messages: u64,
    /// Seconds.
    pub average_response_time: Option<f64>,
    /// 1–5.
    pub user_satisfaction: Option<f64>,
    pub top_questions: Vec<TopQuestion>,
    pub handoff_rate: f64,
    pub unanswered_rate: f64,
    pub total_questions: u64,
    /// How many ratings gave 1, 2, 3, 4 and 5.
    pub ratings: RatingCounts,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct TopQuestion {
    pub question: String,
    pub count: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct BotSeriesPoint {
    /// The first day of the point (`YYYY-MM-DD`), clipped to the range.
    pub start: String,
    pub conversations: u64,
    pub messages: u64,
    pub average_response_time: Option<f64>,
    pub user_satisfaction: Option<f64>,
}

/// `GET /api/analytics/agents`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct AgentAnalytics {
    pub period: AnalyticsPeriod,
    pub granularity: Granularity,
    /// Every user of the workspace, those without activity included, by name.
    pub agents: Vec<AgentPerformance>,
    pub totals: AgentFigures,
    pub series: Vec<AgentSeriesPoint>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct AgentPerformance {
    pub agent_id: String,
    pub name: String,
    pub email: String,
    #[serde(flatten)]
    pub figures: AgentFigures,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct AgentFigures {
    pub conversations_handled: u64,
    pub messages_sent: u64,
    /// Seconds.
    pub average_first_response_time: Option<f64>,
    pub conversations_resolved: u64,
    /// Seconds.
    pub average_resolution_time: Option<f64>,
    /// 1–5.
    pub csat: Option<f64>,
    pub ratings: RatingCounts,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct AgentSeriesPoint {
    pub start: String,
    pub conversations_handled: u64,
    pub messages_sent: u64,
    pub average_first_response_time: Option<f64>,
    pub csat: Option<f64>,
}

/// How many ratings gave each score: `[ones, twos, threes, fours, fives]`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RatingCounts(pub [u64; 5]);

impl RatingCounts {
    pub fn total(&self) -> u64 {
        self.0.iter().sum()
    }

    /// The mean score, to two decimals; `None` without ratings.
    pub fn mean(&self) -> Option<f64> {
        let sum: u64 = self.0.iter().zip(1..).map(|(n, score)| n * score).sum();
        mean(sum as f64, self.total())
    }

    pub fn add(&mut self, other: &RatingCounts) {
        for (mine, theirs) in self.0.iter_mut().zip(other.0) {
            *mine += theirs;
        }
    }
}

/// `POST /api/conversations/{id}/rating`, by the conversation's visitor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct RateConversationRequest {
    /// 1 (very unhappy) to 5 (very happy).
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 5))]
    pub score: u8,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 1000))]
    pub comment: Option<String>,
}

/// A conversation's rating, as stored and sent to webhooks as `conversation.rated`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ConversationRating {
    pub conversation_id: String,
    pub score: u8,
    pub comment: Option<String>,
    pub rated_at: String,
    /// Until when the visitor may change it.
    pub changeable_until: String,
}

/// What is wrong with a rating, if anything.
pub fn rating_problem(request: &RateConversationRequest) -> Option<String> {
    if !(1..=5).contains(&request.score) {
        return Some(format!("score must be 1 to 5, not {}", request.score));
    }
    match &request.comment {
        Some(comment) if comment.chars().count() > MAX_RATING_COMMENT => Some(format!(
            "comment must be at most {MAX_RATING_COMMENT} characters"
        )),
        _ => None,
    }
}

/// `part` of `whole`, 0–1 to three decimals; 0 of nothing is 0.
pub fn share(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        return 0.0;
    }
    (part as f64 / whole as f64 * 1000.0).round() / 1000.0
}

/// `sum / count` to two decimals; `None` of nothing.
pub fn mean(sum: f64, count: u64) -> Option<f64> {
    (count > 0).then(|| (sum / count as f64 * 100.0).round() / 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings_average_by_score() {
        let counts = RatingCounts([1, 0, 0, 1, 2]);
        assert_eq!(counts.total(), 4);
        assert_eq!(counts.mean(), Some(3.75));
        assert_eq!(RatingCounts::default().mean(), None);
    }

    #[test]
    fn shares_and_means_round_and_survive_empty_wholes() {
        assert_eq!(share(2, 7), 0.286);
        assert_eq!(share(3, 0), 0.0);
        assert_eq!(mean(10.0, 3), Some(3.33));
        assert_eq!(mean(1.0, 0), None);
    }

    #[test]
    fn ratings_are_one_to_five_with_a_bounded_comment() {
        let rating = |score, comment: Option<String>| RateConversationRequest { score, comment };
        assert!(rating_problem(&rating(5, None)).is_none());
        assert!(rating_problem(&rating(0, None)).is_some());
        assert!(rating_problem(&rating(6, None)).is_some());
        assert!(rating_problem(&rating(3, Some("é".repeat(1000)))).is_none());
        assert!(rating_problem(&rating(3, Some("é".repeat(1001)))).is_some());
    }

    #[test]
    fn granularity_reads_its_wire_names() {
        for g in Granularity::ALL {
            assert_eq!(Granularity::parse(g.as_str()), Some(g));
        }
        assert_eq!(Granularity::parse("hour"), None);
        assert_eq!(
            serde_json::to_string(&Granularity::Week).unwrap(),
            "\"week\""
        );
    }

    #[test]
    fn rating_counts_travel_as_an_array_of_five() {
        assert_eq!(
            serde_json::to_string(&RatingCounts([0, 1, 2, 3, 4])).unwrap(),
            "[0,1,2,3,4]"
        );
    }
}
