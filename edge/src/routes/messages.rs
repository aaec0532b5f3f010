//! `/api/conversations/{id}/messages`: the ConversationRoom appends, assigns `seq` and fans out.

use super::AppState;
use crate::error::{ApiError, ApiResult};
use crate::limits;
use crate::rooms::{self, Outcome, Reply, RoomCommand};
use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use parley_shared_types::message::{Message, SendMessageRequest};
use parley_shared_types::problem::ErrorCode;

/// 201 with the new message, or 200 with the earlier one when `clientMessageId` repeats.
#[worker::send]
pub async fn create(
    State(state): State<AppState>,
    Path(conversation_id): Path<String>,
    headers: HeaderMap,
    body: Result<Json<SendMessageRequest>, JsonRejection>,
) -> ApiResult<(StatusCode, Json<Message>)> {
    limits::visitor(&state.env, &headers).await?;
    let conversation_id = parse_id(&conversation_id)?;
    let Json(message) = body?;
    message
        .validate()
        .map_err(|errors| ApiError::validation("the message is not valid", errors))?;
    let room = rooms::room(&state.env, &conversation_id)?;
    let reply: Reply<Message> = rooms::call(
        &room,
        &RoomCommand::Append {
            conversation_id,
            message,
        },
    )
    .await?;
    let status = match reply.outcome {
        Outcome::Created => StatusCode::CREATED,
        Outcome::Existing => StatusCode::OK,
    };
    Ok((status, Json(reply.value)))
}

/// Ids are UUIDs; anything else cannot name a conversation.
pub fn parse_id(id: &str) -> ApiResult<String> {
    uuid::Uuid::parse_str(id)
        .map(|uuid| uuid.hyphenated().to_string())
        .map_err(|_| ApiError::new(ErrorCode::NotFound, format!("no conversation {id:?}")))
}
