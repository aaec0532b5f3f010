//! Sign-ups waiting for their email to be confirmed, kept by the hash of their link's token.

use super::d1::{first, run};
use crate::error::ApiResult;
use serde::Deserialize;
use worker::D1Database;

#[derive(Deserialize)]
pub struct PendingSignup {
    pub email: String,
    pub name: String,
    pub workspace_name: String,
    pub password_hash: String,
    pub expires_at: i64,
}

pub async fn insert(db: &D1Database, token_hash: &str, signup: &PendingSignup) -> ApiResult<()> {
    run(
        db,
        "INSERT INTO pending_signups (token_hash, email, name, workspace_name, password_hash, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
        &[
            token_hash.into(),
            signup.email.as_str().into(),
            signup.name.as_str().into(),
            signup.workspace_name.as_str().into(),
            signup.password_hash.as_str().into(),
            signup.expires_at.into(),
        ],
    )
    .await
    .map(drop)
}

/// Deletes and returns the sign-up in one statement, so a link works once.
pub async fn take(db: &D1Database, token_hash: &str) -> ApiResult<Option<PendingSignup>> {
    first(
        db,
        "DELETE FROM pending_signups WHERE token_hash = ? RETURNING email, name, workspace_name, password_hash, expires_at",
        &[token_hash.into()],
    )
    .await
}
