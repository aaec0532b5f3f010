//! Analytics reports from the day rollups (definitions in shared-types `analytics`): a report
//! reads one row per day (and per agent, or per question wording), never a message, so its
//! cost does not grow with the messages stored.

use crate::ai::retrieval;
use crate::clock::utc_day;
use crate::error::{ApiError, ApiResult};
use crate::store::{self, analytics, analytics::AgentDay, analytics::BotDay, users};
use chrono::{Datelike, Days, NaiveDate};
use parley_shared_types::analytics::{
    AgentAnalytics, AgentFigures, AgentPerformance, AgentSeriesPoint, AnalyticsPeriod,
    BotAnalytics, BotMetrics, BotSeriesPoint, DEFAULT_RANGE_DAYS, Granularity, MAX_RANGE_DAYS,
    RatingCounts, SIMILAR_QUESTIONS, TOP_QUESTIONS, TopQuestion, mean, share,
};
use parley_shared_types::message::{Message, SenderType};
use parley_shared_types::problem::ErrorCode;
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use worker::Env;

/// How many of the most asked wordings are grouped into top questions.
const WORDINGS_READ: u32 = 500;
/// The longest wording kept for a question, in characters.
const MAX_WORDING: usize = 200;

/// The whole UTC days a report covers, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl Range {
    /// From the query's `startDate` and `endDate` (ISO 8601 dates or timestamps; only the UTC
    /// day counts); by default the [`DEFAULT_RANGE_DAYS`] up to `today`.
    pub fn parse(start: Option<&str>, end: Option<&str>, today: NaiveDate) -> ApiResult<Range> {
        let end = match end {
            Some(end) => parse_day("endDate", end)?,
            None => today,
        };
        let start = match start {
            Some(start) => parse_day("startDate", start)?,
            None => end - Days::new(DEFAULT_RANGE_DAYS as u64 - 1),
        };
        if end < start {
            return Err(bad_request(format!(
                "endDate ({end}) is before startDate ({start})"
            )));
        }
        let days = (end - start).num_days() + 1;
        if days > MAX_RANGE_DAYS {
            return Err(bad_request(format!(
                "the range covers {days} days; at most {MAX_RANGE_DAYS}"
            )));
        }
        Ok(Range { start, end })
    }

    pub fn period(&self) -> AnalyticsPeriod {
        AnalyticsPeriod {
            start_date: format!("{}T00:00:00Z", self.start),
            end_date: format!("{}T23:59:59Z", self.end),
        }
    }

    /// The first day of each point of the series, oldest first (the first clipped to the
    /// range's start).
    pub fn points(&self, granularity: Granularity) -> Vec<NaiveDate> {
        let mut points = vec![self.start];
        let mut next = bucket_start(self.start, granularity);
        loop {
            next = match granularity {
                Granularity::Day => next + Days::new(1),
                Granularity::Week => next + Days::new(7),
                Granularity::Month => next
                    .checked_add_months(chrono::Months::new(1))
                    .unwrap_or(NaiveDate::MAX),
            };
            if next > self.end {
                return points;
            }
            points.push(next);
        }
    }
}

fn parse_day(name: &str, text: &str) -> ApiResult<NaiveDate> {
    let day = text.get(..10).unwrap_or(text);
    let rest = &text[day.len()..];
    let timestamp_ok = rest.is_empty()
        || chrono::DateTime::parse_from_rfc3339(text)
            .map(|t| t.to_utc().date_naive().to_string() == day)
            .unwrap_or(false);
    match NaiveDate::parse_from_str(day, "%Y-%m-%d") {
        Ok(parsed) if timestamp_ok => Ok(parsed),
        _ => Err(bad_request(format!(
            "{name} must be an ISO 8601 date (2024-01-31) or UTC timestamp, not {text:?}"
        ))),
    }
}

fn bad_request(message: String) -> ApiError {
    ApiError::new(ErrorCode::BadRequest, message)
}

/// The first day of the day, ISO week (Monday) or month `day` falls in.
pub fn bucket_start(day: NaiveDate, granularity: Granularity) -> NaiveDate {
    match granularity {
        Granularity::Day => day,
        Granularity::Week => day - Days::new(u64::from(day.weekday().num_days_from_monday())),
        Granularity::Month => day.with_day(1).unwrap_or(day),
    }
}

