//! The OpenAI-compatible engine: a streamed Chat Completions request
//! (`POST {baseUrl}/chat/completions` with `stream: true`), read as Server-Sent Events. An
//! answer cut off at `max_tokens` (`finish_reason: "length"`) is continued, a bounded number
//! of times, into one answer that keeps streaming.

use super::Failure;
use super::context::Prompt;
use crate::outbound;
use crate::store::bots::IntegrationRow;
use eventsource_stream::Eventsource;
use futures_util::StreamExt;
use parley_shared_types::outbound::UrlPolicy;
use serde::Serialize;
use serde_json::Value;
use std::time::Duration;
use worker::{Delay, Headers, Method, Request, RequestInit, Response};

/// How long the endpoint has to start answering (the stream may then run longer).
const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

/// The most of an error body quoted in a failure reason.
const ERROR_EXCERPT_CHARS: usize = 200;
/// Requests made before a transient failure (429, 5xx, no connection) counts as the
/// integration failing.
pub const MAX_ATTEMPTS: u32 = 3;
/// The first wait between attempts when the endpoint names none; it doubles per attempt.
const FIRST_RETRY_WAIT: Duration = Duration::from_millis(500);
/// The longest `Retry-After` honoured: a visitor is waiting for the answer.
const MAX_RETRY_WAIT: Duration = Duration::from_secs(10);
/// Requests made after the first to continue an answer cut off at `max_tokens`; a model that
/// keeps stopping there ends with what it wrote.
pub const MAX_CONTINUATIONS: u32 = 3;

#[derive(Serialize)]
struct CompletionRequest<'a> {
    model: &'a str,
    messages: &'a [super::context::PromptMessage],
    max_tokens: u32,
    stream: bool,
}

pub fn completions_url(base_url: &str) -> String {
    format!("{}/chat/completions", base_url.trim_end_matches('/'))
}

/// What one response (or one streamed event) of the endpoint says.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Part {
    pub text: String,
    /// The model stopped at `max_tokens` (`finish_reason: "length"`), not at its answer's end.
    pub cut_off: bool,
}

fn is_cut_off(choice: &Value) -> bool {
    choice["finish_reason"].as_str() == Some("length")
}

/// What one streamed event adds: text (empty for role and finish events) and whether the
/// answer stops here cut off.
pub fn delta_text(data: &str) -> Result<Part, String> {
    let event: Value =
        serde_json::from_str(data).map_err(|e| format!("unreadable stream event: {e}"))?;
    if let Some(error) = event.get("error") {
        return Err(format!(
            "the model reported an error: {}",
            excerpt(&error.to_string())
        ));
    }
    let choice = &event["choices"][0];
    Ok(Part {
        text: choice["delta"]["content"]
            .as_str()
            .unwrap_or_default()
            .to_owned(),
        cut_off: is_cut_off(choice),
    })
}

/// The text of a non-streamed answer, for servers that ignore `stream: true`.
pub fn message_text(body: &str) -> Result<Part, String> {
    let answer: Value =
        serde_json::from_str(body).map_err(|e| format!("unreadable answer: {e}"))?;
    let choice = &answer["choices"][0];
    let text = choice["message"]["content"]
        .as_str()
        .ok_or("the answer has no choices[0].message.content")?;
    Ok(Part {
        text: text.to_owned(),
        cut_off: is_cut_off(choice),
    })
}

/// Whether a request that failed this way may succeed if made again: rate limits and server
/// errors pass, a bad key or a bad request does not.
pub fn is_transient(status: u16) -> bool {
    status == 408 || status == 429 || (500..600).contains(&status)
}

/// How long to wait before attempt `attempt + 1` after a transient failure: the `Retry-After`
/// seconds the endpoint asked for (at most [`MAX_RETRY_WAIT`]), else a doubling backoff;
/// `None` once [`MAX_ATTEMPTS`] are spent.
pub fn retry_wait(attempt: u32, retry_after: Option<&str>) -> Option<Duration> {
    if attempt >= MAX_ATTEMPTS {
        return None;
    }
    let asked = retry_after
        .and_then(|value| value.trim().parse::<u64>().ok())
        .map(Duration::from_secs);
    Some(
        asked
            .unwrap_or(FIRST_RETRY_WAIT * 2_u32.pow(attempt.saturating_sub(1)))
            .min(MAX_RETRY_WAIT),
    )
}

