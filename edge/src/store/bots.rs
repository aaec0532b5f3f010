//! Bots and their integrations, scoped to their workspace. An integration's API key leaves
//! this module only for the engine that calls the integration.

use super::d1::{Arg, first, run};
use crate::error::ApiResult;
use parley_shared_types::bot::{
    Bot, BotSettings, BotStatus, Integration, IntegrationKind, IntegrationStatus,
};
use parley_shared_types::page::ListRequest;
use serde::Deserialize;
use serde_json::{Map, Value};
use worker::D1Database;

#[derive(Debug, Clone, Deserialize)]
pub struct BotRow {
    pub id: String,
    pub workspace_id: String,
    pub name: String,
    pub description: String,
    pub status: String,
    pub last_error: Option<String>,
    pub settings: String,
    pub meta: String,
    pub created_at: String,
    pub updated_at: String,
}

impl BotRow {
    /// Stored settings; fields added later take their defaults.
    pub fn settings(&self) -> BotSettings {
        serde_json::from_str(&self.settings).unwrap_or_default()
    }

    pub fn meta(&self) -> Map<String, Value> {
        serde_json::from_str(&self.meta).unwrap_or_default()
    }

    pub fn into_bot(self) -> Bot {
        Bot {
            status: if self.status == "error" {
                BotStatus::Error
            } else {
                BotStatus::Active
            },
            settings: self.settings(),
            meta: self.meta(),
            id: self.id,
            workspace_id: self.workspace_id,
            name: self.name,
            description: self.description,
            last_error: self.last_error,
            created_at: self.created_at,
            updated_at: self.updated_at,
            knowledge_sources: None,
        }
    }
}

const BOT_COLUMNS: &str = "id, workspace_id, name, description, status, last_error, settings, meta, created_at, updated_at";

pub async fn insert(db: &D1Database, bot: &BotRow) -> ApiResult<()> {
    run(
        db,
        &format!("INSERT INTO bots ({BOT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        &[
            (&bot.id).into(),
            (&bot.workspace_id).into(),
            (&bot.name).into(),
            (&bot.description).into(),
            (&bot.status).into(),
            bot.last_error.as_deref().into(),
            (&bot.settings).into(),
            (&bot.meta).into(),
            (&bot.created_at).into(),
            (&bot.updated_at).into(),
        ],
    )
    .await
    .map(drop)
}

/// Writes what an update may change: name, description, settings, meta.
pub async fn update(db: &D1Database, bot: &BotRow) -> ApiResult<()> {
    run(
        db,
        "UPDATE bots SET name = ?, description = ?, settings = ?, meta = ?, updated_at = ?
         WHERE workspace_id = ? AND id = ?",
        &[
            (&bot.name).into(),
            (&bot.description).into(),
            (&bot.settings).into(),
            (&bot.meta).into(),
            (&bot.updated_at).into(),
            (&bot.workspace_id).into(),
            (&bot.id).into(),
        ],
    )
    .await
    .map(drop)
}

pub async fn find(db: &D1Database, workspace_id: &str, id: &str) -> ApiResult<Option<BotRow>> {
    first(
        db,
        &format!("SELECT {BOT_COLUMNS} FROM bots WHERE workspace_id = ? AND id = ?"),
        &[workspace_id.into(), id.into()],
    )
    .await
}

pub async fn list(
    db: &D1Database,
    workspace_id: &str,
    list: &ListRequest,
) -> ApiResult<(Vec<BotRow>, u64)> {
    let from = (BOT_COLUMNS, "bots", "workspace_id = ?");
    super::d1::page_of(db, from, &[workspace_id.into()], list).await
}

/// Deletes the bot with its knowledge (the FTS table has no foreign keys); integrations,
/// sources and chats go by cascade, widgets and conversations forget it.
pub async fn delete(db: &D1Database, workspace_id: &str, id: &str) -> ApiResult<bool> {
    let statements = vec![
        super::d1::statement(
            db,
            "DELETE FROM knowledge_chunks WHERE bot_id = ? AND EXISTS (SELECT 1 FROM bots WHERE workspace_id = ? AND id = ?)",
            &[id.into(), workspace_id.into(), id.into()],
        )?,
        super::d1::statement(
            db,
            "DELETE FROM bots WHERE workspace_id = ? AND id = ?",
            &[workspace_id.into(), id.into()],
        )?,
    ];
    let results = db.batch(statements).await.map_err(super::d1::d1_error)?;
    let deleted = results
        .last()
        .and_then(|r| r.meta().ok().flatten())
        .and_then(|m| m.changes)
        .unwrap_or(0);
    Ok(deleted > 0)
}

/// What reports its health: a bot, or one of its integrations.
#[derive(Debug, Clone, Copy)]
pub enum Health {
    Bot,
    Integration,
}