/// The index in `points` (ascending first days) of the point `day` belongs to.
fn point_of(points: &[NaiveDate], day: NaiveDate) -> usize {
    points
        .partition_point(|start| *start <= day)
        .saturating_sub(1)
}

fn today() -> NaiveDate {
    NaiveDate::parse_from_str(&utc_day(0), "%Y-%m-%d").unwrap_or_default()
}

/// A question's meaning, for grouping: its stems, sorted, each once.
pub fn question_key(question: &str) -> String {
    let stems: BTreeSet<String> = retrieval::terms(question).stems.into_iter().collect();
    stems.into_iter().collect::<Vec<_>>().join(" ")
}

/// What a question is shown as: its first line, trimmed and bounded.
pub fn question_wording(question: &str) -> String {
    let line = question.trim().lines().next().unwrap_or_default().trim();
    line.chars().take(MAX_WORDING).collect()
}

/// Counted wordings grouped by meaning: exact keys first, then any group whose stems are at
/// least [`SIMILAR_QUESTIONS`] alike joins a more asked one. Each group shows its most common
/// wording; the most asked `limit` groups, most asked first.
pub fn top_questions(counted: &[(String, String, u64)], limit: usize) -> Vec<TopQuestion> {
    struct Group {
        stems: BTreeSet<String>,
        count: u64,
        wordings: BTreeMap<String, u64>,
    }
    let mut by_key: BTreeMap<&str, Group> = BTreeMap::new();
    for (key, wording, count) in counted {
        let group = by_key.entry(key).or_insert_with(|| Group {
            stems: key
                .split(' ')
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
            count: 0,
            wordings: BTreeMap::new(),
        });
        group.count += count;
        *group.wordings.entry(wording.clone()).or_default() += count;
    }
    let mut groups: Vec<Group> = by_key
        .into_values()
        .filter(|group| !group.stems.is_empty())
        .collect();
    groups.sort_by_key(|group| std::cmp::Reverse(group.count));
    let mut merged: Vec<Group> = Vec::new();
    for group in groups {
        match merged
            .iter_mut()
            .find(|kept| jaccard(&kept.stems, &group.stems) >= SIMILAR_QUESTIONS)
        {
            Some(kept) => {
                kept.count += group.count;
                for (wording, count) in group.wordings {
                    *kept.wordings.entry(wording).or_default() += count;
                }
            }
            None => merged.push(group),
        }
    }
    merged.sort_by_key(|group| std::cmp::Reverse(group.count));
    merged
        .into_iter()
        .take(limit)
        .map(|group| TopQuestion {
            question: most_common(&group.wordings),
            count: group.count,
        })
        .collect()
}

fn jaccard(a: &BTreeSet<String>, b: &BTreeSet<String>) -> f64 {
    let union = a.union(b).count();
    if union == 0 {
        return 0.0;
    }
    a.intersection(b).count() as f64 / union as f64
}

/// The wording asked most (ties: the first in order).
fn most_common(wordings: &BTreeMap<String, u64>) -> String {
    wordings
        .iter()
        .min_by_key(|(_, count)| std::cmp::Reverse(**count))
        .map(|(wording, _)| wording.clone())
        .unwrap_or_default()
}

fn count(n: i64) -> u64 {
    n.max(0) as u64
}

fn ratings(rated: [i64; 5]) -> RatingCounts {
    RatingCounts(rated.map(count))
}

fn day_of(row_day: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(row_day, "%Y-%m-%d").ok()
}

/// Sums of a bot's days.
#[derive(Default)]
struct BotSums {
    conversations: u64,
    messages: u64,
    questions: u64,
    unanswered: u64,
    response_seconds: f64,
    handoffs: u64,
    ratings: RatingCounts,
}

impl BotSums {
    fn add(&mut self, day: &BotDay) {
        self.conversations += count(day.conversations);
        self.messages += count(day.messages);
        self.questions += count(day.questions);
        self.unanswered += count(day.unanswered);
        self.response_seconds += day.response_seconds;
        self.handoffs += count(day.handoffs);
        self.ratings.add(&ratings(day.rated()));
    }
}

