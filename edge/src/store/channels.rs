//! Channels, scoped to their workspace. A channel's token and secret leave this module only
//! for the domain that talks to the platform.

use super::d1::{first, page_of, run};
use crate::error::ApiResult;
use parley_shared_types::channel::{Channel, ChannelKind, ChannelStatus};
use parley_shared_types::page::ListRequest;
use serde::Deserialize;
use worker::D1Database;

#[derive(Debug, Clone, Deserialize)]
pub struct ChannelRow {
    pub id: String,
    pub workspace_id: String,
    pub bot_id: String,
    pub widget_id: String,
    pub kind: String,
    pub name: String,
    pub token: Option<String>,
    pub secret: String,
    pub url: Option<String>,
    pub platform_username: Option<String>,
    pub status: String,
    pub status_reason: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

impl ChannelRow {
    pub fn kind(&self) -> ChannelKind {
        ChannelKind::parse(&self.kind).unwrap_or(ChannelKind::Webhook)
    }

    pub fn is_active(&self) -> bool {
        self.status == ChannelStatus::Active.as_str()
    }

    /// As the API shows it, its platform sending to `inbound_url`; no credentials.
    pub fn into_channel(self, inbound_url: String) -> Channel {
        Channel {
            kind: self.kind(),
            status: if self.is_active() {
                ChannelStatus::Active
            } else {
                ChannelStatus::Disconnected
            },
            id: self.id,
            bot_id: self.bot_id,
            widget_id: self.widget_id,
            name: self.name,
            status_reason: self.status_reason,
            inbound_url,
            url: self.url,
            platform_username: self.platform_username,
            secret: None,
            created_at: self.created_at,
            updated_at: self.updated_at,
        }
    }
}

const COLUMNS: &str = "id, workspace_id, bot_id, widget_id, kind, name, token, secret, url, platform_username, status, status_reason, created_at, updated_at";

pub async fn insert(db: &D1Database, row: &ChannelRow) -> ApiResult<()> {
    run(
        db,
        &format!(
            "INSERT INTO channels ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        ),
        &[
            (&row.id).into(),
            (&row.workspace_id).into(),
            (&row.bot_id).into(),
            (&row.widget_id).into(),
            (&row.kind).into(),
            (&row.name).into(),
            row.token.as_deref().into(),
            (&row.secret).into(),
            row.url.as_deref().into(),
            row.platform_username.as_deref().into(),
            (&row.status).into(),
            row.status_reason.as_deref().into(),
            (&row.created_at).into(),
            (&row.updated_at).into(),
        ],
    )
    .await
    .map(drop)
}

/// Writes everything an update or a change of status may change.
pub async fn update(db: &D1Database, row: &ChannelRow) -> ApiResult<()> {
    run(
        db,
        "UPDATE channels SET name = ?, widget_id = ?, token = ?, url = ?, platform_username = ?, status = ?, status_reason = ?, updated_at = ?
         WHERE workspace_id = ? AND id = ?",
        &[
            (&row.name).into(),
            (&row.widget_id).into(),
            row.token.as_deref().into(),
            row.url.as_deref().into(),
            row.platform_username.as_deref().into(),
            (&row.status).into(),
            row.status_reason.as_deref().into(),
            (&row.updated_at).into(),
            (&row.workspace_id).into(),
            (&row.id).into(),
        ],
    )
    .await
    .map(drop)
}

/// Marks the channel disconnected with `reason`; false when it already was (or is gone), so
/// only the first refusal is announced.
pub async fn disconnect(
    db: &D1Database,
    workspace_id: &str,
    id: &str,
    reason: &str,
    now: &str,
) -> ApiResult<bool> {
    let changed = run(
        db,
        "UPDATE channels SET status = 'disconnected', status_reason = ?, updated_at = ?
         WHERE workspace_id = ? AND id = ? AND status = 'active'",
        &[reason.into(), now.into(), workspace_id.into(), id.into()],
    )
    .await?;
    Ok(changed > 0)
}

pub async fn find(db: &D1Database, workspace_id: &str, id: &str) -> ApiResult<Option<ChannelRow>> {
    first(
        db,
        &format!("SELECT {COLUMNS} FROM channels WHERE workspace_id = ? AND id = ?"),
        &[workspace_id.into(), id.into()],
    )
    .await
}

/// The channel a platform's request names by its id alone (it proves itself with the
/// channel's secret afterwards).
pub async fn find_for_platform(db: &D1Database, id: &str) -> ApiResult<Option<ChannelRow>> {
    first(
        db,
        &format!("SELECT {COLUMNS} FROM channels WHERE id = ?"),
        &[id.into()],
    )
    .await
}

/// A bot's channels, oldest first.
pub async fn of_bot(
    db: &D1Database,
    workspace_id: &str,
    bot_id: &str,
    list: &ListRequest,
) -> ApiResult<(Vec<ChannelRow>, u64)> {
    page_of(
        db,
        (COLUMNS, "channels", "workspace_id = ? AND bot_id = ?"),
        &[workspace_id.into(), bot_id.into()],
        list,
    )
    .await
}

pub async fn delete(db: &D1Database, workspace_id: &str, id: &str) -> ApiResult<()> {
    run(
        db,
        "DELETE FROM channels WHERE workspace_id = ? AND id = ?",
        &[workspace_id.into(), id.into()],
    )
    .await
    .map(drop)
}
