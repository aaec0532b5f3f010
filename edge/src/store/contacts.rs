//! Contacts: who a workspace's visitors are. A conversation's start creates or updates its
//! contact in the same batch; the room's summary write moves `last_seen_at`.

use super::d1::{Arg, Paging, all, count, first, run, statement};
use crate::error::ApiResult;
use parley_shared_types::contact::{Contact, ContactFilter, Identity};
use serde::Deserialize;
use worker::{D1Database, D1PreparedStatement};

#[derive(Debug, Clone, Deserialize)]
pub struct ContactRow {
    pub id: String,
    pub workspace_id: String,
    pub visitor_id: String,
    pub user_id: Option<String>,
    pub name: Option<String>,
    pub email: Option<String>,
    pub verified: i64,
    pub attributes: String,
    pub first_seen_at: String,
    pub last_seen_at: String,
    #[serde(default)]
    pub conversation_count: i64,
}

impl ContactRow {
    pub fn into_contact(self) -> Contact {
        Contact {
            attributes: serde_json::from_str(&self.attributes).unwrap_or_default(),
            verified: super::d1::flag(self.verified),
            conversation_count: self.conversation_count.max(0) as u64,
            id: self.id,
            workspace_id: self.workspace_id,
            visitor_id: self.visitor_id,
            user_id: self.user_id,
            name: self.name,
            email: self.email,
            first_seen_at: self.first_seen_at,
            last_seen_at: self.last_seen_at,
        }
    }
}

const COLUMNS: &str = "id, workspace_id, visitor_id, user_id, name, email, verified, attributes, first_seen_at, last_seen_at,
    (SELECT COUNT(*) FROM conversations c WHERE c.workspace_id = contacts.workspace_id AND c.contact_id = contacts.id) AS conversation_count";

/// The visitor `visitor_id`, as `identity` says, was seen at `at` starting a conversation:
/// their contact is created (as `new_id`) or updated (what identify said replaces what was
/// known; a field it left out stays). Part of the conversation's insert batch; the
/// conversation then finds its contact with [`of_identity`].
pub fn seen_starting(
    db: &D1Database,
    (workspace_id, visitor_id): (&str, &str),
    identity: &Identity,
    new_id: &str,
    at: &str,
) -> ApiResult<D1PreparedStatement> {
    statement(
        db,
        "INSERT INTO contacts (id, workspace_id, identity_key, visitor_id, user_id, name, email, verified, first_seen_at, last_seen_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (workspace_id, identity_key) DO UPDATE SET
             visitor_id = excluded.visitor_id,
             name = COALESCE(excluded.name, contacts.name),
             email = COALESCE(excluded.email, contacts.email),
             verified = MAX(contacts.verified, excluded.verified),
             last_seen_at = MAX(contacts.last_seen_at, excluded.last_seen_at)",
        &[
            new_id.into(),
            workspace_id.into(),
            identity.key(visitor_id).as_str().into(),
            visitor_id.into(),
            identity.user_id.as_deref().into(),
            identity.name.as_deref().into(),
            identity.email.as_deref().into(),
            i64::from(identity.verified).into(),
            at.into(),
            at.into(),
        ],
    )
}

/// SQL for the id of the contact `identity` keys (with its two arguments).
pub fn of_identity<'a>(workspace_id: &'a str, key: &'a str) -> (&'static str, [Arg<'a>; 2]) {
    (
        "(SELECT id FROM contacts WHERE workspace_id = ? AND identity_key = ?)",
        [workspace_id.into(), key.into()],
    )
}

/// The conversation's visitor wrote at `at`: their contact was last seen then (part of the
/// summary's batch, so it costs no write of its own).
pub fn seen_writing(
    db: &D1Database,
    workspace_id: &str,
    conversation_id: &str,
    at: &str,
) -> ApiResult<D1PreparedStatement> {
    statement(
        db,
        "UPDATE contacts SET last_seen_at = MAX(last_seen_at, ?)
         WHERE workspace_id = ? AND id = (SELECT contact_id FROM conversations WHERE workspace_id = ? AND id = ?)",
        &[
            at.into(),
            workspace_id.into(),
            workspace_id.into(),
            conversation_id.into(),
        ],
    )
}

pub async fn find(db: &D1Database, workspace_id: &str, id: &str) -> ApiResult<Option<ContactRow>> {
    first(
        db,
        &format!("SELECT {COLUMNS} FROM contacts WHERE workspace_id = ? AND id = ?"),
        &[workspace_id.into(), id.into()],
    )
    .await
}

/// One page of the workspace's contacts, newest first, and how many match in all.
pub async fn list(
    db: &D1Database,
    workspace_id: &str,
    filter: &ContactFilter,
) -> ApiResult<(Vec<ContactRow>, u64)> {
    let mut filter_sql = String::from("workspace_id = ?");
    let mut args: Vec<Arg<'_>> = vec![workspace_id.into()];
    if let Some(search) = &filter.search {
        filter_sql.push_str(
            " AND (instr(lower(COALESCE(name, '')), lower(?)) > 0
                   OR instr(lower(COALESCE(email, '')), lower(?)) > 0
                   OR instr(lower(COALESCE(user_id, '')), lower(?)) > 0)",
        );
        args.extend([search.into(), search.into(), search.into()]);
    }
    let scope: [Arg<'_>; 1] = [workspace_id.into()];
    let paging = Paging::of(
        &filter.list,
        ("contacts", "first_seen_at"),
        ("workspace_id = ?", &scope),
        true,
    );
    let total = count(db, &format!("contacts WHERE {filter_sql}"), &args).await?;
    args.extend(paging.args);
    let sql = format!(
        "SELECT {COLUMNS} FROM contacts WHERE {filter_sql}{} {}",
        paging.after_cursor, paging.order_and_limit
    );
    Ok((all(db, &sql, &args).await?, total))
}

/// Replaces what an admin edits: name, email (`None` clears) and attributes (JSON).
pub async fn update(
    db: &D1Database,
    workspace_id: &str,
    id: &str,
    (name, email, attributes): (Option<&str>, Option<&str>, &str),
) -> ApiResult<()> {
    run(
        db,
        "UPDATE contacts SET name = ?, email = ?, attributes = ? WHERE workspace_id = ? AND id = ?",
        &[
            name.into(),
            email.into(),
            attributes.into(),
            workspace_id.into(),
            id.into(),
        ],
    )
    .await
    .map(drop)
}

/// Deletes the contact and, in the same transaction, their conversations with what names
/// them ([`super::conversations::erasing`]).
pub async fn erase(
    db: &D1Database,
    workspace_id: &str,
    id: &str,
    conversation_ids: &[String],
) -> ApiResult<()> {
    let mut statements = Vec::new();
    for conversation_id in conversation_ids {
        statements.extend(super::conversations::erasing(
            db,
            workspace_id,
            conversation_id,
        )?);
    }
    // One started since they were listed goes too.
    statements.push(statement(
        db,
        "DELETE FROM conversations WHERE workspace_id = ? AND contact_id = ?",
        &[workspace_id.into(), id.into()],
    )?);
    statements.push(statement(
        db,
        "DELETE FROM contacts WHERE workspace_id = ? AND id = ?",
        &[workspace_id.into(), id.into()],
    )?);
    super::d1::batch(db, statements).await
}
