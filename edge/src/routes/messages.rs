//! `/api/conversations/{id}/messages`: the ConversationRoom appends, assigns `seq`, fans out
//! and keeps the D1 summary; these handlers decide who may and as whom.

use super::conversations::{take_over, visible};
use super::list::Listing;
use super::openapi::Problems;
use super::{Body, parse_id, valid};
use crate::AppState;
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::object_client::{self, Outcome, Reply, RoomCommand};
use crate::store::flag;
use crate::webhooks;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use parley_shared_types::conversation::ConversationStatus;
use parley_shared_types::message::{
    DEFAULT_MESSAGE_PAGE, Message, SendMessageRequest, Sender, SenderType,
};
use parley_shared_types::page::ListQuery;
use parley_shared_types::page::Page;
use parley_shared_types::problem::ErrorCode;
use parley_shared_types::webhook::WebhookEvent;

/// 201 with the new message, or 200 with the earlier one when `clientMessageId` repeats.
#[utoipa::path(post, path = "/api/conversations/{id}/messages", tag = "messages", operation_id = "sendMessage", params(("id" = String, Path, description = "conversation id")), request_body = SendMessageRequest, responses((status = 201, body = Message), (status = 200, description = "The message stored earlier under this clientMessageId", body = Message), Problems))]
#[worker::send]
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Body(request): Body<SendMessageRequest>,
) -> ApiResult<(StatusCode, Json<Message>)> {
    valid(request.validate())?;
    let conversation = visible(&state.env, &caller, &id).await?;
    let sender = sender_of(&caller);
    check_claimed_sender(&request, &sender)?;
    if conversation.status == ConversationStatus::Closed.as_str() {
        return Err(ApiError::new(
            ErrorCode::Conflict,
            "the conversation is closed; start a new one",
        ));
    }
    let bot_answers = flag(conversation.ai_active);
    if let (true, Caller::User(me)) = (bot_answers, &caller) {
        // An agent writing in a conversation a bot handles takes it over.
        take_over(&state.env, &*state.ctx, &conversation, None, Some(&me.id)).await?;
    }
    let workspace_id = conversation.workspace_id.clone();
    let command = RoomCommand::Append {
        workspace_id: conversation.workspace_id.clone(),
        conversation_id: conversation.id.clone(),
        sender,
        content: request.content,
        client_message_id: request.client_message_id,
        bot_id: conversation
            .bot_id
            .clone()
            .filter(|_| bot_answers && matches!(caller, Caller::Visitor(_))),
    };
    let reply: Reply<Message> = object_client::call(
        &object_client::room(&state.env, &conversation.id)?,
        &command,
    )
    .await?;
    let status = match reply.outcome {
        Outcome::Created => {
            let event = match reply.value.sender_type {
                SenderType::Visitor => WebhookEvent::MessageReceived,
                SenderType::Agent => WebhookEvent::MessageSent,
                SenderType::Ai => WebhookEvent::BotMessage,
            };
            webhooks::emit(&state.env, &*state.ctx, &workspace_id, event, &reply.value);
            StatusCode::CREATED
        }
        Outcome::Existing => StatusCode::OK,
    };
    Ok((status, Json(reply.value)))
}

/// `GET …/messages`: chronological pages; a `cursor` (message id) continues after it.
#[utoipa::path(get, path = "/api/conversations/{id}/messages", tag = "messages", operation_id = "listMessages", params(("id" = String, Path, description = "conversation id"), ListQuery), responses((status = 200, body = Page<Message>), Problems))]
#[worker::send]
pub async fn list(
    State(state): State<AppState>,
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
    State(state): State<AppState>,
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

/// Who the credentials say is writing.
pub fn sender_of(caller: &Caller) -> Sender {
    match caller {
        Caller::Visitor(visitor) => Sender {
            sender_type: SenderType::Visitor,
            sender_id: visitor.visitor_id.clone(),
        },
        Caller::User(user) => Sender {
            sender_type: SenderType::Agent,
            sender_id: user.id.clone(),
        },
    }
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
