//! `POST /api/chat` and `GET /api/chat/history/{sessionId}` (RocketFlow): a developer's
//! server asks a bot and gets the answer with its sources. With `Accept: text/event-stream`
//! or `application/jsonl` the answer streams token by token (events `token`, `sources`,
//! `done`, or `error`).

use super::extract::Agent;
use super::extract::{Body, Params, valid};
use super::problem::Problems;
use crate::AppState;
use crate::domain::bots;
use crate::domain::chat_rounds::{answer_round, new_chat, start_round};
use crate::error::{ApiError, ApiResult};
use crate::store::{self, bots::BotRow, chats, chats::ChatRow};
use crate::webhooks::Defer;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use parley_shared_types::chat::{
    ChatHistory, ChatRequest, ChatResponse, ChatStreamEvent, DEFAULT_HISTORY_LIMIT, EVENT_STREAM,
};
use parley_shared_types::page::{JSONL_CONTENT_TYPE, MAX_PAGE_LIMIT};
use parley_shared_types::problem::ErrorCode;
use serde::Deserialize;
use worker::Env;

/// How a streamed answer is framed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StreamFormat {
    ServerSentEvents,
    JsonLines,
}

impl StreamFormat {
    /// The format an `Accept` header asks for; `None` for a plain JSON answer.
    pub fn from_accept(accept: &str) -> Option<Self> {
        if accept.contains(EVENT_STREAM) {
            Some(StreamFormat::ServerSentEvents)
        } else if accept.contains(JSONL_CONTENT_TYPE) {
            Some(StreamFormat::JsonLines)
        } else {
            None
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            StreamFormat::ServerSentEvents => EVENT_STREAM,
            StreamFormat::JsonLines => JSONL_CONTENT_TYPE,
        }
    }

    pub fn encode(self, event: &ChatStreamEvent) -> String {
        let json = serde_json::to_string(event).unwrap_or_else(|_| "{}".into());
        match self {
            StreamFormat::ServerSentEvents => format!("event: {}\ndata: {json}\n\n", event.name()),
            StreamFormat::JsonLines => format!("{json}\n"),
        }
    }
}

#[utoipa::path(post, path = "/api/chat", tag = "chat", operation_id = "chat", request_body = ChatRequest, responses((status = 200, description = "The answer; with Accept: text/event-stream or application/jsonl it streams as ChatStreamEvent items", body = ChatResponse), Problems))]
#[worker::send]
pub async fn send(
    State(state): State<AppState>,
    Agent(me): Agent,
    headers: HeaderMap,
    Body(request): Body<ChatRequest>,
) -> ApiResult<Response> {
    valid(request.validate())?;
    let bot = bots::find(&state.env, &me.workspace_id, &request.bot_id).await?;
    let db = store::db(&state.env)?;
    let chat = session(&db, &me.workspace_id, &bot, &request).await?;
    start_round(&db, &chat).await?;
    let message = request.message.trim().to_owned();
    let format = headers
        .get(header::ACCEPT)
        .and_then(|accept| accept.to_str().ok())
        .and_then(StreamFormat::from_accept);
    let Some(format) = format else {
        let answered = answer(&state.env, &*state.ctx, &chat, &bot, &message, &mut |_| {}).await?;
        return Ok(Json(answered).into_response());
    };
    let (sender, receiver) = futures_channel::mpsc::unbounded::<String>();
    let (env, ctx) = (state.env.clone(), state.ctx.clone());
    state.ctx.wait_until(async move {
        let send = |event: &ChatStreamEvent| {
            // A closed receiver means the caller left; the answer is still stored.
            let _ = sender.unbounded_send(format.encode(event));
        };
        let result = answer(&env, &*ctx, &chat, &bot, &message, &mut |text| {
            send(&ChatStreamEvent::Token { text: text.into() });
        })
        .await;
        match result {
            Ok(done) => {
                send(&ChatStreamEvent::Sources {
                    sources: done.sources.clone(),
                });
                send(&ChatStreamEvent::Done(done));
            }
            Err(error) => send(&ChatStreamEvent::Error {
                detail: error.to_problem().detail,
            }),
        }
    });
    let body = axum::body::Body::from_stream(receiver.map(Ok::<_, std::convert::Infallible>));
    let mut response = (StatusCode::OK, body).into_response();
    let response_headers = response.headers_mut();
    response_headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(format.content_type()),
    );
    response_headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    Ok(response)
}