fn excerpt(text: &str) -> String {
    text.chars().take(ERROR_EXCERPT_CHARS).collect()
}

/// Streams the completion through `on_token`, continuing it while the model stops at
/// `max_tokens` (at most [`MAX_CONTINUATIONS`] times, each request fitted to the window);
/// `Err` says why the integration failed, in words safe to show an admin (never the key). A
/// continuation that fails ends the answer with what was written: the visitor saw it stream.
pub async fn complete(
    policy: UrlPolicy,
    integration: &IntegrationRow,
    prompt: &Prompt,
    on_token: &mut dyn FnMut(&str),
) -> Result<String, Failure> {
    let mut part = complete_once(policy, integration, prompt, on_token).await?;
    let mut answer = std::mem::take(&mut part.text);
    let mut continued = 0;
    while part.cut_off && continued < MAX_CONTINUATIONS {
        let Some(next) = prompt.continuation(&answer) else {
            break;
        };
        continued += 1;
        part = match complete_once(policy, integration, &next, on_token).await {
            Ok(part) => part,
            Err(why) => {
                worker::console_warn!(
                    "continuation {continued} failed ({}); answer kept",
                    why.reason
                );
                break;
            }
        };
        answer.push_str(&part.text);
    }
    if answer.trim().is_empty() {
        return Err(format!(
            "{} gave an empty answer",
            integration.base_url.as_deref().unwrap_or_default()
        )
        .into());
    }
    Ok(answer)
}

/// The integration's completions URL and model, or why it has none.
pub fn endpoint(integration: &IntegrationRow) -> Result<(String, &str), Failure> {
    let base_url = integration
        .base_url
        .as_deref()
        .ok_or("the integration has no baseUrl")?;
    let model = integration
        .model
        .as_deref()
        .ok_or("the integration has no model")?;
    Ok((completions_url(base_url), model))
}

/// One Chat Completions request, its text streamed through `on_token` as it arrives.
async fn complete_once(
    policy: UrlPolicy,
    integration: &IntegrationRow,
    prompt: &Prompt,
    on_token: &mut dyn FnMut(&str),
) -> Result<Part, Failure> {
    let (url, model) = endpoint(integration)?;
    let body = serde_json::to_string(&CompletionRequest {
        model,
        messages: &prompt.messages,
        max_tokens: prompt.max_tokens,
        stream: true,
    })
    .map_err(|e| e.to_string())?;
    let headers = request_headers(integration, "text/event-stream")?;
    let mut response = send_retrying(&url, policy, &headers, &body).await?;
    let streamed = response
        .headers()
        .get("content-type")
        .ok()
        .flatten()
        .is_some_and(|t| t.starts_with("text/event-stream"));
    if !streamed {
        let part = message_text(&response.text().await.map_err(|e| e.to_string())?)?;
        if !part.text.is_empty() {
            on_token(&part.text);
        }
        return Ok(part);
    }
    let mut events = response
        .stream()
        .map_err(|e| format!("no body from {url}: {e}"))?
        .eventsource();
    let mut whole = Part::default();
    while let Some(event) = events.next().await {
        let event = event.map_err(|e| format!("the stream from {url} broke: {e}"))?;
        if event.data.trim() == "[DONE]" {
            break;
        }
        let part = delta_text(&event.data)?;
        if !part.text.is_empty() {
            on_token(&part.text);
            whole.text.push_str(&part.text);
        }
        whole.cut_off |= part.cut_off;
    }
    Ok(whole)
}

/// A completion request's headers: JSON in, `accept` out, the integration's key if it has one.
pub fn request_headers(integration: &IntegrationRow, accept: &str) -> Result<Headers, String> {
    let headers = Headers::new();
    let set = |name: &str, value: &str| {
        headers
            .set(name, value)
            .map_err(|e| format!("header {name}: {e}"))
    };
    set("content-type", "application/json")?;
    set("accept", accept)?;
    if let Some(key) = integration.api_key.as_deref().filter(|k| !k.is_empty()) {
        set("authorization", &format!("Bearer {key}"))?;
    }
    Ok(headers)
}

