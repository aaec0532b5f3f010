//! Channels: a bot's conversations from messaging platforms. A message from a platform user
//! opens (or continues) their conversation, filed under the channel's widget and answered by
//! the channel's bot like a widget conversation; the room then hands every reply of the team
//! or the bot to [`deliver`], retrying what may pass later and marking in the conversation
//! what never will. A platform that refuses the channel's credentials disconnects it.

pub mod telegram;

use super::conversations::{self, Opening};
use super::widgets::public_widget;
use crate::clock::{now_millis, now_rfc3339};
use crate::crypto;
use crate::error::{ApiError, ApiResult};
use crate::ids::{new_id, new_secret, parse_id};
use crate::object_client::{self, ChannelLink, Reply, RoomCommand};
use crate::outbound::{self, Purpose};
use crate::settings;
use crate::store::{self, channels, channels::ChannelRow, conversations as stored, widgets};
use crate::webhooks::{self, Defer, signature};
use parley_shared_types::channel::{
    Channel, ChannelInput, ChannelKind, ChannelStatus, InboundMessage, OutboundMessage,
};
use parley_shared_types::contact::Identity;
use parley_shared_types::conversation::ConversationStatus;
use parley_shared_types::message::{MAX_MESSAGE_CHARS, Message, SendMessageRequest, Sender};
use parley_shared_types::page::ListRequest;
use parley_shared_types::problem::ErrorCode;
use parley_shared_types::webhook::{SIGNATURE_HEADER, WebhookEvent};
use serde_json::{Map, Value, json};
use std::time::Duration;
use telegram::Answer;
use worker::{Env, Headers, Method, Request, RequestInit, Url};

/// A platform that has not answered by then counts as failed (and is retried).
const PLATFORM_TIMEOUT: Duration = Duration::from_secs(15);
/// How far a signed inbound request's timestamp may be from now.
const SIGNATURE_TOLERANCE_SECS: u64 = 300;
/// Telegram's longest message; a longer reply goes in pieces.
const TELEGRAM_MAX_CHARS: usize = 4096;

/// What became of one reply's delivery.
#[derive(Debug, PartialEq)]
pub enum Delivery {
    Sent,
    /// Worth another attempt, after `after_ms` when the platform said.
    Retry {
        why: String,
        after_ms: Option<u64>,
    },
    /// It will never pass: the room marks it failed in the conversation.
    Failed(String),
}

/// A channel of the workspace, or 404.
pub async fn find(env: &Env, workspace_id: &str, id: &str) -> ApiResult<ChannelRow> {
    let id = parse_id(id, "channel")?;
    channels::find(&store::db(env)?, workspace_id, &id)
        .await?
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound, format!("no channel {id}")))
}

/// Where the channel's platform sends messages, on this deployment's `origin`.
pub fn inbound_url(origin: &str, row: &ChannelRow) -> String {
    let path = match row.kind() {
        ChannelKind::Telegram => "telegram",
        ChannelKind::Webhook => "inbound",
    };
    format!("{origin}/api/channels/{}/{path}", row.id)
}

pub fn view(origin: &str, row: ChannelRow) -> Channel {
    let inbound_url = inbound_url(origin, &row);
    row.into_channel(inbound_url)
}

/// A bot's channels (the bot must be the workspace's).
pub async fn list(
    env: &Env,
    workspace_id: &str,
    bot_id: &str,
    list: &ListRequest,
) -> ApiResult<(Vec<ChannelRow>, u64)> {
    let bot = super::bots::find(env, workspace_id, bot_id).await?;
    channels::of_bot(&store::db(env)?, workspace_id, &bot.id, list).await
}

/// Connects a bot to a platform: a Telegram token is checked with `getMe` and Parley's
/// inbound URL registered with `setWebhook`; a webhook channel gets its signing secret,
/// shown in this answer only.
pub async fn create(
    env: &Env,
    workspace_id: &str,
    bot_id: &str,
    input: ChannelInput,
    origin: &str,
) -> ApiResult<Channel> {
    let Some(kind) = input.kind else {
        return Err(invalid("kind", "is required: telegram or webhook"));
    };
    check(env, &input, kind, true)?;
    let bot = super::bots::find(env, workspace_id, bot_id).await?;
    let widget_id = widget_for(env, workspace_id, &bot.id, input.widget_id.as_deref()).await?;
    let now = now_rfc3339();
    let mut row = ChannelRow {
        id: new_id(),
        workspace_id: workspace_id.to_owned(),
        bot_id: bot.id,
        widget_id,
        kind: kind.as_str().into(),
        name: input.name.clone().unwrap_or_else(|| default_name(kind)),
        token: input.token.clone(),
        // Hex: within Telegram's secret_token alphabet (`A-Z a-z 0-9 _ -`).
        secret: new_secret(),
        url: input.url.clone(),
        platform_username: None,
        status: ChannelStatus::Active.as_str().into(),
        status_reason: None,
        created_at: now.clone(),
        updated_at: now,
    };
    connect(env, &mut row, origin).await?;
    channels::insert(&store::db(env)?, &row).await?;
    let secret = (kind == ChannelKind::Webhook).then(|| row.secret.clone());
    Ok(Channel {
        secret,
        ..view(origin, row)
    })
}

