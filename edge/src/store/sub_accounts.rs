//! Sub-accounts: child workspaces of a parent (`sub_accounts`, read through the
//! `sub_account_rows` view with the workspace's name), and the erasure of one with everything
//! it holds.

use super::d1::{Arg, all, batch, first, page_of, statement};
use crate::error::ApiResult;
use parley_shared_types::page::ListRequest;
use parley_shared_types::sub_account::SubAccount;
use serde::Deserialize;
use worker::D1Database;

/// The SQL set of a payer's workspaces: itself and its sub-accounts; binds the payer's id
/// twice ([`family_args`]).
pub const FAMILY: &str = "SELECT ? UNION ALL SELECT id FROM sub_accounts WHERE parent_id = ?";

pub fn family_args(payer_id: &str) -> [Arg<'_>; 2] {
    [payer_id.into(), payer_id.into()]
}

#[derive(Debug, Clone, Deserialize)]
pub struct SubAccountRow {
    pub id: String,
    pub parent_id: String,
    pub name: String,
    pub email: Option<String>,
    pub meta: String,
    pub created_at: String,
    pub updated_at: String,
}

impl SubAccountRow {
    pub fn into_sub_account(self) -> SubAccount {
        SubAccount {
            meta: serde_json::from_str(&self.meta).unwrap_or_default(),
            id: self.id,
            name: self.name,
            email: self.email,
            created_at: self.created_at,
            updated_at: self.updated_at,
        }
    }
}

const COLUMNS: &str = "id, parent_id, name, email, meta, created_at, updated_at";

/// Makes the child workspace and its sub-account row together.
pub async fn insert(db: &D1Database, row: &SubAccountRow) -> ApiResult<()> {
    batch(
        db,
        vec![
            statement(
                db,
                "INSERT INTO workspaces (id, name, created_at) VALUES (?, ?, ?)",
                &[
                    (&row.id).into(),
                    (&row.name).into(),
                    (&row.created_at).into(),
                ],
            )?,
            statement(
                db,
                "INSERT INTO sub_accounts (id, parent_id, email, meta, created_at, updated_at) \
                 VALUES (?, ?, ?, ?, ?, ?)",
                &[
                    (&row.id).into(),
                    (&row.parent_id).into(),
                    row.email.as_deref().into(),
                    (&row.meta).into(),
                    (&row.created_at).into(),
                    (&row.updated_at).into(),
                ],
            )?,
        ],
    )
    .await
}

/// Writes the name (on the workspace), email and metadata.
pub async fn update(db: &D1Database, row: &SubAccountRow) -> ApiResult<()> {
    batch(
        db,
        vec![
            statement(
                db,
                "UPDATE workspaces SET name = ? WHERE id = \
                 (SELECT id FROM sub_accounts WHERE id = ? AND parent_id = ?)",
                &[
                    (&row.name).into(),
                    (&row.id).into(),
                    (&row.parent_id).into(),
                ],
            )?,
            statement(
                db,
                "UPDATE sub_accounts SET email = ?, meta = ?, updated_at = ? \
                 WHERE id = ? AND parent_id = ?",
                &[
                    row.email.as_deref().into(),
                    (&row.meta).into(),
                    (&row.updated_at).into(),
                    (&row.id).into(),
                    (&row.parent_id).into(),
                ],
            )?,
        ],
    )
    .await
}

pub async fn find(db: &D1Database, parent_id: &str, id: &str) -> ApiResult<Option<SubAccountRow>> {
    first(
        db,
        &format!("SELECT {COLUMNS} FROM sub_account_rows WHERE parent_id = ? AND id = ?"),
        &[parent_id.into(), id.into()],
    )
    .await
}

/// Oldest first, so children made meanwhile appear at the end of a cursor walk.
pub async fn list(
    db: &D1Database,
    parent_id: &str,
    list: &ListRequest,
) -> ApiResult<(Vec<SubAccountRow>, u64)> {
    let query = (COLUMNS, "sub_account_rows", "parent_id = ?");
    page_of(db, query, &[parent_id.into()], list).await
}

