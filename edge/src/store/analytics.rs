//! The analytics rollups (`bot_days`, `bot_question_days`, `agent_days`): per day sums
//! written in the same batch as the conversation change they count, and read back by range.
//! Writes take their condition from the conversation's row before the change, so a change
//! that does not happen (a second close, a handoff of a conversation already with people)
//! counts nothing. Days are `YYYY-MM-DD` (UTC); seconds come from RFC 3339 timestamps.

use super::d1::{Arg, all, statement};
use crate::error::ApiResult;
use serde::Deserialize;
use std::collections::BTreeMap;
use worker::{D1Database, D1PreparedStatement};

/// Seconds from the timestamp `earlier` to `later`, both SQL expressions. `later` comes first
/// in the text, so its placeholders bind first.
fn seconds_between(earlier: &str, later: &str) -> String {
    format!("MAX(0, (julianday({later}) - julianday({earlier})) * 86400)")
}

/// A conversation a bot answers started on `day`.
pub(super) fn bot_conversation_started(
    db: &D1Database,
    workspace_id: &str,
    bot_id: &str,
    day: &str,
) -> ApiResult<D1PreparedStatement> {
    statement(
        db,
        "INSERT INTO bot_days (workspace_id, bot_id, day, conversations) VALUES (?, ?, ?, 1)
         ON CONFLICT (workspace_id, bot_id, day) DO UPDATE SET conversations = conversations + 1",
        &[workspace_id.into(), bot_id.into(), day.into()],
    )
}

/// `count` messages written on `day` in conversation `id`, counted for its bot if it has one.
pub(super) fn bot_messages(
    db: &D1Database,
    workspace_id: &str,
    id: &str,
    day: &str,
    count: u64,
) -> ApiResult<D1PreparedStatement> {
    statement(
        db,
        "INSERT INTO bot_days (workspace_id, bot_id, day, messages)
         SELECT workspace_id, bot_id, ?, ? FROM conversations
         WHERE workspace_id = ? AND id = ? AND bot_id IS NOT NULL
         ON CONFLICT (workspace_id, bot_id, day) DO UPDATE SET messages = messages + excluded.messages",
        &[
            day.into(),
            (count as i64).into(),
            workspace_id.into(),
            id.into(),
        ],
    )
}

/// The conversation's bot gives it to people, if the bot was still answering it.
pub(super) fn bot_handoff(
    db: &D1Database,
    workspace_id: &str,
    id: &str,
    day: &str,
) -> ApiResult<D1PreparedStatement> {
    statement(
        db,
        "INSERT INTO bot_days (workspace_id, bot_id, day, handoffs)
         SELECT workspace_id, bot_id, ?, 1 FROM conversations
         WHERE workspace_id = ? AND id = ? AND bot_id IS NOT NULL AND ai_active = 1
         ON CONFLICT (workspace_id, bot_id, day) DO UPDATE SET handoffs = handoffs + 1",
        &[day.into(), workspace_id.into(), id.into()],
    )
}

/// One question the bot was asked at `asked_at` and answered at `answered_at` (`known`: with
/// an answer from its knowledge), grouped under `key` in its `wording`.
pub struct BotTurnRecord<'a> {
    pub workspace_id: &'a str,
    pub bot_id: &'a str,
    pub asked_at: &'a str,
    pub answered_at: &'a str,
    pub known: bool,
    pub key: &'a str,
    pub wording: &'a str,
}

pub async fn record_bot_turn(db: &D1Database, turn: &BotTurnRecord<'_>) -> ApiResult<()> {
    let day = day_of(turn.asked_at);
    let seconds = seconds_between("?", "?");
    let figures = statement(
        db,
        &format!(
            "INSERT INTO bot_days (workspace_id, bot_id, day, questions, unanswered, response_seconds)
             VALUES (?, ?, ?, 1, ?, {seconds})
             ON CONFLICT (workspace_id, bot_id, day) DO UPDATE SET questions = questions + 1,
                 unanswered = unanswered + excluded.unanswered,
                 response_seconds = response_seconds + excluded.response_seconds"
        ),
        &[
            turn.workspace_id.into(),
            turn.bot_id.into(),
            day.into(),
            i64::from(!turn.known).into(),
            turn.answered_at.into(),
            turn.asked_at.into(),
        ],
    )?;
    let question = statement(
        db,
        "INSERT INTO bot_question_days (workspace_id, bot_id, day, question_key, wording, count)
         VALUES (?, ?, ?, ?, ?, 1)
         ON CONFLICT (workspace_id, bot_id, day, question_key, wording) DO UPDATE SET count = count + 1",
        &[
            turn.workspace_id.into(),
            turn.bot_id.into(),
            day.into(),
            turn.key.into(),
            turn.wording.into(),
        ],
    )?;
    super::d1::batch(db, vec![figures, question]).await
}

