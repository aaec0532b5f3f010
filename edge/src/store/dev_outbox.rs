//! The local development outbox: emails Parley would have sent, when no email service is set.

use super::d1::{all, run};
use crate::error::ApiResult;
use parley_shared_types::auth::OutboxEmail;
use serde::Deserialize;
use worker::D1Database;

/// The most emails the outbox answers with.
const SHOWN: i64 = 50;

pub async fn insert(db: &D1Database, email: &OutboxEmail) -> ApiResult<()> {
    run(
        db,
        "INSERT INTO dev_outbox (id, to_address, subject, text, created_at) VALUES (?, ?, ?, ?, ?)",
        &[
            email.id.as_str().into(),
            email.to.as_str().into(),
            email.subject.as_str().into(),
            email.text.as_str().into(),
            email.created_at.as_str().into(),
        ],
    )
    .await
    .map(drop)
}

/// Newest first; only those to `to` when given.
pub async fn list(db: &D1Database, to: Option<&str>) -> ApiResult<Vec<OutboxEmail>> {
    #[derive(Deserialize)]
    struct Row {
        id: String,
        to_address: String,
        subject: String,
        text: String,
        created_at: String,
    }
    let rows: Vec<Row> = all(
        db,
        "SELECT id, to_address, subject, text, created_at FROM dev_outbox
         WHERE ?1 IS NULL OR to_address = ?1 ORDER BY created_at DESC, id DESC LIMIT ?2",
        &[to.map_or(super::d1::Arg::Null, Into::into), SHOWN.into()],
    )
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| OutboxEmail {
            id: row.id,
            to: row.to_address,
            subject: row.subject,
            text: row.text,
            created_at: row.created_at,
        })
        .collect())
}
