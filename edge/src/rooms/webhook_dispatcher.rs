//! WebhookDispatcher: one per workspace. Turns events into deliveries (one per subscribed
//! webhook, logged in D1), keeps the undelivered ones in its own SQLite, and POSTs them from
//! its alarm: signed, with the same delivery id on every attempt, retried with exponential
//! backoff until the receiver answers 2xx or the attempts are spent. It keeps the workspace's
//! active webhooks in memory (the routes that change them tell it to forget), so an event in a
//! workspace without webhooks costs no D1 read.

use super::shell::{read_command, respond};
use crate::clock::{now_rfc3339, now_secs};
use crate::error::{ApiError, ApiResult};
use crate::ids::new_id;
use crate::object_client::{DispatcherCommand, Emitted};
use crate::outbound::{self, Purpose};
use crate::settings;
use crate::store::{self, webhooks};
use crate::webhooks::{DEFAULT_RETRY_BASE_MS, payload_body, retry_delay_ms, signature};
use parley_shared_types::problem::ErrorCode;
use parley_shared_types::webhook::{
    DELIVERY_HEADER, DeliveryStatus, EVENT_HEADER, SIGNATURE_HEADER, WebhookEvent, WebhookPayload,
};
use serde::Deserialize;
use std::cell::RefCell;
use std::time::Duration;
use wasm_bindgen::JsValue;
use worker::{
    DurableObject, Env, Headers, Method, Request, RequestInit, Response, Result, ScheduledTime,
    SqlStorage, State, Url, durable_object,
};

const SCHEMA: &str = "CREATE TABLE IF NOT EXISTS pending (
    id        TEXT PRIMARY KEY,
    url       TEXT NOT NULL,
    secret    TEXT NOT NULL,
    event     TEXT NOT NULL,
    body      TEXT NOT NULL,
    attempts  INTEGER NOT NULL DEFAULT 0,
    due_ms    INTEGER NOT NULL
)";
/// The keys of events emitted lately, so an event emitted twice (a room that was not sure it
/// was heard) is delivered once.
const EMITTED_SCHEMA: &str = "CREATE TABLE IF NOT EXISTS emitted (
    key   TEXT PRIMARY KEY,
    at_ms INTEGER NOT NULL
)";
/// How long an event's key is remembered: far longer than a room waits to emit again.
const EMITTED_KEEP_MS: i64 = 24 * 3600 * 1000;
/// A receiver that has not answered by then counts as failed (and is retried).
const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(15);

#[derive(Deserialize)]
struct Pending {
    id: String,
    url: String,
    secret: String,
    event: String,
    body: String,
    attempts: i64,
}

#[durable_object]
pub struct WebhookDispatcher {
    state: State,
    env: Env,
    sql: SqlStorage,
    active: RefCell<Option<Vec<webhooks::WebhookRow>>>,
}

impl DurableObject for WebhookDispatcher {
    fn new(state: State, env: Env) -> Self {
        let sql = state.storage().sql();
        for schema in [SCHEMA, EMITTED_SCHEMA] {
            if let Err(e) = sql.exec(schema, None) {
                worker::console_error!("WebhookDispatcher schema: {e}");
            }
        }
        WebhookDispatcher {
            state,
            env,
            sql,
            active: RefCell::new(None),
        }
    }

    async fn fetch(&self, request: Request) -> Result<Response> {
        let result = match read_command::<DispatcherCommand>(request).await {
            Ok(DispatcherCommand::Emit {
                workspace_id,
                events,
            }) => self.emit_all(&workspace_id, events).await,
            Ok(DispatcherCommand::Forget) => {
                self.active.replace(None);
                Ok(None)
            }
            Ok(DispatcherCommand::Send {
                workspace_id,
                webhook_id,
                event,
                data,
            }) => self
                .send(&workspace_id, &webhook_id, event, data)
                .await
                .map(Some),
            Err(error) => Err(error),
        };
        respond(result)
    }

    async fn alarm(&self) -> Result<Response> {
        let now_ms = worker::js_sys::Date::now() as i64;
        let due: Vec<Pending> = self
            .sql
            .exec(
                "SELECT id, url, secret, event, body, attempts FROM pending WHERE due_ms <= ? ORDER BY due_ms",
                vec![now_ms.into()],
            )?
            .to_array()?;
        for pending in due {
            if let Err(e) = self.attempt(&pending).await {
                worker::console_error!("webhook delivery {}: {e}", pending.id);
            }
        }
        self.schedule_next().await?;
        Response::ok("")
    }
}

