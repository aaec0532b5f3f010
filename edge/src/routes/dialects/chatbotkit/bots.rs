//! `/v1/bot/…`: Parley's bots; `backstory` is the bot's system prompt. Members read them,
//! admins (and full keys) change them.

use super::{CbkListing, CbkProblems, millis};
use crate::AppState;
use crate::domain;
use crate::error::ApiResult;
use crate::routes::extract::{Admin, Agent, Body, valid};
use crate::store::{self, bots, bots::BotRow};
use axum::Json;
use axum::extract::Path;
use axum::response::Response;
use parley_shared_types::bot::BotInput;
use parley_shared_types::chatbotkit::{CbkBot, CbkBotInput, CbkId, CbkList, CbkListQuery};

fn cbk_bot(row: BotRow) -> CbkBot {
    CbkBot {
        backstory: row.settings().system_prompt,
        meta: row.meta(),
        created_at: millis(&row.created_at),
        updated_at: millis(&row.updated_at),
        id: row.id,
        name: row.name,
        description: row.description,
    }
}

#[utoipa::path(get, path = "/v1/bot/list", tag = "ChatBotKit", operation_id = "chatbotkitListBots", params(CbkListQuery), responses((status = 200, description = "`{items, cursor}`; with Accept: application/jsonl one `{\"type\":\"item\",\"data\":…}` per line", body = CbkList<CbkBot>), CbkProblems))]
#[worker::send]
pub async fn list(state: AppState, Agent(me): Agent, listing: CbkListing) -> ApiResult<Response> {
    let db = store::db(&state.env)?;
    let (rows, _) = bots::list(&db, &me.workspace_id, &listing.0.request()).await?;
    let items = rows.into_iter().map(cbk_bot).collect();
    Ok(listing.answer(items, |bot: &CbkBot| &bot.id))
}

#[utoipa::path(post, path = "/v1/bot/create", tag = "ChatBotKit", operation_id = "chatbotkitCreateBot", request_body = CbkBotInput, responses((status = 200, body = CbkId), CbkProblems))]
#[worker::send]
pub async fn create(
    state: AppState,
    Admin(me): Admin,
    Body(input): Body<CbkBotInput>,
) -> ApiResult<Json<CbkId>> {
    let input = BotInput::from(input);
    valid(input.validate(true))?;
    let row = domain::bots::create(&state.env, &me.workspace_id, input).await?;
    Ok(Json(CbkId { id: row.id }))
}

#[utoipa::path(get, path = "/v1/bot/{botId}/fetch", tag = "ChatBotKit", operation_id = "chatbotkitFetchBot", params(("botId" = String, Path, description = "bot id")), responses((status = 200, body = CbkBot), CbkProblems))]
#[worker::send]
pub async fn fetch(
    state: AppState,
    Agent(me): Agent,
    Path(id): Path<String>,
) -> ApiResult<Json<CbkBot>> {
    let row = domain::bots::find(&state.env, &me.workspace_id, &id).await?;
    Ok(Json(cbk_bot(row)))
}

#[utoipa::path(post, path = "/v1/bot/{botId}/update", tag = "ChatBotKit", operation_id = "chatbotkitUpdateBot", params(("botId" = String, Path, description = "bot id")), request_body = CbkBotInput, responses((status = 200, body = CbkId), CbkProblems))]
#[worker::send]
pub async fn update(
    state: AppState,
    Admin(me): Admin,
    Path(id): Path<String>,
    Body(input): Body<CbkBotInput>,
) -> ApiResult<Json<CbkId>> {
    let input = BotInput::from(input);
    valid(input.validate(false))?;
    let row = domain::bots::update(&state.env, &me.workspace_id, &id, input).await?;
    Ok(Json(CbkId { id: row.id }))
}

#[utoipa::path(post, path = "/v1/bot/{botId}/delete", tag = "ChatBotKit", operation_id = "chatbotkitDeleteBot", params(("botId" = String, Path, description = "bot id")), responses((status = 200, body = CbkId), CbkProblems))]
#[worker::send]
pub async fn delete(
    state: AppState,
    Admin(me): Admin,
    Path(id): Path<String>,
) -> ApiResult<Json<CbkId>> {
    let row = domain::bots::remove(&state.env, &me.workspace_id, &id).await?;
    Ok(Json(CbkId { id: row.id }))
}
