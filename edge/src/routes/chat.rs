//! `POST /api/chat` and `GET /api/chat/history/{sessionId}` (RocketFlow): a developer's
//! server asks a bot and gets the answer with its sources. With `Accept: text/event-stream`
//! or `application/jsonl` the answer streams token by token (events `token`, `sources`,
//! `done`, or `error`).

use super::extract::Agent;
use super::extract::{Body, Params, valid};
use super::problem::Problems;
use crate::AppState;
use crate::domain::chat_rounds::{answer_in_session, begin, session_history};
use crate::error::ApiResult;
use axum::Json;
use axum::extract::Path;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use parley_shared_types::chat::{
    ChatHistory, ChatRequest, ChatResponse, ChatStreamEvent, EVENT_STREAM,
};
use parley_shared_types::page::JSONL_CONTENT_TYPE;
use serde::Deserialize;

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
    state: AppState,
    Agent(me): Agent,
    headers: HeaderMap,
    Body(request): Body<ChatRequest>,
) -> ApiResult<Response> {
    valid(request.validate())?;
    let (bot, chat) = begin(&state.env, &*state.ctx, &me.workspace_id, &request).await?;
    let message = request.message.trim().to_owned();
    let format = headers
        .get(header::ACCEPT)
        .and_then(|accept| accept.to_str().ok())
        .and_then(StreamFormat::from_accept);
    let Some(format) = format else {
        let answered =
            answer_in_session(&state.env, &*state.ctx, &chat, &bot, &message, &mut |_| {}).await?;
        return Ok(Json(answered).into_response());
    };
    let (sender, receiver) = futures_channel::mpsc::unbounded::<String>();
    let (env, ctx) = (state.env.clone(), state.ctx.clone());
    state.ctx.wait_until(async move {
        let send = |event: &ChatStreamEvent| {
            // A closed receiver means the caller left; the answer is still stored.
            let _ = sender.unbounded_send(format.encode(event));
        };
        let result = answer_in_session(&env, &*ctx, &chat, &bot, &message, &mut |text| {
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

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct HistoryQuery {
    /// How many messages (default 50, at most 100).
    pub limit: Option<u32>,
    /// How many to skip (default 0).
    pub offset: Option<u64>,
}

/// `GET /api/chat/history/{sessionId}`: oldest first, `limit`/`offset`, `hasMore`.
#[utoipa::path(get, path = "/api/chat/history/{sessionId}", tag = "chat", operation_id = "chatHistory", params(("sessionId" = String, Path, description = "session id"), HistoryQuery), responses((status = 200, body = ChatHistory), Problems))]
#[worker::send]
pub async fn history(
    state: AppState,
    Agent(me): Agent,
    Path(session_id): Path<String>,
    Params(query): Params<HistoryQuery>,
) -> ApiResult<Json<ChatHistory>> {
    let history = session_history(
        &state.env,
        &me.workspace_id,
        &session_id,
        query.limit,
        query.offset,
    )
    .await?;
    Ok(Json(history))
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