/// A question, as [`record_bot_turn`] grouped it, that a deleted conversation had asked.
pub struct ForgottenQuestion<'a> {
    /// When the visitor asked it.
    pub asked_at: &'a str,
    pub key: &'a str,
    pub wording: &'a str,
}

/// The statements that take `questions` out of `bot_id`'s top questions: their wordings'
/// counts drop by one each, and a wording nobody else asked is deleted. For the deleted
/// conversation's batch, so a conversation's words outlive it nowhere.
pub fn forget_questions(
    db: &D1Database,
    workspace_id: &str,
    bot_id: &str,
    questions: &[ForgottenQuestion<'_>],
) -> ApiResult<Vec<D1PreparedStatement>> {
    let mut statements = questions
        .iter()
        .map(|question| {
            statement(
                db,
                "UPDATE bot_question_days SET count = count - 1
                 WHERE workspace_id = ? AND bot_id = ? AND day = ? AND question_key = ? AND wording = ? AND count > 0",
                &[
                    workspace_id.into(),
                    bot_id.into(),
                    day_of(question.asked_at).into(),
                    question.key.into(),
                    question.wording.into(),
                ],
            )
        })
        .collect::<ApiResult<Vec<_>>>()?;
    if !questions.is_empty() {
        statements.push(statement(
            db,
            "DELETE FROM bot_question_days WHERE workspace_id = ? AND bot_id = ? AND count <= 0",
            &[workspace_id.into(), bot_id.into()],
        )?);
    }
    Ok(statements)
}

/// Agent `agent_id`'s messages in conversation `id`, the first written at `first_at`:
/// `per_day` counts them, and the conversation counts as handled by them on their first
/// message in it.
pub(super) fn agent_messages(
    db: &D1Database,
    workspace_id: &str,
    id: &str,
    agent_id: &str,
    first_at: &str,
    per_day: &BTreeMap<String, u64>,
) -> ApiResult<Vec<D1PreparedStatement>> {
    let mut statements = vec![
        statement(
            db,
            "INSERT INTO agent_days (workspace_id, agent_id, day, conversations)
             SELECT ?, ?, ?, 1 WHERE NOT EXISTS
                 (SELECT 1 FROM conversation_agents WHERE conversation_id = ? AND agent_id = ?)
             ON CONFLICT (workspace_id, agent_id, day) DO UPDATE SET conversations = conversations + 1",
            &[
                workspace_id.into(),
                agent_id.into(),
                day_of(first_at).into(),
                id.into(),
                agent_id.into(),
            ],
        )?,
        statement(
            db,
            "INSERT OR IGNORE INTO conversation_agents (conversation_id, agent_id) VALUES (?, ?)",
            &[id.into(), agent_id.into()],
        )?,
    ];
    for (day, count) in per_day {
        statements.push(statement(
            db,
            "INSERT INTO agent_days (workspace_id, agent_id, day, messages) VALUES (?, ?, ?, ?)
             ON CONFLICT (workspace_id, agent_id, day) DO UPDATE SET messages = messages + excluded.messages",
            &[
                workspace_id.into(),
                agent_id.into(),
                day.as_str().into(),
                (*count as i64).into(),
            ],
        )?);
    }
    Ok(statements)
}

/// `agent_id` replied at `at`: the conversation's first reply by a person, if none came before
/// and the visitor had written (at `visitor_first_at` if not already recorded).
pub(super) fn agent_first_response(
    db: &D1Database,
    workspace_id: &str,
    id: &str,
    agent_id: &str,
    at: &str,
    visitor_first_at: Option<&str>,
) -> ApiResult<D1PreparedStatement> {
    let asked = "COALESCE(first_visitor_message_at, ?)";
    let seconds = seconds_between(asked, "?");
    statement(
        db,
        &format!(
            "INSERT INTO agent_days (workspace_id, agent_id, day, first_responses, first_response_seconds)
             SELECT workspace_id, ?, ?, 1, {seconds} FROM conversations
             WHERE workspace_id = ? AND id = ? AND first_agent_reply_at IS NULL AND {asked} <= ?
             ON CONFLICT (workspace_id, agent_id, day) DO UPDATE SET first_responses = first_responses + 1,
                 first_response_seconds = first_response_seconds + excluded.first_response_seconds"
        ),
        &[
            agent_id.into(),
            day_of(at).into(),
            at.into(),
            visitor_first_at.into(),
            workspace_id.into(),
            id.into(),
            visitor_first_at.into(),
            at.into(),
        ],
    )
}

/// The conversation closes at `closed_at`: a resolution for the agent it is assigned to, if it
/// was not closed already.
pub(super) fn resolution(
    db: &D1Database,
    workspace_id: &str,
    id: &str,
    closed_at: &str,
) -> ApiResult<D1PreparedStatement> {
    let seconds = seconds_between("started_at", "?");
    statement(
        db,
        &format!(
            "INSERT INTO agent_days (workspace_id, agent_id, day, resolutions, resolution_seconds)
             SELECT workspace_id, assigned_agent_id, ?, 1, {seconds} FROM conversations
             WHERE workspace_id = ? AND id = ? AND status <> 'closed' AND assigned_agent_id IS NOT NULL
             ON CONFLICT (workspace_id, agent_id, day) DO UPDATE SET resolutions = resolutions + 1,
                 resolution_seconds = resolution_seconds + excluded.resolution_seconds"
        ),
        &[
            day_of(closed_at).into(),
            closed_at.into(),
            workspace_id.into(),
            id.into(),
        ],
    )
}

/// Moves one rating of conversation `id` (on the rollups' `day`) from `from` to `to` (a first
/// rating has no `from`), for its bot and the agent it is credited to, provided its rating is
/// still `from`, so a rating changed concurrently moves nothing twice.
fn move_rating(
    db: &D1Database,
    workspace_id: &str,
    id: &str,
    day: &str,
    from: Option<u8>,
    to: u8,
) -> ApiResult<Vec<D1PreparedStatement>> {
    if from == Some(to) {
        return Ok(Vec::new());
    }
    let still = "workspace_id = ? AND id = ? AND rating IS ?";
    let from_arg = || from.map_or(Arg::Null, |score| i64::from(score).into());
    // A first rating is credited to the agent assigned now; a change moves it where the first
    // went, whoever is assigned since.
    let agent = if from.is_some() {
        "rated_agent_id"
    } else {
        "assigned_agent_id"
    };
    let mut statements = Vec::new();
    for (table, owner, credited) in [
        ("bot_days", "bot_id", "bot_id"),
        ("agent_days", "agent_id", agent),
    ] {
        if let Some(from) = from {
            let column = rated_column(from);
            statements.push(statement(
                db,
                &format!(
                    "UPDATE {table} SET {column} = {column} - 1
                     WHERE workspace_id = ? AND day = ? AND {owner} =
                         (SELECT {credited} FROM conversations WHERE {still})"
                ),
                &[
                    workspace_id.into(),
                    day.into(),
                    workspace_id.into(),
                    id.into(),
                    from_arg(),
                ],
            )?);
        }
        let column = rated_column(to);
        statements.push(statement(
            db,
            &format!(
                "INSERT INTO {table} (workspace_id, {owner}, day, {column})
                 SELECT workspace_id, {credited}, ?, 1 FROM conversations
                 WHERE {still} AND {credited} IS NOT NULL
                 ON CONFLICT (workspace_id, {owner}, day) DO UPDATE SET {column} = {column} + 1"
            ),
            &[day.into(), workspace_id.into(), id.into(), from_arg()],
        )?);
    }
    Ok(statements)
}

fn rated_column(score: u8) -> &'static str {
    match score {
        1 => "rated_1",
        2 => "rated_2",
        3 => "rated_3",
        4 => "rated_4",
        _ => "rated_5",
    }
}

