//! The HTTP surface: one module per resource. Handlers that await JS futures use
//! `#[worker::send]`.

mod admin;
mod agent_loops;
mod analytics;
mod api_keys;
mod attachments;
mod auth;
mod billing;
mod bots;
mod canned_responses;
mod channels;
mod chat;
mod chats;
mod contacts;
mod conversations;
mod dev;
mod dialects;
mod extract;
mod follow_up;
mod health;
mod hub;
mod integrations;
mod knowledge;
mod labels;
mod list;
mod messages;
mod openapi;
mod problem;
mod rate_limit;
mod ratings;
mod request_log;
mod sub_accounts;
mod users;
mod webhooks;
mod widgets;

use crate::AppState;
use crate::error::ApiError;
use axum::Router;
use axum::http::{HeaderName, Method, header};
use axum::routing::{delete, get, patch, post, put};
use parley_shared_types::problem::ErrorCode;
use parley_shared_types::sub_account::RUN_AS_HEADER;
use std::sync::Arc;
use std::time::Duration;
use tower_http::cors::{AllowOrigin, CorsLayer};
use worker::{Context, Env};

/// The router, built once per isolate (a Worker isolate serves many requests, on one thread)
/// and cloned per request, which is a reference count: the request's state travels in its
/// extensions. A router given its state per request (`with_state`) rebuilt every route's
/// handler each time, a tenth of a message's CPU.
pub fn router(env: Env, ctx: Context, request: &mut worker::HttpRequest) -> Router {
    thread_local! {
        static ROUTES: Router = routes();
    }
    request.extensions_mut().insert(AppState {
        env,
        ctx: Arc::new(ctx),
    });
    ROUTES.with(Router::clone)
}

