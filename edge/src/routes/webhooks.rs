//! `/api/webhooks`: admins register URLs for events, read the delivery log and send a test
//! event. Deliveries themselves are the `WebhookDispatcher`'s (rooms/webhook_dispatcher.rs).

use super::extract::Admin;
use super::extract::{Body, valid};
use super::list::Listing;
use super::problem::Problems;
use crate::AppState;
use crate::domain::webhooks::{changed, new_webhook_secret, register, shown_once, url_policy};
use crate::error::{ApiError, ApiResult};
use crate::ids::parse_id;
use crate::object_client::{self, DispatcherCommand};
use crate::store;
use crate::store::webhooks::{self, WebhookRow};
use axum::Json;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use parley_shared_types::page::{ListQuery, Page};
use parley_shared_types::problem::ErrorCode;
use parley_shared_types::webhook::{
    CreateWebhookRequest, CreatedWebhook, UpdateWebhookRequest, Webhook, WebhookDelivery,
    WebhookDialect, WebhookEvent,
};
use worker::D1Database;

/// `GET /api/webhooks`: oldest first; never a secret.
#[utoipa::path(get, path = "/api/webhooks", tag = "webhooks", operation_id = "listWebhooks", params(ListQuery), responses((status = 200, body = Page<Webhook>), Problems))]
#[worker::send]
pub async fn list(state: AppState, Admin(me): Admin, listing: Listing) -> ApiResult<Response> {
    let db = store::db(&state.env)?;
    let (rows, total) = webhooks::list(&db, &me.workspace_id, &listing.request()).await?;
    let hooks = rows.into_iter().map(WebhookRow::into_webhook).collect();
    Ok(listing.page(hooks, total, |hook: &Webhook| &hook.id))
}

/// `POST /api/webhooks`: the answer is the only time the secret is shown.
#[utoipa::path(post, path = "/api/webhooks", tag = "webhooks", operation_id = "createWebhook", request_body = CreateWebhookRequest, responses((status = 201, body = CreatedWebhook), Problems))]
#[worker::send]
pub async fn create(
    state: AppState,
    Admin(me): Admin,
    Body(request): Body<CreateWebhookRequest>,
) -> ApiResult<(StatusCode, Json<CreatedWebhook>)> {
    let created = register(
        &state.env,
        &me.workspace_id,
        request,
        WebhookDialect::Parley,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(created)))
}

#[utoipa::path(get, path = "/api/webhooks/{id}", tag = "webhooks", operation_id = "getWebhook", params(("id" = String, Path, description = "webhook id")), responses((status = 200, body = Webhook), Problems))]
#[worker::send]
pub async fn get(
    state: AppState,
    Admin(me): Admin,
    Path(id): Path<String>,
) -> ApiResult<Json<Webhook>> {
    let db = store::db(&state.env)?;
    Ok(Json(find(&db, &me.workspace_id, &id).await?.into_webhook()))
}

/// `PATCH /api/webhooks/{id}`: changes what is sent; a new `secret` rotates it.
#[utoipa::path(patch, path = "/api/webhooks/{id}", tag = "webhooks", operation_id = "updateWebhook", params(("id" = String, Path, description = "webhook id")), request_body = UpdateWebhookRequest, responses((status = 200, body = Webhook), Problems))]
#[worker::send]
pub async fn update(
    state: AppState,
    Admin(me): Admin,
    Path(id): Path<String>,
    Body(request): Body<UpdateWebhookRequest>,
) -> ApiResult<Json<Webhook>> {
    valid(request.validate(url_policy(&state.env)))?;
    let db = store::db(&state.env)?;
    let mut row = find(&db, &me.workspace_id, &id).await?;
    if let Some(url) = request.url {
        row.url = url.trim().to_owned();
    }
    if let Some(events) = request.events {
        row.events = serde_json::to_string(&events).map_err(ApiError::internal)?;
    }
    if let Some(secret) = request.secret {
        row.secret = secret;
    }
    if let Some(active) = request.active {
        row.active = i64::from(active);
    }
    webhooks::update(&db, &row).await?;
    changed(&state.env, &me.workspace_id).await?;
    Ok(Json(row.into_webhook()))
}