pub(super) fn day_of(at: &str) -> &str {
    at.get(..10).unwrap_or(at)
}

/// How many ratings gave 1 to 5, as a row's columns.
macro_rules! rated_fields {
    ($name:ident { $($field:ident: $ty:ty),* $(,)? }) => {
        #[derive(Debug, Clone, Deserialize)]
        pub struct $name {
            $(pub $field: $ty,)*
            pub rated_1: i64,
            pub rated_2: i64,
            pub rated_3: i64,
            pub rated_4: i64,
            pub rated_5: i64,
        }

        impl $name {
            pub fn rated(&self) -> [i64; 5] {
                [self.rated_1, self.rated_2, self.rated_3, self.rated_4, self.rated_5]
            }
        }
    };
}

rated_fields!(BotDay {
    day: String,
    conversations: i64,
    messages: i64,
    questions: i64,
    unanswered: i64,
    response_seconds: f64,
    handoffs: i64,
});

/// The bot's days from `from` to `to` (inclusive) that have anything, oldest first.
pub async fn bot_days(
    db: &D1Database,
    workspace_id: &str,
    bot_id: &str,
    from: &str,
    to: &str,
) -> ApiResult<Vec<BotDay>> {
    all(
        db,
        "SELECT day, conversations, messages, questions, unanswered, response_seconds,
                handoffs, rated_1, rated_2, rated_3, rated_4, rated_5
         FROM bot_days WHERE workspace_id = ? AND bot_id = ? AND day >= ? AND day <= ?
         ORDER BY day",
        &[workspace_id.into(), bot_id.into(), from.into(), to.into()],
    )
    .await
}