/// Changes what is sent; new credentials (or a new URL) connect a disconnected channel again.
pub async fn update(
    env: &Env,
    workspace_id: &str,
    id: &str,
    input: ChannelInput,
    origin: &str,
) -> ApiResult<Channel> {
    let mut row = find(env, workspace_id, id).await?;
    if input.kind.is_some_and(|kind| kind != row.kind()) {
        return Err(invalid(
            "kind",
            "cannot change: create a channel of the other kind",
        ));
    }
    check(env, &input, row.kind(), false)?;
    if let Some(widget_id) = input.widget_id.as_deref() {
        row.widget_id = widget_for(env, workspace_id, &row.bot_id, Some(widget_id)).await?;
    }
    if let Some(name) = input.name {
        row.name = name;
    }
    let reconnects = input.token.is_some() || input.url.is_some();
    if input.token.is_some() {
        row.token = input.token;
    }
    if input.url.is_some() {
        row.url = input.url;
    }
    if reconnects {
        connect(env, &mut row, origin).await?;
    }
    row.updated_at = now_rfc3339();
    channels::update(&store::db(env)?, &row).await?;
    Ok(view(origin, row))
}

/// Deletes the channel (Telegram stops sending to Parley); its conversations stay.
pub async fn remove(env: &Env, workspace_id: &str, id: &str) -> ApiResult<()> {
    let row = find(env, workspace_id, id).await?;
    if let (ChannelKind::Telegram, Some(token)) = (row.kind(), &row.token)
        && let Err(why) = call_telegram(env, token, "deleteWebhook", &json!({})).await
    {
        worker::console_warn!("channel {}: deleteWebhook: {why:?}", row.id);
    }
    channels::delete(&store::db(env)?, workspace_id, &row.id).await
}

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

/// Sends one reply to the platform user of `link`. A platform refusing the credentials
/// disconnects the channel (and `channel.disconnected` goes to the webhooks).
pub async fn deliver(
    env: &Env,
    defer: &dyn Defer,
    link: &ChannelLink,
    message: &Message,
) -> Delivery {
    let found = match store::db(env) {
        Ok(db) => channels::find(&db, &link.workspace_id, &link.channel_id).await,
        Err(e) => Err(e),
    };
    let row = match found {
        Ok(Some(row)) => row,
        Ok(None) => return Delivery::Failed("the channel was deleted".into()),
        Err(e) => {
            return Delivery::Retry {
                why: e.to_string(),
                after_ms: None,
            };
        }
    };
    if !row.is_active() {
        let why = row.status_reason.as_deref().unwrap_or("disconnected");
        return Delivery::Failed(format!("the channel is disconnected ({why})"));
    }
    let refused = match row.kind() {
        ChannelKind::Telegram => {
            send_to_telegram(env, &row, &link.external_id, &message.content).await
        }
        ChannelKind::Webhook => send_to_receiver(env, &row, link, message).await,
    };
    match refused {
        Err(Refusal::Credentials(why)) => {
            disconnect(env, defer, &row, &why).await;
            Delivery::Failed(format!("{why}; the channel is now disconnected"))
        }
        Err(Refusal::Transient { why, after_ms }) => Delivery::Retry { why, after_ms },
        Err(Refusal::Final(why)) => Delivery::Failed(why),
        Ok(()) => Delivery::Sent,
    }
}

/// Why a platform did not take a request.
#[derive(Debug)]
enum Refusal {
    Credentials(String),
    Transient { why: String, after_ms: Option<u64> },
    Final(String),
}

