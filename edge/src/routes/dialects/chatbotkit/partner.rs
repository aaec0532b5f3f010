//! ChatBotKit's Partner API under `/v1` (its base URL is `https://api.chatbotkit.com/v1`):
//! `/partner/user/…` keeps the workspace's sub-accounts, as `/api/sub-accounts` does, over the
//! same domain calls; only paths, the action style and the answers' shapes (`{items}`, `{id}`)
//! are ChatBotKit's, and its errors, lists and times, as on its other resources.

use super::{CbkListing, CbkProblems, millis};
use crate::AppState;
use crate::domain::sub_accounts;
use crate::error::ApiResult;
use crate::routes::extract::{Admin, Body, valid};
use axum::Json;
use axum::Router;
use axum::extract::Path;
use axum::response::Response;
use axum::routing::{get, post};
use parley_shared_types::chatbotkit::{CbkId, CbkList, CbkListQuery, CbkPartnerUser};
use parley_shared_types::sub_account::{SubAccount, SubAccountInput};

fn cbk_user(account: SubAccount) -> CbkPartnerUser {
    CbkPartnerUser {
        created_at: millis(&account.created_at),
        updated_at: millis(&account.updated_at),
        id: account.id,
        name: account.name,
        email: account.email,
        meta: account.meta,
    }
}

/// The Partner API's routes, relative to `/v1`.
pub fn routes() -> Router {
    Router::new()
        .route("/partner/user/list", get(list))
        .route("/partner/user/create", post(create))
        .route("/partner/user/{id}/fetch", get(fetch))
        .route("/partner/user/{id}/update", post(update))
        .route("/partner/user/{id}/delete", post(delete))
}

/// `GET /v1/partner/user/list`: oldest first; `cursor=<last id>` continues, `take` sizes the
/// page, `Accept: application/jsonl` streams every one as JSON lines.
#[utoipa::path(get, path = "/v1/partner/user/list", tag = "ChatBotKit", operation_id = "partnerUserList", params(CbkListQuery), responses((status = 200, body = CbkList<CbkPartnerUser>, description = "`{items, cursor}`; with Accept: application/jsonl one `{\"type\":\"item\",\"data\":…}` per line"), CbkProblems))]
#[worker::send]
pub async fn list(state: AppState, Admin(me): Admin, listing: CbkListing) -> ApiResult<Response> {
    let (accounts, _) =
        sub_accounts::list(&state.env, &me.workspace_id, &listing.0.request()).await?;
    let items = accounts.into_iter().map(cbk_user).collect();
    Ok(listing.answer(items, |user: &CbkPartnerUser| &user.id))
}

#[utoipa::path(post, path = "/v1/partner/user/create", tag = "ChatBotKit", operation_id = "partnerUserCreate", request_body = SubAccountInput, responses((status = 200, body = CbkId), CbkProblems))]
#[worker::send]
pub async fn create(
    state: AppState,
    Admin(me): Admin,
    Body(input): Body<SubAccountInput>,
) -> ApiResult<Json<CbkId>> {
    valid(input.validate())?;
    let child = sub_accounts::create(&state.env, &me.workspace_id, &input).await?;
    Ok(Json(CbkId { id: child.id }))
}

#[utoipa::path(get, path = "/v1/partner/user/{id}/fetch", tag = "ChatBotKit", operation_id = "partnerUserFetch", params(("id" = String, Path, description = "sub-account id")), responses((status = 200, body = CbkPartnerUser), CbkProblems))]
#[worker::send]
pub async fn fetch(
    state: AppState,
    Admin(me): Admin,
    Path(id): Path<String>,
) -> ApiResult<Json<CbkPartnerUser>> {
    let account = sub_accounts::get(&state.env, &me.workspace_id, &id).await?;
    Ok(Json(cbk_user(account)))
}

/// `POST /v1/partner/user/{id}/update`: `meta` replaces the metadata, `$update` merges into it.
#[utoipa::path(post, path = "/v1/partner/user/{id}/update", tag = "ChatBotKit", operation_id = "partnerUserUpdate", params(("id" = String, Path, description = "sub-account id")), request_body = SubAccountInput, responses((status = 200, body = CbkId), CbkProblems))]
#[worker::send]
pub async fn update(
    state: AppState,
    Admin(me): Admin,
    Path(id): Path<String>,
    Body(input): Body<SubAccountInput>,
) -> ApiResult<Json<CbkId>> {
    valid(input.validate())?;
    let child = sub_accounts::update(&state.env, &me.workspace_id, &id, &input).await?;
    Ok(Json(CbkId { id: child.id }))
}

/// `POST /v1/partner/user/{id}/delete`: erases the sub-account and everything in it.
#[utoipa::path(post, path = "/v1/partner/user/{id}/delete", tag = "ChatBotKit", operation_id = "partnerUserDelete", params(("id" = String, Path, description = "sub-account id")), responses((status = 200, body = CbkId), CbkProblems))]
#[worker::send]
pub async fn delete(
    state: AppState,
    Admin(me): Admin,
    Path(id): Path<String>,
) -> ApiResult<Json<CbkId>> {
    let id = sub_accounts::delete(&state.env, &me.workspace_id, &id).await?;
    Ok(Json(CbkId { id }))
}
