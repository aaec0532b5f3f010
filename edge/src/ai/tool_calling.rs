//! Chat Completions tool calling, as agent loops use it: the request offers the loop's tools
//! as JSON-schema functions (`tools`, `tool_choice: "auto"`), the answer's
//! `choices[0].message.tool_calls` says which to call, and each result goes back as a
//! `role: "tool"` message naming its `tool_call_id`. An answer without tool calls is the
//! model's last word. Requests are not streamed: nobody watches a loop's tokens arrive.

use super::Failure;
use super::openai::{endpoint, request_headers, send_retrying};
use crate::store::bots::IntegrationRow;
use parley_shared_types::agent_loop::AgentTool;
use parley_shared_types::outbound::UrlPolicy;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// A function the model asked to call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ToolCall {
    pub id: String,
    pub name: String,
    /// The arguments as the model wrote them: JSON text, not always valid.
    pub arguments: String,
}

/// What the model answered to one request.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelReply {
    pub content: Option<String>,
    pub tool_calls: Vec<ToolCall>,
    /// `usage.total_tokens` (0 when the endpoint does not say).
    pub tokens: u32,
    /// The assistant message as it goes back into the conversation with the model.
    pub message: Value,
}

/// The conversation a loop's model starts from: its role, then the loop's instructions.
pub fn opening_messages(role: &str, instructions: &str) -> Vec<Value> {
    vec![
        json!({"role": "system", "content": format!(
            "{role} You are running in the background as an agent: carry out the user's instructions with the tools you are given, one call at a time if later calls need earlier results. When the work is done, answer with a short summary and no tool call."
        )}),
        json!({"role": "user", "content": instructions}),
    ]
}

/// A Chat Completions request offering `tools`.
pub fn request_body(
    model: &str,
    messages: &[Value],
    tools: &[AgentTool],
    max_tokens: u32,
) -> Value {
    let functions: Vec<Value> = tools
        .iter()
        .map(|tool| {
            json!({"type": "function", "function": {
                "name": tool.name(),
                "description": tool.description(),
                "parameters": tool.parameters(),
            }})
        })
        .collect();
    let mut body = json!({
        "model": model,
        "messages": messages,
        "max_tokens": max_tokens,
        "stream": false,
    });
    if !functions.is_empty() {
        body["tools"] = Value::Array(functions);
        body["tool_choice"] = json!("auto");
    }
    body
}

/// Reads a `chat.completion` answer.
pub fn parse_reply(body: &str) -> Result<ModelReply, String> {
    let answer: Value =
        serde_json::from_str(body).map_err(|e| format!("unreadable answer: {e}"))?;
    if let Some(error) = answer.get("error") {
        return Err(format!("the model reported an error: {error}"));
    }
    let message = answer["choices"][0]["message"].clone();
    if !message.is_object() {
        return Err("the answer has no choices[0].message".into());
    }
    let mut tool_calls = Vec::new();
    for call in message["tool_calls"].as_array().into_iter().flatten() {
        let function = &call["function"];
        let (Some(id), Some(name)) = (call["id"].as_str(), function["name"].as_str()) else {
            return Err("a tool call has no id or function name".into());
        };
        tool_calls.push(ToolCall {
            id: id.to_owned(),
            name: name.to_owned(),
            arguments: function["arguments"].as_str().unwrap_or("{}").to_owned(),
        });
    }
    Ok(ModelReply {
        content: message["content"].as_str().map(str::to_owned),
        tool_calls,
        tokens: answer["usage"]["total_tokens"].as_u64().unwrap_or(0) as u32,
        message,
    })
}

/// The message that gives a tool call's result back to the model.
pub fn tool_result_message(call: &ToolCall, output: &Value) -> Value {
    json!({"role": "tool", "tool_call_id": call.id, "content": output.to_string()})
}