impl WebhookDispatcher {
    /// Emits each event in order; stops at the first that fails (the sender emits it again).
    async fn emit_all(
        &self,
        workspace_id: &str,
        events: Vec<Emitted>,
    ) -> ApiResult<Option<String>> {
        for Emitted { event, data, key } in events {
            self.emit_once(workspace_id, event, data, key).await?;
        }
        Ok(None)
    }

    /// Emits the event unless one under the same `key` was emitted lately. The key is kept
    /// only once the event is (a failure leaves the sender's retry free to emit it). An event
    /// no webhook subscribes to is delivered nowhere, so neither is its key kept: most
    /// workspaces have no webhooks, and their messages cost no write here.
    async fn emit_once(
        &self,
        workspace_id: &str,
        event: WebhookEvent,
        data: serde_json::Value,
        key: Option<String>,
    ) -> ApiResult<()> {
        let subscribed = self
            .active_webhooks(workspace_id)
            .await?
            .iter()
            .any(|webhook| webhook.events().contains(&event));
        if !subscribed {
            return Ok(());
        }
        let Some(key) = key else {
            return self.emit(workspace_id, event, data).await.map(drop);
        };
        let seen: Vec<serde_json::Value> = self
            .sql
            .exec(
                "SELECT key FROM emitted WHERE key = ?",
                vec![key.as_str().into()],
            )?
            .to_array()?;
        if !seen.is_empty() {
            return Ok(());
        }
        self.emit(workspace_id, event, data).await?;
        let now_ms = worker::js_sys::Date::now() as i64;
        self.sql.exec(
            "DELETE FROM emitted WHERE at_ms < ?",
            vec![(now_ms - EMITTED_KEEP_MS).into()],
        )?;
        self.sql.exec(
            "INSERT OR IGNORE INTO emitted (key, at_ms) VALUES (?, ?)",
            vec![key.into(), now_ms.into()],
        )?;
        Ok(())
    }

    /// One delivery per active webhook of the workspace that subscribes to `event`.
    async fn emit(
        &self,
        workspace_id: &str,
        event: WebhookEvent,
        data: serde_json::Value,
    ) -> ApiResult<Vec<String>> {
        let mut ids = Vec::new();
        for webhook in self.active_webhooks(workspace_id).await? {
            if webhook.events().contains(&event) {
                ids.push(self.enqueue(&webhook, event, data.clone()).await?);
            }
        }
        if !ids.is_empty() {
            self.wake().await?;
        }
        Ok(ids)
    }

    async fn active_webhooks(&self, workspace_id: &str) -> ApiResult<Vec<webhooks::WebhookRow>> {
        if let Some(active) = self.active.borrow().clone() {
            return Ok(active);
        }
        let active = webhooks::active(&store::db(&self.env)?, workspace_id).await?;
        self.active.replace(Some(active.clone()));
        Ok(active)
    }

    /// One delivery to one webhook, whatever it subscribes to (the "send test event" action).
    async fn send(
        &self,
        workspace_id: &str,
        webhook_id: &str,
        event: WebhookEvent,
        data: serde_json::Value,
    ) -> ApiResult<String> {
        let db = store::db(&self.env)?;
        let webhook = webhooks::find(&db, workspace_id, webhook_id)
            .await?
            .ok_or_else(|| {
                ApiError::new(ErrorCode::NotFound, format!("no webhook {webhook_id}"))
            })?;
        let id = self.enqueue(&webhook, event, data).await?;
        self.wake().await?;
        Ok(id)
    }

    /// Logs the delivery in D1 and queues it here, due now.
    async fn enqueue(
        &self,
        webhook: &webhooks::WebhookRow,
        event: WebhookEvent,
        data: serde_json::Value,
    ) -> ApiResult<String> {
        let (id, now) = (new_id(), now_rfc3339());
        let payload = WebhookPayload {
            id: id.clone(),
            event,
            workspace_id: webhook.workspace_id.clone(),
            timestamp: now.clone(),
            data,
        };
        let body = payload_body(webhook.dialect(), &payload)?;
        let delivery = webhooks::NewDelivery {
            id: &id,
            webhook_id: &webhook.id,
            workspace_id: &webhook.workspace_id,
            event,
            payload: &body,
            created_at: &now,
        };
        webhooks::insert_delivery(&store::db(&self.env)?, &delivery).await?;
        self.sql.exec(
            "INSERT INTO pending (id, url, secret, event, body, due_ms) VALUES (?, ?, ?, ?, ?, ?)",
            vec![
                id.as_str().into(),
                webhook.url.as_str().into(),
                webhook.secret.as_str().into(),
                event.name().into(),
                body.into(),
                (worker::js_sys::Date::now() as i64).into(),
            ],
        )?;
        Ok(id)
    }

