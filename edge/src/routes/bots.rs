//! `/api/bots`: bots and their settings. Agents read them; admins change them.

use super::extract::{Admin, Agent};
use super::extract::{Body, valid};
use super::list::Listing;
use super::problem::Problems;
use crate::AppState;
use crate::domain;
use crate::error::ApiResult;
use crate::store::{self, bots, bots::BotRow};
use axum::Json;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use parley_shared_types::bot::{Bot, BotInput};
use parley_shared_types::page::{ListQuery, Page};

#[utoipa::path(get, path = "/api/bots", tag = "bots", operation_id = "listBots", params(ListQuery), responses((status = 200, body = Page<Bot>), Problems))]
#[worker::send]
pub async fn list(state: AppState, Agent(me): Agent, listing: Listing) -> ApiResult<Response> {
    let db = store::db(&state.env)?;
    let (rows, total) = bots::list(&db, &me.workspace_id, &listing.request()).await?;
    let data = rows.into_iter().map(BotRow::into_bot).collect();
    Ok(listing.page(data, total, |bot: &Bot| &bot.id))
}

#[utoipa::path(post, path = "/api/bots", tag = "bots", operation_id = "createBot", request_body = BotInput, responses((status = 201, body = Bot), Problems))]
#[worker::send]
pub async fn create(
    state: AppState,
    Admin(me): Admin,
    Body(input): Body<BotInput>,
) -> ApiResult<(StatusCode, Json<Bot>)> {
    valid(input.validate(true))?;
    let row = domain::bots::create(&state.env, &me.workspace_id, input).await?;
    Ok((StatusCode::CREATED, Json(row.into_bot())))
}

/// `GET /api/bots/{id}`: with its knowledge sources, as RocketFlow's chatbot details.
#[utoipa::path(get, path = "/api/bots/{id}", tag = "bots", operation_id = "getBot", params(("id" = String, Path, description = "bot id")), responses((status = 200, body = Bot), Problems))]
#[worker::send]
pub async fn get(
    state: AppState,
    Agent(me): Agent,
    Path(id): Path<String>,
) -> ApiResult<Json<Bot>> {
    let bot = domain::bots::with_knowledge_sources(&state.env, &me.workspace_id, &id).await?;
    Ok(Json(bot))
}

/// `PATCH /api/bots/{id}`: what is sent changes; `meta` replaces, `$update` merges.
#[utoipa::path(patch, path = "/api/bots/{id}", tag = "bots", operation_id = "updateBot", params(("id" = String, Path, description = "bot id")), request_body = BotInput, responses((status = 200, body = Bot), Problems))]
#[worker::send]
pub async fn update(
    state: AppState,
    Admin(me): Admin,
    Path(id): Path<String>,
    Body(input): Body<BotInput>,
) -> ApiResult<Json<Bot>> {
    valid(input.validate(false))?;
    let row = domain::bots::update(&state.env, &me.workspace_id, &id, input).await?;
    Ok(Json(row.into_bot()))
}

/// `DELETE /api/bots/{id}`: with its knowledge, integrations and chats; widgets and
/// conversations that used it go back to people.
#[utoipa::path(delete, path = "/api/bots/{id}", tag = "bots", operation_id = "deleteBot", params(("id" = String, Path, description = "bot id")), responses((status = 204, description = "Deleted"), Problems))]
#[worker::send]
pub async fn remove(
    state: AppState,
    Admin(me): Admin,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    domain::bots::remove(&state.env, &me.workspace_id, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
