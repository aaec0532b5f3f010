//! `/api/sub-accounts`: the workspace's child accounts (ChatBotKit's Partner API in Parley's
//! own shapes; `dialects/chatbotkit/partner.rs` is the same in ChatBotKit's). An admin or a full key
//! keeps them, a read-only key reads them; a call with `X-RunAs-UserId: <id>` acts in one.

use super::extract::{Admin, Body, valid};
use super::list::Listing;
use super::problem::Problems;
use crate::AppState;
use crate::domain::sub_accounts;
use crate::error::ApiResult;
use axum::Json;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use parley_shared_types::page::{ListQuery, Page};
use parley_shared_types::sub_account::{SubAccount, SubAccountInput};

/// `GET /api/sub-accounts`: oldest first.
#[utoipa::path(get, path = "/api/sub-accounts", tag = "Sub-accounts", operation_id = "listSubAccounts", params(ListQuery), responses((status = 200, body = Page<SubAccount>), Problems))]
#[worker::send]
pub async fn list(state: AppState, Admin(me): Admin, listing: Listing) -> ApiResult<Response> {
    let (data, total) =
        sub_accounts::list(&state.env, &me.workspace_id, &listing.request()).await?;
    Ok(listing.page(data, total, |child: &SubAccount| &child.id))
}

/// `POST /api/sub-accounts`: a sub-account cannot make its own (403).
#[utoipa::path(post, path = "/api/sub-accounts", tag = "Sub-accounts", operation_id = "createSubAccount", request_body = SubAccountInput, responses((status = 201, body = SubAccount), Problems))]
#[worker::send]
pub async fn create(
    state: AppState,
    Admin(me): Admin,
    Body(input): Body<SubAccountInput>,
) -> ApiResult<(StatusCode, Json<SubAccount>)> {
    valid(input.validate())?;
    let child = sub_accounts::create(&state.env, &me.workspace_id, &input).await?;
    Ok((StatusCode::CREATED, Json(child)))
}

#[utoipa::path(get, path = "/api/sub-accounts/{id}", tag = "Sub-accounts", operation_id = "getSubAccount", params(("id" = String, Path, description = "sub-account id")), responses((status = 200, body = SubAccount), Problems))]
#[worker::send]
pub async fn get(
    state: AppState,
    Admin(me): Admin,
    Path(id): Path<String>,
) -> ApiResult<Json<SubAccount>> {
    Ok(Json(
        sub_accounts::get(&state.env, &me.workspace_id, &id).await?,
    ))
}

/// `PATCH /api/sub-accounts/{id}`: what is sent changes; `meta` replaces, `$update` merges.
#[utoipa::path(patch, path = "/api/sub-accounts/{id}", tag = "Sub-accounts", operation_id = "updateSubAccount", params(("id" = String, Path, description = "sub-account id")), request_body = SubAccountInput, responses((status = 200, body = SubAccount), Problems))]
#[worker::send]
pub async fn update(
    state: AppState,
    Admin(me): Admin,
    Path(id): Path<String>,
    Body(input): Body<SubAccountInput>,
) -> ApiResult<Json<SubAccount>> {
    valid(input.validate())?;
    Ok(Json(
        sub_accounts::update(&state.env, &me.workspace_id, &id, &input).await?,
    ))
}

/// `DELETE /api/sub-accounts/{id}`: erases the sub-account and everything in it.
#[utoipa::path(delete, path = "/api/sub-accounts/{id}", tag = "Sub-accounts", operation_id = "deleteSubAccount", params(("id" = String, Path, description = "sub-account id")), responses((status = 204, description = "Erased"), Problems))]
#[worker::send]
pub async fn remove(
    state: AppState,
    Admin(me): Admin,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    sub_accounts::delete(&state.env, &me.workspace_id, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