    async fn wake(&self) -> ApiResult<()> {
        Ok(self.state.storage().set_alarm(Duration::ZERO).await?)
    }

    async fn schedule_next(&self) -> Result<()> {
        #[derive(Deserialize)]
        struct Next {
            due_ms: Option<i64>,
        }
        let next: Next = self
            .sql
            .exec("SELECT MIN(due_ms) AS due_ms FROM pending", None)?
            .one()?;
        if let Some(due_ms) = next.due_ms {
            // An i64 would be an offset from now; the queue keeps absolute times.
            let due = worker::js_sys::Date::new(&(due_ms as f64).into());
            self.state
                .storage()
                .set_alarm(ScheduledTime::new(due))
                .await?;
        }
        Ok(())
    }

    /// POSTs one delivery, records the outcome in the log, and keeps it queued for a retry
    /// unless it was accepted or has no attempts left.
    async fn attempt(&self, pending: &Pending) -> ApiResult<()> {
        let (status_code, error) = match self.post(pending).await {
            Ok(code) if (200..300).contains(&code) => (Some(code), None),
            Ok(code) => (Some(code), Some(format!("the receiver answered {code}"))),
            Err(why) => (None, Some(why)),
        };
        let attempts = u32::try_from(pending.attempts).unwrap_or(0) + 1;
        let base_ms = settings::number(&self.env, "WEBHOOK_RETRY_BASE_MS", DEFAULT_RETRY_BASE_MS);
        let retry_in = retry_delay_ms(base_ms, attempts);
        let status = match (&error, retry_in) {
            (None, _) => DeliveryStatus::Delivered,
            (Some(_), Some(_)) => DeliveryStatus::Pending,
            (Some(_), None) => DeliveryStatus::Failed,
        };
        let now = now_rfc3339();
        let attempt = webhooks::Attempt {
            status,
            status_code,
            error: error.as_deref(),
            at: &now,
        };
        webhooks::record_attempt(&store::db(&self.env)?, &pending.id, &attempt).await?;
        match (status, retry_in) {
            (DeliveryStatus::Pending, Some(delay_ms)) => {
                let due_ms = worker::js_sys::Date::now() as i64 + delay_ms as i64;
                self.sql.exec(
                    "UPDATE pending SET attempts = ?, due_ms = ? WHERE id = ?",
                    vec![
                        i64::from(attempts).into(),
                        due_ms.into(),
                        pending.id.as_str().into(),
                    ],
                )?;
            }
            _ => {
                self.sql.exec(
                    "DELETE FROM pending WHERE id = ?",
                    vec![pending.id.as_str().into()],
                )?;
            }
        }
        Ok(())
    }

    /// The receiver's status code, or why there was none. The URL is checked again here: a
    /// webhook stored under an older policy never reaches an internal host, and a redirect
    /// is an answer (a failed one), never followed.
    async fn post(&self, pending: &Pending) -> std::result::Result<u16, String> {
        let policy = outbound::policy(&self.env, Purpose::Webhook);
        outbound::send(&pending.url, policy, false, ATTEMPT_TIMEOUT, |url| {
            signed_request(pending, url)
        })
        .await
        .map(|response| response.status_code())
        .map_err(|why| format!("could not deliver: {why}"))
    }
}

fn signed_request(pending: &Pending, url: &Url) -> Result<Request> {
    let headers = Headers::new();
    headers.set("content-type", "application/json")?;
    headers.set("user-agent", "Parley-Webhooks/1")?;
    headers.set(
        SIGNATURE_HEADER,
        &signature(&pending.secret, now_secs(), &pending.body),
    )?;
    headers.set(DELIVERY_HEADER, &pending.id)?;
    headers.set(EVENT_HEADER, &pending.event)?;
    let mut init = RequestInit::new();
    outbound::manual_redirects(&mut init)
        .with_method(Method::Post)
        .with_headers(headers)
        .with_body(Some(JsValue::from_str(&pending.body)));
    Request::new_with_init(url.as_str(), &init)
}
