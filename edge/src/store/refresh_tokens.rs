//! One-use refresh tokens, kept as hashes.

use super::d1::{first, run};
use crate::error::ApiResult;
use serde::Deserialize;
use worker::D1Database;

pub async fn insert(
    db: &D1Database,
    token_hash: &str,
    user_id: &str,
    expires_at: i64,
) -> ApiResult<()> {
    run(
        db,
        "INSERT INTO refresh_tokens (token_hash, user_id, expires_at) VALUES (?, ?, ?)",
        &[token_hash.into(), user_id.into(), expires_at.into()],
    )
    .await
    .map(drop)
}

#[derive(Deserialize)]
pub struct Redeemed {
    pub user_id: String,
    pub expires_at: i64,
}

/// Deletes and returns the token in one statement, so it can be redeemed only once.
pub async fn take(db: &D1Database, token_hash: &str) -> ApiResult<Option<Redeemed>> {
    first(
        db,
        "DELETE FROM refresh_tokens WHERE token_hash = ? RETURNING user_id, expires_at",
        &[token_hash.into()],
    )
    .await
}
