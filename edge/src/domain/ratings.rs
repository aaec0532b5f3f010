//! A visitor rates their conversation 1–5 (with an optional comment), once, and may change it
//! for [`RATING_CHANGE_WINDOW_SECS`]; the rating counts in the bot's and the agent's
//! analytics, goes to webhooks as `conversation.rated` and to the agents' feed.

use super::conversations::own_visitor;
use crate::auth::Caller;
use crate::clock::now_rfc3339;
use crate::error::{ApiError, ApiResult};
use crate::ids::parse_id;
use crate::store::{self, analytics, analytics::Rerating};
use crate::webhooks::{self, Defer};
use chrono::{DateTime, Duration};
use parley_shared_types::analytics::{
    ConversationRating, RATING_CHANGE_WINDOW_SECS, RateConversationRequest, rating_problem,
};
use parley_shared_types::problem::ErrorCode;
use parley_shared_types::webhook::WebhookEvent;
use worker::Env;

pub async fn rate(
    env: &Env,
    defer: &dyn Defer,
    caller: &Caller,
    id: &str,
    request: RateConversationRequest,
) -> ApiResult<ConversationRating> {
    let id = parse_id(id, "conversation")?;
    let visitor = own_visitor(
        caller,
        &id,
        "only the conversation's visitor rates it (with the visitor token)",
    )?;
    if let Some(problem) = rating_problem(&request) {
        return Err(ApiError::new(ErrorCode::ValidationFailed, problem));
    }
    let workspace_id = visitor.workspace_id.as_str();
    let db = store::db(env)?;
    let current = analytics::rating(&db, workspace_id, &id)
        .await?
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound, format!("no conversation {id}")))?;
    let now = now_rfc3339();
    let rated_at = current.rated_at.unwrap_or_else(|| now.clone());
    let changeable_until = changeable_until(&rated_at)?;
    if changeable_until < now {
        return Err(ApiError::new(
            ErrorCode::Conflict,
            format!(
                "this conversation was rated at {rated_at}; a rating can be changed only until {changeable_until}"
            ),
        ));
    }
    let comment = request
        .comment
        .map(|c| c.trim().to_owned())
        .filter(|c| !c.is_empty());
    let change = Rerating {
        workspace_id,
        id: &id,
        from: current.rating.and_then(|r| u8::try_from(r).ok()),
        to: request.score,
        comment: comment.as_deref(),
        rated_at: &rated_at,
    };
    if !analytics::rate(&db, &change).await? {
        return Err(ApiError::new(
            ErrorCode::Conflict,
            "the rating changed meanwhile; read it and try again",
        ));
    }
    let rating = ConversationRating {
        conversation_id: id,
        score: request.score,
        comment,
        rated_at,
        changeable_until,
    };
    webhooks::emit(
        env,
        defer,
        workspace_id,
        WebhookEvent::ConversationRated,
        &rating,
    );
    // Agents with the conversation open see the rating arrive; a failed announcement does not
    // undo the stored rating.
    let announced =
        super::conversations::announce(env, workspace_id, &rating.conversation_id, None);
    if let Err(e) = announced.await {
        worker::console_warn!("rating not announced to the inbox: {e}");
    }
    Ok(rating)
}

/// RFC 3339 UTC, as the clock writes it, so the text compares as the time.
fn changeable_until(rated_at: &str) -> ApiResult<String> {
    let rated = DateTime::parse_from_rfc3339(rated_at).map_err(ApiError::internal)?;
    let until = rated.to_utc() + Duration::seconds(RATING_CHANGE_WINDOW_SECS as i64);
    Ok(until.to_rfc3339_opts(chrono::SecondsFormat::Millis, true))
}
