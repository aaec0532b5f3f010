//! `/api/conversations/{id}/messages`: the ConversationRoom appends, assigns `seq`, fans out
//! and keeps the D1 summary; these handlers decide who may and as whom.

use super::extract::{Body, valid};
use super::list::Listing;
use super::problem::Problems;
use crate::AppState;
use crate::auth::Caller;
use crate::domain::conversations::{sender_of, visible, workspace_to_write_in};
use crate::error::{ApiError, ApiResult};
use crate::ids::parse_id;
use crate::object_client::{self, Outcome, Reply, RoomCommand};
use axum::Json;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use parley_shared_types::message::{DEFAULT_MESSAGE_PAGE, Message, SendMessageRequest, Sender};
use parley_shared_types::page::ListQuery;
use parley_shared_types::page::Page;
use parley_shared_types::problem::ErrorCode;

/// 201 with the new message, or 200 with the earlier one when `clientMessageId` repeats.
/// `"private": true` makes it a note for the team (users and API keys; a visitor gets 403).
#[utoipa::path(post, path = "/api/conversations/{id}/messages", tag = "messages", operation_id = "sendMessage", params(("id" = String, Path, description = "conversation id")), request_body = SendMessageRequest, responses((status = 201, body = Message), (status = 200, description = "The message stored earlier under this clientMessageId", body = Message), Problems))]
#[worker::send]
pub async fn create(
    state: AppState,
    caller: Caller,
    Path(id): Path<String>,
    Body(request): Body<SendMessageRequest>,
) -> ApiResult<(StatusCode, Json<Message>)> {
    valid(request.validate())?;
    let sender = sender_of(&caller);
    check_claimed_sender(&request, &sender)?;
    let conversation_id = parse_id(&id, "conversation")?;
    let workspace_id = workspace_to_write_in(&state.env, &caller, &conversation_id).await?;
    let command = RoomCommand::Send {
        workspace_id,
        conversation_id: conversation_id.clone(),
        sender,
        request,
    };
    let reply: Reply<Message> = object_client::call(
        &object_client::room(&state.env, &conversation_id)?,
        &command,
    )
    .await?;
    let status = match reply.outcome {
        Outcome::Created => StatusCode::CREATED,
        Outcome::Existing => StatusCode::OK,
    };
    Ok((status, Json(reply.value)))
}

/// `GET …/messages`: chronological pages; a `cursor` (message id) continues after it. The
/// team reads private notes too; a visitor never does (nor counts them in `total`).
#[utoipa::path(get, path = "/api/conversations/{id}/messages", tag = "messages", operation_id = "listMessages", params(("id" = String, Path, description = "conversation id"), ListQuery), responses((status = 200, body = Page<Message>), Problems))]
#[worker::send]
pub async fn list(
    state: AppState,
    caller: Caller,
    Path(id): Path<String>,
    listing: Listing<DEFAULT_MESSAGE_PAGE>,
) -> ApiResult<Response> {
    let conversation = visible(&state.env, &caller, &id).await?;
    let request = listing.request();
    let command = RoomCommand::List {
        conversation_id: conversation.id.clone(),
        page: request.page.page,
        limit: request.page.limit,
        after: request.cursor,
        with_notes: matches!(caller, Caller::User(_)),
    };
    let page: Page<Message> = object_client::call(
        &object_client::room(&state.env, &conversation.id)?,
        &command,
    )
    .await?;
    Ok(listing.page(page.data, page.total, |m: &Message| &m.id))
}

/// `POST …/messages/{messageId}/read`: a read receipt, by the other side of the conversation
/// (agents in the seed; visitors too, so agents see their replies were read). The room tells
/// every socket with `MessageRead`.
#[utoipa::path(post, path = "/api/conversations/{id}/messages/{message_id}/read", tag = "messages", operation_id = "markMessageRead", params(("id" = String, Path, description = "conversation id"), ("message_id" = String, Path, description = "message id")), responses((status = 200, body = Message), Problems))]
#[worker::send]
pub async fn mark_read(
    state: AppState,
    caller: Caller,
    Path((id, message_id)): Path<(String, String)>,
) -> ApiResult<Json<Message>> {
    let conversation = visible(&state.env, &caller, &id).await?;
    let message_id = parse_id(&message_id, "message")?;
    let command = RoomCommand::MarkRead {
        workspace_id: conversation.workspace_id.clone(),
        conversation_id: conversation.id.clone(),
        message_id,
        reader: sender_of(&caller),
    };
    Ok(Json(
        object_client::call(
            &object_client::room(&state.env, &conversation.id)?,
            &command,
        )
        .await?,
    ))
}

/// The seed lets clients name the sender; they may, but only as themselves.
fn check_claimed_sender(request: &SendMessageRequest, sender: &Sender) -> ApiResult<()> {
    let type_differs = request
        .sender_type
        .is_some_and(|claimed| claimed != sender.sender_type);
    let id_differs = request
        .sender_id
        .as_ref()
        .is_some_and(|claimed| claimed != &sender.sender_id);
    if type_differs || id_differs {
        return Err(ApiError::new(
            ErrorCode::Forbidden,
            format!(
                "these credentials send as {} {}; senderType and senderId must match them",
                sender.sender_type.as_str(),
                sender.sender_id
            ),
        ));
    }
    Ok(())
}
