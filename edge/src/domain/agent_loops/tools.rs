//! The tools an agent loop calls. Each takes the JSON input the model (or the loop's plan)
//! gave and answers a JSON output, or a sentence saying why it failed.

use crate::ai::retrieval;
use crate::domain::handoff;
use crate::object_client::{self, Reply, RoomCommand};
use crate::outbound::{self, Purpose};
use crate::store::{self, conversations};
use crate::webhooks::Defer;
use parley_shared_types::agent_loop::AgentTool;
use parley_shared_types::conversation::ConversationStatus;
use parley_shared_types::message::{MAX_MESSAGE_CHARS, Message, Sender, SenderType};
use serde_json::{Value, json};
use std::time::Duration;
use wasm_bindgen::JsValue;
use worker::{Env, Headers, Method, Request, RequestInit, Url};

/// Knowledge passages a search answers.
const SEARCH_RESULTS: usize = 3;
/// The most of a response body an `http_request` keeps.
const HTTP_BODY_CHARS: usize = 4000;
/// A bound for a request on its own; the step's timeout (shorter) ends it first, as a
/// `timeout`.
const HTTP_REQUEST_LIMIT: Duration = Duration::from_secs(600);

/// Where a tool runs: the loop's workspace, bot and hosts, and the step (which names what a
/// step writes, so a step run again after a restart writes it once).
pub struct ToolContext<'a> {
    pub workspace_id: &'a str,
    pub bot_id: &'a str,
    pub execution_id: &'a str,
    pub step_index: u32,
    pub allowed_hosts: &'a [String],
}

pub async fn call(
    env: &Env,
    defer: &dyn Defer,
    context: &ToolContext<'_>,
    tool: AgentTool,
    input: &Value,
) -> Result<Value, String> {
    match tool {
        AgentTool::SearchKnowledge => search_knowledge(env, context, input).await,
        AgentTool::HttpRequest => http_request(env, context, input).await,
        AgentTool::PostMessage => post_message(env, context, input).await,
        AgentTool::Handoff => hand_off(env, defer, context, input).await,
    }
}

/// A string argument the tool cannot do without.
fn text<'a>(input: &'a Value, name: &str) -> Result<&'a str, String> {
    input[name]
        .as_str()
        .map(str::trim)
        .filter(|value| !value.is_empty())
        .ok_or_else(|| format!("the input has no {name}"))
}

fn internal(error: impl std::fmt::Display) -> String {
    format!("Parley could not do it: {error}")
}

async fn search_knowledge(
    env: &Env,
    context: &ToolContext<'_>,
    input: &Value,
) -> Result<Value, String> {
    let query = text(input, "query")?;
    let db = store::db(env).map_err(internal)?;
    let found = retrieval::retrieve(&db, context.bot_id, query)
        .await
        .map_err(internal)?;
    let results: Vec<Value> = found
        .iter()
        .take(SEARCH_RESULTS)
        .map(|chunk| {
            json!({"title": chunk.title, "content": chunk.content,
                "relevance": (chunk.relevance * 100.0).round() / 100.0})
        })
        .collect();
    Ok(json!({ "results": results }))
}

/// The URL when it is http(s) on one of the loop's allowed hosts.
pub fn allowed_url(url: &str, allowed_hosts: &[String]) -> Result<Url, String> {
    let parsed = Url::parse(url).map_err(|_| format!("{url:?} is not a URL"))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(format!("{url:?} is not an http(s) URL"));
    }
    let host = parsed.host_str().unwrap_or_default();
    if !host_allowed(host, allowed_hosts) {
        return Err(format!(
            "the host {host} is not one of the loop's allowed hosts ({})",
            allowed_hosts.join(", ")
        ));
    }
    Ok(parsed)
}

async fn http_request(
    env: &Env,
    context: &ToolContext<'_>,
    input: &Value,
) -> Result<Value, String> {
    let method = match input["method"]
        .as_str()
        .unwrap_or("GET")
        .to_ascii_uppercase()
        .as_str()
    {
        "GET" => Method::Get,
        "POST" => Method::Post,
        other => return Err(format!("the method {other} is not allowed (GET or POST)")),
    };
    let url = allowed_url(text(input, "url")?, context.allowed_hosts)?;
    let body = match &input["body"] {
        Value::Null => None,
        Value::String(text) => Some(text.clone()),
        other => Some(other.to_string()),
    };
    let policy = outbound::policy(env, Purpose::Fetch);
    let build = |target: &Url| {
        let headers = Headers::new();
        headers.set("user-agent", "Parley-AgentLoop/1")?;
        if body.is_some() {
            headers.set("content-type", "application/json")?;
        }
        let mut init = RequestInit::new();
        outbound::manual_redirects(&mut init)
            .with_method(method.clone())
            .with_headers(headers)
            .with_body(body.as_deref().map(JsValue::from_str));
        Request::new_with_init(target.as_str(), &init)
    };
    // Redirects are answers, not followed: a redirect could leave the allowed hosts.
    let mut response = outbound::send(url.as_str(), policy, false, HTTP_REQUEST_LIMIT, build)
        .await
        .map_err(|why| format!("the request to {url} failed: {why}"))?;
    let text = response.text().await.unwrap_or_default();
    Ok(json!({
        "status": response.status_code(),
        "body": text.chars().take(HTTP_BODY_CHARS).collect::<String>(),
    }))
}

