//! Registering webhooks, as `/api/webhooks` and RocketFlow's `/v1/webhooks` both do: a
//! webhook remembers the dialect it was created in, which decides its payload's shape.

use crate::clock::now_rfc3339;
use crate::error::{ApiError, ApiResult};
use crate::ids::{new_id, new_secret};
use crate::object_client::{self, DispatcherCommand};
use crate::outbound::{self, Purpose};
use crate::store::{self, webhooks, webhooks::WebhookRow};
use parley_shared_types::validate::FieldErrors;
use parley_shared_types::webhook::{
    CreateWebhookRequest, CreatedWebhook, UrlPolicy, WebhookDialect,
};
use worker::Env;

pub fn url_policy(env: &Env) -> UrlPolicy {
    outbound::policy(env, Purpose::Webhook)
}

/// Checks and stores a new webhook; the answer is the only time its secret is shown.
pub async fn register(
    env: &Env,
    workspace_id: &str,
    request: CreateWebhookRequest,
    dialect: WebhookDialect,
) -> ApiResult<CreatedWebhook> {
    request
        .validate(url_policy(env))
        .map_err(|errors: FieldErrors| ApiError::validation("the request is not valid", errors))?;
    let row = WebhookRow {
        id: new_id(),
        workspace_id: workspace_id.to_owned(),
        url: request.url.trim().to_owned(),
        events: serde_json::to_string(&request.events).map_err(ApiError::internal)?,
        secret: request.secret.unwrap_or_else(new_webhook_secret),
        active: 1,
        created_at: now_rfc3339(),
        dialect: dialect.as_str().to_owned(),
    };
    webhooks::insert(&store::db(env)?, &row).await?;
    changed(env, workspace_id).await?;
    Ok(shown_once(row))
}

/// A secret Parley makes: recognisable as a webhook secret, random enough to sign with.
pub fn new_webhook_secret() -> String {
    format!("whsec_{}", new_secret())
}

/// The webhook with its secret: the answers that show it once (create and rotate).
pub fn shown_once(row: WebhookRow) -> CreatedWebhook {
    let secret = row.secret.clone();
    CreatedWebhook {
        webhook: row.into_webhook(),
        secret,
    }
}

/// The dispatcher caches the workspace's webhooks; it reads them afresh after a change.
pub async fn changed(env: &Env, workspace_id: &str) -> ApiResult<()> {
    let stub = object_client::webhook_dispatcher(env, workspace_id)?;
    object_client::call(&stub, &DispatcherCommand::Forget).await
}
