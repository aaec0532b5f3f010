//! A local OpenAI-compatible Chat Completions server speaking the real wire format (JSON in,
//! Server-Sent Events out), with scripted replies. It enforces the context window with the
//! estimate Parley documents (`edge/src/ai/context.rs`): 3 per request, 4 per message and one
//! per 3 bytes of content, plus `max_tokens`; a request over the window is refused with 400,
//! as a real provider does, and counted. A reply may stop cut off (`finish_reason: "length"`,
//! as when `max_tokens` runs out), and the server may answer whole JSON completions instead of
//! streams, as servers that ignore `stream: true` do. A request without `stream: true` gets a
//! whole `chat.completion` (with `usage`), as from the real API; a scripted reply may ask for
//! tool calls (`choices[0].message.tool_calls`, `finish_reason: "tool_calls"`), and a `tool`
//! message that answers no earlier tool call is refused with 400, as the real API does.

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use futures_util::StreamExt;
use serde_json::{Value, json};
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use tokio::sync::Notify;

/// How many times the edge sends a completion before a transient failure (429, 5xx) counts
/// as the integration failing: `MAX_ATTEMPTS` in `edge/src/ai/openai.rs`.
pub const EDGE_ATTEMPTS: usize = 3;

/// The key tests give their fake provider (and their integrations).
pub const API_KEY: &str = "sk-parley-test-0123456789abcdef";

/// What a request carried.
#[derive(Debug, Clone)]
pub struct SeenRequest {
    pub authorization: Option<String>,
    pub model: String,
    /// `(role, content)` in order.
    pub messages: Vec<(String, String)>,
    pub max_tokens: u32,
    pub estimated_tokens: u32,
    /// The function names offered in `tools`.
    pub tools: Vec<String>,
    pub tool_choice: Option<String>,
    /// `(tool_call_id, content)` of each `role: "tool"` message.
    pub tool_results: Vec<(String, String)>,
}

enum Reply {
    /// Streams the tokens, then finishes for `finish_reason`.
    Tokens {
        tokens: Vec<String>,
        finish_reason: &'static str,
    },
    /// Streams `before`, then waits for `release` before streaming `after`.
    Held {
        before: Vec<String>,
        after: Vec<String>,
        release: Arc<Notify>,
    },
    Fail {
        status: u16,
        retry_after: Option<u64>,
    },
    /// Asks for these function calls (`(name, arguments as JSON text)`), once `release` (if
    /// any) is notified.
    ToolCalls {
        calls: Vec<(String, String)>,
        release: Option<Arc<Notify>>,
    },
}

#[derive(Default)]
struct Script {
    replies: VecDeque<Reply>,
    seen: Vec<SeenRequest>,
    overflows: usize,
    /// Answers are `chat.completion` JSON objects, not streams.
    whole: bool,
}

pub struct FakeOpenAi {
    /// What an integration's `baseUrl` is set to.
    pub base_url: String,
    script: Arc<Mutex<Script>>,
    server: tokio::task::JoinHandle<()>,
}

impl FakeOpenAi {
    /// Serves on a free loopback port, accepting only `Authorization: Bearer {api_key}` and
    /// requests that fit `window` tokens.
    pub async fn start(window: u32, api_key: &str) -> crate::Result<FakeOpenAi> {
        let (listener, port) = crate::process::loopback_listener().await?;
        let script = Arc::new(Mutex::new(Script::default()));
        let expected = format!("Bearer {api_key}");
        let state = script.clone();
        let app = Router::new().route(
            "/v1/chat/completions",
            post(move |headers: HeaderMap, body: String| {
                let state = state.clone();
                let expected = expected.clone();
                async move { complete(&state, &expected, window, &headers, &body) }
            }),
        );
        let server = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Ok(FakeOpenAi {
            base_url: format!("http://127.0.0.1:{port}/v1"),
            script,
            server,
        })
    }

    /// The next completion streams these tokens.
    pub fn reply_with(&self, tokens: &[&str]) {
        self.reply_finishing(tokens, "stop");
    }

    /// The next completion streams these tokens and stops cut off at `max_tokens`
    /// (`finish_reason: "length"`), so the answer is unfinished.
    pub fn reply_cut_off(&self, tokens: &[&str]) {
        self.reply_finishing(tokens, "length");
    }

    fn reply_finishing(&self, tokens: &[&str], finish_reason: &'static str) {
        let tokens = tokens.iter().map(|t| (*t).to_owned()).collect();
        self.lock().replies.push_back(Reply::Tokens {
            tokens,
            finish_reason,
        });
    }

    /// The next completion asks to call the function `name` with `arguments` (JSON text).
    pub fn reply_tool_call(&self, name: &str, arguments: &str) {
        self.reply_tool_calls(&[(name, arguments)]);
    }

