//! `/api/conversations` (and `/api/admin/conversations`): visitors start them with a widget id;
//! agents list, read, assign and close them. Changes reach the room's sockets and the
//! workspace feed live.

use super::extract::{Admin, Agent};
use super::extract::{Body, Params, valid};
use super::list::Listing;
use super::problem::Problems;
use super::rate_limit::PerIp;
use crate::AppState;
use crate::auth::{Caller, UserPrincipal};
use crate::domain::conversations::visible;
use crate::domain::{self, handoff};
use crate::error::{ApiError, ApiResult};
use crate::store::{self, conversations, conversations::ConversationRow};
use axum::Json;
use axum::extract::Path;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;
use parley_shared_types::conversation::{
    AssignRequest, Conversation, ConversationFilter, ConversationQuery, StartConversationRequest,
    StartedConversation,
};
use parley_shared_types::page::Page;
use worker::Env;

/// `POST /api/conversations`: widget auth (the widget id, checked against its allowed origins).
#[utoipa::path(post, path = "/api/conversations", tag = "conversations", operation_id = "startConversation", security(()), request_body = StartConversationRequest, responses((status = 201, body = StartedConversation), Problems))]
#[worker::send]
pub async fn start(
    state: AppState,
    _: PerIp,
    headers: HeaderMap,
    Body(request): Body<StartConversationRequest>,
) -> ApiResult<(StatusCode, Json<StartedConversation>)> {
    valid(request.validate())?;
    let origin = headers.get(header::ORIGIN).and_then(|o| o.to_str().ok());
    let started = domain::conversations::start(&state.env, &*state.ctx, request, origin).await?;
    Ok((StatusCode::CREATED, Json(started)))
}

/// `GET /api/conversations`: the workspace's conversations, newest first.
#[utoipa::path(get, path = "/api/conversations", tag = "conversations", operation_id = "listConversations", params(ConversationQuery), responses((status = 200, body = Page<Conversation>), Problems))]
#[worker::send]
pub async fn list(
    state: AppState,
    Agent(me): Agent,
    headers: HeaderMap,
    Params(query): Params<ConversationQuery>,
) -> ApiResult<Response> {
    list_for(&state.env, &me, &headers, query, None).await
}

/// `GET /api/admin/conversations`: the same, admins only.
#[utoipa::path(get, path = "/api/admin/conversations", tag = "admin", operation_id = "adminListConversations", params(ConversationQuery), responses((status = 200, body = Page<Conversation>), Problems))]
#[worker::send]
pub async fn admin_list(
    state: AppState,
    Admin(me): Admin,
    headers: HeaderMap,
    Params(query): Params<ConversationQuery>,
) -> ApiResult<Response> {
    list_for(&state.env, &me, &headers, query, None).await
}

/// Newest first (only `bot_id`'s, if given); a `cursor` continues with older ones, so
/// conversations that start while a client pages never shift what it has not seen yet.
async fn list_for(
    env: &Env,
    me: &UserPrincipal,
    headers: &HeaderMap,
    query: ConversationQuery,
    bot_id: Option<String>,
) -> ApiResult<Response> {
    let filter = query
        .validate()
        .map_err(|errors| ApiError::validation("the query is not valid", errors))?;
    let listing: Listing = Listing::new(filter.list.clone(), headers);
    let filter = ConversationFilter {
        list: listing.request(),
        bot_id,
        ..filter
    };
    let (rows, total) = conversations::list(&store::db(env)?, &me.workspace_id, &filter).await?;
    let data = rows
        .into_iter()
        .map(ConversationRow::into_conversation)
        .collect();
    Ok(listing.page(data, total, |c: &Conversation| &c.id))
}

/// `GET /api/bots/{id}/conversations`: the bot's conversations, newest first, with the
/// same filters as `GET /api/conversations` (`status` and `channel` among them). Another
/// workspace's bot is 404.
#[utoipa::path(get, path = "/api/bots/{id}/conversations", tag = "bots", operation_id = "listBotConversations", params(("id" = String, Path, description = "bot id"), ConversationQuery), responses((status = 200, body = Page<Conversation>), Problems))]
#[worker::send]
pub async fn of_bot(
    state: AppState,
    Agent(me): Agent,
    Path(bot_id): Path<String>,
    headers: HeaderMap,
    Params(query): Params<ConversationQuery>,
) -> ApiResult<Response> {
    let bot = domain::bots::find(&state.env, &me.workspace_id, &bot_id).await?;
    list_for(&state.env, &me, &headers, query, Some(bot.id)).await
}

