//! `/v1/conversation/…`: Parley's developer chats with a bot (the sessions `/api/chat` and
//! `/api/chats` keep), and their messages. Any member may use them.

use super::{CbkListing, CbkProblems, millis};
use crate::AppState;
use crate::clock::now_rfc3339;
use crate::domain::bots;
use crate::domain::chat_rounds::{self, find, new_chat};
use crate::error::{ApiError, ApiResult};
use crate::routes::extract::{Agent, Body, valid};
use crate::store::{self, chats, chats::ChatRow};
use axum::Json;
use axum::extract::Path;
use axum::response::Response;
use parley_shared_types::chat::{ChatMessage, ChatRole};
use parley_shared_types::chatbotkit::{
    CbkConversation, CbkConversationInput, CbkId, CbkList, CbkListQuery, CbkMessage, CbkMessageType,
};
use serde_json::{Map, Value};

fn cbk_conversation(row: ChatRow) -> CbkConversation {
    CbkConversation {
        meta: row.meta(),
        created_at: millis(&row.created_at),
        updated_at: millis(&row.updated_at),
        id: row.id,
        name: row.name,
        bot_id: row.bot_id,
    }
}

/// A bot's answer keeps its sources in `meta.sources`.
fn cbk_message(message: ChatMessage) -> CbkMessage {
    let mut meta = Map::new();
    if !message.sources.is_empty() {
        let sources = serde_json::to_value(&message.sources).unwrap_or(Value::Null);
        meta.insert("sources".into(), sources);
    }
    let at = millis(&message.timestamp);
    CbkMessage {
        id: message.id,
        kind: match message.role {
            ChatRole::User => CbkMessageType::User,
            ChatRole::Assistant | ChatRole::Human => CbkMessageType::Bot,
        },
        text: message.content,
        meta,
        created_at: at,
        updated_at: at,
    }
}

fn json_object(meta: &Map<String, Value>) -> ApiResult<String> {
    serde_json::to_string(meta).map_err(ApiError::internal)
}

#[utoipa::path(get, path = "/v1/conversation/list", tag = "ChatBotKit", operation_id = "chatbotkitListConversations", params(CbkListQuery), responses((status = 200, description = "`{items, cursor}`; with Accept: application/jsonl one `{\"type\":\"item\",\"data\":…}` per line", body = CbkList<CbkConversation>), CbkProblems))]
#[worker::send]
pub async fn list(state: AppState, Agent(me): Agent, listing: CbkListing) -> ApiResult<Response> {
    let db = store::db(&state.env)?;
    let (rows, _) = chats::list(&db, &me.workspace_id, &listing.0.request()).await?;
    let items = rows.into_iter().map(cbk_conversation).collect();
    Ok(listing.answer(items, |conversation: &CbkConversation| &conversation.id))
}

#[utoipa::path(post, path = "/v1/conversation/create", tag = "ChatBotKit", operation_id = "chatbotkitCreateConversation", request_body = CbkConversationInput, responses((status = 200, body = CbkId), CbkProblems))]
#[worker::send]
pub async fn create(
    state: AppState,
    Agent(me): Agent,
    Body(input): Body<CbkConversationInput>,
) -> ApiResult<Json<CbkId>> {
    valid(input.validate(true))?;
    let bot_id = input.bot_id.as_deref().unwrap_or_default();
    let bot = bots::find(&state.env, &me.workspace_id, bot_id).await?;
    let name = input.name.as_deref().map(|name| name.trim().to_owned());
    let mut row = new_chat(&me.workspace_id, &bot, None, name, None);
    row.meta = json_object(&input.meta.apply(Map::new()))?;
    chats::insert(&store::db(&state.env)?, &row).await?;
    Ok(Json(CbkId { id: row.id }))
}

#[utoipa::path(get, path = "/v1/conversation/{conversationId}/fetch", tag = "ChatBotKit", operation_id = "chatbotkitFetchConversation", params(("conversationId" = String, Path, description = "conversation id")), responses((status = 200, body = CbkConversation), CbkProblems))]
#[worker::send]
pub async fn fetch(
    state: AppState,
    Agent(me): Agent,
    Path(id): Path<String>,
) -> ApiResult<Json<CbkConversation>> {
    let row = find(&state.env, &me.workspace_id, &id).await?;
    Ok(Json(cbk_conversation(row)))
}

/// `name` renames; `meta` replaces the metadata, `$update` merges into it.
#[utoipa::path(post, path = "/v1/conversation/{conversationId}/update", tag = "ChatBotKit", operation_id = "chatbotkitUpdateConversation", params(("conversationId" = String, Path, description = "conversation id")), request_body = CbkConversationInput, responses((status = 200, body = CbkId), CbkProblems))]
#[worker::send]
pub async fn update(
    state: AppState,
    Agent(me): Agent,
    Path(id): Path<String>,
    Body(input): Body<CbkConversationInput>,
) -> ApiResult<Json<CbkId>> {
    valid(input.validate(false))?;
    let mut row = find(&state.env, &me.workspace_id, &id).await?;
    if let Some(name) = &input.name {
        row.name = name.trim().to_owned();
    }
    row.meta = json_object(&input.meta.apply(row.meta()))?;
    row.updated_at = now_rfc3339();
    chats::save_details(&store::db(&state.env)?, &row).await?;
    Ok(Json(CbkId { id: row.id }))
}

#[utoipa::path(post, path = "/v1/conversation/{conversationId}/delete", tag = "ChatBotKit", operation_id = "chatbotkitDeleteConversation", params(("conversationId" = String, Path, description = "conversation id")), responses((status = 200, body = CbkId), CbkProblems))]
#[worker::send]
pub async fn delete(
    state: AppState,
    Agent(me): Agent,
    Path(id): Path<String>,
) -> ApiResult<Json<CbkId>> {
    let row = chat_rounds::remove(&state.env, &me.workspace_id, &id).await?;
    Ok(Json(CbkId { id: row.id }))
}

/// Oldest first; `cursor` continues after a message.
#[utoipa::path(get, path = "/v1/conversation/{conversationId}/message/list", tag = "ChatBotKit", operation_id = "chatbotkitListMessages", params(("conversationId" = String, Path, description = "conversation id"), CbkListQuery), responses((status = 200, description = "`{items, cursor}`; with Accept: application/jsonl one `{\"type\":\"item\",\"data\":…}` per line", body = CbkList<CbkMessage>), CbkProblems))]
#[worker::send]
pub async fn messages(
    state: AppState,
    Agent(me): Agent,
    Path(id): Path<String>,
    listing: CbkListing,
) -> ApiResult<Response> {
    let chat = find(&state.env, &me.workspace_id, &id).await?;
    let db = store::db(&state.env)?;
    let (messages, _) = chats::messages(&db, &chat.id, &listing.0.request()).await?;
    let items = messages.into_iter().map(cbk_message).collect();
    Ok(listing.answer(items, |message: &CbkMessage| &message.id))
}