    /// The next completion asks for several function calls at once.
    pub fn reply_tool_calls(&self, calls: &[(&str, &str)]) {
        self.push_tool_calls(calls, None);
    }

    /// The next completion asks to call `name`, but only once the returned handle is notified
    /// (`notify_one`): a loop caught while the model thinks.
    pub fn reply_tool_call_held(&self, name: &str, arguments: &str) -> Arc<Notify> {
        let release = Arc::new(Notify::new());
        self.push_tool_calls(&[(name, arguments)], Some(release.clone()));
        release
    }

    fn push_tool_calls(&self, calls: &[(&str, &str)], release: Option<Arc<Notify>>) {
        let calls = calls
            .iter()
            .map(|(name, arguments)| ((*name).to_owned(), (*arguments).to_owned()))
            .collect();
        self.lock()
            .replies
            .push_back(Reply::ToolCalls { calls, release });
    }

    /// From now on every completion is answered whole, as one `chat.completion` JSON object
    /// (the non-streaming wire format), whatever the request's `stream` says.
    pub fn answer_whole(&self) {
        self.lock().whole = true;
    }

    /// The next completion streams `before`, then holds until the returned handle is
    /// notified (`notify_one`), then streams `after`: an answer caught mid-stream.
    pub fn reply_held(&self, before: &[&str], after: &[&str]) -> Arc<Notify> {
        let owned = |tokens: &[&str]| tokens.iter().map(|t| (*t).to_owned()).collect();
        let release = Arc::new(Notify::new());
        self.lock().replies.push_back(Reply::Held {
            before: owned(before),
            after: owned(after),
            release: release.clone(),
        });
        release
    }

    /// The edge's next completion fails with this status however often it retries.
    pub fn fail_next(&self, status: u16) {
        self.fail_times(status, EDGE_ATTEMPTS);
    }

    /// The next `times` completions fail with this status, as an outage would.
    pub fn fail_times(&self, status: u16, times: usize) {
        for _ in 0..times {
            self.lock().replies.push_back(Reply::Fail {
                status,
                retry_after: None,
            });
        }
    }

    /// The next completion is refused with 429 and `Retry-After: {seconds}`.
    pub fn rate_limit_next(&self, seconds: u64) {
        self.lock().replies.push_back(Reply::Fail {
            status: 429,
            retry_after: Some(seconds),
        });
    }

    pub fn requests(&self) -> Vec<SeenRequest> {
        self.lock().seen.clone()
    }

