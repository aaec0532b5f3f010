//! The HTTP surface: one module per resource. Handlers that await JS futures use
//! `#[worker::send]`.

mod admin;
mod api_keys;
mod auth;
mod bots;
mod chat;
mod chats;
mod conversations;
mod dev;
mod health;
mod hub;
mod integrations;
mod knowledge;
mod list;
mod messages;
mod openapi;
pub mod request_log;
mod users;
mod webhooks;
mod widgets;

use crate::error::{ApiError, ApiResult};
use crate::limits;
use axum::Router;
use axum::extract::{FromRequest, FromRequestParts, Query, Request};
use axum::http::{HeaderMap, HeaderName, Method, Uri, header, request::Parts};
use axum::routing::{delete, get, patch, post};
use parley_shared_types::problem::ErrorCode;
use parley_shared_types::validate::FieldErrors;
use serde::de::DeserializeOwned;
use std::sync::Arc;
use std::time::Duration;
use tower_http::cors::{Any, CorsLayer};
use worker::{Context, Env};

#[derive(Clone)]
pub struct AppState {
    pub env: Env,
    /// The request's context: work handed to its `wait_until` outlives the response.
    pub ctx: Arc<Context>,
}

pub fn router(env: Env, ctx: Context) -> Router {
    Router::new()
        .route("/auth/v1/signup", post(auth::sign_up))
        .route("/auth/v1/verify", post(auth::verify))
        .route("/auth/v1/token", post(auth::token))
        .route("/auth/v1/user", get(auth::current_user))
        .route("/api/health", get(health::get))
        .route(dev::DEV_OUTBOX_PATH, get(dev::outbox))
        .route("/api/openapi.json", get(openapi::spec))
        .route("/api/docs", get(openapi::docs))
        .route("/api/keys", get(api_keys::list).post(api_keys::create))
        .route("/api/keys/{id}", delete(api_keys::revoke))
        .route("/api/webhooks", get(webhooks::list).post(webhooks::create))
        .route(
            "/api/webhooks/{id}",
            get(webhooks::get)
                .patch(webhooks::update)
                .delete(webhooks::remove),
        )
        .route("/api/webhooks/{id}/deliveries", get(webhooks::deliveries))
        .route("/api/webhooks/{id}/test", post(webhooks::send_test))
        .route("/api/users", get(users::list).post(users::create))
        .route(
            "/api/users/{id}",
            patch(users::update).delete(users::remove),
        )
        .route("/api/widgets", get(widgets::list).post(widgets::create))
        .route("/api/widgets/{id}", get(widgets::get).put(widgets::update))
        .route("/api/widgets/{id}/config", get(widgets::config))
        .route(
            "/api/conversations",
            get(conversations::list).post(conversations::start),
        )
        .route("/api/conversations/{id}", get(conversations::get))
        .route("/api/conversations/{id}/close", post(conversations::close))
        .route(
            "/api/conversations/{id}/assign",
            post(conversations::assign),
        )
        .route(
            "/api/conversations/{id}/reopen",
            post(conversations::reopen),
        )
        .route(
            "/api/conversations/{id}/messages",
            get(messages::list).post(messages::create),
        )
        .route(
            "/api/conversations/{id}/messages/{message_id}/read",
            post(messages::mark_read),
        )
        .route(
            "/api/conversations/{id}/handoff",
            post(conversations::hand_off),
        )
        .route("/api/admin/conversations", get(conversations::admin_list))
        .route(
            "/api/admin/conversations/stats",
            get(admin::conversation_stats),
        )
        .route("/api/admin/messages/stats", get(admin::message_stats))
        .route(
            "/api/admin/widgets",
            get(widgets::admin_list).post(widgets::admin_create),
        )
        .route("/api/admin/widgets/stats", get(admin::widget_stats))
        .route("/api/admin/stats/daily", get(admin::daily))
        .route("/api/bots", get(bots::list).post(bots::create))
        .route(
            "/api/bots/{id}",
            get(bots::get).patch(bots::update).delete(bots::remove),
        )
        .route(
            "/api/bots/{id}/integrations",
            get(integrations::list).post(integrations::create),
        )
        .route(
            "/api/integrations/{id}",
            get(integrations::get)
                .patch(integrations::update)
                .delete(integrations::remove),
        )
        .route(
            "/api/bots/{id}/knowledge-sources",
            get(knowledge::list).post(knowledge::create),
        )
        .route(
            "/api/knowledge-sources/{id}",
            get(knowledge::get).delete(knowledge::remove),
        )
        .route("/api/chat", post(chat::send))
        .route("/api/chat/history/{session_id}", get(chat::history))
        .route("/api/chats", get(chats::list).post(chats::create))
        .route("/api/chats/{id}", get(chats::get).delete(chats::remove))
        .route(
            "/api/chats/{id}/messages",
            get(chats::messages).post(chats::send),
        )
        .route("/api/chats/{id}/input", post(chats::input))
        .route("/hubs/chat/negotiate", post(hub::negotiate))
        .route("/hubs/chat", get(hub::connect))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(axum::middleware::from_fn(limits::headers))
        .layer(axum::middleware::from_fn(request_log::record))
        .layer(cors())
        .with_state(AppState {
            env,
            ctx: Arc::new(ctx),
        })
}