/// Records how the last answer went: `Some(reason)` puts it in `error`, `None` back to
/// `active`.
pub async fn set_health(
    db: &D1Database,
    of: Health,
    workspace_id: &str,
    id: &str,
    failure: Option<&str>,
    at: &str,
) -> ApiResult<()> {
    let table = match of {
        Health::Bot => "bots",
        Health::Integration => "integrations",
    };
    let status = if failure.is_some() { "error" } else { "active" };
    run(
        db,
        &format!(
            "UPDATE {table} SET status = ?, last_error = ?, updated_at = ? WHERE workspace_id = ? AND id = ?"
        ),
        &[
            status.into(),
            failure.into(),
            at.into(),
            workspace_id.into(),
            id.into(),
        ],
    )
    .await
    .map(drop)
}

#[derive(Debug, Clone, Deserialize)]
pub struct IntegrationRow {
    pub id: String,
    pub workspace_id: String,
    pub bot_id: String,
    pub kind: String,
    pub name: String,
    pub base_url: Option<String>,
    pub model: Option<String>,
    pub api_key: Option<String>,
    pub context_window: i64,
    pub status: String,
    pub last_error: Option<String>,
    pub meta: String,
    pub created_at: String,
    pub updated_at: String,
}

impl IntegrationRow {
    pub fn kind(&self) -> IntegrationKind {
        if self.kind == "openai" {
            IntegrationKind::Openai
        } else {
            IntegrationKind::Builtin
        }
    }

    pub fn meta(&self) -> Map<String, Value> {
        serde_json::from_str(&self.meta).unwrap_or_default()
    }

    /// The API view: the key is reported as present or not, never shown.
    pub fn into_integration(self) -> Integration {
        Integration {
            kind: self.kind(),
            meta: self.meta(),
            has_api_key: self.api_key.as_deref().is_some_and(|k| !k.is_empty()),
            status: if self.status == "error" {
                IntegrationStatus::Error
            } else {
                IntegrationStatus::Active
            },
            context_window: self.context_window.max(0) as u32,
            id: self.id,
            bot_id: self.bot_id,
            name: self.name,
            base_url: self.base_url,
            model: self.model,
            last_error: self.last_error,
            created_at: self.created_at,
            updated_at: self.updated_at,
        }
    }

    fn args(&self) -> Vec<Arg<'_>> {
        vec![
            (&self.kind).into(),
            (&self.name).into(),
            self.base_url.as_deref().into(),
            self.model.as_deref().into(),
            self.api_key.as_deref().into(),
            self.context_window.into(),
            (&self.meta).into(),
            (&self.updated_at).into(),
            (&self.workspace_id).into(),
            (&self.id).into(),
        ]
    }
}

const INTEGRATION_COLUMNS: &str = "id, workspace_id, bot_id, kind, name, base_url, model, api_key, context_window, status, last_error, meta, created_at, updated_at";

pub async fn insert_integration(db: &D1Database, row: &IntegrationRow) -> ApiResult<()> {
    let mut args = row.args();
    args.extend([(&row.bot_id).into(), (&row.created_at).into()]);
    run(
        db,
        "INSERT INTO integrations (kind, name, base_url, model, api_key, context_window, meta, updated_at, workspace_id, id, bot_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        &args,
    )
    .await
    .map(drop)
}

pub async fn update_integration(db: &D1Database, row: &IntegrationRow) -> ApiResult<()> {
    run(
        db,
        "UPDATE integrations SET kind = ?, name = ?, base_url = ?, model = ?, api_key = ?, context_window = ?, meta = ?, updated_at = ?
         WHERE workspace_id = ? AND id = ?",
        &row.args(),
    )
    .await
    .map(drop)
}

pub async fn find_integration(
    db: &D1Database,
    workspace_id: &str,
    id: &str,
) -> ApiResult<Option<IntegrationRow>> {
    first(
        db,
        &format!(
            "SELECT {INTEGRATION_COLUMNS} FROM integrations WHERE workspace_id = ? AND id = ?"
        ),
        &[workspace_id.into(), id.into()],
    )
    .await
}

pub async fn integrations_of(
    db: &D1Database,
    workspace_id: &str,
    bot_id: &str,
    list: &ListRequest,
) -> ApiResult<(Vec<IntegrationRow>, u64)> {
    let from = (
        INTEGRATION_COLUMNS,
        "integrations",
        "workspace_id = ? AND bot_id = ?",
    );
    super::d1::page_of(db, from, &[workspace_id.into(), bot_id.into()], list).await
}

pub async fn delete_integration(db: &D1Database, workspace_id: &str, id: &str) -> ApiResult<bool> {
    Ok(run(
        db,
        "DELETE FROM integrations WHERE workspace_id = ? AND id = ?",
        &[workspace_id.into(), id.into()],
    )
    .await?
        > 0)
}
