//! The HTTP surface: one module per resource. Handlers that await JS futures use
//! `#[worker::send]`.

mod health;
mod hub;
mod messages;

use crate::error::ApiError;
use axum::Router;
use axum::routing::{get, post};
use parley_shared_types::problem::ErrorCode;
use worker::Env;

#[derive(Clone)]
pub struct AppState {
    pub env: Env,
}

pub fn router(env: Env) -> Router {
    Router::new()
        .route("/api/health", get(health::get))
        .route("/api/conversations/{id}/messages", post(messages::create))
        .route("/hubs/chat/negotiate", post(hub::negotiate))
        .route("/hubs/chat", get(hub::connect))
        .fallback(not_found)
        .with_state(AppState { env })
}

async fn not_found(uri: axum::http::Uri) -> ApiError {
    ApiError::new(ErrorCode::NotFound, format!("no route for {}", uri.path()))
}
