//! Labels and which conversations carry them.

use super::d1::{all, batch, first, page_of, run, statement};
use crate::error::ApiResult;
use parley_shared_types::label::Label;
use parley_shared_types::page::ListRequest;
use serde::Deserialize;
use worker::D1Database;

#[derive(Debug, Clone, Deserialize)]
pub struct LabelRow {
    pub id: String,
    pub workspace_id: String,
    pub name: String,
    pub color: String,
    pub created_at: String,
}

impl LabelRow {
    pub fn into_label(self) -> Label {
        Label {
            id: self.id,
            name: self.name,
            color: self.color,
            created_at: self.created_at,
        }
    }
}

const COLUMNS: &str = "id, workspace_id, name, color, created_at";

/// A name the workspace already uses (in any case) is a `CONFLICT`.
pub async fn insert(db: &D1Database, row: &LabelRow) -> ApiResult<()> {
    run(
        db,
        "INSERT INTO labels (id, workspace_id, name, color, created_at) VALUES (?, ?, ?, ?, ?)",
        &[
            (&row.id).into(),
            (&row.workspace_id).into(),
            (&row.name).into(),
            (&row.color).into(),
            (&row.created_at).into(),
        ],
    )
    .await
    .map(drop)
}

/// Writes the name and colour.
pub async fn update(db: &D1Database, row: &LabelRow) -> ApiResult<()> {
    run(
        db,
        "UPDATE labels SET name = ?, color = ? WHERE workspace_id = ? AND id = ?",
        &[
            (&row.name).into(),
            (&row.color).into(),
            (&row.workspace_id).into(),
            (&row.id).into(),
        ],
    )
    .await
    .map(drop)
}

pub async fn find(db: &D1Database, workspace_id: &str, id: &str) -> ApiResult<Option<LabelRow>> {
    first(
        db,
        &format!("SELECT {COLUMNS} FROM labels WHERE workspace_id = ? AND id = ?"),
        &[workspace_id.into(), id.into()],
    )
    .await
}

/// Oldest first, like every list that grows at its end.
pub async fn list(
    db: &D1Database,
    workspace_id: &str,
    list: &ListRequest,
) -> ApiResult<(Vec<LabelRow>, u64)> {
    page_of(
        db,
        (COLUMNS, "labels", "workspace_id = ?"),
        &[workspace_id.into()],
        list,
    )
    .await
}

/// Deletes the label and takes it off every conversation, in one transaction; the
/// conversations it was on change version, so copies of them held live are replaced.
pub async fn delete(db: &D1Database, workspace_id: &str, id: &str) -> ApiResult<()> {
    let carriers = "id IN (SELECT conversation_id FROM conversation_labels WHERE workspace_id = ? AND label_id = ?)";
    let scope = [workspace_id.into(), id.into()];
    let statements = vec![
        statement(
            db,
            &format!(
                "UPDATE conversations SET version = version + 1 WHERE workspace_id = ? AND {carriers}"
            ),
            &[workspace_id.into(), workspace_id.into(), id.into()],
        )?,
        statement(
            db,
            "DELETE FROM conversation_labels WHERE workspace_id = ? AND label_id = ?",
            &scope,
        )?,
        statement(
            db,
            "DELETE FROM labels WHERE workspace_id = ? AND id = ?",
            &scope,
        )?,
    ];
    batch(db, statements).await
}

/// Puts the label on the conversation (both of `workspace_id`, which the caller checked);
/// putting it on twice changes nothing.
pub async fn attach(
    db: &D1Database,
    workspace_id: &str,
    conversation_id: &str,
    label_id: &str,
) -> ApiResult<()> {
    let statements = vec![
        statement(
            db,
            "UPDATE conversations SET version = version + 1 WHERE workspace_id = ? AND id = ?
               AND NOT EXISTS (SELECT 1 FROM conversation_labels WHERE conversation_id = ? AND label_id = ?)",
            &[
                workspace_id.into(),
                conversation_id.into(),
                conversation_id.into(),
                label_id.into(),
            ],
        )?,
        statement(
            db,
            "INSERT OR IGNORE INTO conversation_labels (workspace_id, conversation_id, label_id) VALUES (?, ?, ?)",
            &[workspace_id.into(), conversation_id.into(), label_id.into()],
        )?,
    ];
    batch(db, statements).await
}

/// Takes the label off the conversation; returns whether it was on.
pub async fn detach(
    db: &D1Database,
    workspace_id: &str,
    conversation_id: &str,
    label_id: &str,
) -> ApiResult<bool> {
    let on = [workspace_id.into(), conversation_id.into(), label_id.into()];
    let carried: Vec<serde_json::Value> = all(
        db,
        "SELECT 1 AS on_it FROM conversation_labels WHERE workspace_id = ? AND conversation_id = ? AND label_id = ?",
        &on,
    )
    .await?;
    if carried.is_empty() {
        return Ok(false);
    }
    let statements = vec![
        statement(
            db,
            "DELETE FROM conversation_labels WHERE workspace_id = ? AND conversation_id = ? AND label_id = ?",
            &on,
        )?,
        statement(
            db,
            "UPDATE conversations SET version = version + 1 WHERE workspace_id = ? AND id = ?",
            &[workspace_id.into(), conversation_id.into()],
        )?,
    ];
    batch(db, statements).await?;
    Ok(true)
}
