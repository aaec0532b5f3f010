//! `POST /api/conversations/{id}/rating`: the conversation's visitor rates it.

use super::extract::Body;
use super::problem::Problems;
use crate::AppState;
use crate::auth::Caller;
use crate::domain;
use crate::error::ApiResult;
use axum::Json;
use axum::extract::Path;
use parley_shared_types::analytics::{ConversationRating, RateConversationRequest};

#[utoipa::path(post, path = "/api/conversations/{id}/rating", tag = "conversations", operation_id = "rateConversation", params(("id" = String, Path, description = "conversation id")), request_body = RateConversationRequest, responses((status = 200, body = ConversationRating), Problems))]
#[worker::send]
pub async fn rate(
    state: AppState,
    caller: Caller,
    Path(id): Path<String>,
    Body(request): Body<RateConversationRequest>,
) -> ApiResult<Json<ConversationRating>> {
    let rating = domain::ratings::rate(&state.env, &*state.ctx, &caller, &id, request).await?;
    Ok(Json(rating))
}
