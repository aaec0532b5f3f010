//! `/api/chats` (FlowGen): chats with a bot that have a status. A bot whose
//! `humanInputMode` is `always` drafts each reply and waits in `wait_for_human_input` until
//! `POST /api/chats/{id}/input` confirms it (empty message) or replaces it (any text).

use super::extract::Agent;
use super::extract::{Body, valid};
use super::list::Listing;
use super::problem::Problems;
use crate::AppState;
use crate::clock::now_rfc3339;
use crate::domain::bots;
use crate::domain::chat_rounds::{self, converse, find, finish_round, new_chat, start_round};
use crate::error::{ApiError, ApiResult};
use crate::ids::new_id;
use crate::store::{self, chats, chats::ChatRow, chats::ChatState};
use axum::Json;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use parley_shared_types::bot::HumanInputMode;
use parley_shared_types::chat::{
    Chat, ChatInput, ChatMessage, ChatRole, ChatStatus, ChatTurn, CreateChatRequest,
};
use parley_shared_types::message::DEFAULT_MESSAGE_PAGE;
use parley_shared_types::page::{ListQuery, Page};
use parley_shared_types::problem::ErrorCode;
use worker::D1Database;

#[utoipa::path(get, path = "/api/chats", tag = "chat", operation_id = "listChats", params(ListQuery), responses((status = 200, body = Page<Chat>), Problems))]
#[worker::send]
pub async fn list(state: AppState, Agent(me): Agent, listing: Listing) -> ApiResult<Response> {
    let db = store::db(&state.env)?;
    let (rows, total) = chats::list(&db, &me.workspace_id, &listing.request()).await?;
    let data = rows.into_iter().map(ChatRow::into_chat).collect();
    Ok(listing.page(data, total, |chat: &Chat| &chat.id))
}

#[utoipa::path(post, path = "/api/chats", tag = "chat", operation_id = "createChat", request_body = CreateChatRequest, responses((status = 201, body = Chat), Problems))]
#[worker::send]
pub async fn create(
    state: AppState,
    Agent(me): Agent,
    Body(request): Body<CreateChatRequest>,
) -> ApiResult<(StatusCode, Json<Chat>)> {
    valid(request.validate())?;
    let bot = bots::find(&state.env, &me.workspace_id, &request.bot_id).await?;
    let row = new_chat(
        &me.workspace_id,
        &bot,
        None,
        request.name.map(|n| n.trim().to_owned()),
        None,
    );
    chats::insert(&store::db(&state.env)?, &row).await?;
    Ok((StatusCode::CREATED, Json(row.into_chat())))
}

#[utoipa::path(get, path = "/api/chats/{id}", tag = "chat", operation_id = "getChat", params(("id" = String, Path, description = "chat id")), responses((status = 200, body = Chat), Problems))]
#[worker::send]
pub async fn get(
    state: AppState,
    Agent(me): Agent,
    Path(id): Path<String>,
) -> ApiResult<Json<Chat>> {
    Ok(Json(
        find(&state.env, &me.workspace_id, &id).await?.into_chat(),
    ))
}

#[utoipa::path(delete, path = "/api/chats/{id}", tag = "chat", operation_id = "deleteChat", params(("id" = String, Path, description = "chat id")), responses((status = 204, description = "Deleted"), Problems))]
#[worker::send]
pub async fn remove(
    state: AppState,
    Agent(me): Agent,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    chat_rounds::remove(&state.env, &me.workspace_id, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/chats/{id}/messages`: oldest first.
#[utoipa::path(get, path = "/api/chats/{id}/messages", tag = "chat", operation_id = "listChatMessages", params(("id" = String, Path, description = "chat id"), ListQuery), responses((status = 200, body = Page<ChatMessage>), Problems))]
#[worker::send]
pub async fn messages(
    state: AppState,
    Agent(me): Agent,
    Path(id): Path<String>,
    listing: Listing<DEFAULT_MESSAGE_PAGE>,
) -> ApiResult<Response> {
    let chat = find(&state.env, &me.workspace_id, &id).await?;
    let db = store::db(&state.env)?;
    let (messages, total) = chats::messages(&db, &chat.id, &listing.request()).await?;
    Ok(listing.page(messages, total, |message: &ChatMessage| &message.id))
}

/// `POST /api/chats/{id}/messages`: one round; 409 while the chat is running or waiting.
#[utoipa::path(post, path = "/api/chats/{id}/messages", tag = "chat", operation_id = "sendChatMessage", params(("id" = String, Path, description = "chat id")), request_body = ChatInput, responses((status = 200, body = ChatTurn), Problems))]
#[worker::send]
pub async fn send(
    state: AppState,
    Agent(me): Agent,
    Path(id): Path<String>,
    Body(input): Body<ChatInput>,
) -> ApiResult<Json<ChatTurn>> {
    valid(input.validate(false))?;
    let chat = find(&state.env, &me.workspace_id, &id).await?;
    let bot = bots::find(&state.env, &me.workspace_id, &chat.bot_id).await?;
    let db = store::db(&state.env)?;
    start_round(&db, &chat).await?;
    let (asked, answer) = converse(
        &state.env,
        &*state.ctx,
        &chat,
        &bot,
        input.message.trim(),
        &mut |_| {},
    )
    .await?;
    let wait = bot.settings().human_input_mode == HumanInputMode::Always;
    let answered = finish_round(&db, &chat, &answer, wait).await?;
    Ok(Json(ChatTurn {
        chat: reload(&db, &chat).await?,
        messages: std::iter::once(asked).chain(answered).collect(),
    }))
}

/// `POST /api/chats/{id}/input`: a person's word on the drafted reply.
#[utoipa::path(post, path = "/api/chats/{id}/input", tag = "chat", operation_id = "sendChatInput", params(("id" = String, Path, description = "chat id")), request_body = ChatInput, responses((status = 200, body = ChatTurn), Problems))]
#[worker::send]
pub async fn input(
    state: AppState,
    Agent(me): Agent,
    Path(id): Path<String>,
    Body(input): Body<ChatInput>,
) -> ApiResult<Json<ChatTurn>> {
    valid(input.validate(true))?;
    let chat = find(&state.env, &me.workspace_id, &id).await?;
    let db = store::db(&state.env)?;
    let now = now_rfc3339();
    let done = ChatState {
        status: ChatStatus::Completed,
        pending_reply: None,
        pending_sources: &[],
        error: None,
    };
    if !chats::transition(&db, &chat, &[ChatStatus::WaitForHumanInput], &done, &now).await? {
        return Err(ApiError::new(
            ErrorCode::Conflict,
            format!(
                "the chat is {}; input is taken only in wait_for_human_input",
                chat.status().as_str()
            ),
        ));
    }
    let text = input.message.trim();
    let message = if text.is_empty() {
        ChatMessage {
            id: new_id(),
            role: ChatRole::Assistant,
            sources: chat.pending_sources(),
            content: chat.pending_reply.clone().unwrap_or_default(),
            timestamp: now,
        }
    } else {
        ChatMessage {
            id: new_id(),
            role: ChatRole::Human,
            content: text.to_owned(),
            timestamp: now,
            sources: Vec::new(),
        }
    };
    chats::add_message(&db, &chat.id, &message).await?;
    Ok(Json(ChatTurn {
        chat: reload(&db, &chat).await?,
        messages: vec![message],
    }))
}

async fn reload(db: &D1Database, chat: &ChatRow) -> ApiResult<Chat> {
    chats::find(db, &chat.workspace_id, &chat.id)
        .await?
        .map(ChatRow::into_chat)
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound, format!("no chat {}", chat.id)))
}
