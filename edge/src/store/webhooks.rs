//! Webhooks and their delivery log.

use super::d1::{Arg, all, first, flag, page_of, run};
use crate::error::{ApiError, ApiResult};
use parley_shared_types::page::ListRequest;
use parley_shared_types::webhook::{
    DeliveryStatus, Webhook, WebhookDelivery, WebhookDialect, WebhookEvent,
};
use serde::Deserialize;
use worker::D1Database;

#[derive(Debug, Clone, Deserialize)]
pub struct WebhookRow {
    pub id: String,
    pub workspace_id: String,
    pub url: String,
    pub events: String,
    pub secret: String,
    pub active: i64,
    pub created_at: String,
    pub dialect: String,
}

impl WebhookRow {
    pub fn dialect(&self) -> WebhookDialect {
        WebhookDialect::parse(&self.dialect)
    }

    pub fn events(&self) -> Vec<WebhookEvent> {
        serde_json::from_str(&self.events).unwrap_or_default()
    }

    pub fn into_webhook(self) -> Webhook {
        Webhook {
            events: self.events(),
            dialect: self.dialect(),
            active: flag(self.active),
            id: self.id,
            url: self.url,
            created_at: self.created_at,
        }
    }
}

const COLUMNS: &str = "id, workspace_id, url, events, secret, active, created_at, dialect";

fn events_json(events: &[WebhookEvent]) -> ApiResult<String> {
    serde_json::to_string(events).map_err(ApiError::internal)
}

pub async fn insert(db: &D1Database, row: &WebhookRow) -> ApiResult<()> {
    let events = events_json(&row.events())?;
    run(
        db,
        "INSERT INTO webhooks (id, workspace_id, url, events, secret, active, created_at, dialect) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        &[
            (&row.id).into(),
            (&row.workspace_id).into(),
            (&row.url).into(),
            (&events).into(),
            (&row.secret).into(),
            row.active.into(),
            (&row.created_at).into(),
            (&row.dialect).into(),
        ],
    )
    .await
    .map(drop)
}

/// Writes every column but the id, workspace and creation time.
pub async fn update(db: &D1Database, row: &WebhookRow) -> ApiResult<()> {
    let events = events_json(&row.events())?;
    run(
        db,
        "UPDATE webhooks SET url = ?, events = ?, secret = ?, active = ? WHERE workspace_id = ? AND id = ?",
        &[
            (&row.url).into(),
            (&events).into(),
            (&row.secret).into(),
            row.active.into(),
            (&row.workspace_id).into(),
            (&row.id).into(),
        ],
    )
    .await
    .map(drop)
}

pub async fn find(db: &D1Database, workspace_id: &str, id: &str) -> ApiResult<Option<WebhookRow>> {
    first(
        db,
        &format!("SELECT {COLUMNS} FROM webhooks WHERE workspace_id = ? AND id = ?"),
        &[workspace_id.into(), id.into()],
    )
    .await
}

pub async fn list(
    db: &D1Database,
    workspace_id: &str,
    list: &ListRequest,
) -> ApiResult<(Vec<WebhookRow>, u64)> {
    let query = (COLUMNS, "webhooks", "workspace_id = ?");
    page_of(db, query, &[workspace_id.into()], list).await
}

/// The active webhooks of a workspace.
pub async fn active(db: &D1Database, workspace_id: &str) -> ApiResult<Vec<WebhookRow>> {
    all(
        db,
        &format!(
            "SELECT {COLUMNS} FROM webhooks WHERE workspace_id = ? AND active = 1 ORDER BY created_at, id"
        ),
        &[workspace_id.into()],
    )
    .await
}

pub async fn delete(db: &D1Database, workspace_id: &str, id: &str) -> ApiResult<bool> {
    let changed = run(
        db,
        "DELETE FROM webhooks WHERE workspace_id = ? AND id = ?",
        &[workspace_id.into(), id.into()],
    )
    .await?;
    Ok(changed > 0)
}

#[derive(Debug, Clone, Deserialize)]
pub struct DeliveryRow {
    pub id: String,
    pub webhook_id: String,
    pub event: String,
    pub status: String,
    pub attempts: i64,
    pub last_status_code: Option<i64>,
    pub last_error: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

impl DeliveryRow {
    pub fn into_delivery(self) -> ApiResult<WebhookDelivery> {
        let event = serde_json::from_value(serde_json::Value::from(self.event))
            .map_err(ApiError::internal)?;
        let status = serde_json::from_value(serde_json::Value::from(self.status))
            .map_err(ApiError::internal)?;
        Ok(WebhookDelivery {
            id: self.id,
            webhook_id: self.webhook_id,
            event,
            status,
            attempts: u32::try_from(self.attempts).unwrap_or(0),
            last_status_code: self.last_status_code.and_then(|c| u16::try_from(c).ok()),
            last_error: self.last_error,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

pub struct NewDelivery<'a> {
    pub id: &'a str,
    pub webhook_id: &'a str,
    pub workspace_id: &'a str,
    pub event: WebhookEvent,
    pub payload: &'a str,
    pub created_at: &'a str,
}

pub async fn insert_delivery(db: &D1Database, delivery: &NewDelivery<'_>) -> ApiResult<()> {
    run(
        db,
        "INSERT INTO webhook_deliveries (id, webhook_id, workspace_id, event, payload, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)",
        &[
            delivery.id.into(),
            delivery.webhook_id.into(),
            delivery.workspace_id.into(),
            delivery.event.name().into(),
            delivery.payload.into(),
            delivery.created_at.into(),
            delivery.created_at.into(),
        ],
    )
    .await
    .map(drop)
}

/// What one attempt came to.
pub struct Attempt<'a> {
    pub status: DeliveryStatus,
    pub status_code: Option<u16>,
    pub error: Option<&'a str>,
    pub at: &'a str,
}

pub async fn record_attempt(db: &D1Database, id: &str, attempt: &Attempt<'_>) -> ApiResult<()> {
    run(
        db,
        "UPDATE webhook_deliveries SET status = ?, attempts = attempts + 1, last_status_code = ?, last_error = ?, updated_at = ? WHERE id = ?",
        &[
            attempt.status.as_str().into(),
            attempt.status_code.map_or(Arg::Null, |c| Arg::Int(i64::from(c))),
            attempt.error.into(),
            attempt.at.into(),
            id.into(),
        ],
    )
    .await
    .map(drop)
}

const DELIVERY_COLUMNS: &str =
    "id, webhook_id, event, status, attempts, last_status_code, last_error, created_at, updated_at";

pub async fn deliveries(
    db: &D1Database,
    workspace_id: &str,
    webhook_id: &str,
    list: &ListRequest,
) -> ApiResult<(Vec<DeliveryRow>, u64)> {
    let query = (
        DELIVERY_COLUMNS,
        "webhook_deliveries",
        "workspace_id = ? AND webhook_id = ?",
    );
    page_of(db, query, &[workspace_id.into(), webhook_id.into()], list).await
}

pub async fn find_delivery(
    db: &D1Database,
    workspace_id: &str,
    id: &str,
) -> ApiResult<Option<DeliveryRow>> {
    first(
        db,
        &format!(
            "SELECT {DELIVERY_COLUMNS} FROM webhook_deliveries WHERE workspace_id = ? AND id = ?"
        ),
        &[workspace_id.into(), id.into()],
    )
    .await
}
