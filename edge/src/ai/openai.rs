//! The OpenAI-compatible engine: one streamed Chat Completions request
//! (`POST {baseUrl}/chat/completions` with `stream: true`), read as Server-Sent Events.

use super::context::Prompt;
use crate::outbound;
use crate::store::bots::IntegrationRow;
use eventsource_stream::Eventsource;
use futures_util::StreamExt;
use parley_shared_types::outbound::UrlPolicy;
use serde::Serialize;
use serde_json::Value;
use std::time::Duration;
use worker::{Headers, Method, Request, RequestInit};

/// How long the endpoint has to start answering (the stream may then run longer).
const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

/// The most of an error body quoted in a failure reason.
const ERROR_EXCERPT_CHARS: usize = 200;

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

/// What one streamed event adds: `Ok(None)` for events without text (role, finish).
pub fn delta_text(data: &str) -> Result<Option<String>, String> {
    let event: Value =
        serde_json::from_str(data).map_err(|e| format!("unreadable stream event: {e}"))?;
    if let Some(error) = event.get("error") {
        return Err(format!(
            "the model reported an error: {}",
            excerpt(&error.to_string())
        ));
    }
    Ok(event["choices"][0]["delta"]["content"]
        .as_str()
        .filter(|text| !text.is_empty())
        .map(str::to_owned))
}

/// The text of a non-streamed answer, for servers that ignore `stream: true`.
pub fn message_text(body: &str) -> Result<String, String> {
    let answer: Value =
        serde_json::from_str(body).map_err(|e| format!("unreadable answer: {e}"))?;
    answer["choices"][0]["message"]["content"]
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| "the answer has no choices[0].message.content".to_owned())
}

fn excerpt(text: &str) -> String {
    text.chars().take(ERROR_EXCERPT_CHARS).collect()
}

/// Streams the completion through `on_token`; `Err` says why the integration failed, in
/// words safe to show an admin (never the key).
pub async fn complete(
    policy: UrlPolicy,
    integration: &IntegrationRow,
    prompt: &Prompt,
    on_token: &mut dyn FnMut(&str),
) -> Result<String, String> {
    let base_url = integration
        .base_url
        .as_deref()
        .ok_or("the integration has no baseUrl")?;
    let model = integration
        .model
        .as_deref()
        .ok_or("the integration has no model")?;
    let url = completions_url(base_url);
    let body = serde_json::to_string(&CompletionRequest {
        model,
        messages: &prompt.messages,
        max_tokens: prompt.max_tokens,
        stream: true,
    })
    .map_err(|e| e.to_string())?;
    let headers = Headers::new();
    let set = |name: &str, value: &str| {
        headers
            .set(name, value)
            .map_err(|e| format!("header {name}: {e}"))
    };
    set("content-type", "application/json")?;
    set("accept", "text/event-stream")?;
    if let Some(key) = integration.api_key.as_deref().filter(|k| !k.is_empty()) {
        set("authorization", &format!("Bearer {key}"))?;
    }
    // A model endpoint that redirects is refused, not followed: the key goes only where the
    // admin pointed it, and only to a host the policy allows.
    let mut response = outbound::send(&url, policy, false, REQUEST_TIMEOUT, |target| {
        let mut init = RequestInit::new();
        outbound::manual_redirects(&mut init)
            .with_method(Method::Post)
            .with_headers(headers.clone())
            .with_body(Some(body.as_str().into()));
        Request::new_with_init(target.as_str(), &init)
    })
    .await
    .map_err(|why| format!("could not reach the model endpoint: {why}"))?;
    let status = response.status_code();
    if !(200..300).contains(&status) {
        return Err(format!("the model endpoint answered {status}"));
    }
    let streamed = response
        .headers()
        .get("content-type")
        .ok()
        .flatten()
        .is_some_and(|t| t.starts_with("text/event-stream"));
    if !streamed {
        let text = message_text(&response.text().await.map_err(|e| e.to_string())?)?;
        on_token(&text);
        return Ok(text);
    }
    let mut events = response
        .stream()
        .map_err(|e| format!("no body from {url}: {e}"))?
        .eventsource();
    let mut answer = String::new();
    while let Some(event) = events.next().await {
        let event = event.map_err(|e| format!("the stream from {url} broke: {e}"))?;
        if event.data.trim() == "[DONE]" {
            break;
        }
        if let Some(text) = delta_text(&event.data)? {
            on_token(&text);
            answer.push_str(&text);
        }
    }
    if answer.trim().is_empty() {
        return Err(format!("{url} streamed an empty answer"));
    }
    Ok(answer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_text_of_stream_events() {
        assert_eq!(
            delta_text(r#"{"choices":[{"index":0,"delta":{"content":"Hel"}}]}"#).unwrap(),
            Some("Hel".into())
        );
        for opening in [
            r#"{"choices":[{"index":0,"delta":{"role":"assistant"}}]}"#,
            r#"{"choices":[{"index":0,"delta":{"role":"assistant","content":""}}]}"#,
        ] {
            assert_eq!(delta_text(opening).unwrap(), None);
        }
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
            message_text(r#"{"choices":[{"message":{"role":"assistant","content":"Hi"}}]}"#)
                .unwrap(),
            "Hi"
        );
        assert!(message_text("{}").is_err());
    }

    #[test]
    fn builds_the_endpoint_from_the_base_url() {
        assert_eq!(
            completions_url("https://api.openai.com/v1/"),
            "https://api.openai.com/v1/chat/completions"
        );
    }
}