#[derive(Debug, Clone, Deserialize)]
pub struct QuestionCount {
    pub question_key: String,
    pub wording: String,
    pub count: i64,
}

/// The most asked wordings in the range, most asked first (at most `limit`).
pub async fn bot_questions(
    db: &D1Database,
    workspace_id: &str,
    bot_id: &str,
    from: &str,
    to: &str,
    limit: u32,
) -> ApiResult<Vec<QuestionCount>> {
    all(
        db,
        "SELECT question_key, wording, SUM(count) AS count FROM bot_question_days
         WHERE workspace_id = ? AND bot_id = ? AND day >= ? AND day <= ?
         GROUP BY question_key, wording ORDER BY count DESC, wording LIMIT ?",
        &[
            workspace_id.into(),
            bot_id.into(),
            from.into(),
            to.into(),
            i64::from(limit).into(),
        ],
    )
    .await
}

rated_fields!(AgentDay {
    agent_id: String,
    day: String,
    conversations: i64,
    messages: i64,
    first_responses: i64,
    first_response_seconds: f64,
    resolutions: i64,
    resolution_seconds: f64,
});

/// Every agent's days from `from` to `to` (inclusive) that have anything.
pub async fn agent_days(
    db: &D1Database,
    workspace_id: &str,
    from: &str,
    to: &str,
) -> ApiResult<Vec<AgentDay>> {
    all(
        db,
        "SELECT agent_id, day, conversations, messages, first_responses, first_response_seconds,
                resolutions, resolution_seconds, rated_1, rated_2, rated_3, rated_4, rated_5
         FROM agent_days WHERE workspace_id = ? AND day >= ? AND day <= ?
         ORDER BY day",
        &[workspace_id.into(), from.into(), to.into()],
    )
    .await
}

#[derive(Debug, Clone, Deserialize)]
pub struct RatingRow {
    pub rating: Option<i64>,
    pub rated_at: Option<String>,
}

pub async fn rating(db: &D1Database, workspace_id: &str, id: &str) -> ApiResult<Option<RatingRow>> {
    super::d1::first(
        db,
        "SELECT rating, rated_at FROM conversations WHERE workspace_id = ? AND id = ?",
        &[workspace_id.into(), id.into()],
    )
    .await
}

/// A rating change: conversation `id`'s rating goes from `from` to `to`, first given at
/// `rated_at`.
pub struct Rerating<'a> {
    pub workspace_id: &'a str,
    pub id: &'a str,
    pub from: Option<u8>,
    pub to: u8,
    pub comment: Option<&'a str>,
    pub rated_at: &'a str,
}

/// Stores the rating and moves its counts, unless the rating is no longer `from` (another
/// change came first): then nothing changes and it returns false.
pub async fn rate(db: &D1Database, change: &Rerating<'_>) -> ApiResult<bool> {
    let from = change
        .from
        .map_or(Arg::Null, |score| i64::from(score).into());
    let mut statements = move_rating(
        db,
        change.workspace_id,
        change.id,
        day_of(change.rated_at),
        change.from,
        change.to,
    )?;
    statements.push(statement(
        db,
        "UPDATE conversations SET rating = ?, rating_comment = ?, rated_at = COALESCE(rated_at, ?),
                rated_agent_id = CASE WHEN rating IS NULL THEN assigned_agent_id ELSE rated_agent_id END,
                version = version + 1
         WHERE workspace_id = ? AND id = ? AND rating IS ?",
        &[
            i64::from(change.to).into(),
            change.comment.into(),
            change.rated_at.into(),
            change.workspace_id.into(),
            change.id.into(),
            from,
        ],
    )?);
    let changed = super::d1::batch_changes(db, statements).await?;
    Ok(changed.last().is_some_and(|&n| n > 0))
}
