//! A channel conversation's reply on its way to the platform user (the room's alarm calls
//! [`deliver`]), and what a platform refusing the credentials does to the channel.

use super::platform::{Refusal, send_to_receiver, send_to_telegram};
use crate::clock::now_rfc3339;
use crate::object_client::ChannelLink;
use crate::store::{self, channels, channels::ChannelRow};
use crate::webhooks::{self, Defer};
use parley_shared_types::channel::ChannelKind;
use parley_shared_types::message::Message;
use parley_shared_types::webhook::WebhookEvent;
use serde_json::json;
use worker::Env;

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
