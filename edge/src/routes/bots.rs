//! `/api/bots`: bots and their settings. Agents read them; admins change them.

use super::extract::{Admin, Agent};
use super::extract::{Body, valid};
use super::list::Listing;
use super::problem::Problems;
use crate::AppState;
use crate::clock::now_rfc3339;
use crate::domain;
use crate::error::{ApiError, ApiResult};
use crate::ids::new_id;
use crate::store::{self, bots, bots::BotRow};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use parley_shared_types::bot::{Bot, BotInput};
use parley_shared_types::page::{ListQuery, Page};
use worker::Env;

#[utoipa::path(get, path = "/api/bots", tag = "bots", operation_id = "listBots", params(ListQuery), responses((status = 200, body = Page<Bot>), Problems))]
#[worker::send]
pub async fn list(
    State(state): State<AppState>,
    Agent(me): Agent,
    listing: Listing,
) -> ApiResult<Response> {
    let db = store::db(&state.env)?;
    let (rows, total) = bots::list(&db, &me.workspace_id, &listing.request()).await?;
    let data = rows.into_iter().map(BotRow::into_bot).collect();
    Ok(listing.page(data, total, |bot: &Bot| &bot.id))
}

#[utoipa::path(post, path = "/api/bots", tag = "bots", operation_id = "createBot", request_body = BotInput, responses((status = 201, body = Bot), Problems))]
#[worker::send]
pub async fn create(
    State(state): State<AppState>,
    Admin(me): Admin,
    Body(input): Body<BotInput>,
) -> ApiResult<(StatusCode, Json<Bot>)> {
    valid(input.validate(true))?;
    let now = now_rfc3339();
    let mut row = BotRow {
        id: new_id(),
        workspace_id: me.workspace_id,
        name: String::new(),
        description: String::new(),
        status: "active".into(),
        last_error: None,
        settings: String::new(),
        meta: "{}".into(),
        created_at: now.clone(),
        updated_at: now,
    };
    apply(&state.env, &mut row, input).await?;
    bots::insert(&store::db(&state.env)?, &row).await?;
    Ok((StatusCode::CREATED, Json(row.into_bot())))
}

/// `GET /api/bots/{id}`: with its knowledge sources, as RocketFlow's chatbot details.
#[utoipa::path(get, path = "/api/bots/{id}", tag = "bots", operation_id = "getBot", params(("id" = String, Path, description = "bot id")), responses((status = 200, body = Bot), Problems))]
#[worker::send]
pub async fn get(
    State(state): State<AppState>,
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
    State(state): State<AppState>,
    Admin(me): Admin,
    Path(id): Path<String>,
    Body(input): Body<BotInput>,
) -> ApiResult<Json<Bot>> {
    valid(input.validate(false))?;
    let mut row = domain::bots::find(&state.env, &me.workspace_id, &id).await?;
    apply(&state.env, &mut row, input).await?;
    row.updated_at = now_rfc3339();
    bots::update(&store::db(&state.env)?, &row).await?;
    Ok(Json(row.into_bot()))
}

/// `DELETE /api/bots/{id}`: with its knowledge, integrations and chats; widgets and
/// conversations that used it go back to people.
#[utoipa::path(delete, path = "/api/bots/{id}", tag = "bots", operation_id = "deleteBot", params(("id" = String, Path, description = "bot id")), responses((status = 204, description = "Deleted"), Problems))]
#[worker::send]
pub async fn remove(
    State(state): State<AppState>,
    Admin(me): Admin,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    let row = domain::bots::find(&state.env, &me.workspace_id, &id).await?;
    bots::delete(&store::db(&state.env)?, &me.workspace_id, &row.id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Applies a validated input; an `integrationId` must name one of this bot's integrations.
async fn apply(env: &Env, row: &mut BotRow, input: BotInput) -> ApiResult<()> {
    let BotInput {
        name,
        description,
        settings,
        meta,
    } = input;
    if let Some(name) = name {
        row.name = name.trim().to_owned();
    }
    if let Some(description) = description {
        row.description = description.trim().to_owned();
    }
    // A new bot's empty settings read as the defaults.
    let mut current = row.settings();
    if let Some(change) = settings {
        if let Some(Some(integration_id)) = &change.integration_id {
            let owned = bots::find_integration(&store::db(env)?, &row.workspace_id, integration_id)
                .await?
                .is_some_and(|i| i.bot_id == row.id);
            if !owned {
                return Err(ApiError::validation(
                    "no such integration",
                    [(
                        "settings.integrationId".to_owned(),
                        vec!["must be an integration of this bot".to_owned()],
                    )]
                    .into(),
                ));
            }
        }
        change.apply_to(&mut current);
    }
    row.settings = serde_json::to_string(&current).map_err(ApiError::internal)?;
    row.meta = serde_json::to_string(&meta.apply(row.meta())).map_err(ApiError::internal)?;
    Ok(())
}
