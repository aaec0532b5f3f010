//! `/api/keys`: admins create, list and revoke the workspace's API keys.

use super::extract::Admin;
use super::extract::{Body, valid};
use super::list::Listing;
use super::problem::Problems;
use crate::AppState;
use crate::auth::api_key;
use crate::cache::{self, Key};
use crate::clock::now_rfc3339;
use crate::error::{ApiError, ApiResult};
use crate::ids::parse_id;
use crate::ids::{new_id, secret_hash};
use crate::revocation::{self, Access};
use crate::store;
use crate::store::api_keys::{self, ApiKeyRow};
use axum::Json;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use parley_shared_types::api_key::{ApiKey, CreateApiKeyRequest, CreatedApiKey};
use parley_shared_types::page::{ListQuery, Page};
use parley_shared_types::problem::ErrorCode;

/// `GET /api/keys`: the keys, oldest first, with their prefix and when they were last used;
/// never a secret.
#[utoipa::path(get, path = "/api/keys", tag = "api keys", operation_id = "listApiKeys", params(ListQuery), responses((status = 200, body = Page<ApiKey>), Problems))]
#[worker::send]
pub async fn list(state: AppState, Admin(me): Admin, listing: Listing) -> ApiResult<Response> {
    let db = store::db(&state.env)?;
    let (rows, total) = api_keys::list(&db, &me.workspace_id, &listing.request()).await?;
    let keys = rows.into_iter().map(ApiKeyRow::into_api_key).collect();
    Ok(listing.page(keys, total, |key: &ApiKey| &key.id))
}

/// `POST /api/keys`: the answer is the only time the secret is shown.
#[utoipa::path(post, path = "/api/keys", tag = "api keys", operation_id = "createApiKey", request_body = CreateApiKeyRequest, responses((status = 201, body = CreatedApiKey), Problems))]
#[worker::send]
pub async fn create(
    state: AppState,
    Admin(me): Admin,
    Body(request): Body<CreateApiKeyRequest>,
) -> ApiResult<(StatusCode, Json<CreatedApiKey>)> {
    valid(request.validate())?;
    let db = store::db(&state.env)?;
    let (secret, prefix) = api_key::new_key(request.environment);
    let (id, now) = (new_id(), now_rfc3339());
    let hash = secret_hash(&secret);
    let key = api_keys::NewApiKey {
        id: &id,
        name: request.name.trim(),
        environment: request.environment,
        scope: request.scope,
        prefix: &prefix,
        secret_hash: &hash,
        created_at: &now,
    };
    api_keys::insert(&db, &me.workspace_id, &key).await?;
    let row = api_keys::find(&db, &me.workspace_id, &id)
        .await?
        .ok_or_else(|| ApiError::internal("new API key vanished"))?;
    Ok((
        StatusCode::CREATED,
        Json(CreatedApiKey {
            key: row.into_api_key(),
            secret,
        }),
    ))
}

/// `DELETE /api/keys/{id}`: revokes the key, in D1 and in the edge cache.
#[utoipa::path(delete, path = "/api/keys/{id}", tag = "api keys", operation_id = "revokeApiKey", params(("id" = String, Path, description = "API key id")), responses((status = 204, description = "Revoked"), Problems))]
#[worker::send]
pub async fn revoke(
    state: AppState,
    Admin(me): Admin,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    let id = parse_id(&id, "API key")?;
    let db = store::db(&state.env)?;
    let hash = api_keys::delete(&db, &me.workspace_id, &id)
        .await?
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound, format!("no API key {id}")))?;
    cache::forget(&state.env, Key::ApiKey(&hash)).await?;
    // A test key's sockets are in the sandbox, a live key's in the workspace itself.
    let sandbox = api_keys::existing_sandbox(&db, &me.workspace_id).await?;
    for workspace_id in std::iter::once(&me.workspace_id).chain(&sandbox) {
        revocation::close_sockets(&state.env, workspace_id, &id, Access::Removed).await?;
    }
    Ok(StatusCode::NO_CONTENT)
}