    /// Requests refused for exceeding the window.
    pub fn overflows(&self) -> usize {
        self.lock().overflows
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Script> {
        self.script.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Drop for FakeOpenAi {
    fn drop(&mut self) {
        self.server.abort();
    }
}

fn complete(
    script: &Mutex<Script>,
    expected_auth: &str,
    window: u32,
    headers: &HeaderMap,
    body: &str,
) -> Response {
    let mut script = script.lock().unwrap_or_else(|e| e.into_inner());
    let authorization = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    if authorization.as_deref() != Some(expected_auth) {
        return error(StatusCode::UNAUTHORIZED, "Incorrect API key provided");
    }
    let Ok(request) = serde_json::from_str::<Value>(body) else {
        return error(StatusCode::BAD_REQUEST, "We could not parse the JSON body");
    };
    let messages: Vec<(String, String)> = request["messages"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|m| {
            (
                m["role"].as_str().unwrap_or_default().to_owned(),
                m["content"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    let raw_messages = request["messages"].as_array().cloned().unwrap_or_default();
    let tool_results: Vec<(String, String)> = raw_messages
        .iter()
        .filter(|m| m["role"] == "tool")
        .map(|m| {
            (
                m["tool_call_id"].as_str().unwrap_or_default().to_owned(),
                m["content"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    if let Some(orphan) = orphan_tool_message(&raw_messages) {
        return error(
            StatusCode::BAD_REQUEST,
            &format!(
                "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls' ({orphan})."
            ),
        );
    }
    let tools: Vec<String> = request["tools"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|t| t["function"]["name"].as_str().map(str::to_owned))
        .collect();
    let streamed = request["stream"] == true;
    let max_tokens = request["max_tokens"].as_u64().unwrap_or(0) as u32;
    let estimated_tokens = 3 + messages
        .iter()
        .map(|(_, content)| content.len().div_ceil(3) as u32 + 4)
        .sum::<u32>();
    script.seen.push(SeenRequest {
        authorization,
        model: request["model"].as_str().unwrap_or_default().to_owned(),
        messages: messages.clone(),
        max_tokens,
        estimated_tokens,
        tools,
        tool_choice: request["tool_choice"].as_str().map(str::to_owned),
        tool_results,
    });
    if estimated_tokens + max_tokens > window {
        script.overflows += 1;
        return error(
            StatusCode::BAD_REQUEST,
            &format!(
                "This model's maximum context length is {window} tokens. However, you requested {} tokens",
                estimated_tokens + max_tokens
            ),
        );
    }
    let (before, after, release, finish_reason) = match script.replies.pop_front() {
        Some(Reply::Fail {
            status,
            retry_after,
        }) => {
            let mut response = error(
                StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
                "The server had an error while processing your request",
            );
            if let Some(seconds) = retry_after {
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, seconds.into());
            }
            return response;
        }
        Some(Reply::ToolCalls { calls, release }) => {
            return whole_completion(
                tool_calls_message(&calls),
                "tool_calls",
                estimated_tokens,
                release,
            );
        }
        Some(Reply::Tokens {
            tokens,
            finish_reason,
        }) => (tokens, Vec::new(), None, finish_reason),
        Some(Reply::Held {
            before,
            after,
            release,
        }) => (before, after, Some(release), "stop"),
        None => (vec!["OK.".to_owned()], Vec::new(), None, "stop"),
    };
    if script.whole || !streamed {
        let content = [before, after].concat().concat();
        let message = json!({"role": "assistant", "content": content});
        return whole_completion(message, finish_reason, estimated_tokens, release);
    }
    let content = |t: &String| chunk(json!({ "content": t }), None);
    let mut head = vec![chunk(json!({"role": "assistant", "content": ""}), None)];
    head.extend(before.iter().map(content));
    let mut tail: Vec<String> = after.iter().map(content).collect();
    tail.push(chunk(json!({}), Some(finish_reason)));
    tail.push("data: [DONE]\n\n".to_owned());
    let held_tail = futures_util::stream::once(async move {
        if let Some(release) = release {
            release.notified().await;
        }
        futures_util::stream::iter(tail)
    })
    .flatten();
    let stream = futures_util::stream::iter(head)
        .chain(held_tail)
        .map(Ok::<_, std::io::Error>);
    (
        [(header::CONTENT_TYPE, "text/event-stream")],
        Body::from_stream(stream),
    )
        .into_response()
}

fn chunk(delta: Value, finish_reason: Option<&str>) -> String {
    let event = json!({
        "id": "chatcmpl-parley-test",
        "object": "chat.completion.chunk",
        "model": "gpt-test",
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish_reason}],
    });
    format!("data: {event}\n\n")
}

/// The id the fake gives the `i`th call of a reply.
fn call_id(i: usize, name: &str) -> String {
    format!("call_{i}_{name}")
}

fn tool_calls_message(calls: &[(String, String)]) -> Value {
    let calls: Vec<Value> = calls
        .iter()
        .enumerate()
        .map(|(i, (name, arguments))| {
            json!({"id": call_id(i, name), "type": "function",
                "function": {"name": name, "arguments": arguments}})
        })
        .collect();
    json!({"role": "assistant", "content": null, "tool_calls": calls})
}

/// The id of a `tool` message that answers no tool call of an assistant message before it.
fn orphan_tool_message(messages: &[Value]) -> Option<String> {
    let mut asked: Vec<&str> = Vec::new();
    for message in messages {
        for call in message["tool_calls"].as_array().into_iter().flatten() {
            asked.extend(call["id"].as_str());
        }
        if message["role"] == "tool" {
            let id = message["tool_call_id"].as_str().unwrap_or_default();
            if !asked.contains(&id) {
                return Some(id.to_owned());
            }
        }
    }
    None
}

/// A non-streamed answer: one `chat.completion` object with its `usage`, sent once `release`
/// (if any) is notified.
fn whole_completion(
    message: Value,
    finish_reason: &str,
    prompt_tokens: u32,
    release: Option<Arc<Notify>>,
) -> Response {
    let completion_tokens = message.to_string().len().div_ceil(3) as u32;
    let body = json!({
        "id": "chatcmpl-parley-test",
        "object": "chat.completion",
        "model": "gpt-test",
        "choices": [{
            "index": 0,
            "message": message,
            "finish_reason": finish_reason,
        }],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    })
    .to_string();
    let held = futures_util::stream::once(async move {
        if let Some(release) = release {
            release.notified().await;
        }
        Ok::<_, std::io::Error>(body)
    });
    (
        [(header::CONTENT_TYPE, "application/json")],
        Body::from_stream(held),
    )
        .into_response()
}

fn error(status: StatusCode, message: &str) -> Response {
    let body = json!({"error": {"message": message, "type": "invalid_request_error"}});
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response()
}
