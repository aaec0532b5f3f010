//! API keys (hashed) and the sandbox workspaces `test` keys act on.

use super::d1::{Arg, first, page_of, run};
use crate::error::ApiResult;
use parley_shared_types::api_key::{ApiKey, KeyEnvironment, KeyScope};
use parley_shared_types::page::ListRequest;
use serde::Deserialize;
use worker::D1Database;

#[derive(Debug, Clone, Deserialize)]
pub struct ApiKeyRow {
    pub id: String,
    pub workspace_id: String,
    pub name: String,
    pub environment: String,
    pub scope: String,
    pub prefix: String,
    pub created_at: String,
    pub last_used_at: Option<String>,
}

impl ApiKeyRow {
    pub fn environment(&self) -> KeyEnvironment {
        KeyEnvironment::parse(&self.environment).unwrap_or(KeyEnvironment::Test)
    }

    /// An unreadable scope is read-only: the safe side.
    pub fn scope(&self) -> KeyScope {
        KeyScope::parse(&self.scope).unwrap_or(KeyScope::Read)
    }

    pub fn into_api_key(self) -> ApiKey {
        ApiKey {
            environment: self.environment(),
            scope: self.scope(),
            id: self.id,
            name: self.name,
            prefix: self.prefix,
            created_at: self.created_at,
            last_used_at: self.last_used_at,
        }
    }
}

pub struct NewApiKey<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub environment: KeyEnvironment,
    pub scope: KeyScope,
    pub prefix: &'a str,
    pub secret_hash: &'a str,
    pub created_at: &'a str,
}

const COLUMNS: &str =
    "id, workspace_id, name, environment, scope, prefix, created_at, last_used_at";

pub async fn insert(db: &D1Database, workspace_id: &str, key: &NewApiKey<'_>) -> ApiResult<()> {
    run(
        db,
        "INSERT INTO api_keys (id, workspace_id, name, environment, scope, prefix, secret_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        &[
            key.id.into(),
            workspace_id.into(),
            key.name.into(),
            key.environment.as_str().into(),
            key.scope.as_str().into(),
            key.prefix.into(),
            key.secret_hash.into(),
            key.created_at.into(),
        ],
    )
    .await
    .map(drop)
}

pub async fn find(db: &D1Database, workspace_id: &str, id: &str) -> ApiResult<Option<ApiKeyRow>> {
    first(
        db,
        &format!("SELECT {COLUMNS} FROM api_keys WHERE workspace_id = ? AND id = ?"),
        &[workspace_id.into(), id.into()],
    )
    .await
}

/// The key a caller presented, by the hash of its secret; records that it was used.
pub async fn use_by_hash(
    db: &D1Database,
    secret_hash: &str,
    now: &str,
) -> ApiResult<Option<ApiKeyRow>> {
    first(
        db,
        &format!("UPDATE api_keys SET last_used_at = ? WHERE secret_hash = ? RETURNING {COLUMNS}"),
        &[now.into(), secret_hash.into()],
    )
    .await
}

pub async fn list(
    db: &D1Database,
    workspace_id: &str,
    list: &ListRequest,
) -> ApiResult<(Vec<ApiKeyRow>, u64)> {
    let query = (COLUMNS, "api_keys", "workspace_id = ?");
    page_of(db, query, &[workspace_id.into()], list).await
}

/// Deletes the key; returns its secret hash (the cache key to forget), if it existed.
pub async fn delete(db: &D1Database, workspace_id: &str, id: &str) -> ApiResult<Option<String>> {
    #[derive(Deserialize)]
    struct Deleted {
        secret_hash: String,
    }
    let deleted: Option<Deleted> = first(
        db,
        "DELETE FROM api_keys WHERE workspace_id = ? AND id = ? RETURNING secret_hash",
        &[workspace_id.into(), id.into()],
    )
    .await?;
    Ok(deleted.map(|d| d.secret_hash))
}

/// The workspace's sandbox, if a test key has made one.
pub async fn existing_sandbox(db: &D1Database, workspace_id: &str) -> ApiResult<Option<String>> {
    #[derive(Deserialize)]
    struct Sandbox {
        id: String,
    }
    let sandbox: Option<Sandbox> = first(
        db,
        "SELECT id FROM workspaces WHERE sandbox_of = ?",
        &[Arg::from(workspace_id)],
    )
    .await?;
    Ok(sandbox.map(|s| s.id))
}

/// The workspace's sandbox, made on first use (the unique index makes a race harmless).
pub async fn sandbox_of(
    db: &D1Database,
    workspace_id: &str,
    new_id: &str,
    now: &str,
) -> ApiResult<String> {
    run(
        db,
        "INSERT INTO workspaces (id, name, created_at, sandbox_of) SELECT ?, name || ' (test)', ?, id FROM workspaces WHERE id = ? ON CONFLICT DO NOTHING",
        &[new_id.into(), now.into(), workspace_id.into()],
    )
    .await?;
    existing_sandbox(db, workspace_id)
        .await?
        .ok_or_else(|| crate::error::ApiError::internal("the sandbox workspace was not created"))
}