/// POSTs the request until it is accepted, retrying transient failures ([`retry_wait`]);
/// the answer is read only once accepted, so no token is ever streamed twice.
pub async fn send_retrying(
    url: &str,
    policy: UrlPolicy,
    headers: &Headers,
    body: &str,
) -> Result<Response, Failure> {
    // A URL the policy refuses stays refused: that is no failure to retry.
    outbound::allowed(url, policy)
        .map_err(|why| format!("could not reach the model endpoint: {why}"))?;
    let mut attempt = 1;
    loop {
        // A model endpoint that redirects is refused, not followed: the key goes only where
        // the admin pointed it, and only to a host the policy allows.
        let sent = outbound::send(url, policy, false, REQUEST_TIMEOUT, |target| {
            let mut init = RequestInit::new();
            outbound::manual_redirects(&mut init)
                .with_method(Method::Post)
                .with_headers(headers.clone())
                .with_body(Some(body.into()));
            Request::new_with_init(target.as_str(), &init)
        })
        .await;
        let (failure, retry_after) = match sent {
            Ok(response) if (200..300).contains(&response.status_code()) => return Ok(response),
            Ok(response) => {
                let status = response.status_code();
                let failure = Failure {
                    reason: format!("the model endpoint answered {status}"),
                    upstream_status: Some(status),
                };
                if !is_transient(status) {
                    return Err(failure);
                }
                (
                    failure,
                    response.headers().get("retry-after").ok().flatten(),
                )
            }
            Err(why) => (
                Failure::from(format!("could not reach the model endpoint: {why}")),
                None,
            ),
        };
        let Some(wait) = retry_wait(attempt, retry_after.as_deref()) else {
            return Err(failure);
        };
        worker::console_warn!(
            "attempt {attempt} failed ({}); retrying in {wait:?}",
            failure.reason
        );
        Delay::from(wait).await;
        attempt += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(text: &str) -> Part {
        Part {
            text: text.into(),
            cut_off: false,
        }
    }

    #[test]
    fn reads_the_text_of_stream_events() {
        assert_eq!(
            delta_text(r#"{"choices":[{"index":0,"delta":{"content":"Hel"}}]}"#).unwrap(),
            text("Hel")
        );
        for opening in [
            r#"{"choices":[{"index":0,"delta":{"role":"assistant"}}]}"#,
            r#"{"choices":[{"index":0,"delta":{"role":"assistant","content":""}}]}"#,
            r#"{"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}"#,
        ] {
            assert_eq!(delta_text(opening).unwrap(), text(""));
        }
        let cut = r#"{"choices":[{"index":0,"delta":{},"finish_reason":"length"}]}"#;
        assert!(delta_text(cut).unwrap().cut_off);
        assert!(
            delta_text(r#"{"error":{"message":"quota"}}"#)
                .unwrap_err()
                .contains("quota")
        );
        assert!(delta_text("nope").is_err());
    }

    #[test]
    fn reads_a_plain_answer() {
        assert_eq!(
            message_text(r#"{"choices":[{"message":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}]}"#)
                .unwrap(),
            text("Hi")
        );
        let cut = r#"{"choices":[{"message":{"role":"assistant","content":"Hi"},"finish_reason":"length"}]}"#;
        assert!(message_text(cut).unwrap().cut_off);
        assert!(message_text("{}").is_err());
    }

    #[test]
    fn builds_the_endpoint_from_the_base_url() {
        assert_eq!(
            completions_url("https://api.openai.com/v1/"),
            "https://api.openai.com/v1/chat/completions"
        );
    }

    #[test]
    fn only_rate_limits_timeouts_and_server_errors_are_retried() {
        for status in [408, 429, 500, 502, 503, 504] {
            assert!(is_transient(status), "{status}");
        }
        for status in [400, 401, 403, 404, 422] {
            assert!(!is_transient(status), "{status}");
        }
    }

    #[test]
    fn retries_honour_retry_after_within_a_bound_then_stop() {
        assert_eq!(retry_wait(1, Some("2")), Some(Duration::from_secs(2)));
        assert_eq!(retry_wait(1, Some("0")), Some(Duration::ZERO));
        assert_eq!(retry_wait(1, Some("3600")), Some(MAX_RETRY_WAIT));
        assert_eq!(retry_wait(1, None), Some(FIRST_RETRY_WAIT));
        assert_eq!(retry_wait(2, Some("a date")), Some(FIRST_RETRY_WAIT * 2));
        assert_eq!(retry_wait(MAX_ATTEMPTS, Some("1")), None);
    }
}
