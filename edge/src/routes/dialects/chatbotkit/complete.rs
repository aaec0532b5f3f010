//! `POST /v1/conversation/{conversationId}/complete` `{text}`: one round of the conversation's
//! bot, by the same engine and knowledge as `/api/chat` and the widget. With
//! `Accept: application/jsonl` the answer streams as `{"type":"token","data":{"token"}}`
//! lines, then `{"type":"result","data":{id, text, usage, end}}`; without it the result alone.
//!
//! The answer is held until its first token: a failure before any token (a busy conversation,
//! a plan's limit, the model provider's rate limit) still answers with its own status.

use super::{CbkProblems, Scoped};
use crate::AppState;
use crate::ai::{Answer, Outcome};
use crate::domain::bots;
use crate::domain::chat_rounds::{answer_round, find, start_round};
use crate::error::{ApiError, ApiResult};
use crate::routes::extract::{Agent, Body, valid};
use crate::store;
use axum::extract::Path;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Json, Response};
use futures_util::StreamExt;
use parley_shared_types::chat::{ChatInput, ChatMessage};
use parley_shared_types::chatbotkit::{
    CbkCompleteRequest, CbkCompleteResult, CbkEnd, CbkStreamEvent, CbkUsage,
};
use parley_shared_types::page::JSONL_CONTENT_TYPE;

/// What the round produced so far.
enum Step {
    Token(String),
    Finished(CbkCompleteResult),
    Refused(Scoped),
}

impl Step {
    fn line(self) -> String {
        let event = match self {
            Step::Token(token) => CbkStreamEvent::Token { token },
            Step::Finished(result) => CbkStreamEvent::Result(result),
            Step::Refused(scoped) => CbkStreamEvent::Error(scoped.error),
        };
        let json = serde_json::to_string(&event).unwrap_or_else(|_| "{}".into());
        format!("{json}\n")
    }
}

/// The round's end as ChatBotKit reports it: the stored reply, or the provider's rate limit
/// as its scoped error. Any other engine failure answers with the bot's handoff message
/// (`end.reason: "error"`), as Parley's bots do everywhere.
fn settle(round: ApiResult<(ChatMessage, Answer)>, tokens: u32) -> Step {
    let (reply, answer) = match round {
        Ok(done) => done,
        Err(error) => return Step::Refused(Scoped::from_api(&error)),
    };
    let reason = match &answer.outcome {
        Outcome::Failed(failure) if failure.rate_limited() => {
            return Step::Refused(Scoped::upstream_rate_limit(failure.reason.clone()));
        }
        Outcome::Failed(_) => "error",
        Outcome::Answered | Outcome::Unknown => "stop",
    };
    Step::Finished(CbkCompleteResult {
        id: reply.id,
        text: reply.content,
        usage: CbkUsage { token: tokens },
        end: CbkEnd {
            reason: reason.into(),
        },
    })
}

#[utoipa::path(post, path = "/v1/conversation/{conversationId}/complete", tag = "ChatBotKit", operation_id = "chatbotkitCompleteConversation", params(("conversationId" = String, Path, description = "conversation id")), request_body = CbkCompleteRequest, responses((status = 200, description = "The bot's answer; with Accept: application/jsonl it streams as CbkStreamEvent lines (token…, then result or error)", content((CbkCompleteResult = "application/json"), (CbkStreamEvent = "application/jsonl"))), CbkProblems))]
#[worker::send]
pub async fn complete(
    state: AppState,
    Agent(me): Agent,
    Path(id): Path<String>,
    headers: HeaderMap,
    Body(request): Body<CbkCompleteRequest>,
) -> ApiResult<Response> {
    let text = request.text.trim().to_owned();
    valid(
        ChatInput {
            message: text.clone(),
        }
        .validate(false),
    )?;
    let chat = find(&state.env, &me.workspace_id, &id).await?;
    let bot = bots::find(&state.env, &me.workspace_id, &chat.bot_id).await?;
    start_round(&store::db(&state.env)?, &chat).await?;

    let (sender, mut steps) = futures_channel::mpsc::unbounded::<Step>();
    let (env, ctx) = (state.env.clone(), state.ctx.clone());
    state.ctx.wait_until(async move {
        let mut tokens = 0;
        // A closed receiver means the caller left; the answer is still stored.
        let round = answer_round(&env, &*ctx, &chat, &bot, &text, &mut |token| {
            tokens += 1;
            let _ = sender.unbounded_send(Step::Token(token.to_owned()));
        })
        .await;
        let _ = sender.unbounded_send(settle(round, tokens));
    });

    let streamed = headers
        .get(header::ACCEPT)
        .and_then(|accept| accept.to_str().ok())
        .is_some_and(|accept| accept.contains(JSONL_CONTENT_TYPE));
    let first = steps.next().await;
    if !streamed {
        let mut step = first;
        while let Some(Step::Token(_)) = step {
            step = steps.next().await;
        }
        return Ok(match step {
            Some(Step::Finished(result)) => Json(result).into_response(),
            Some(Step::Refused(scoped)) => scoped.into_response(),
            _ => return Err(ApiError::internal("the round ended without a result")),
        });
    }
    if let Some(Step::Refused(scoped)) = first {
        return Ok(scoped.into_response());
    }
    let lines = futures_util::stream::iter(first)
        .chain(steps)
        .map(|step| Ok::<_, std::convert::Infallible>(step.line()));
    let mut response = (StatusCode::OK, axum::body::Body::from_stream(lines)).into_response();
    let response_headers = response.headers_mut();
    response_headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(JSONL_CONTENT_TYPE),
    );
    response_headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    Ok(response)
}