/// The bot's report from its days in `range` and its counted question wordings.
pub fn bot_report(
    range: Range,
    granularity: Granularity,
    days: &[BotDay],
    questions: &[(String, String, u64)],
) -> BotAnalytics {
    let points = range.points(granularity);
    let mut per_point: Vec<BotSums> = points.iter().map(|_| BotSums::default()).collect();
    let mut total = BotSums::default();
    for day in days {
        let Some(date) = day_of(&day.day) else {
            continue;
        };
        per_point[point_of(&points, date)].add(day);
        total.add(day);
    }
    let series = points
        .iter()
        .zip(per_point)
        .map(|(start, sums)| BotSeriesPoint {
            start: start.to_string(),
            conversations: sums.conversations,
            messages: sums.messages,
            average_response_time: mean(sums.response_seconds, sums.questions),
            user_satisfaction: sums.ratings.mean(),
        })
        .collect();
    BotAnalytics {
        period: range.period(),
        granularity,
        metrics: BotMetrics {
            total_conversations: total.conversations,
            total_messages: total.messages,
            average_response_time: mean(total.response_seconds, total.questions),
            user_satisfaction: total.ratings.mean(),
            top_questions: top_questions(questions, TOP_QUESTIONS),
            handoff_rate: share(total.handoffs, total.conversations),
            unanswered_rate: share(total.unanswered, total.questions),
            total_questions: total.questions,
            ratings: total.ratings,
        },
        series,
    }
}

/// Sums of agents' days.
#[derive(Default)]
struct AgentSums {
    conversations: u64,
    messages: u64,
    first_responses: u64,
    first_response_seconds: f64,
    resolutions: u64,
    resolution_seconds: f64,
    ratings: RatingCounts,
}

impl AgentSums {
    fn add(&mut self, day: &AgentDay) {
        self.conversations += count(day.conversations);
        self.messages += count(day.messages);
        self.first_responses += count(day.first_responses);
        self.first_response_seconds += day.first_response_seconds;
        self.resolutions += count(day.resolutions);
        self.resolution_seconds += day.resolution_seconds;
        self.ratings.add(&ratings(day.rated()));
    }

    fn figures(&self) -> AgentFigures {
        AgentFigures {
            conversations_handled: self.conversations,
            messages_sent: self.messages,
            average_first_response_time: mean(self.first_response_seconds, self.first_responses),
            conversations_resolved: self.resolutions,
            average_resolution_time: mean(self.resolution_seconds, self.resolutions),
            csat: self.ratings.mean(),
            ratings: self.ratings,
        }
    }
}

/// Who an agent is in a report.
pub struct Agent {
    pub id: String,
    pub name: String,
    pub email: String,
}

/// The people's report: one row per agent of `agents` (days of anyone else are left out), the
/// totals over them and their series.
pub fn agent_report(
    range: Range,
    granularity: Granularity,
    agents: Vec<Agent>,
    days: &[AgentDay],
) -> AgentAnalytics {
    let points = range.points(granularity);
    let mut per_point: Vec<AgentSums> = points.iter().map(|_| AgentSums::default()).collect();
    let mut per_agent: BTreeMap<&str, AgentSums> = BTreeMap::new();
    let mut total = AgentSums::default();
    for day in days {
        let Some(date) = day_of(&day.day) else {
            continue;
        };
        if !agents.iter().any(|agent| agent.id == day.agent_id) {
            continue;
        }
        per_point[point_of(&points, date)].add(day);
        per_agent.entry(&day.agent_id).or_default().add(day);
        total.add(day);
    }
    let series = points
        .iter()
        .zip(per_point)
        .map(|(start, sums)| AgentSeriesPoint {
            start: start.to_string(),
            conversations_handled: sums.conversations,
            messages_sent: sums.messages,
            average_first_response_time: mean(sums.first_response_seconds, sums.first_responses),
            csat: sums.ratings.mean(),
        })
        .collect();
    let agents = agents
        .iter()
        .map(|agent| AgentPerformance {
            figures: per_agent
                .get(agent.id.as_str())
                .map(AgentSums::figures)
                .unwrap_or_default(),
            agent_id: agent.id.clone(),
            name: agent.name.clone(),
            email: agent.email.clone(),
        })
        .collect();
    AgentAnalytics {
        period: range.period(),
        granularity,
        agents,
        totals: total.figures(),
        series,
    }
}

