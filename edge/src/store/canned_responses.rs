//! Canned responses. A caller sees the workspace's and their own personal ones: every query
//! here takes both the workspace and the caller's id.

use super::d1::{first, page_of, run};
use crate::error::ApiResult;
use parley_shared_types::canned::{CannedResponse, CannedScope};
use parley_shared_types::page::ListRequest;
use serde::Deserialize;
use worker::D1Database;

#[derive(Debug, Clone, Deserialize)]
pub struct CannedRow {
    pub id: String,
    pub workspace_id: String,
    pub shortcut: String,
    pub content: String,
    pub scope: String,
    /// `''` for the workspace's.
    pub owner_id: String,
    pub created_at: String,
    pub updated_at: String,
}

impl CannedRow {
    pub fn scope(&self) -> CannedScope {
        CannedScope::parse(&self.scope).unwrap_or(CannedScope::Personal)
    }

    pub fn into_response(self) -> CannedResponse {
        let scope = self.scope();
        CannedResponse {
            owner_id: (scope == CannedScope::Personal).then_some(self.owner_id),
            scope,
            id: self.id,
            shortcut: self.shortcut,
            content: self.content,
            created_at: self.created_at,
            updated_at: self.updated_at,
        }
    }
}

const COLUMNS: &str =
    "id, workspace_id, shortcut, content, scope, owner_id, created_at, updated_at";
/// The responses `?` (the workspace) and `?` (the caller) may see.
const VISIBLE: &str = "workspace_id = ? AND (scope = 'workspace' OR owner_id = ?)";

/// A shortcut its scope and owner already use (in any case) is a `CONFLICT`.
pub async fn insert(db: &D1Database, row: &CannedRow) -> ApiResult<()> {
    run(
        db,
        "INSERT INTO canned_responses (id, workspace_id, shortcut, content, scope, owner_id, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        &[
            (&row.id).into(),
            (&row.workspace_id).into(),
            (&row.shortcut).into(),
            (&row.content).into(),
            (&row.scope).into(),
            (&row.owner_id).into(),
            (&row.created_at).into(),
            (&row.updated_at).into(),
        ],
    )
    .await
    .map(drop)
}

/// Writes the shortcut, content and update time.
pub async fn update(db: &D1Database, row: &CannedRow) -> ApiResult<()> {
    run(
        db,
        "UPDATE canned_responses SET shortcut = ?, content = ?, updated_at = ? WHERE workspace_id = ? AND id = ?",
        &[
            (&row.shortcut).into(),
            (&row.content).into(),
            (&row.updated_at).into(),
            (&row.workspace_id).into(),
            (&row.id).into(),
        ],
    )
    .await
    .map(drop)
}

/// The response if `caller_id` may see it.
pub async fn find(
    db: &D1Database,
    workspace_id: &str,
    caller_id: &str,
    id: &str,
) -> ApiResult<Option<CannedRow>> {
    first(
        db,
        &format!("SELECT {COLUMNS} FROM canned_responses WHERE {VISIBLE} AND id = ?"),
        &[workspace_id.into(), caller_id.into(), id.into()],
    )
    .await
}

/// What `caller_id` may see, oldest first.
pub async fn list(
    db: &D1Database,
    workspace_id: &str,
    caller_id: &str,
    list: &ListRequest,
) -> ApiResult<(Vec<CannedRow>, u64)> {
    page_of(
        db,
        (COLUMNS, "canned_responses", VISIBLE),
        &[workspace_id.into(), caller_id.into()],
        list,
    )
    .await
}

pub async fn delete(db: &D1Database, workspace_id: &str, id: &str) -> ApiResult<()> {
    run(
        db,
        "DELETE FROM canned_responses WHERE workspace_id = ? AND id = ?",
        &[workspace_id.into(), id.into()],
    )
    .await
    .map(drop)
}
