//! Parley's edge: one Cloudflare Worker serving the REST API, the real-time hub and, through
//! the assets binding, the widget and admin UI. This file only hands requests to the router.

mod ai;
mod assignment;
mod auth;
mod cache;
mod clock;
mod error;
mod ids;
mod limits;
mod object_client;
mod outbound;
mod revocation;
mod rooms;
mod routes;
mod settings;
mod store;
mod webhooks;

pub use rooms::{
    conversation_room::ConversationRoom, rate_counter::RateCounter,
    webhook_dispatcher::WebhookDispatcher, workspace_inbox::WorkspaceInbox,
};

use tower_service::Service;
use worker::{Context, Env, HttpRequest, Result, event};

#[event(fetch)]
async fn fetch(
    req: HttpRequest,
    env: Env,
    ctx: Context,
) -> Result<axum::http::Response<axum::body::Body>> {
    Ok(routes::router(env, ctx).call(req).await?)
}