/// `GET /api/analytics/bots/{botId}` for a bot of the workspace (the caller checked).
pub async fn for_bot(
    env: &Env,
    workspace_id: &str,
    bot_id: &str,
    range: Range,
    granularity: Granularity,
) -> ApiResult<BotAnalytics> {
    let db = store::db(env)?;
    let (from, to) = (range.start.to_string(), range.end.to_string());
    let days = analytics::bot_days(&db, workspace_id, bot_id, &from, &to).await?;
    let wordings =
        analytics::bot_questions(&db, workspace_id, bot_id, &from, &to, WORDINGS_READ).await?;
    let questions: Vec<(String, String, u64)> = wordings
        .into_iter()
        .map(|q| (q.question_key, q.wording, count(q.count)))
        .collect();
    Ok(bot_report(range, granularity, &days, &questions))
}

/// `GET /api/analytics/agents`.
pub async fn for_agents(
    env: &Env,
    workspace_id: &str,
    range: Range,
    granularity: Granularity,
) -> ApiResult<AgentAnalytics> {
    let db = store::db(env)?;
    let (from, to) = (range.start.to_string(), range.end.to_string());
    let days = analytics::agent_days(&db, workspace_id, &from, &to).await?;
    let mut agents: Vec<Agent> = users::list(&db, workspace_id)
        .await?
        .into_iter()
        .map(|user| Agent {
            id: user.id,
            name: user.name,
            email: user.email,
        })
        .collect();
    agents.sort_by_key(|agent| agent.name.to_lowercase());
    Ok(agent_report(range, granularity, agents, &days))
}

/// A question as the rollups group it: its key, its wording, and when it was asked.
#[derive(Debug, Clone, PartialEq)]
pub struct AskedQuestion {
    pub key: String,
    pub wording: String,
    pub at: String,
}

/// The questions a conversation's bot was asked, as its messages (oldest first) show them.
/// The bot answers visitor messages in order, one message per answer, so each of its
/// messages answers the oldest visitor message still waiting; once a person writes, the bot
/// has stopped and what waited was never its question. A visitor asking for a person
/// (`asks_for_human`) gets the bot's farewell, which records no question.
pub fn asked_questions(
    messages: &[Message],
    asks_for_human: impl Fn(&str) -> bool,
) -> Vec<AskedQuestion> {
    let mut waiting: VecDeque<&Message> = VecDeque::new();
    let mut asked = Vec::new();
    for message in messages.iter().filter(|m| !m.private) {
        match message.sender_type {
            SenderType::Visitor => waiting.push_back(message),
            SenderType::Ai => {
                if let Some(question) = waiting.pop_front()
                    && !asks_for_human(&question.content)
                {
                    asked.push(AskedQuestion {
                        key: question_key(&question.content),
                        wording: question_wording(&question.content),
                        at: question.created_at.clone(),
                    });
                }
            }
            _ => waiting.clear(),
        }
    }
    asked
}

/// A question a bot was asked.
pub struct Asked<'a> {
    pub workspace_id: &'a str,
    pub bot_id: &'a str,
    pub question: &'a str,
    /// When the visitor's message was stored.
    pub at: &'a str,
}

/// The bot answered (`known`: from its knowledge) or gave up on a question at `answered_at`;
/// a failed write is logged, never the turn's failure.
pub async fn record_bot_turn(env: &Env, asked: &Asked<'_>, answered_at: &str, known: bool) {
    let key = question_key(asked.question);
    let wording = question_wording(asked.question);
    let turn = analytics::BotTurnRecord {
        workspace_id: asked.workspace_id,
        bot_id: asked.bot_id,
        asked_at: asked.at,
        answered_at,
        known,
        key: &key,
        wording: &wording,
    };
    let recorded = async { analytics::record_bot_turn(&store::db(env)?, &turn).await };
    if let Err(e) = recorded.await {
        worker::console_error!("bot turn analytics not recorded: {e}");
    }
}

