//! RocketFlow's API (seed `000_…`) under `/v1`: a RocketFlow client works against Parley with
//! its base URL set to `https://<parley>/v1`. Bodies are snake_case, a chatbot is a Parley
//! bot, errors are `{"error": {code, message, details}}` and `X-RateLimit-Reset` is a Unix
//! time. Every handler calls the domain functions `/api` calls.

use super::super::analytics::report_window;
use super::super::chat::HistoryQuery;
use super::super::extract::{Admin, Agent, Body, Params, valid};
use super::super::method_not_allowed;
use super::super::rate_limit;
use crate::AppState;
use crate::domain::{self, chat_rounds, webhooks};
use crate::error::ApiResult;
use axum::Json;
use axum::Router;
use axum::extract::{Path, Request};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::Response;
use axum::routing::{get, post};
use parley_shared_types::rocketflow::{
    Analytics, Chatbot, ChatbotDetails, ChatbotList, ErrorEnvelope, History, RocketFlowCode,
    SendMessageRequest, SendMessageResponse, Webhook,
};
use parley_shared_types::webhook::{CreateWebhookRequest, WebhookDialect};
use serde::Deserialize;
use std::collections::BTreeMap;
use utoipa::openapi::response::{Response as ApiResponse, ResponseBuilder};
use utoipa::openapi::{ContentBuilder, Ref, RefOr};
use utoipa::{IntoResponses, ToSchema};

/// RocketFlow's routes, relative to `/v1`. A wrong method is answered here (so in RocketFlow's
/// envelope); an unknown path is left to the router that mounts them.
pub fn routes() -> Router {
    Router::new()
        .route("/chat", post(send_message))
        .route("/chat/history/{session_id}", get(history))
        .route("/chatbots", get(list_chatbots))
        .route("/chatbots/{chatbot_id}", get(get_chatbot))
        .route("/analytics/chatbots/{chatbot_id}", get(analytics))
        .route("/webhooks", post(create_webhook))
        .method_not_allowed_fallback(method_not_allowed)
        .layer(axum::middleware::from_fn(dialect))
}

/// Middleware: the request's `X-RateLimit-Reset` is a Unix time, and a problem answer is
/// re-rendered in RocketFlow's envelope.
async fn dialect(request: Request, next: Next) -> Response {
    rate_limit::reset_as_unix_time(&request);
    rerender(next.run(request).await).await
}

/// A Parley problem answer (any `ApiError`, extractor rejections included) as RocketFlow's
/// error envelope with its code and status; any other answer as it is.
pub async fn rerender(response: Response) -> Response {
    super::reshape_problem(response, |problem| {
        let (envelope, status) = ErrorEnvelope::from_problem(problem);
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        (status, envelope)
    })
    .await
}

/// `POST /v1/chat`: the bot's answer with its sources; `context` stays with the session.
#[utoipa::path(post, path = "/v1/chat", tag = "RocketFlow", operation_id = "rocketflowSendMessage", request_body = SendMessageRequest, responses((status = 200, body = SendMessageResponse), RocketFlowErrors))]
#[worker::send]
pub async fn send_message(
    state: AppState,
    Agent(me): Agent,
    Body(request): Body<SendMessageRequest>,
) -> ApiResult<Json<SendMessageResponse>> {
    valid(request.validate())?;
    let request = request.into_native();
    let (env, defer) = (&state.env, &*state.ctx);
    let (bot, chat) = chat_rounds::begin(env, defer, &me.workspace_id, &request).await?;
    let message = request.message.trim();
    let answer =
        chat_rounds::answer_in_session(env, defer, &chat, &bot, message, &mut |_| {}).await?;
    Ok(Json(answer.into()))
}

/// `GET /v1/chat/history/{session_id}`: oldest first.
#[utoipa::path(get, path = "/v1/chat/history/{session_id}", tag = "RocketFlow", operation_id = "rocketflowChatHistory", params(("session_id" = String, Path, description = "session id"), HistoryQuery), responses((status = 200, body = History), RocketFlowErrors))]
#[worker::send]
pub async fn history(
    state: AppState,
    Agent(me): Agent,
    Path(session_id): Path<String>,
    Params(query): Params<HistoryQuery>,
) -> ApiResult<Json<History>> {
    let history = chat_rounds::session_history(
        &state.env,
        &me.workspace_id,
        &session_id,
        query.limit,
        query.offset,
    )
    .await?;
    Ok(Json(history.into()))
}

