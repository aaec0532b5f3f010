//! What a channel's platform sends Parley: Telegram's updates and a webhook channel's signed
//! messages, each stored as the platform user's message in their conversation.

use super::telegram;
use crate::clock::now_millis;
use crate::crypto;
use crate::domain::conversations::{self, Opening};
use crate::domain::widgets::public_widget;
use crate::error::{ApiError, ApiResult};
use crate::ids::{new_id, parse_id};
use crate::object_client::{self, ChannelLink, Reply, RoomCommand};
use crate::store::{self, channels, channels::ChannelRow, conversations as stored};
use crate::webhooks::Defer;
use parley_shared_types::channel::{ChannelKind, InboundMessage};
use parley_shared_types::contact::Identity;
use parley_shared_types::conversation::ConversationStatus;
use parley_shared_types::message::{MAX_MESSAGE_CHARS, Message, SendMessageRequest, Sender};
use parley_shared_types::problem::ErrorCode;
use parley_shared_types::webhook::SIGNATURE_HEADER;
use serde_json::{Map, Value};
use worker::Env;

/// How far a signed inbound request's timestamp may be from now.
const SIGNATURE_TOLERANCE_SECS: u64 = 300;

/// `POST /api/channels/{id}/telegram`: an update Telegram sends, proven by the secret token
/// Parley registered. Anything but a text message is acknowledged and ignored.
pub async fn receive_telegram(
    env: &Env,
    defer: &dyn Defer,
    id: &str,
    secret_token: Option<&str>,
    body: &str,
) -> ApiResult<()> {
    let row = channel_for_platform(env, id, ChannelKind::Telegram).await?;
    if !secret_token.is_some_and(|given| same_secret(given, &row.secret)) {
        return Err(ApiError::new(
            ErrorCode::Unauthorized,
            "the X-Telegram-Bot-Api-Secret-Token header does not match this channel",
        ));
    }
    let update: telegram::Update = serde_json::from_str(body)
        .map_err(|e| ApiError::new(ErrorCode::BadRequest, format!("not a Telegram update: {e}")))?;
    let Some(written) = update.written() else {
        return Ok(());
    };
    let mut metadata = Map::new();
    if let Some(name) = written.name {
        metadata.insert("name".into(), name.into());
    }
    if let Some(username) = written.username {
        metadata.insert("telegram".into(), format!("@{username}").into());
    }
    let text: String = written.text.chars().take(MAX_MESSAGE_CHARS).collect();
    let from = PlatformUser {
        external_id: written.chat_id,
        metadata,
    };
    receive(env, defer, &row, from, text, written.key).await?;
    Ok(())
}

/// `POST /api/channels/{id}/inbound`: a message from a webhook channel's platform, signed
/// with the channel's secret (`Parley-Signature`, as Parley signs its own webhooks).
pub async fn receive_signed(
    env: &Env,
    defer: &dyn Defer,
    id: &str,
    signature_header: Option<&str>,
    body: &str,
) -> ApiResult<(Reply<Message>, String)> {
    let row = channel_for_platform(env, id, ChannelKind::Webhook).await?;
    // Platforms sign with the real time, whatever a development clock says.
    let real_now = (now_millis() / 1000.0) as u64;
    crypto::verify_timestamped_signature(
        signature_header.unwrap_or(""),
        body,
        &row.secret,
        real_now,
        SIGNATURE_TOLERANCE_SECS,
    )
    .map_err(|why| {
        ApiError::new(
            ErrorCode::Unauthorized,
            format!("the {SIGNATURE_HEADER} header {why}"),
        )
    })?;
    let message: InboundMessage = serde_json::from_str(body)
        .map_err(|e| ApiError::new(ErrorCode::BadRequest, format!("the body is not valid: {e}")))?;
    message
        .validate()
        .map_err(|errors| ApiError::validation("the request is not valid", errors))?;
    let mut metadata = Map::new();
    for (key, value) in [("name", &message.name), ("email", &message.email)] {
        if let Some(value) = value {
            metadata.insert(key.into(), value.clone().into());
        }
    }
    let key = message
        .message_id
        .map_or_else(new_id, |id| format!("webhook-{id}"));
    let from = PlatformUser {
        external_id: message.user_id,
        metadata,
    };
    receive(env, defer, &row, from, message.text, key).await
}

/// The person writing on the platform, and what Parley learns of them.
struct PlatformUser {
    external_id: String,
    metadata: Map<String, Value>,
}

/// Stores the platform user's message in their latest conversation on this channel, or a new
/// one when there is none or it is closed and its widget does not reopen on a reply. The
/// room learns where replies go first. Answers the message and its conversation's id.
async fn receive(
    env: &Env,
    defer: &dyn Defer,
    row: &ChannelRow,
    from: PlatformUser,
    text: String,
    key: String,
) -> ApiResult<(Reply<Message>, String)> {
    let db = store::db(env)?;
    let widget = public_widget(env, &row.widget_id).await?;
    let visitor_id = format!("{}:{}", row.id, from.external_id);
    let latest = stored::latest_of_visitor(&db, &row.workspace_id, &visitor_id).await?;
    let continues = |c: &stored::ConversationRow| {
        c.status != ConversationStatus::Closed.as_str() || widget.reopen_on_reply()
    };
    let conversation_id = match latest.filter(continues) {
        Some(conversation) => conversation.id,
        None => {
            let opening = Opening {
                visitor_id: visitor_id.clone(),
                channel: row.kind().as_str(),
                // The platform vouches for nobody: a channel's people are never verified.
                identity: Identity::from_metadata(&from.metadata),
                metadata: from.metadata,
                bot_id: Some(row.bot_id.clone()),
            };
            conversations::open(env, defer, &widget, opening).await?.id
        }
    };
    let room = object_client::room(env, &conversation_id)?;
    let link = ChannelLink {
        workspace_id: row.workspace_id.clone(),
        channel_id: row.id.clone(),
        external_id: from.external_id,
    };
    object_client::call::<_, ()>(&room, &RoomCommand::LinkChannel { link }).await?;
    let request = SendMessageRequest {
        client_message_id: Some(key),
        ..SendMessageRequest::text(text)
    };
    let command = RoomCommand::Send {
        workspace_id: row.workspace_id.clone(),
        conversation_id: conversation_id.clone(),
        sender: Sender {
            sender_type: parley_shared_types::message::SenderType::Visitor,
            sender_id: visitor_id,
        },
        request,
    };
    let stored: Reply<Message> = object_client::call(&room, &command).await?;
    Ok((stored, conversation_id))
}

/// The channel a platform writes to, of the kind its path names, if it is active.
async fn channel_for_platform(env: &Env, id: &str, kind: ChannelKind) -> ApiResult<ChannelRow> {
    let id = parse_id(id, "channel")?;
    let row = channels::find_for_platform(&store::db(env)?, &id)
        .await?
        .filter(|row| row.kind() == kind)
        .ok_or_else(|| {
            ApiError::new(
                ErrorCode::NotFound,
                format!("no {} channel {id}", kind.as_str()),
            )
        })?;
    if !row.is_active() {
        return Err(ApiError::new(
            ErrorCode::Conflict,
            "the channel is disconnected: update its credentials to connect it again",
        ));
    }
    Ok(row)
}

fn same_secret(given: &str, expected: &str) -> bool {
    use subtle::ConstantTimeEq;
    bool::from(given.as_bytes().ct_eq(expected.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_compare_whole() {
        assert!(same_secret("abc", "abc"));
        assert!(!same_secret("ab", "abc"));
    }
}