/// The range a query asks for, relative to the edge's today.
pub fn range(start: Option<&str>, end: Option<&str>) -> ApiResult<Range> {
    Range::parse(start, end, today())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(sender_type: SenderType, content: &str, at: &str) -> Message {
        Message {
            id: content.into(),
            conversation_id: "c".into(),
            seq: 0,
            content: content.into(),
            sender_type,
            sender_id: "s".into(),
            is_read: false,
            created_at: at.into(),
            sources: Vec::new(),
            private: false,
            attachments: Vec::new(),
        }
    }

    #[test]
    fn the_bots_questions_are_the_visitor_messages_it_answered() {
        use SenderType::{Agent, Ai, Visitor};
        let messages = [
            said(Visitor, "Refund timing?", "2026-01-01T10:00:00Z"),
            said(Visitor, "And shipping costs?", "2026-01-01T10:00:01Z"),
            said(Ai, "5 days.", "2026-01-01T10:00:02Z"),
            said(Ai, "Free.", "2026-01-02T10:00:03Z"),
            said(Visitor, "human please", "2026-01-02T10:00:04Z"),
            said(Ai, "Connecting you.", "2026-01-02T10:00:05Z"),
            said(Visitor, "Still there?", "2026-01-02T10:00:06Z"),
            said(Agent, "Yes!", "2026-01-02T10:00:07Z"),
            said(Ai, "Never asked.", "2026-01-02T10:00:08Z"),
        ];
        let asked = asked_questions(&messages, |text| text.contains("human"));
        let wordings: Vec<(&str, &str)> = asked
            .iter()
            .map(|q| (q.wording.as_str(), q.at.as_str()))
            .collect();
        assert_eq!(
            wordings,
            [
                ("Refund timing?", "2026-01-01T10:00:00Z"),
                ("And shipping costs?", "2026-01-01T10:00:01Z"),
            ]
        );
        assert_eq!(asked[0].key, question_key("Refund timing?"));
    }

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn range(start: &str, end: &str) -> Range {
        Range::parse(Some(start), Some(end), date("2026-12-06")).unwrap()
    }

    #[test]
    fn ranges_default_to_thirty_days_and_refuse_backwards_or_over_a_year() {
        let today = date("2026-12-06");
        let default = Range::parse(None, None, today).unwrap();
        assert_eq!((default.start, default.end), (date("2026-11-07"), today));
        let stamped = Range::parse(
            Some("2024-01-01T00:00:00Z"),
            Some("2024-01-31T23:59:59Z"),
            today,
        )
        .unwrap();
        assert_eq!(stamped.period().start_date, "2024-01-01T00:00:00Z");
        assert_eq!(stamped.period().end_date, "2024-01-31T23:59:59Z");
        assert!(Range::parse(Some("2026-12-07"), Some("2026-12-06"), today).is_err());
        assert!(Range::parse(Some("2025-01-01"), Some("2026-01-02"), today).is_err());
        assert!(Range::parse(Some("2025-01-01"), Some("2026-01-01"), today).is_ok());
        for bad in [
            "yesterday",
            "2026-13-01",
            "2026-02-30",
            "2026-01-01T25:00:00Z",
            "2026-01-01junk",
        ] {
            assert!(Range::parse(Some(bad), None, today).is_err(), "{bad}");
        }
    }

    #[test]
    fn points_start_on_days_mondays_and_firsts_of_months_clipped_to_the_range() {
        let r = range("2026-11-26", "2026-12-09");
        assert_eq!(r.points(Granularity::Day).len(), 14);
        let weeks: Vec<String> = r
            .points(Granularity::Week)
            .iter()
            .map(|d| d.to_string())
            .collect();
        assert_eq!(weeks, ["2026-11-26", "2026-11-30", "2026-12-07"]);
        let months: Vec<String> = r
            .points(Granularity::Month)
            .iter()
            .map(|d| d.to_string())
            .collect();
        assert_eq!(months, ["2026-11-26", "2026-12-01"]);
        let points = r.points(Granularity::Week);
        assert_eq!(point_of(&points, date("2026-11-29")), 0);
        assert_eq!(point_of(&points, date("2026-11-30")), 1);
        assert_eq!(point_of(&points, date("2026-12-09")), 2);
    }

    fn counted(wordings: &[(&str, u64)]) -> Vec<(String, String, u64)> {
        wordings
            .iter()
            .map(|(w, n)| (question_key(w), question_wording(w), *n))
            .collect()
    }

    #[test]
    fn paraphrases_are_one_question_in_its_most_common_wording() {
        let top = top_questions(
            &counted(&[
                ("How do I reset my password?", 3),
                ("how can i reset password", 2),
                ("password reset?", 1),
                ("How do I reset my account password", 1),
                ("How do I change my password?", 2),
                ("What does it cost?", 4),
            ]),
            10,
        );
        let shown: Vec<(&str, u64)> = top.iter().map(|q| (q.question.as_str(), q.count)).collect();
        assert_eq!(
            shown,
            [
                ("How do I reset my password?", 7),
                ("What does it cost?", 4),
                ("How do I change my password?", 2),
            ]
        );
    }

    #[test]
    fn questions_of_stop_words_only_are_not_listed() {
        assert!(top_questions(&counted(&[("how do I?", 5)]), 10).is_empty());
        assert_eq!(question_key("Password RESET, please!"), "password reset");
    }

    fn bot_day(
        day: &str,
        conversations: i64,
        questions: i64,
        unanswered: i64,
        seconds: f64,
        handoffs: i64,
        rated_5: i64,
    ) -> BotDay {
        BotDay {
            day: day.to_owned(),
            conversations,
            messages: questions * 2,
            questions,
            unanswered,
            response_seconds: seconds,
            handoffs,
            rated_1: 0,
            rated_2: 0,
            rated_3: 0,
            rated_4: 1,
            rated_5,
        }
    }

    #[test]
    fn a_bot_report_sums_its_days_into_points_and_rates() {
        let days = [
            bot_day("2026-11-30", 2, 4, 1, 8.0, 1, 1),
            bot_day("2026-12-02", 1, 2, 0, 2.0, 0, 0),
            bot_day("2026-12-07", 1, 2, 1, 2.0, 1, 3),
        ];
        let report = bot_report(
            range("2026-11-29", "2026-12-08"),
            Granularity::Week,
            &days,
            &[],
        );
        let m = &report.metrics;
        assert_eq!(
            (m.total_conversations, m.total_messages, m.total_questions),
            (4, 16, 8)
        );
        assert_eq!(m.average_response_time, Some(1.5));
        assert_eq!(m.handoff_rate, 0.5);
        assert_eq!(m.unanswered_rate, 0.25);
        assert_eq!(m.ratings, RatingCounts([0, 0, 0, 3, 4]));
        assert_eq!(m.user_satisfaction, Some(4.57));
        let points: Vec<(&str, u64, Option<f64>)> = report
            .series
            .iter()
            .map(|p| (p.start.as_str(), p.conversations, p.average_response_time))
            .collect();
        assert_eq!(
            points,
            [
                ("2026-11-29", 0, None),
                ("2026-11-30", 3, Some(1.67)),
                ("2026-12-07", 1, Some(1.0))
            ]
        );
    }

    #[test]
    fn an_agent_report_lists_every_agent_and_totals_only_them() {
        let day = |agent: &str, conversations, first_seconds: f64| AgentDay {
            agent_id: agent.to_owned(),
            day: "2026-12-01".to_owned(),
            conversations,
            messages: conversations * 3,
            first_responses: conversations,
            first_response_seconds: first_seconds,
            resolutions: 1,
            resolution_seconds: 600.0,
            rated_1: 1,
            rated_2: 0,
            rated_3: 0,
            rated_4: 0,
            rated_5: 1,
        };
        let agents = vec![
            Agent {
                id: "a".into(),
                name: "Ada".into(),
                email: "ada@x".into(),
            },
            Agent {
                id: "b".into(),
                name: "Bo".into(),
                email: "bo@x".into(),
            },
        ];
        let days = [day("a", 2, 60.0), day("gone", 5, 1.0)];
        let report = agent_report(
            range("2026-12-01", "2026-12-01"),
            Granularity::Day,
            agents,
            &days,
        );
        assert_eq!(report.agents.len(), 2);
        let ada = &report.agents[0].figures;
        assert_eq!((ada.conversations_handled, ada.messages_sent), (2, 6));
        assert_eq!(ada.average_first_response_time, Some(30.0));
        assert_eq!(ada.average_resolution_time, Some(600.0));
        assert_eq!(ada.csat, Some(3.0));
        assert_eq!(report.agents[1].figures, AgentFigures::default());
        assert_eq!(report.totals, *ada);
    }
}