fn routes() -> Router {
    Router::new()
        .route("/auth/v1/signup", post(auth::sign_up))
        .route("/auth/v1/verify", post(auth::verify))
        .route("/auth/v1/token", post(auth::token))
        .route("/auth/v1/user", get(auth::current_user))
        .route("/api/health", get(health::get))
        .route(dev::DEV_OUTBOX_PATH, get(dev::outbox))
        .route(dev::DEV_CLOCK_PATH, put(dev::set_clock))
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
        .route(
            "/api/webhooks/{id}/rotate-secret",
            post(webhooks::rotate_secret),
        )
        .route("/api/users", get(users::list).post(users::create))
        .route(
            "/api/users/{id}",
            patch(users::update).delete(users::remove),
        )
        .route("/api/widgets", get(widgets::list).post(widgets::create))
        .route("/api/widgets/{id}", get(widgets::get).put(widgets::update))
        .route("/api/widgets/{id}/config", get(widgets::config))
        .route("/api/widgets/{id}/identity", post(widgets::check_identity))
        .route(
            "/api/widgets/{id}/identity-secret",
            post(widgets::rotate_identity_secret).delete(widgets::remove_identity_secret),
        )
        .route(
            "/api/conversations",
            get(conversations::list).post(conversations::start),
        )
        .route(
            "/api/conversations/{id}",
            get(conversations::get).delete(conversations::remove),
        )
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
            "/api/conversations/{id}/attachments",
            post(attachments::upload),
        )
        .route(
            "/api/conversations/{id}/follow-up",
            post(follow_up::subscribe),
        )
        .route("/api/widgets/{id}/resume", post(follow_up::resume))
        .route(
            "/api/follow-up/unsubscribe",
            get(follow_up::unsubscribe_page).post(follow_up::unsubscribe),
        )
        .route(
            "/api/conversations/{id}/attachments/{attachment_id}",
            get(attachments::download),
        )
        .route(
            "/api/conversations/{id}/messages/{message_id}/read",
            post(messages::mark_read),
        )
        .route(
            "/api/conversations/{id}/handoff",
            post(conversations::hand_off),
        )
        .route("/api/conversations/{id}/rating", post(ratings::rate))
        .route("/api/conversations/{id}/labels", post(labels::attach))
        .route(
            "/api/conversations/{id}/labels/{label_id}",
            delete(labels::detach),
        )
        .route("/api/labels", get(labels::list).post(labels::create))
        .route(
            "/api/labels/{id}",
            get(labels::get)
                .patch(labels::update)
                .delete(labels::remove),
        )
        .route(
            "/api/canned-responses",
            get(canned_responses::list).post(canned_responses::create),
        )
        .route(
            "/api/canned-responses/{id}",
            get(canned_responses::get)
                .patch(canned_responses::update)
                .delete(canned_responses::remove),
        )
        .route("/api/contacts", get(contacts::list))
        .route(
            "/api/contacts/{id}",
            get(contacts::get)
                .patch(contacts::update)
                .delete(contacts::remove),
        )
        .route("/api/contacts/{id}/export", get(contacts::export))
        .route(
            "/api/sub-accounts",
            get(sub_accounts::list).post(sub_accounts::create),
        )
        .route(
            "/api/sub-accounts/{id}",
            get(sub_accounts::get)
                .patch(sub_accounts::update)
                .delete(sub_accounts::remove),
        )
        .route("/api/v1/billing/plans", get(billing::plans))
        .route("/api/v1/billing/current", get(billing::current))
        .route("/api/v1/billing/checkout", post(billing::checkout))
        .route("/api/v1/billing/portal", post(billing::portal))
        .route("/api/v1/billing/add-agent", post(billing::add_agent))
        .route(
            "/api/v1/billing/remove-agent",
            delete(billing::remove_agent),
        )
        .route("/api/v1/billing/invoices", get(billing::invoices))
        .route(
            "/api/v1/billing/checkout/paymob",
            post(billing::checkout_paymob),
        )
        .route(
            "/api/v1/billing/checkout/fawry",
            post(billing::checkout_fawry),
        )
        .route(
            "/api/v1/billing/webhooks/stripe",
            post(billing::stripe_webhook),
        )
        .route(
            "/api/v1/billing/webhooks/paymob",
            post(billing::paymob_callback),
        )
        .route(
            "/api/v1/billing/webhooks/fawry",
            post(billing::fawry_notification),
        )
        .route("/api/analytics/bots/{bot_id}", get(analytics::bot))
        .route("/api/analytics/agents", get(analytics::agents))
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
        .route("/api/bots/{id}/conversations", get(conversations::of_bot))
        .route(
            "/api/bots/{id}/integrations",
            get(integrations::list).post(integrations::create),
        )
        .route(
            "/api/bots/{id}/channels",
            get(channels::list).post(channels::create),
        )
        .route(
            "/api/channels/{id}",
            get(channels::get)
                .patch(channels::update)
                .delete(channels::remove),
        )
        .route(
            "/api/channels/{id}/telegram",
            post(channels::telegram_update),
        )
        .route("/api/channels/{id}/inbound", post(channels::inbound))
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
            get(knowledge::get)
                .put(knowledge::replace)
                .delete(knowledge::remove),
        )
        .route("/api/knowledge-sources/{id}/chunks", get(knowledge::chunks))
        .route(
            "/api/agent-loops",
            get(agent_loops::list).post(agent_loops::create),
        )
        .route(
            "/api/agent-loops/{id}",
            get(agent_loops::get)
                .patch(agent_loops::update)
                .delete(agent_loops::remove),
        )
        .route("/api/agent-loops/{id}/run", post(agent_loops::run))
        .route(
            "/api/agent-loops/{id}/executions",
            get(agent_loops::executions),
        )
        .route(
            "/api/agent-loops/{id}/executions/{execution_id}",
            get(agent_loops::execution),
        )
        .route(
            "/api/agent-loops/{id}/executions/{execution_id}/cancel",
            post(agent_loops::cancel),
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
        .nest("/v1", dialects::routes())
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(axum::middleware::from_fn(rate_limit::headers))
        .layer(axum::middleware::from_fn(request_log::record))
        .layer(cors())
}

/// Credentials are bearer tokens, never cookies, so any origin may call; widgets are further
/// restricted by their `allowedOrigins` when a conversation starts. The origin is echoed and
/// credentials allowed because browser SignalR clients send `withCredentials: true` by
/// default; with no cookie set by Parley, that lets nothing more through.
fn cors() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(AllowOrigin::mirror_request())
        .allow_credentials(true)
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
            // ChatBotKit's Partner API: act in a sub-account.
            HeaderName::from_static(RUN_AS_HEADER),
            // What browser SignalR clients add to every negotiate request.
            HeaderName::from_static("x-requested-with"),
            HeaderName::from_static("x-signalr-user-agent"),
        ])
        .expose_headers([
            header::RETRY_AFTER,
            HeaderName::from_static(rate_limit::LIMIT_HEADER),
            HeaderName::from_static(rate_limit::REMAINING_HEADER),
            HeaderName::from_static(rate_limit::RESET_HEADER),
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
