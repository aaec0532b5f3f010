//! `/api/canned-responses`: saved replies. Every member reads the workspace's and their own;
//! they write their own personal ones, and admins (and full API keys) the workspace's.

use super::extract::{Agent, Body, valid};
use super::list::Listing;
use super::problem::Problems;
use crate::AppState;
use crate::auth::UserPrincipal;
use crate::clock::now_rfc3339;
use crate::error::{ApiError, ApiResult};
use crate::ids::{new_id, parse_id};
use crate::store::{self, canned_responses, canned_responses::CannedRow};
use axum::Json;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use parley_shared_types::auth::Role;
use parley_shared_types::canned::{
    CannedResponse, CannedScope, CreateCannedResponseRequest, UpdateCannedResponseRequest,
};
use parley_shared_types::page::{ListQuery, Page};
use parley_shared_types::problem::ErrorCode;
use worker::D1Database;

/// What a 409 says.
const SHORTCUT_TAKEN: &str = "that shortcut is already in use in this scope";

/// `GET /api/canned-responses`: the workspace's and the caller's own, oldest first.
#[utoipa::path(get, path = "/api/canned-responses", tag = "canned responses", operation_id = "listCannedResponses", params(ListQuery), responses((status = 200, body = Page<CannedResponse>), Problems))]
#[worker::send]
pub async fn list(state: AppState, Agent(me): Agent, listing: Listing) -> ApiResult<Response> {
    let db = store::db(&state.env)?;
    let request = listing.request();
    let (rows, total) = canned_responses::list(&db, &me.workspace_id, &me.id, &request).await?;
    let data = rows.into_iter().map(CannedRow::into_response).collect();
    Ok(listing.page(data, total, |r: &CannedResponse| &r.id))
}

/// `POST /api/canned-responses`: personal unless `scope` is `workspace` (admins only). A
/// shortcut its scope already has (per owner, in any case) is a 409 `CONFLICT`.
#[utoipa::path(post, path = "/api/canned-responses", tag = "canned responses", operation_id = "createCannedResponse", request_body = CreateCannedResponseRequest, responses((status = 201, body = CannedResponse), Problems))]
#[worker::send]
pub async fn create(
    state: AppState,
    Agent(me): Agent,
    Body(request): Body<CreateCannedResponseRequest>,
) -> ApiResult<(StatusCode, Json<CannedResponse>)> {
    valid(request.validate())?;
    let scope = request.scope.unwrap_or(CannedScope::Personal);
    may_write(&me, scope)?;
    let now = now_rfc3339();
    let row = CannedRow {
        id: new_id(),
        owner_id: match scope {
            CannedScope::Workspace => String::new(),
            CannedScope::Personal => me.id.clone(),
        },
        workspace_id: me.workspace_id,
        shortcut: request.shortcut.trim().to_owned(),
        content: request.content,
        scope: scope.as_str().to_owned(),
        created_at: now.clone(),
        updated_at: now,
    };
    canned_responses::insert(&store::db(&state.env)?, &row)
        .await
        .map_err(|e| e.conflict_as(SHORTCUT_TAKEN))?;
    Ok((StatusCode::CREATED, Json(row.into_response())))
}

#[utoipa::path(get, path = "/api/canned-responses/{id}", tag = "canned responses", operation_id = "getCannedResponse", params(("id" = String, Path, description = "canned response id")), responses((status = 200, body = CannedResponse), Problems))]
#[worker::send]
pub async fn get(
    state: AppState,
    Agent(me): Agent,
    Path(id): Path<String>,
) -> ApiResult<Json<CannedResponse>> {
    let db = store::db(&state.env)?;
    Ok(Json(find(&db, &me, &id).await?.into_response()))
}

/// `PATCH /api/canned-responses/{id}`: a new shortcut or content; the scope stays.
#[utoipa::path(patch, path = "/api/canned-responses/{id}", tag = "canned responses", operation_id = "updateCannedResponse", params(("id" = String, Path, description = "canned response id")), request_body = UpdateCannedResponseRequest, responses((status = 200, body = CannedResponse), Problems))]
#[worker::send]
pub async fn update(
    state: AppState,
    Agent(me): Agent,
    Path(id): Path<String>,
    Body(request): Body<UpdateCannedResponseRequest>,
) -> ApiResult<Json<CannedResponse>> {
    valid(request.validate())?;
    let db = store::db(&state.env)?;
    let mut row = find(&db, &me, &id).await?;
    may_write(&me, row.scope())?;
    if let Some(shortcut) = request.shortcut {
        row.shortcut = shortcut.trim().to_owned();
    }
    if let Some(content) = request.content {
        row.content = content;
    }
    row.updated_at = now_rfc3339();
    canned_responses::update(&db, &row)
        .await
        .map_err(|e| e.conflict_as(SHORTCUT_TAKEN))?;
    Ok(Json(row.into_response()))
}

#[utoipa::path(delete, path = "/api/canned-responses/{id}", tag = "canned responses", operation_id = "deleteCannedResponse", params(("id" = String, Path, description = "canned response id")), responses((status = 204, description = "Deleted"), Problems))]
#[worker::send]
pub async fn remove(
    state: AppState,
    Agent(me): Agent,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    let db = store::db(&state.env)?;
    let row = find(&db, &me, &id).await?;
    may_write(&me, row.scope())?;
    canned_responses::delete(&db, &me.workspace_id, &row.id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A response the caller may see; anyone else's personal one reads as none (404).
async fn find(db: &D1Database, me: &UserPrincipal, id: &str) -> ApiResult<CannedRow> {
    let id = parse_id(id, "canned response")?;
    canned_responses::find(db, &me.workspace_id, &me.id, &id)
        .await?
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound, format!("no canned response {id}")))
}

/// Admins keep the workspace's responses; a personal one is its owner's (who alone sees it).
fn may_write(me: &UserPrincipal, scope: CannedScope) -> ApiResult<()> {
    if scope == CannedScope::Workspace && me.role != Role::Admin {
        return Err(ApiError::new(
            ErrorCode::Forbidden,
            "the workspace's canned responses are kept by its admins",
        ));
    }
    Ok(())
}
