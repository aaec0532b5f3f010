//! The conversation index. The room owns each conversation's messages; this keeps what lists,
//! filters and stats need.

use super::analytics::{self, day_of};
use super::d1::{Arg, Paging, all, first, run, statement};
use super::{contacts, message_search};
use crate::error::{ApiError, ApiResult};
use parley_shared_types::contact::Identity;
use parley_shared_types::conversation::{
    Conversation, ConversationFilter, ConversationStatus, SearchMatch,
};
use parley_shared_types::message::{Message, SenderType};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::collections::btree_map::Entry;
use worker::{D1Database, D1PreparedStatement};

#[derive(Debug, Clone, Deserialize)]
pub struct ConversationRow {
    pub id: String,
    pub workspace_id: String,
    pub widget_id: String,
    pub visitor_id: String,
    pub assigned_agent_id: Option<String>,
    pub status: String,
    pub channel: String,
    pub metadata: String,
    pub started_at: String,
    pub closed_at: Option<String>,
    pub last_message: Option<String>,
    pub last_message_at: Option<String>,
    pub message_count: i64,
    #[serde(default)]
    pub unread_count: i64,
    #[serde(default)]
    pub bot_id: Option<String>,
    #[serde(default)]
    pub ai_active: i64,
    #[serde(default)]
    pub version: i64,
    #[serde(default)]
    pub rating: Option<i64>,
    #[serde(default)]
    pub rating_comment: Option<String>,
    /// Its labels as a JSON array of `{id, name, color}` (see [`COLUMNS`]).
    #[serde(default)]
    pub labels: Option<String>,
    #[serde(default)]
    pub contact_id: Option<String>,
    #[serde(default)]
    pub follow_up_email: Option<String>,
    /// Where a content search found it (set by [`list`], never read from D1).
    #[serde(skip)]
    pub search_match: Option<SearchMatch>,
}

impl ConversationRow {
    pub fn into_conversation(self) -> Conversation {
        Conversation {
            status: ConversationStatus::parse(&self.status).unwrap_or(ConversationStatus::Open),
            metadata: serde_json::from_str(&self.metadata).unwrap_or_default(),
            message_count: self.message_count.max(0) as u64,
            unread_count: self.unread_count.max(0) as u64,
            ai_active: super::d1::flag(self.ai_active),
            bot_id: self.bot_id,
            id: self.id,
            workspace_id: self.workspace_id,
            widget_id: self.widget_id,
            visitor_id: self.visitor_id,
            assigned_agent_id: self.assigned_agent_id,
            channel: self.channel,
            started_at: self.started_at,
            closed_at: self.closed_at,
            last_message: self.last_message,
            last_message_at: self.last_message_at,
            version: self.version.max(0) as u64,
            rating: self.rating.and_then(|r| u8::try_from(r).ok()),
            rating_comment: self.rating_comment,
            labels: self
                .labels
                .and_then(|labels| serde_json::from_str(&labels).ok())
                .unwrap_or_default(),
            contact_id: self.contact_id,
            follow_up_email: self.follow_up_email,
            search_match: self.search_match,
        }
    }
}

/// Every column a [`ConversationRow`] reads, the labels gathered by name.
const COLUMNS: &str = "id, workspace_id, widget_id, visitor_id, assigned_agent_id, status, channel, metadata, started_at, closed_at, last_message, last_message_at, message_count, unread_count, bot_id, ai_active, version, rating, rating_comment, contact_id, follow_up_email,
    (SELECT json_group_array(json_object('id', id, 'name', name, 'color', color)) FROM
        (SELECT l.id, l.name, l.color FROM conversation_labels cl JOIN labels l ON l.id = cl.label_id
         WHERE cl.conversation_id = conversations.id ORDER BY l.name COLLATE NOCASE)) AS labels";

