//! `/hubs/chat`: the SignalR-compatible real-time hub. Negotiation is answered here; the
//! WebSocket itself is handed to the conversation's room, which accepts it hibernatable.

use super::AppState;
use super::messages::parse_id;
use crate::error::{ApiError, ApiResult};
use crate::rooms;
use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, Request, State};
use axum::response::Response;
use parley_shared_types::hub::NegotiateResponse;
use parley_shared_types::problem::ErrorCode;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HubQuery {
    conversation_id: String,
}

/// `POST /hubs/chat/negotiate`: WebSockets only, negotiate version 1 (what SignalR clients ask).
pub async fn negotiate() -> Json<NegotiateResponse> {
    let connection_id = uuid::Uuid::new_v4().to_string();
    let connection_token = uuid::Uuid::new_v4().to_string();
    Json(NegotiateResponse::websockets_only(
        connection_id,
        connection_token,
    ))
}

/// `GET /hubs/chat?conversationId=…` with `Upgrade: websocket`.
#[worker::send]
pub async fn connect(
    State(state): State<AppState>,
    query: Result<Query<HubQuery>, QueryRejection>,
    request: Request,
) -> ApiResult<Response> {
    let Query(query) = query?;
    let conversation_id = parse_id(&query.conversation_id)?;
    let upgrade = request
        .headers()
        .get("upgrade")
        .and_then(|v| v.to_str().ok());
    if !upgrade.is_some_and(|v| v.eq_ignore_ascii_case("websocket")) {
        return Err(ApiError::new(
            ErrorCode::ValidationFailed,
            "the hub speaks WebSocket: send Upgrade: websocket",
        ));
    }
    let room = rooms::room(&state.env, &conversation_id)?;
    let response = room
        .fetch_with_request(worker::Request::try_from(request)?)
        .await?;
    Ok(Response::from(response))
}