async fn send_to_telegram(
    env: &Env,
    row: &ChannelRow,
    chat_id: &str,
    text: &str,
) -> Result<(), Refusal> {
    let token = row
        .token
        .as_deref()
        .ok_or_else(|| Refusal::Credentials("the channel has no Telegram token".into()))?;
    for piece in pieces(text, TELEGRAM_MAX_CHARS) {
        call_telegram(
            env,
            token,
            "sendMessage",
            &telegram::send_message_body(chat_id, &piece),
        )
        .await?;
    }
    Ok(())
}

/// POSTs the reply to the webhook channel's receiver, signed with the channel's secret.
async fn send_to_receiver(
    env: &Env,
    row: &ChannelRow,
    link: &ChannelLink,
    message: &Message,
) -> Result<(), Refusal> {
    let url = row
        .url
        .as_deref()
        .ok_or_else(|| Refusal::Final("the channel has no URL".into()))?;
    let body = serde_json::to_string(&OutboundMessage {
        channel_id: row.id.clone(),
        conversation_id: message.conversation_id.clone(),
        user_id: link.external_id.clone(),
        message: message.clone(),
    })
    .map_err(|e| Refusal::Final(e.to_string()))?;
    let real_now = (now_millis() / 1000.0) as u64;
    let signed = signature(&row.secret, real_now, &body);
    let policy = outbound::policy(env, Purpose::Webhook);
    let status = outbound::send(url, policy, false, PLATFORM_TIMEOUT, |url| {
        json_request(url, &body, Some(&signed))
    })
    .await
    .map_err(|why| Refusal::Transient {
        why: format!("could not deliver: {why}"),
        after_ms: None,
    })?
    .status_code();
    match status {
        200..=299 => Ok(()),
        401 | 403 => Err(Refusal::Credentials(format!(
            "the receiver refused Parley's signature (HTTP {status})"
        ))),
        408 | 429 | 500..=599 => Err(Refusal::Transient {
            why: format!("the receiver answered HTTP {status}"),
            after_ms: None,
        }),
        _ => Err(Refusal::Final(format!(
            "the receiver answered HTTP {status}"
        ))),
    }
}

/// Calls a Bot API method; its answer sorted into what it means for the channel.
async fn call_telegram(
    env: &Env,
    token: &str,
    method: &str,
    body: &Value,
) -> Result<Value, Refusal> {
    let base = settings::text(env, "TELEGRAM_API_BASE", telegram::DEFAULT_API_BASE);
    let url = telegram::method_url(&base, token, method);
    let body = body.to_string();
    let policy = outbound::policy(env, Purpose::Fetch);
    let mut response = outbound::send(&url, policy, false, PLATFORM_TIMEOUT, |url| {
        json_request(url, &body, None)
    })
    .await
    .map_err(|why| Refusal::Transient {
        why: format!("Telegram could not be reached: {why}"),
        after_ms: None,
    })?;
    let status = response.status_code();
    let text = response.text().await.unwrap_or_default();
    match telegram::read_answer(status, &text) {
        Answer::Done(result) => Ok(result),
        Answer::Unauthorized(why) => Err(Refusal::Credentials(format!(
            "Telegram refused the bot token: {why}"
        ))),
        Answer::Transient {
            description,
            retry_after,
        } => Err(Refusal::Transient {
            why: format!("Telegram: {description}"),
            after_ms: retry_after.map(|secs| secs * 1000),
        }),
        Answer::Refused(why) => Err(Refusal::Final(format!("Telegram: {why}"))),
    }
}

fn json_request(url: &Url, body: &str, signed: Option<&str>) -> worker::Result<Request> {
    let headers = Headers::new();
    headers.set("content-type", "application/json")?;
    headers.set("user-agent", "Parley-Channels/1")?;
    if let Some(signed) = signed {
        headers.set(SIGNATURE_HEADER, signed)?;
    }
    let mut init = RequestInit::new();
    outbound::manual_redirects(&mut init)
        .with_method(Method::Post)
        .with_headers(headers)
        .with_body(Some(body.into()));
    Request::new_with_init(url.as_str(), &init)
}