/// The round's answer as RocketFlow's response.
async fn answer(
    env: &Env,
    defer: &dyn Defer,
    chat: &ChatRow,
    bot: &BotRow,
    message: &str,
    on_token: &mut dyn FnMut(&str),
) -> ApiResult<ChatResponse> {
    let (reply, answer) = answer_round(env, defer, chat, bot, message, on_token).await?;
    Ok(ChatResponse {
        response: reply.content,
        session_id: chat.session_id.clone(),
        message_id: reply.id,
        timestamp: reply.timestamp,
        sources: reply.sources,
        handoff: answer.offers_human(),
    })
}

/// The session the request continues, or a new one; a session belongs to one bot.
async fn session(
    db: &worker::D1Database,
    workspace_id: &str,
    bot: &BotRow,
    request: &ChatRequest,
) -> ApiResult<ChatRow> {
    let session_id = request.session_id.as_deref().map(str::trim);
    if let Some(session_id) = session_id
        && let Some(chat) = chats::find_by_session(db, workspace_id, session_id).await?
    {
        if chat.bot_id != bot.id {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                format!("session {session_id} belongs to another bot"),
            ));
        }
        return Ok(chat);
    }
    let chat = new_chat(
        workspace_id,
        bot,
        session_id.map(str::to_owned),
        None,
        request.user_id.clone(),
    );
    chats::insert(db, &chat).await?;
    Ok(chat)
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct HistoryQuery {
    limit: Option<u32>,
    offset: Option<u64>,
}

/// `GET /api/chat/history/{sessionId}`: oldest first, `limit`/`offset`, `hasMore`.
#[utoipa::path(get, path = "/api/chat/history/{sessionId}", tag = "chat", operation_id = "chatHistory", params(("sessionId" = String, Path, description = "session id"), HistoryQuery), responses((status = 200, body = ChatHistory), Problems))]
#[worker::send]
pub async fn history(
    State(state): State<AppState>,
    Agent(me): Agent,
    Path(session_id): Path<String>,
    Params(query): Params<HistoryQuery>,
) -> ApiResult<Json<ChatHistory>> {
    let limit = query.limit.unwrap_or(DEFAULT_HISTORY_LIMIT);
    if limit == 0 || limit > MAX_PAGE_LIMIT {
        return Err(ApiError::validation(
            "the query is not valid",
            [(
                "limit".to_owned(),
                vec![format!("must be between 1 and {MAX_PAGE_LIMIT}")],
            )]
            .into(),
        ));
    }
    let offset = query.offset.unwrap_or(0);
    let db = store::db(&state.env)?;
    let chat = chats::find_by_session(&db, &me.workspace_id, &session_id)
        .await?
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound, format!("no session {session_id}")))?;
    let (messages, total) = chats::history(&db, &chat.id, limit, offset).await?;
    Ok(Json(ChatHistory {
        has_more: offset + (messages.len() as u64) < total,
        messages,
        total,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_picks_the_stream_format() {
        assert_eq!(
            StreamFormat::from_accept("text/event-stream"),
            Some(StreamFormat::ServerSentEvents)
        );
        assert_eq!(
            StreamFormat::from_accept("application/jsonl, */*"),
            Some(StreamFormat::JsonLines)
        );
        assert_eq!(StreamFormat::from_accept("application/json"), None);
    }

    #[test]
    fn events_frame_as_sse_or_json_lines() {
        let token = ChatStreamEvent::Token { text: "Hi".into() };
        assert_eq!(
            StreamFormat::ServerSentEvents.encode(&token),
            "event: token\ndata: {\"type\":\"token\",\"text\":\"Hi\"}\n\n"
        );
        assert_eq!(
            StreamFormat::JsonLines.encode(&token),
            "{\"type\":\"token\",\"text\":\"Hi\"}\n"
        );
    }
}