/// Inserts the conversation and creates or updates its visitor's contact (as `identity`
/// says) in one batch; returns the contact's id.
pub async fn insert(
    db: &D1Database,
    row: &ConversationRow,
    identity: &Identity,
    new_contact_id: &str,
) -> ApiResult<String> {
    let workspace_id = row.workspace_id.as_str();
    let contact_key = identity.key(&row.visitor_id);
    let (contact_sql, contact_args) = contacts::of_identity(workspace_id, &contact_key);
    let mut args: Vec<Arg<'_>> = vec![
        (&row.id).into(),
        workspace_id.into(),
        (&row.widget_id).into(),
        (&row.visitor_id).into(),
        row.assigned_agent_id.as_deref().into(),
        (&row.status).into(),
        (&row.channel).into(),
        (&row.metadata).into(),
        (&row.started_at).into(),
        row.bot_id.as_deref().into(),
        row.ai_active.into(),
    ];
    args.extend(contact_args);
    let mut statements = vec![
        contacts::seen_starting(
            db,
            (workspace_id, &row.visitor_id),
            identity,
            new_contact_id,
            &row.started_at,
        )?,
        super::d1::statement(
            db,
            &format!(
                "INSERT INTO conversations (id, workspace_id, widget_id, visitor_id, assigned_agent_id, status, channel, metadata, started_at, bot_id, ai_active, contact_id)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, {contact_sql}) RETURNING contact_id"
            ),
            &args,
        )?,
    ];
    if let Some(bot_id) = &row.bot_id {
        statements.push(analytics::bot_conversation_started(
            db,
            workspace_id,
            bot_id,
            day_of(&row.started_at),
        )?);
    }
    #[derive(Deserialize)]
    struct Inserted {
        contact_id: String,
    }
    // The conversation's insert (second) names the contact it got.
    let inserted: Vec<Inserted> = super::d1::batch_rows(db, statements, 1).await?;
    inserted
        .into_iter()
        .next()
        .map(|i| i.contact_id)
        .ok_or_else(|| ApiError::internal("the conversation's insert named no contact"))
}

pub async fn find(
    db: &D1Database,
    workspace_id: &str,
    id: &str,
) -> ApiResult<Option<ConversationRow>> {
    first(
        db,
        &format!("SELECT {COLUMNS} FROM conversations WHERE workspace_id = ? AND id = ?"),
        &[workspace_id.into(), id.into()],
    )
    .await
}

/// The visitor's latest conversation, in any status.
pub async fn latest_of_visitor(
    db: &D1Database,
    workspace_id: &str,
    visitor_id: &str,
) -> ApiResult<Option<ConversationRow>> {
    first(
        db,
        &format!(
            "SELECT {COLUMNS} FROM conversations WHERE workspace_id = ? AND visitor_id = ?
             ORDER BY started_at DESC LIMIT 1"
        ),
        &[workspace_id.into(), visitor_id.into()],
    )
    .await
}

/// Every conversation of a contact, newest first.
pub async fn of_contact(
    db: &D1Database,
    workspace_id: &str,
    contact_id: &str,
) -> ApiResult<Vec<ConversationRow>> {
    all(
        db,
        &format!(
            "SELECT {COLUMNS} FROM conversations WHERE workspace_id = ? AND contact_id = ? ORDER BY started_at DESC, id DESC"
        ),
        &[workspace_id.into(), contact_id.into()],
    )
    .await
}

/// The latest conversation on `widget_id` with the contact `identity` names whose start proved
/// who they were (its metadata says `identityVerified`): claimed identities never find one.
pub async fn latest_verified(
    db: &D1Database,
    (workspace_id, widget_id): (&str, &str),
    identity: &Identity,
) -> ApiResult<Option<ConversationRow>> {
    first(
        db,
        &format!(
            "SELECT {COLUMNS} FROM conversations
             WHERE workspace_id = ? AND widget_id = ? AND channel = 'widget'
               AND contact_id = (SELECT id FROM contacts WHERE workspace_id = ? AND identity_key = ?)
               AND json_extract(metadata, '$.identityVerified') = 1
             ORDER BY started_at DESC, id DESC LIMIT 1"
        ),
        &[
            workspace_id.into(),
            widget_id.into(),
            workspace_id.into(),
            identity.key("").as_str().into(),
        ],
    )
    .await
}