/// Checks what the platform must accept before the channel is saved: Telegram's token (its
/// bot's username kept) and inbound URL; a webhook channel's URL against the host policy.
async fn connect(env: &Env, row: &mut ChannelRow, origin: &str) -> ApiResult<()> {
    match row.kind() {
        ChannelKind::Telegram => {
            let token = row.token.clone().unwrap_or_default();
            let me = call_telegram(env, &token, "getMe", &json!({}))
                .await
                .map_err(|refusal| refused_at_setup("token", refusal))?;
            row.platform_username = me["username"].as_str().map(str::to_owned);
            let register = telegram::set_webhook_body(&inbound_url(origin, row), &row.secret);
            call_telegram(env, &token, "setWebhook", &register)
                .await
                .map_err(|refusal| refused_at_setup("token", refusal))?;
        }
        ChannelKind::Webhook => {
            let url = row.url.as_deref().unwrap_or_default();
            outbound::allowed(url, outbound::policy(env, Purpose::Webhook))
                .map_err(|why| invalid("url", &why))?;
        }
    }
    row.status = ChannelStatus::Active.as_str().into();
    row.status_reason = None;
    Ok(())
}

fn refused_at_setup(field: &str, refusal: Refusal) -> ApiError {
    match refusal {
        Refusal::Credentials(why) | Refusal::Final(why) => invalid(field, &why),
        Refusal::Transient { why, .. } => ApiError::new(
            ErrorCode::ServerError,
            format!("the channel could not be connected now, try again: {why}"),
        ),
    }
}

/// Marks the channel disconnected; the first time, `channel.disconnected` goes out.
async fn disconnect(env: &Env, defer: &dyn Defer, row: &ChannelRow, reason: &str) {
    let now = now_rfc3339();
    let changed = match store::db(env) {
        Ok(db) => channels::disconnect(&db, &row.workspace_id, &row.id, reason, &now).await,
        Err(e) => Err(e),
    };
    match changed {
        Ok(true) => {
            let data = json!({
                "channelId": row.id,
                "botId": row.bot_id,
                "kind": row.kind,
                "name": row.name,
                "reason": reason,
                "disconnectedAt": now,
            });
            webhooks::emit(
                env,
                defer,
                &row.workspace_id,
                WebhookEvent::ChannelDisconnected,
                &data,
            );
        }
        Ok(false) => {}
        Err(e) => worker::console_error!("channel {}: could not disconnect: {e}", row.id),
    }
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

/// The widget a channel's conversations are filed under: the one given (it must be the
/// workspace's), else the workspace's widget this bot answers on, else its first.
async fn widget_for(
    env: &Env,
    workspace_id: &str,
    bot_id: &str,
    given: Option<&str>,
) -> ApiResult<String> {
    let db = store::db(env)?;
    if let Some(given) = given {
        let id = parse_id(given, "widget")?;
        return widgets::find(&db, workspace_id, &id)
            .await?
            .map(|widget| widget.id)
            .ok_or_else(|| invalid("widgetId", "is not a widget of this workspace"));
    }
    let all = widgets::list(&db, workspace_id).await?;
    let answered = all
        .iter()
        .find(|widget| widget.bot_id.as_deref() == Some(bot_id))
        .or(all.first());
    answered
        .map(|widget| widget.id.clone())
        .ok_or_else(|| invalid("widgetId", "the workspace has no widget yet: create one first, its settings apply to the channel's conversations"))
}

fn check(env: &Env, input: &ChannelInput, kind: ChannelKind, creating: bool) -> ApiResult<()> {
    input
        .validate(kind, creating)
        .map_err(|errors| ApiError::validation("the request is not valid", errors))?;
    if let Some(url) = &input.url {
        outbound::allowed(url, outbound::policy(env, Purpose::Webhook))
            .map_err(|why| invalid("url", &why))?;
    }
    Ok(())
}

fn invalid(field: &str, why: &str) -> ApiError {
    ApiError::validation(
        "the request is not valid",
        [(field.to_owned(), vec![why.to_owned()])].into(),
    )
}

fn default_name(kind: ChannelKind) -> String {
    match kind {
        ChannelKind::Telegram => "Telegram".into(),
        ChannelKind::Webhook => "Webhook".into(),
    }
}

fn same_secret(given: &str, expected: &str) -> bool {
    use subtle::ConstantTimeEq;
    bool::from(given.as_bytes().ct_eq(expected.as_bytes()))
}

/// `text` in pieces of at most `max` characters.
fn pieces(text: &str, max: usize) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    chars
        .chunks(max)
        .map(|chunk| chunk.iter().collect())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_replies_go_in_pieces() {
        assert_eq!(pieces("abcde", 2), ["ab", "cd", "e"]);
        assert_eq!(pieces("", 2), Vec::<String>::new());
    }

    #[test]
    fn secrets_compare_whole() {
        assert!(same_secret("abc", "abc"));
        assert!(!same_secret("ab", "abc"));
    }
}