/// One request to the integration's endpoint (transient failures retried as for answers).
pub async fn complete(
    policy: UrlPolicy,
    integration: &IntegrationRow,
    messages: &[Value],
    tools: &[AgentTool],
    max_tokens: u32,
) -> Result<ModelReply, Failure> {
    let (url, model) = endpoint(integration)?;
    let body = request_body(model, messages, tools, max_tokens).to_string();
    let headers = request_headers(integration, "application/json")?;
    let mut response = send_retrying(&url, policy, &headers, &body).await?;
    let text = response.text().await.map_err(|e| e.to_string())?;
    Ok(parse_reply(&text)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offers_the_tools_as_functions_chosen_automatically() {
        let messages = opening_messages("You help.", "Check the status page.");
        let body = request_body(
            "gpt-test",
            &messages,
            &[AgentTool::SearchKnowledge, AgentTool::HttpRequest],
            300,
        );
        assert_eq!(body["tool_choice"], "auto");
        assert_eq!(body["stream"], false);
        assert_eq!(body["tools"][0]["type"], "function");
        assert_eq!(body["tools"][0]["function"]["name"], "search_knowledge");
        assert_eq!(
            body["tools"][1]["function"]["parameters"]["required"],
            json!(["method", "url"])
        );
        assert_eq!(body["messages"][1]["content"], "Check the status page.");
        let bare = request_body("gpt-test", &messages, &[], 300);
        assert!(bare.get("tools").is_none() && bare.get("tool_choice").is_none());
    }

    #[test]
    fn reads_tool_calls_and_usage() {
        let body = r#"{"id":"chatcmpl-1","object":"chat.completion","choices":[{"index":0,
            "message":{"role":"assistant","content":null,"tool_calls":[
              {"id":"call_1","type":"function","function":{"name":"search_knowledge","arguments":"{\"query\":\"refunds\"}"}},
              {"id":"call_2","type":"function","function":{"name":"handoff","arguments":"{}"}}]},
            "finish_reason":"tool_calls"}],"usage":{"prompt_tokens":40,"completion_tokens":12,"total_tokens":52}}"#;
        let reply = parse_reply(body).unwrap();
        assert_eq!(reply.content, None);
        assert_eq!(reply.tokens, 52);
        assert_eq!(
            reply.tool_calls,
            vec![
                ToolCall {
                    id: "call_1".into(),
                    name: "search_knowledge".into(),
                    arguments: r#"{"query":"refunds"}"#.into()
                },
                ToolCall {
                    id: "call_2".into(),
                    name: "handoff".into(),
                    arguments: "{}".into()
                },
            ]
        );
        assert_eq!(reply.message["tool_calls"][1]["id"], "call_2");
    }

    #[test]
    fn an_answer_without_tool_calls_is_the_last_word() {
        let body = r#"{"choices":[{"message":{"role":"assistant","content":"All done."},"finish_reason":"stop"}]}"#;
        let reply = parse_reply(body).unwrap();
        assert!(reply.tool_calls.is_empty());
        assert_eq!(reply.content.as_deref(), Some("All done."));
        assert_eq!(reply.tokens, 0);
        assert!(parse_reply("{}").is_err());
        assert!(
            parse_reply(r#"{"error":{"message":"quota"}}"#)
                .unwrap_err()
                .contains("quota")
        );
        let nameless =
            r#"{"choices":[{"message":{"role":"assistant","tool_calls":[{"id":"c"}]}}]}"#;
        assert!(parse_reply(nameless).is_err());
    }

    #[test]
    fn results_go_back_naming_their_call() {
        let call = ToolCall {
            id: "call_9".into(),
            name: "search_knowledge".into(),
            arguments: "{}".into(),
        };
        let message = tool_result_message(&call, &json!({"results": []}));
        assert_eq!(message["role"], "tool");
        assert_eq!(message["tool_call_id"], "call_9");
        assert_eq!(message["content"], r#"{"results":[]}"#);
    }
}