/// `GET /v1/chatbots`: the workspace's bots (the first hundred) and how many it has.
#[utoipa::path(get, path = "/v1/chatbots", tag = "RocketFlow", operation_id = "rocketflowListChatbots", responses((status = 200, body = ChatbotList), RocketFlowErrors))]
#[worker::send]
pub async fn list_chatbots(state: AppState, Agent(me): Agent) -> ApiResult<Json<ChatbotList>> {
    let (bots, total) = domain::bots::list(&state.env, &me.workspace_id).await?;
    Ok(Json(ChatbotList {
        chatbots: bots.iter().map(Chatbot::from).collect(),
        total,
    }))
}

/// `GET /v1/chatbots/{chatbot_id}`: with its settings and knowledge sources.
#[utoipa::path(get, path = "/v1/chatbots/{chatbot_id}", tag = "RocketFlow", operation_id = "rocketflowGetChatbot", params(("chatbot_id" = String, Path, description = "chatbot (bot) id")), responses((status = 200, body = ChatbotDetails), RocketFlowErrors))]
#[worker::send]
pub async fn get_chatbot(
    state: AppState,
    Agent(me): Agent,
    Path(chatbot_id): Path<String>,
) -> ApiResult<Json<ChatbotDetails>> {
    let bot =
        domain::bots::with_knowledge_sources(&state.env, &me.workspace_id, &chatbot_id).await?;
    Ok(Json(bot.into()))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AnalyticsQuery {
    /// Start date (ISO 8601 date or timestamp, UTC); default 29 days before `end_date`.
    start_date: Option<String>,
    /// End date (ISO 8601), included; default today.
    end_date: Option<String>,
    /// Data granularity: `day` (default), `week` or `month`.
    granularity: Option<String>,
}

/// `GET /v1/analytics/chatbots/{chatbot_id}`: `/api/analytics/bots/{botId}` in snake_case.
#[utoipa::path(get, path = "/v1/analytics/chatbots/{chatbot_id}", tag = "RocketFlow", operation_id = "rocketflowChatbotAnalytics", params(("chatbot_id" = String, Path, description = "chatbot (bot) id"), AnalyticsQuery), responses((status = 200, body = Analytics), RocketFlowErrors))]
#[worker::send]
pub async fn analytics(
    state: AppState,
    Agent(me): Agent,
    Path(chatbot_id): Path<String>,
    Params(query): Params<AnalyticsQuery>,
) -> ApiResult<Json<Analytics>> {
    let (range, granularity) = report_window(
        query.start_date.as_deref(),
        query.end_date.as_deref(),
        query.granularity.as_deref(),
    )?;
    let bot = domain::bots::find(&state.env, &me.workspace_id, &chatbot_id).await?;
    let report =
        domain::analytics::for_bot(&state.env, &me.workspace_id, &bot.id, range, granularity)
            .await?;
    Ok(Json(report.into()))
}

/// `POST /v1/webhooks` `{url, events, secret}`: its deliveries carry RocketFlow's payload,
/// signed like every Parley delivery (`Parley-Signature`).
#[utoipa::path(post, path = "/v1/webhooks", tag = "RocketFlow", operation_id = "rocketflowCreateWebhook", request_body = CreateWebhookRequest, responses((status = 201, body = Webhook), RocketFlowErrors))]
#[worker::send]
pub async fn create_webhook(
    state: AppState,
    Admin(me): Admin,
    Body(request): Body<CreateWebhookRequest>,
) -> ApiResult<(StatusCode, Json<Webhook>)> {
    let created = webhooks::register(
        &state.env,
        &me.workspace_id,
        request,
        WebhookDialect::Rocketflow,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(created.into())))
}

/// Every error a RocketFlow operation may answer with, in RocketFlow's envelope: the seed's
/// statuses, and 405, 408 and 409 as `INVALID_REQUEST`.
pub struct RocketFlowErrors;

impl IntoResponses for RocketFlowErrors {
    fn responses() -> BTreeMap<String, RefOr<ApiResponse>> {
        let invalid = RocketFlowCode::InvalidRequest.as_str();
        let statuses = RocketFlowCode::ALL
            .map(|code| (code.status(), code.as_str()))
            .into_iter()
            .chain([405, 408, 409].map(|status| (status, invalid)));
        statuses
            .map(|(status, description)| {
                let content = ContentBuilder::new()
                    .schema(Some(Ref::from_schema_name(ErrorEnvelope::name())))
                    .build();
                let response = ResponseBuilder::new()
                    .description(description)
                    .content("application/json", content)
                    .build();
                (status.to_string(), RefOr::T(response))
            })
            .collect()
    }
}