/// The statements that delete conversation `id` and what names it in D1: its messages' search
/// entries, its labels, the webhook deliveries that carried it, and its row (with what hangs
/// on it by foreign key). For a batch: after it every route answers 404 for it.
pub fn erasing(
    db: &D1Database,
    workspace_id: &str,
    id: &str,
) -> ApiResult<Vec<D1PreparedStatement>> {
    let scoped: [Arg<'_>; 2] = [workspace_id.into(), id.into()];
    Ok(vec![
        message_search::forget_conversation(db, workspace_id, id)?,
        statement(
            db,
            "DELETE FROM webhook_deliveries WHERE workspace_id = ? AND instr(payload, ?) > 0",
            &scoped,
        )?,
        statement(
            db,
            "DELETE FROM conversation_labels WHERE workspace_id = ? AND conversation_id = ?",
            &scoped,
        )?,
        statement(
            db,
            "DELETE FROM conversations WHERE workspace_id = ? AND id = ?",
            &scoped,
        )?,
    ])
}

/// Deletes conversation `id` ([`erasing`]) and, in the same transaction, the questions it
/// asked its bot (`bot_id`) from the top questions.
pub async fn erase(
    db: &D1Database,
    workspace_id: &str,
    id: &str,
    (bot_id, questions): (Option<&str>, &[analytics::ForgottenQuestion<'_>]),
) -> ApiResult<()> {
    let mut statements = erasing(db, workspace_id, id)?;
    if let Some(bot_id) = bot_id {
        statements.extend(analytics::forget_questions(
            db,
            workspace_id,
            bot_id,
            questions,
        )?);
    }
    super::d1::batch(db, statements).await
}

/// One page of the workspace's conversations, newest first, and how many match in all. A
/// `search` finds part of a visitor id or words of a message; each conversation a message
/// matched carries that message's highlighted snippet.
pub async fn list(
    db: &D1Database,
    workspace_id: &str,
    filter: &ConversationFilter,
) -> ApiResult<(Vec<ConversationRow>, u64)> {
    let mut conditions = vec!["workspace_id = ?"];
    let mut args: Vec<Arg<'_>> = vec![workspace_id.into()];
    if let Some(status) = filter.status {
        conditions.push("status = ?");
        args.push(status.as_str().into());
    }
    let content_query = filter.search.as_deref().and_then(message_search::fts_query);
    let visitor_or_content;
    if let Some(search) = &filter.search {
        conditions.push(match &content_query {
            Some(fts_query) => {
                let (matching, matching_args) =
                    message_search::matching_conversations(workspace_id, fts_query);
                visitor_or_content =
                    format!("(instr(lower(visitor_id), lower(?)) > 0 OR {matching})");
                args.push(search.into());
                args.extend(matching_args);
                &visitor_or_content
            }
            None => {
                args.push(search.into());
                "instr(lower(visitor_id), lower(?)) > 0"
            }
        });
    }
    if let Some(agent) = &filter.agent_id {
        conditions.push("assigned_agent_id = ?");
        args.push(agent.into());
    }
    match filter.assigned {
        Some(true) => conditions.push("assigned_agent_id IS NOT NULL"),
        Some(false) => conditions.push("assigned_agent_id IS NULL"),
        None => {}
    }
    match filter.ai_active {
        Some(true) => conditions.push("ai_active = 1"),
        Some(false) => conditions.push("ai_active = 0"),
        None => {}
    }
    if let Some(widget) = &filter.widget_id {
        conditions.push("widget_id = ?");
        args.push(widget.into());
    }
    if let Some(channel) = &filter.channel {
        conditions.push("channel = ?");
        args.push(channel.into());
    }
    if let Some(bot) = &filter.bot_id {
        conditions.push("bot_id = ?");
        args.push(bot.into());
    }
    if let Some(label) = &filter.label {
        conditions.push(
            "id IN (SELECT conversation_id FROM conversation_labels WHERE workspace_id = ? AND label_id = ?)",
        );
        args.push(workspace_id.into());
        args.push(label.into());
    }
    let filter_sql = conditions.join(" AND ");
    let scope: [Arg<'_>; 1] = [workspace_id.into()];
    let paging = Paging::of(
        &filter.list,
        ("conversations", "started_at"),
        ("workspace_id = ?", &scope),
        true,
    );
    let total = super::d1::count(db, &format!("conversations WHERE {filter_sql}"), &args).await?;
    args.extend(paging.args);
    let sql = format!(
        "SELECT {COLUMNS} FROM conversations WHERE {filter_sql}{} {}",
        paging.after_cursor, paging.order_and_limit
    );
    let mut rows: Vec<ConversationRow> = all(db, &sql, &args).await?;
    if let Some(fts_query) = &content_query {
        let ids: Vec<&str> = rows.iter().map(|row| row.id.as_str()).collect();
        let found = message_search::best_matches(db, workspace_id, fts_query, &ids).await?;
        for row in &mut rows {
            row.search_match = found
                .iter()
                .find(|(id, _)| *id == row.id)
                .map(|(_, found)| found.clone());
        }
    }
    Ok((rows, total))
}

pub async fn close(
    db: &D1Database,
    workspace_id: &str,
    id: &str,
    closed_at: &str,
) -> ApiResult<()> {
    let statements = vec![
        analytics::resolution(db, workspace_id, id, closed_at)?,
        super::d1::statement(
            db,
            "UPDATE conversations SET status = 'closed', closed_at = ?, version = version + 1 WHERE workspace_id = ? AND id = ? AND status <> 'closed'",
            &[closed_at.into(), workspace_id.into(), id.into()],
        )?,
    ];
    super::d1::batch(db, statements).await
}

pub async fn reopen(db: &D1Database, workspace_id: &str, id: &str) -> ApiResult<()> {
    run(
        db,
        "UPDATE conversations SET status = 'open', closed_at = NULL, version = version + 1 WHERE workspace_id = ? AND id = ?",
        &[workspace_id.into(), id.into()],
    )
    .await
    .map(drop)
}

/// Where the conversation's replies are emailed now (`None`: nowhere).
pub async fn set_follow_up_email(
    db: &D1Database,
    workspace_id: &str,
    id: &str,
    email: Option<&str>,
) -> ApiResult<()> {
    run(
        db,
        "UPDATE conversations SET follow_up_email = ?, version = version + 1 WHERE workspace_id = ? AND id = ?",
        &[email.into(), workspace_id.into(), id.into()],
    )
    .await
    .map(drop)
}

pub async fn assign(
    db: &D1Database,
    workspace_id: &str,
    id: &str,
    agent_id: &str,
) -> ApiResult<()> {
    run(
        db,
        "UPDATE conversations SET assigned_agent_id = ?, version = version + 1 WHERE workspace_id = ? AND id = ?",
        &[agent_id.into(), workspace_id.into(), id.into()],
    )
    .await
    .map(drop)
}

/// The bot stops answering (on `day`); returns whether it was answering.
pub async fn hand_off(db: &D1Database, workspace_id: &str, id: &str, day: &str) -> ApiResult<bool> {
    let statements = vec![
        analytics::bot_handoff(db, workspace_id, id, day)?,
        super::d1::statement(
            db,
            "UPDATE conversations SET ai_active = 0, version = version + 1 WHERE workspace_id = ? AND id = ? AND ai_active = 1",
            &[workspace_id.into(), id.into()],
        )?,
    ];
    let changed = super::d1::batch_changes(db, statements).await?;
    Ok(changed.last().is_some_and(|&n| n > 0))
}

/// Of `candidates`, the workspace's user with the fewest unclosed conversations (ties: lowest
/// id). A candidate that is not a user of the workspace (an API key, someone removed) is never
/// picked, so an assignment never names a non-user.
pub async fn least_busy(
    db: &D1Database,
    workspace_id: &str,
    candidates: &[String],
) -> ApiResult<Option<String>> {
    if candidates.is_empty() {
        return Ok(None);
    }
    #[derive(Deserialize)]
    struct Load {
        agent_id: String,
        open: i64,
    }
    // Every user's load in one query with one parameter (D1 caps bound parameters, and a
    // large team can have more agents online than that); candidates are picked below.
    let loads: Vec<Load> = all(
        db,
        "SELECT u.id AS agent_id, COUNT(c.id) AS open FROM users u
         LEFT JOIN conversations c ON c.assigned_agent_id = u.id AND c.workspace_id = u.workspace_id
              AND c.status <> 'closed'
         WHERE u.workspace_id = ?
         GROUP BY u.id",
        &[workspace_id.into()],
    )
    .await?;
    Ok(loads
        .iter()
        .filter(|load| candidates.contains(&load.agent_id))
        .min_by(|a, b| a.open.cmp(&b.open).then(a.agent_id.cmp(&b.agent_id)))
        .map(|load| load.agent_id.clone()))
}

/// The room's count of unread visitor messages, after a read receipt.
pub async fn set_unread(
    db: &D1Database,
    workspace_id: &str,
    id: &str,
    unread: u64,
) -> ApiResult<()> {
    run(
        db,
        "UPDATE conversations SET unread_count = ?, version = version + 1 WHERE workspace_id = ? AND id = ?",
        &[(unread as i64).into(), workspace_id.into(), id.into()],
    )
    .await
    .map(drop)
}

/// What a room's new messages change in its conversation's row: the summary, the
/// response-time marks and the day counts, gathered over one message or a burst of them so a
/// burst costs one write.
#[derive(Debug, Clone, PartialEq)]
pub struct NewMessages {
    pub workspace_id: String,
    pub conversation_id: String,
    /// The latest message's `seq`, preview and time.
    pub seq: u64,
    pub preview: String,
    pub at: String,
    /// The room's count of visitor messages not yet read, after the latest.
    pub unread: u64,
    /// The earliest time each kind of sender wrote among these messages.
    pub first_at: BTreeMap<SenderType, String>,
    /// When the visitor last wrote among these messages (their contact was seen then).
    pub visitor_last_at: Option<String>,
    /// How many of these messages each UTC day (`YYYY-MM-DD`) got.
    pub per_day: BTreeMap<String, u64>,
    /// What each agent (by user id) wrote among these messages.
    pub by_agent: BTreeMap<String, AgentMessages>,
    /// These messages' entries in the search index.
    pub searchable: Vec<message_search::Entry>,
}

/// How much of a message the conversation list shows.
const PREVIEW_CHARS: usize = 140;

#[derive(Debug, Clone, PartialEq)]
pub struct AgentMessages {
    pub first_at: String,
    pub per_day: BTreeMap<String, u64>,
}

fn add_counts(counts: &mut BTreeMap<String, u64>, more: BTreeMap<String, u64>) {
    for (day, count) in more {
        *counts.entry(day).or_default() += count;
    }
}

impl NewMessages {
    /// What one stored message changes; `unread` is the room's count after it.
    pub fn one(workspace_id: &str, message: &Message, unread: u64) -> Self {
        let at = message.created_at.as_str();
        let per_day = BTreeMap::from([(day_of(at).to_owned(), 1)]);
        let by_agent = match message.sender_type {
            SenderType::Agent => BTreeMap::from([(
                message.sender_id.clone(),
                AgentMessages {
                    first_at: at.to_owned(),
                    per_day: per_day.clone(),
                },
            )]),
            SenderType::Visitor | SenderType::Ai => BTreeMap::new(),
        };
        let said = message.said();
        NewMessages {
            workspace_id: workspace_id.to_owned(),
            conversation_id: message.conversation_id.clone(),
            seq: message.seq,
            preview: said.chars().take(PREVIEW_CHARS).collect(),
            at: at.to_owned(),
            unread,
            first_at: BTreeMap::from([(message.sender_type, at.to_owned())]),
            visitor_last_at: (message.sender_type == SenderType::Visitor).then(|| at.to_owned()),
            per_day,
            by_agent,
            searchable: vec![message_search::Entry {
                message_id: message.id.clone(),
                content: said,
            }],
        }
    }

    /// Adds messages stored after these.
    pub fn then(mut self, mut later: NewMessages) -> Self {
        for (sender_type, at) in later.first_at {
            self.first_at.entry(sender_type).or_insert(at);
        }
        add_counts(&mut self.per_day, later.per_day);
        for (agent_id, written) in later.by_agent {
            match self.by_agent.entry(agent_id) {
                Entry::Occupied(mut earlier) => {
                    add_counts(&mut earlier.get_mut().per_day, written.per_day)
                }
                Entry::Vacant(first) => {
                    first.insert(written);
                }
            }
        }
        self.searchable.append(&mut later.searchable);
        NewMessages {
            first_at: self.first_at,
            visitor_last_at: later.visitor_last_at.or(self.visitor_last_at),
            per_day: self.per_day,
            by_agent: self.by_agent,
            searchable: self.searchable,
            ..later
        }
    }
}

fn first_reply_column(sender_type: SenderType) -> &'static str {
    match sender_type {
        SenderType::Visitor => "first_visitor_message_at",
        SenderType::Agent => "first_agent_reply_at",
        SenderType::Ai => "first_bot_reply_at",
    }
}

/// Writes the messages' summary, their counts, the rollups they feed, their search entries
/// and when their contact was last seen, in one batch. The agents' rollups go first: they
/// read the row's marks as they were before these messages. Answers the row as written (none
/// if the conversation is gone), so announcing it needs no read.
pub async fn record_messages(
    db: &D1Database,
    new: &NewMessages,
) -> ApiResult<Option<ConversationRow>> {
    let (workspace_id, id) = (new.workspace_id.as_str(), new.conversation_id.as_str());
    let mut statements = Vec::new();
    let first_responder = new.by_agent.iter().min_by_key(|(_, w)| &w.first_at);
    if let Some((agent_id, written)) = first_responder {
        let visitor_first_at = new.first_at.get(&SenderType::Visitor).map(String::as_str);
        statements.push(analytics::agent_first_response(
            db,
            workspace_id,
            id,
            agent_id,
            &written.first_at,
            visitor_first_at,
        )?);
    }
    for (agent_id, written) in &new.by_agent {
        statements.extend(analytics::agent_messages(
            db,
            workspace_id,
            id,
            agent_id,
            &written.first_at,
            &written.per_day,
        )?);
    }
    let mut marks = String::new();
    let mut args: Vec<Arg<'_>> = Vec::new();
    for (sender_type, at) in &new.first_at {
        let column = first_reply_column(*sender_type);
        marks.push_str(&format!("{column} = COALESCE({column}, ?), "));
        args.push(at.as_str().into());
    }
    args.extend([
        new.at.as_str().into(),
        new.preview.as_str().into(),
        (new.seq as i64).into(),
        (new.unread as i64).into(),
        new.workspace_id.as_str().into(),
        new.conversation_id.as_str().into(),
    ]);
    let summary = statements.len();
    statements.push(super::d1::statement(
        db,
        &format!(
            "UPDATE conversations SET {marks}last_message_at = ?, last_message = ?, message_count = MAX(message_count, ?),
                    unread_count = ?, version = version + 1
             WHERE workspace_id = ? AND id = ? RETURNING {COLUMNS}"
        ),
        &args,
    )?);
    if let Some(at) = &new.visitor_last_at {
        statements.push(contacts::seen_writing(db, workspace_id, id, at)?);
    }
    statements.extend(message_search::add(db, workspace_id, id, &new.searchable)?);
    for (day, count) in &new.per_day {
        statements.push(super::d1::statement(
            db,
            "INSERT INTO message_days (workspace_id, day, count) VALUES (?, ?, ?)
             ON CONFLICT (workspace_id, day) DO UPDATE SET count = count + excluded.count",
            &[
                new.workspace_id.as_str().into(),
                day.as_str().into(),
                (*count as i64).into(),
            ],
        )?);
        statements.push(analytics::bot_messages(db, workspace_id, id, day, *count)?);
    }
    let rows = super::d1::batch_rows::<ConversationRow>(db, statements, summary).await?;
    Ok(rows.into_iter().next())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(seq: u64, at: &str, sender_type: SenderType, unread: u64) -> NewMessages {
        let message = Message {
            id: format!("id-{seq}"),
            conversation_id: "c-1".into(),
            seq,
            content: format!("m{seq}"),
            sender_type,
            sender_id: format!("{sender_type:?}-{}", seq % 2),
            is_read: false,
            created_at: at.into(),
            sources: Vec::new(),
            private: false,
            attachments: Vec::new(),
        };
        NewMessages::one("w-1", &message, unread)
    }

    #[test]
    fn a_burst_writes_its_latest_summary_its_earliest_marks_and_every_message_counted() {
        let burst = message(1, "2026-12-05T23:59:58Z", SenderType::Visitor, 1)
            .then(message(2, "2026-12-05T23:59:59Z", SenderType::Agent, 0))
            .then(message(3, "2026-12-06T00:00:01Z", SenderType::Visitor, 1))
            .then(message(4, "2026-12-06T00:00:02Z", SenderType::Agent, 0));
        assert_eq!(
            (burst.seq, burst.preview.as_str(), burst.unread),
            (4, "m4", 0)
        );
        assert_eq!(burst.at, "2026-12-06T00:00:02Z");
        assert_eq!(
            burst.first_at,
            BTreeMap::from([
                (SenderType::Visitor, "2026-12-05T23:59:58Z".to_owned()),
                (SenderType::Agent, "2026-12-05T23:59:59Z".to_owned()),
            ])
        );
        assert_eq!(
            burst.per_day,
            BTreeMap::from([("2026-12-05".to_owned(), 2), ("2026-12-06".to_owned(), 2)])
        );
        assert_eq!(
            burst.visitor_last_at.as_deref(),
            Some("2026-12-06T00:00:01Z"),
            "the visitor was last seen at their latest message, not the agent's"
        );
        let indexed: Vec<&str> = burst
            .searchable
            .iter()
            .map(|e| e.message_id.as_str())
            .collect();
        assert_eq!(
            indexed,
            ["id-1", "id-2", "id-3", "id-4"],
            "every message is indexed once"
        );
    }

    #[test]
    fn a_burst_keeps_each_agents_first_message_and_daily_counts() {
        let burst = message(1, "2026-12-05T23:59:58Z", SenderType::Agent, 0)
            .then(message(2, "2026-12-05T23:59:59Z", SenderType::Agent, 0))
            .then(message(3, "2026-12-06T00:00:01Z", SenderType::Agent, 0))
            .then(message(4, "2026-12-06T00:00:02Z", SenderType::Visitor, 1));
        let written = |first_at: &str, days: &[(&str, u64)]| AgentMessages {
            first_at: first_at.to_owned(),
            per_day: days.iter().map(|(d, n)| ((*d).to_owned(), *n)).collect(),
        };
        assert_eq!(
            burst.by_agent,
            BTreeMap::from([
                (
                    "Agent-1".to_owned(),
                    written(
                        "2026-12-05T23:59:58Z",
                        &[("2026-12-05", 1), ("2026-12-06", 1)]
                    )
                ),
                (
                    "Agent-0".to_owned(),
                    written("2026-12-05T23:59:59Z", &[("2026-12-05", 1)])
                ),
            ])
        );
    }
}