/// A conversation of the workspace that takes messages.
async fn open_conversation(
    env: &Env,
    context: &ToolContext<'_>,
    input: &Value,
) -> Result<conversations::ConversationRow, String> {
    let id = text(input, "conversationId")?;
    let db = store::db(env).map_err(internal)?;
    let row = conversations::find(&db, context.workspace_id, id)
        .await
        .map_err(internal)?
        .ok_or_else(|| format!("there is no conversation {id} in this workspace"))?;
    if row.status == ConversationStatus::Closed.as_str() {
        return Err(format!("the conversation {id} is closed"));
    }
    Ok(row)
}

async fn post_message(
    env: &Env,
    context: &ToolContext<'_>,
    input: &Value,
) -> Result<Value, String> {
    let content = text(input, "content")?;
    if content.chars().count() > MAX_MESSAGE_CHARS {
        return Err(format!(
            "the content is over {MAX_MESSAGE_CHARS} characters"
        ));
    }
    let conversation = open_conversation(env, context, input).await?;
    let command = RoomCommand::Append {
        workspace_id: conversation.workspace_id.clone(),
        conversation_id: conversation.id.clone(),
        sender: Sender {
            sender_type: SenderType::Ai,
            sender_id: context.bot_id.to_owned(),
        },
        content: content.to_owned(),
        client_message_id: Some(format!(
            "loop:{}:{}",
            context.execution_id, context.step_index
        )),
        attachments: Vec::new(),
        bot_id: None,
    };
    let room = object_client::room(env, &conversation.id).map_err(internal)?;
    let posted: Reply<Message> = object_client::call(&room, &command)
        .await
        .map_err(internal)?;
    Ok(json!({
        "conversationId": conversation.id,
        "messageId": posted.value.id,
        "seq": posted.value.seq,
    }))
}

async fn hand_off(
    env: &Env,
    defer: &dyn Defer,
    context: &ToolContext<'_>,
    input: &Value,
) -> Result<Value, String> {
    let conversation = open_conversation(env, context, input).await?;
    let handed = handoff::take_over(env, defer, &conversation, None, None)
        .await
        .map_err(internal)?;
    Ok(json!({
        "conversationId": handed.id,
        "assignedAgentId": handed.assigned_agent_id,
    }))
}

// Only the edge checks hosts. In shared-types, which the widget builds too, this function
// alone made the widget 74 bytes brotli bigger (past its ceiling), though it never calls it.
/// Whether `host` (as a URL names it) is one `allowed` lists: exactly, case aside, or as a
/// subdomain of a `*.` pattern's domain.
fn host_allowed(host: &str, allowed: &[String]) -> bool {
    let host = host.to_ascii_lowercase();
    allowed.iter().any(|pattern| {
        let pattern = pattern.to_ascii_lowercase();
        match pattern.strip_prefix("*.") {
            Some(domain) => host
                .strip_suffix(domain)
                .is_some_and(|sub| sub.ends_with('.') && sub.len() > 1),
            None => host == pattern,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_match_exactly_or_as_subdomains_of_a_wildcard() {
        let allowed = vec!["api.example.com".to_owned(), "*.status.io".to_owned()];
        assert!(host_allowed("api.example.com", &allowed));
        assert!(host_allowed("API.Example.com", &allowed));
        assert!(host_allowed("eu.status.io", &allowed));
        assert!(!host_allowed("status.io", &allowed));
        assert!(!host_allowed("evilstatus.io", &allowed));
        assert!(!host_allowed("example.com", &allowed));
        assert!(!host_allowed("api.example.com.evil.net", &allowed));
    }

    #[test]
    fn only_http_urls_on_allowed_hosts_pass() {
        let allowed = vec!["api.example.com".to_owned(), "*.status.io".to_owned()];
        assert!(allowed_url("https://api.example.com/v1/orders?id=3", &allowed).is_ok());
        assert!(allowed_url("http://eu.status.io:8080/", &allowed).is_ok());
        let refused = allowed_url("https://evil.example.net/", &allowed).unwrap_err();
        assert!(refused.contains("evil.example.net"), "{refused}");
        assert!(refused.contains("not one of the loop's allowed hosts"));
        assert!(allowed_url("ftp://api.example.com/", &allowed).is_err());
        assert!(allowed_url("not a url", &allowed).is_err());
        // The userinfo trick names another host than the one connected to.
        assert!(allowed_url("https://api.example.com@evil.example.net/", &allowed).is_err());
    }
}
