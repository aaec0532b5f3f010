//! Parley's edge: one Cloudflare Worker serving the REST API, the real-time hub and, through
//! the assets binding, the widget and admin UI. This file only hands requests to the router.

mod ai;
mod auth;
mod cache;
mod clock;
mod crypto;
mod domain;
mod email;
mod error;
mod ids;
mod limits;
mod object_client;
mod outbound;
mod payments;
mod revocation;
mod rooms;
mod routes;
mod settings;
mod store;
mod webhooks;

pub use rooms::{
    agent_loop_runner::AgentLoopRunner, conversation_room::ConversationRoom,
    rate_counter::RateCounter, webhook_dispatcher::WebhookDispatcher,
    workspace_inbox::WorkspaceInbox,
};

use std::sync::Arc;
use tower_service::Service;
use worker::{Context, Env, HttpRequest, Result, event};

/// What every handler is given: the Worker's bindings and the request's context. Only the
/// HTTP layer (`routes/`) sees it; below, functions take the `Env` and, to defer work, the
/// context.
#[derive(Clone)]
pub struct AppState {
    pub env: Env,
    /// The request's context: work handed to its `wait_until` outlives the response.
    pub ctx: Arc<Context>,
}

#[event(fetch)]
async fn fetch(
    req: HttpRequest,
    env: Env,
    ctx: Context,
) -> Result<axum::http::Response<axum::body::Body>> {
    let mut req = req;
    Ok(routes::router(env, ctx, &mut req).call(req).await?)
}