/// Whether the workspace is a sub-account (and so may not have its own).
pub async fn is_child(db: &D1Database, workspace_id: &str) -> ApiResult<bool> {
    let row: Option<serde_json::Value> = first(
        db,
        "SELECT 1 AS child FROM sub_accounts WHERE id = ?",
        &[workspace_id.into()],
    )
    .await?;
    Ok(row.is_some())
}

/// What outlives a workspace's rows and must be let go of by hand: the KV entries of its
/// widgets and API keys, and its conversations' rooms.
#[derive(Debug, Default)]
pub struct Leftovers {
    pub widget_ids: Vec<String>,
    pub key_hashes: Vec<String>,
    pub conversation_ids: Vec<String>,
}

#[derive(Deserialize)]
struct Leftover {
    kind: String,
    value: String,
}

/// The child's workspace and its sandbox, if a test key made one.
const CHILD_AND_SANDBOX: &str = "SELECT id FROM workspaces WHERE id = ? OR sandbox_of = ?";

/// What [`erase`] leaves for the caller to let go of.
pub async fn leftovers(db: &D1Database, id: &str) -> ApiResult<Leftovers> {
    let rows: Vec<Leftover> = all(
        db,
        &format!(
            "SELECT 'widget' AS kind, id AS value FROM widgets WHERE workspace_id IN ({CHILD_AND_SANDBOX}) \
             UNION ALL SELECT 'key', secret_hash FROM api_keys WHERE workspace_id = ? \
             UNION ALL SELECT 'conversation', id FROM conversations WHERE workspace_id IN ({CHILD_AND_SANDBOX})"
        ),
        &[id.into(), id.into(), id.into(), id.into(), id.into()],
    )
    .await?;
    let mut leftovers = Leftovers::default();
    for row in rows {
        match row.kind.as_str() {
            "widget" => leftovers.widget_ids.push(row.value),
            "key" => leftovers.key_hashes.push(row.value),
            _ => leftovers.conversation_ids.push(row.value),
        }
    }
    Ok(leftovers)
}

/// Deletes the child of `parent_id` and everything it holds, in one transaction: the tables
/// without a foreign key to the workspace by hand (search and knowledge indexes, labels,
/// canned responses, webhook deliveries), then the workspace, whose deletion cascades to the
/// rest (users, keys, widgets, conversations, bots, usage, its sandbox…). Only a child of
/// `parent_id` is deleted.
pub async fn erase(db: &D1Database, parent_id: &str, id: &str) -> ApiResult<()> {
    let scoped = |sql: &str| -> ApiResult<_> {
        statement(
            db,
            &sql.replace("{workspaces}", CHILD_AND_SANDBOX),
            &[id.into(), id.into()],
        )
    };
    let statements = vec![
        scoped("DELETE FROM message_search WHERE workspace_id IN ({workspaces})")?,
        scoped(
            "DELETE FROM knowledge_chunks WHERE bot_id IN \
             (SELECT id FROM bots WHERE workspace_id IN ({workspaces}))",
        )?,
        scoped("DELETE FROM conversation_labels WHERE workspace_id IN ({workspaces})")?,
        scoped("DELETE FROM labels WHERE workspace_id IN ({workspaces})")?,
        scoped("DELETE FROM canned_responses WHERE workspace_id IN ({workspaces})")?,
        scoped("DELETE FROM webhook_deliveries WHERE workspace_id IN ({workspaces})")?,
        statement(
            db,
            "DELETE FROM workspaces WHERE id = \
             (SELECT id FROM sub_accounts WHERE id = ? AND parent_id = ?)",
            &[id.into(), parent_id.into()],
        )?,
    ];
    batch(db, statements).await
}