/// Credentials are bearer tokens, never cookies, so any origin may call; widgets are further
/// restricted by their `allowedOrigins` when a conversation starts.
fn cors() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([
            Method::GET,
            Method::POST,
            Method::PUT,
            Method::PATCH,
            Method::DELETE,
        ])
        .allow_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            HeaderName::from_static("x-api-key"),
            HeaderName::from_static("idempotency-key"),
        ])
        .expose_headers([
            header::RETRY_AFTER,
            HeaderName::from_static(limits::LIMIT_HEADER),
            HeaderName::from_static(limits::REMAINING_HEADER),
            HeaderName::from_static(limits::RESET_HEADER),
        ])
        .max_age(Duration::from_secs(24 * 3600))
}

async fn not_found(uri: axum::http::Uri) -> ApiError {
    ApiError::new(ErrorCode::NotFound, format!("no route for {}", uri.path()))
}

/// axum adds the `Allow` header listing the methods the path does take.
async fn method_not_allowed(method: Method, uri: axum::http::Uri) -> ApiError {
    ApiError::new(
        ErrorCode::MethodNotAllowed,
        format!("{} does not take {method}", uri.path()),
    )
}

/// A JSON body whose every rejection (bad JSON, wrong types, missing content type, too large)
/// is problem JSON.
pub struct Body<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Body<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> ApiResult<Self> {
        let axum::Json(value) = axum::Json::<T>::from_request(request, state).await?;
        Ok(Body(value))
    }
}

/// Query parameters whose rejections are problem JSON.
pub struct Params<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Params<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> ApiResult<Self> {
        let Query(value) = Query::<T>::from_request_parts(parts, state).await?;
        Ok(Params(value))
    }
}

/// A request that was read but failed its rules becomes a 422 with every field's errors.
pub fn valid(result: Result<(), FieldErrors>) -> ApiResult<()> {
    result.map_err(|errors| ApiError::validation("the request is not valid", errors))
}

/// A URL Parley will fetch (a knowledge page, a model endpoint) must be one the deployment's
/// host policy allows; otherwise the request is refused before anything is stored.
pub fn fetchable(env: &worker::Env, field: &str, url: Option<&str>) -> ApiResult<()> {
    let Some(url) = url else { return Ok(()) };
    let policy = crate::outbound::policy(env, crate::outbound::Purpose::Fetch);
    parley_shared_types::outbound::check(url, policy)
        .map(drop)
        .map_err(|why| {
            ApiError::validation(
                "the request is not valid",
                [(field.to_owned(), vec![format!("the URL {why}")])].into(),
            )
        })
}

/// This deployment's own origin, as the request reached it.
pub fn public_origin(uri: &Uri, headers: &HeaderMap) -> String {
    let host = uri.authority().map(|a| a.as_str().to_owned()).or_else(|| {
        headers
            .get("host")
            .and_then(|h| h.to_str().ok())
            .map(str::to_owned)
    });
    let scheme = uri.scheme_str().unwrap_or("https");
    host.map_or_else(String::new, |host| format!("{scheme}://{host}"))
}

/// Ids are UUIDs; anything else names nothing, so it is "not found".
pub fn parse_id(id: &str, what: &str) -> ApiResult<String> {
    uuid::Uuid::parse_str(id)
        .map(|uuid| uuid.hyphenated().to_string())
        .map_err(|_| ApiError::new(ErrorCode::NotFound, format!("no {what} {id:?}")))
}