/// `GET /api/conversations/{id}`: the visitor's own, or any of the user's workspace. Labels
/// are the team's: a visitor's read leaves them out.
#[utoipa::path(get, path = "/api/conversations/{id}", tag = "conversations", operation_id = "getConversation", params(("id" = String, Path, description = "conversation id")), responses((status = 200, body = Conversation), Problems))]
#[worker::send]
pub async fn get(
    state: AppState,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<Conversation>> {
    let mut conversation = visible(&state.env, &caller, &id).await?.into_conversation();
    if matches!(caller, Caller::Visitor(_)) {
        conversation.labels.clear();
    }
    Ok(Json(conversation))
}

/// `DELETE /api/conversations/{id}`: deletes the conversation everywhere it lives (its
/// messages and notes, search entries, labels, rating, the questions it added to analytics,
/// its room's sockets); afterwards its visitor token, hub and routes answer 404.
#[utoipa::path(delete, path = "/api/conversations/{id}", tag = "conversations", operation_id = "deleteConversation", params(("id" = String, Path, description = "conversation id")), responses((status = 204, description = "Deleted"), Problems))]
#[worker::send]
pub async fn remove(
    state: AppState,
    Admin(me): Admin,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    domain::conversations::delete(&state.env, &me.workspace_id, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/conversations/{id}/close`: closing a closed conversation changes nothing.
#[utoipa::path(post, path = "/api/conversations/{id}/close", tag = "conversations", operation_id = "closeConversation", params(("id" = String, Path, description = "conversation id")), responses((status = 200, body = Conversation), Problems))]
#[worker::send]
pub async fn close(
    state: AppState,
    Agent(me): Agent,
    Path(id): Path<String>,
) -> ApiResult<Json<Conversation>> {
    let row = visible(&state.env, &Caller::User(me.clone()), &id).await?;
    Ok(Json(
        domain::conversations::close(&state.env, &*state.ctx, &me.workspace_id, row).await?,
    ))
}

/// `POST /api/conversations/{id}/reopen`: a closed conversation takes messages again.
#[utoipa::path(post, path = "/api/conversations/{id}/reopen", tag = "conversations", operation_id = "reopenConversation", params(("id" = String, Path, description = "conversation id")), responses((status = 200, body = Conversation), Problems))]
#[worker::send]
pub async fn reopen(
    state: AppState,
    Agent(me): Agent,
    Path(id): Path<String>,
) -> ApiResult<Json<Conversation>> {
    let row = visible(&state.env, &Caller::User(me.clone()), &id).await?;
    Ok(Json(
        domain::conversations::reopen(&state.env, &me.workspace_id, row).await?,
    ))
}

/// `POST /api/conversations/{id}/assign`.
#[utoipa::path(post, path = "/api/conversations/{id}/assign", tag = "conversations", operation_id = "assignConversation", params(("id" = String, Path, description = "conversation id")), request_body = AssignRequest, responses((status = 200, body = Conversation), Problems))]
#[worker::send]
pub async fn assign(
    state: AppState,
    Agent(me): Agent,
    Path(id): Path<String>,
    Body(request): Body<AssignRequest>,
) -> ApiResult<Json<Conversation>> {
    let row = visible(&state.env, &Caller::User(me.clone()), &id).await?;
    let assigned = domain::conversations::assign(
        &state.env,
        &*state.ctx,
        &me.workspace_id,
        &row,
        &request.agent_id,
    );
    Ok(Json(assigned.await?))
}

/// `POST /api/conversations/{id}/handoff`: people take over from the bot. A visitor asking
/// gets the bot's handoff message and the least busy online agent; an agent asking takes the
/// conversation. Handing off a conversation no bot handles changes nothing.
#[utoipa::path(post, path = "/api/conversations/{id}/handoff", tag = "conversations", operation_id = "handOffConversation", params(("id" = String, Path, description = "conversation id")), responses((status = 200, body = Conversation), Problems))]
#[worker::send]
pub async fn hand_off(
    state: AppState,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<Conversation>> {
    let row = visible(&state.env, &caller, &id).await?;
    Ok(Json(
        handoff::asked_for(&state.env, &*state.ctx, &caller, row).await?,
    ))
}
