//! `/api/bots/{botId}/channels` and `/api/channels/{id}`: a bot's messaging platforms, and
//! the two routes the platforms call (`…/telegram`, `…/inbound`). Credentials are write-only.

use super::extract::{Admin, Agent, Body, RawBody, public_origin};
use super::list::Listing;
use super::problem::Problems;
use crate::AppState;
use crate::domain::channels;
use crate::error::ApiResult;
use crate::object_client::Outcome;
use axum::Json;
use axum::extract::Path;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::Response;
use parley_shared_types::channel::{Channel, ChannelInput, InboundAccepted, InboundMessage};
use parley_shared_types::page::{ListQuery, Page};
use parley_shared_types::webhook::SIGNATURE_HEADER;

#[utoipa::path(get, path = "/api/bots/{id}/channels", tag = "bots", operation_id = "listChannels", params(("id" = String, Path, description = "bot id"), ListQuery), responses((status = 200, body = Page<Channel>), Problems))]
#[worker::send]
pub async fn list(
    state: AppState,
    Agent(me): Agent,
    Path(bot_id): Path<String>,
    uri: Uri,
    headers: HeaderMap,
    listing: Listing,
) -> ApiResult<Response> {
    let origin = public_origin(&uri, &headers);
    let (rows, total) =
        channels::list(&state.env, &me.workspace_id, &bot_id, &listing.request()).await?;
    let data = rows
        .into_iter()
        .map(|row| channels::view(&origin, row))
        .collect();
    Ok(listing.page(data, total, |channel: &Channel| &channel.id))
}

/// Telegram: the token is checked with `getMe` and Parley's inbound URL registered with
/// `setWebhook`. Webhook: the answer carries the signing `secret`, shown this once.
#[utoipa::path(post, path = "/api/bots/{id}/channels", tag = "bots", operation_id = "createChannel", params(("id" = String, Path, description = "bot id")), request_body = ChannelInput, responses((status = 201, body = Channel), Problems))]
#[worker::send]
pub async fn create(
    state: AppState,
    Admin(me): Admin,
    Path(bot_id): Path<String>,
    uri: Uri,
    headers: HeaderMap,
    Body(input): Body<ChannelInput>,
) -> ApiResult<(StatusCode, Json<Channel>)> {
    let origin = public_origin(&uri, &headers);
    let channel = channels::create(&state.env, &me.workspace_id, &bot_id, input, &origin).await?;
    Ok((StatusCode::CREATED, Json(channel)))
}

#[utoipa::path(get, path = "/api/channels/{id}", tag = "bots", operation_id = "getChannel", params(("id" = String, Path, description = "channel id")), responses((status = 200, body = Channel), Problems))]
#[worker::send]
pub async fn get(
    state: AppState,
    Agent(me): Agent,
    Path(id): Path<String>,
    uri: Uri,
    headers: HeaderMap,
) -> ApiResult<Json<Channel>> {
    let row = channels::find(&state.env, &me.workspace_id, &id).await?;
    Ok(Json(channels::view(&public_origin(&uri, &headers), row)))
}

/// What is sent changes; a new `token` or `url` connects a disconnected channel again.
#[utoipa::path(patch, path = "/api/channels/{id}", tag = "bots", operation_id = "updateChannel", params(("id" = String, Path, description = "channel id")), request_body = ChannelInput, responses((status = 200, body = Channel), Problems))]
#[worker::send]
pub async fn update(
    state: AppState,
    Admin(me): Admin,
    Path(id): Path<String>,
    uri: Uri,
    headers: HeaderMap,
    Body(input): Body<ChannelInput>,
) -> ApiResult<Json<Channel>> {
    let origin = public_origin(&uri, &headers);
    let channel = channels::update(&state.env, &me.workspace_id, &id, input, &origin).await?;
    Ok(Json(channel))
}

/// The channel's conversations stay in the inbox.
#[utoipa::path(delete, path = "/api/channels/{id}", tag = "bots", operation_id = "deleteChannel", params(("id" = String, Path, description = "channel id")), responses((status = 204, description = "Deleted"), Problems))]
#[worker::send]
pub async fn remove(
    state: AppState,
    Admin(me): Admin,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    channels::remove(&state.env, &me.workspace_id, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Telegram's webhook (registered by Parley): an `Update`, proven by the
/// `X-Telegram-Bot-Api-Secret-Token` header. 200 for anything Telegram should not resend.
#[utoipa::path(post, path = "/api/channels/{id}/telegram", tag = "bots", operation_id = "telegramUpdate", security(()), params(("id" = String, Path, description = "channel id")), request_body(content = Value, description = "a Telegram Update"), responses((status = 200, description = "received"), Problems))]
#[worker::send]
pub async fn telegram_update(
    state: AppState,
    Path(id): Path<String>,
    headers: HeaderMap,
    RawBody(body): RawBody,
) -> ApiResult<Json<serde_json::Value>> {
    let secret = headers
        .get(channels::telegram::SECRET_HEADER)
        .and_then(|v| v.to_str().ok());
    channels::receive_telegram(&state.env, &*state.ctx, &id, secret, &body).await?;
    Ok(Json(serde_json::json!({"ok": true})))
}

/// A webhook channel's platform sends a message: signed with the channel's secret in
/// `Parley-Signature` (`t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`). 201 with the
/// stored message, or 200 with the earlier one when `messageId` repeats.
#[utoipa::path(post, path = "/api/channels/{id}/inbound", tag = "bots", operation_id = "channelInbound", security(()), params(("id" = String, Path, description = "channel id")), request_body = InboundMessage, responses((status = 201, body = InboundAccepted), (status = 200, description = "The message stored earlier under this messageId", body = InboundAccepted), Problems))]
#[worker::send]
pub async fn inbound(
    state: AppState,
    Path(id): Path<String>,
    headers: HeaderMap,
    RawBody(body): RawBody,
) -> ApiResult<(StatusCode, Json<InboundAccepted>)> {
    let signature = headers.get(SIGNATURE_HEADER).and_then(|v| v.to_str().ok());
    let (stored, conversation_id) =
        channels::receive_signed(&state.env, &*state.ctx, &id, signature, &body).await?;
    let status = match stored.outcome {
        Outcome::Created => StatusCode::CREATED,
        Outcome::Existing => StatusCode::OK,
    };
    Ok((
        status,
        Json(InboundAccepted {
            conversation_id,
            message: stored.value,
        }),
    ))
}
