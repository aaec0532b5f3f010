//! Channels: a bot's conversations from messaging platforms. A message from a platform user
//! opens (or continues) their conversation, filed under the channel's widget and answered by
//! the channel's bot like a widget conversation; the room then hands every reply of the team
//! or the bot to [`deliver`], retrying what may pass later and marking in the conversation
//! what never will. A platform that refuses the channel's credentials disconnects it.

mod delivery;
mod inbound;
mod platform;
pub mod telegram;

pub use delivery::{Delivery, deliver};
pub use inbound::{receive_signed, receive_telegram};

use crate::clock::now_rfc3339;
use crate::error::{ApiError, ApiResult};
use crate::ids::{new_id, new_secret, parse_id};
use crate::outbound::{self, Purpose};
use crate::store::{self, channels, channels::ChannelRow, widgets};
use parley_shared_types::channel::{Channel, ChannelInput, ChannelKind, ChannelStatus};
use parley_shared_types::page::ListRequest;
use parley_shared_types::problem::ErrorCode;
use platform::{Refusal, call_telegram};
use serde_json::json;
use worker::Env;

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