/// `POST /api/webhooks/{id}/rotate-secret`: replaces the secret with one made here, as create
/// makes them; the answer is the only time it is shown. Deliveries queued from now on are
/// signed with it.
#[utoipa::path(post, path = "/api/webhooks/{id}/rotate-secret", tag = "webhooks", operation_id = "rotateWebhookSecret", params(("id" = String, Path, description = "webhook id")), responses((status = 200, body = CreatedWebhook), Problems))]
#[worker::send]
pub async fn rotate_secret(
    state: AppState,
    Admin(me): Admin,
    Path(id): Path<String>,
) -> ApiResult<Json<CreatedWebhook>> {
    let db = store::db(&state.env)?;
    let mut row = find(&db, &me.workspace_id, &id).await?;
    row.secret = new_webhook_secret();
    webhooks::update(&db, &row).await?;
    changed(&state.env, &me.workspace_id).await?;
    Ok(Json(shown_once(row)))
}

#[utoipa::path(delete, path = "/api/webhooks/{id}", tag = "webhooks", operation_id = "deleteWebhook", params(("id" = String, Path, description = "webhook id")), responses((status = 204, description = "Deleted"), Problems))]
#[worker::send]
pub async fn remove(
    state: AppState,
    Admin(me): Admin,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    let id = parse_id(&id, "webhook")?;
    if webhooks::delete(&store::db(&state.env)?, &me.workspace_id, &id).await? {
        changed(&state.env, &me.workspace_id).await?;
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(not_found(&id))
    }
}

/// `GET /api/webhooks/{id}/deliveries`: every delivery, oldest first, with each one's status,
/// attempts and the receiver's last status code.
#[utoipa::path(get, path = "/api/webhooks/{id}/deliveries", tag = "webhooks", operation_id = "listWebhookDeliveries", params(("id" = String, Path, description = "webhook id"), ListQuery), responses((status = 200, body = Page<WebhookDelivery>), Problems))]
#[worker::send]
pub async fn deliveries(
    state: AppState,
    Admin(me): Admin,
    Path(id): Path<String>,
    listing: Listing,
) -> ApiResult<Response> {
    let db = store::db(&state.env)?;
    let webhook = find(&db, &me.workspace_id, &id).await?;
    let request = listing.request();
    let (rows, total) = webhooks::deliveries(&db, &me.workspace_id, &webhook.id, &request).await?;
    let log = rows
        .into_iter()
        .map(webhooks::DeliveryRow::into_delivery)
        .collect::<ApiResult<_>>()?;
    Ok(listing.page(log, total, |delivery: &WebhookDelivery| &delivery.id))
}

/// `POST /api/webhooks/{id}/test`: queues a `webhook.test` delivery (202 with it); its
/// outcome shows in the delivery log.
#[utoipa::path(post, path = "/api/webhooks/{id}/test", tag = "webhooks", operation_id = "sendWebhookTest", params(("id" = String, Path, description = "webhook id")), responses((status = 202, body = WebhookDelivery), Problems))]
#[worker::send]
pub async fn send_test(
    state: AppState,
    Admin(me): Admin,
    Path(id): Path<String>,
) -> ApiResult<(StatusCode, Json<WebhookDelivery>)> {
    let db = store::db(&state.env)?;
    let webhook = find(&db, &me.workspace_id, &id).await?;
    let command = DispatcherCommand::Send {
        workspace_id: me.workspace_id.clone(),
        webhook_id: webhook.id.clone(),
        event: WebhookEvent::Test,
        data: serde_json::json!({ "webhookId": webhook.id }),
    };
    let stub = object_client::webhook_dispatcher(&state.env, &me.workspace_id)?;
    let delivery_id: String = object_client::call(&stub, &command).await?;
    let delivery = webhooks::find_delivery(&db, &me.workspace_id, &delivery_id)
        .await?
        .ok_or_else(|| ApiError::internal("queued delivery vanished"))?;
    Ok((StatusCode::ACCEPTED, Json(delivery.into_delivery()?)))
}

async fn find(db: &D1Database, workspace_id: &str, id: &str) -> ApiResult<WebhookRow> {
    let id = parse_id(id, "webhook")?;
    webhooks::find(db, workspace_id, &id)
        .await?
        .ok_or_else(|| not_found(&id))
}

fn not_found(id: &str) -> ApiError {
    ApiError::new(ErrorCode::NotFound, format!("no webhook {id}"))
}
