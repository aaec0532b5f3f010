//! What Parley sends a channel's platform: Telegram's Bot API methods, and a webhook
//! channel's signed replies; each answer sorted into what it means for the channel.

use super::telegram::{self, Answer};
use crate::clock::now_millis;
use crate::object_client::ChannelLink;
use crate::outbound::{self, Purpose};
use crate::settings;
use crate::store::channels::ChannelRow;
use crate::webhooks::signature;
use parley_shared_types::channel::OutboundMessage;
use parley_shared_types::message::Message;
use parley_shared_types::webhook::SIGNATURE_HEADER;
use serde_json::Value;
use std::time::Duration;
use worker::{Env, Headers, Method, Request, RequestInit, Url};

/// A platform that has not answered by then counts as failed (and is retried).
const PLATFORM_TIMEOUT: Duration = Duration::from_secs(15);
/// Telegram's longest message; a longer reply goes in pieces.
const TELEGRAM_MAX_CHARS: usize = 4096;

/// Why a platform did not take a request.
#[derive(Debug)]
pub(super) enum Refusal {
    Credentials(String),
    Transient { why: String, after_ms: Option<u64> },
    Final(String),
}

pub(super) async fn send_to_telegram(
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
pub(super) async fn send_to_receiver(
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
pub(super) async fn call_telegram(
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
}
