//! Agent loops (ChatbotPlatform's autonomous workflows, ChatBotKit's background tasks): a bot
//! works through instructions with tools, step by step, in the background. Each run is an
//! execution whose steps are recorded as they happen.

use crate::bot::double_option;
use crate::validate::{FieldErrors, MAX_NAME_CHARS, Validator};
use serde::{Deserialize, Serialize};
use serde_json::Value;

pub const MAX_INSTRUCTIONS_CHARS: usize = 8000;
pub const DEFAULT_MAX_STEPS: u32 = 10;
/// The most tool calls one execution may make.
pub const MAX_MAX_STEPS: u32 = 50;
/// The longest schedule period: a week.
pub const MAX_EVERY_MINUTES: u32 = 7 * 24 * 60;
pub const MAX_ALLOWED_HOSTS: usize = 20;
pub const MAX_HOST_CHARS: usize = 253;
/// A planned step list longer than any budget is still refused early.
pub const MAX_PLANNED_STEPS: usize = 100;
/// Serialized size limit of one planned step's input.
pub const MAX_STEP_INPUT_BYTES: usize = 8192;

/// What a loop may do, one tool per capability.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AgentTool {
    /// `{query}` → the bot's knowledge most relevant to it.
    SearchKnowledge,
    /// `{method: GET|POST, url, body?}` → `{status, body}`, only to the loop's allowed hosts.
    HttpRequest,
    /// `{conversationId, content}` → the bot's message in that conversation, live.
    PostMessage,
    /// `{conversationId}` → people take the conversation over from the bot.
    Handoff,
}

impl AgentTool {
    pub const ALL: [AgentTool; 4] = [
        AgentTool::SearchKnowledge,
        AgentTool::HttpRequest,
        AgentTool::PostMessage,
        AgentTool::Handoff,
    ];

    pub fn name(self) -> &'static str {
        match self {
            AgentTool::SearchKnowledge => "search_knowledge",
            AgentTool::HttpRequest => "http_request",
            AgentTool::PostMessage => "post_message",
            AgentTool::Handoff => "handoff",
        }
    }

    pub fn parse(name: &str) -> Option<AgentTool> {
        AgentTool::ALL.into_iter().find(|tool| tool.name() == name)
    }

    /// What the model reads about the tool.
    pub fn description(self) -> &'static str {
        match self {
            AgentTool::SearchKnowledge => {
                "Search the bot's knowledge base; answers the passages most relevant to the query."
            }
            AgentTool::HttpRequest => {
                "Make an HTTP GET or POST request to one of the allowed hosts; answers the status and body."
            }
            AgentTool::PostMessage => {
                "Post a message as the bot into a conversation of this workspace."
            }
            AgentTool::Handoff => "Hand a conversation over to the human agents.",
        }
    }

    /// The JSON schema of the tool's arguments (a function's `parameters`).
    pub fn parameters(self) -> Value {
        let string =
            |description: &str| serde_json::json!({"type": "string", "description": description});
        let (properties, required) = match self {
            AgentTool::SearchKnowledge => (
                serde_json::json!({"query": string("what to look for")}),
                vec!["query"],
            ),
            AgentTool::HttpRequest => (
                serde_json::json!({
                    "method": {"type": "string", "enum": ["GET", "POST"]},
                    "url": string("an http(s) URL on an allowed host"),
                    "body": string("the request body (POST)"),
                }),
                vec!["method", "url"],
            ),
            AgentTool::PostMessage => (
                serde_json::json!({
                    "conversationId": string("the conversation's id"),
                    "content": string("the message"),
                }),
                vec!["conversationId", "content"],
            ),
            AgentTool::Handoff => (
                serde_json::json!({"conversationId": string("the conversation's id")}),
                vec!["conversationId"],
            ),
        };
        serde_json::json!({"type": "object", "properties": properties, "required": required})
    }
}

/// When a loop runs by itself: every `everyMinutes`, the first one period after the schedule
/// is set. A run due while the previous one is still going is skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct LoopSchedule {
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 10080))]
    pub every_minutes: u32,
}

/// A step the built-in engine runs (in order), as it would run a model's tool call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct PlannedStep {
    /// A tool name (`search_knowledge`, `http_request`, `post_message`, `handoff`).
    pub tool: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub input: Value,
}

/// An agent loop.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct AgentLoop {
    pub id: String,
    pub name: String,
    pub bot_id: String,
    pub instructions: String,
    pub tools: Vec<AgentTool>,
    /// Hosts `http_request` may reach (exact names; `*.example.com` for its subdomains).
    pub allowed_hosts: Vec<String>,
    /// The most tool calls one execution may make.
    pub max_steps: u32,
    pub schedule: Option<LoopSchedule>,
    /// What the built-in engine runs (a bot with an OpenAI-compatible integration decides
    /// its steps itself).
    pub planned_steps: Vec<PlannedStep>,
    pub created_at: String,
    pub updated_at: String,
}

/// `POST /api/agent-loops` (`name`, `botId` and `instructions` required) and `PATCH
/// /api/agent-loops/{id}` (only what is sent changes; `"schedule": null` removes it).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AgentLoopInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(format = "uuid"))]
    pub bot_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 8000))]
    pub instructions: Option<String>,
    /// Tool names: `search_knowledge`, `http_request`, `post_message`, `handoff`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tools: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_hosts: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 50))]
    pub max_steps: Option<u32>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "double_option"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<LoopSchedule>))]
    pub schedule: Option<Option<LoopSchedule>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub planned_steps: Option<Vec<PlannedStep>>,
}

impl AgentLoopInput {
    /// Checks what is sent; `creating` requires the fields a loop cannot do without. Whether
    /// `botId` names a bot of the workspace, and whether the loop as a whole (after a
    /// change) is consistent, the edge checks with [`check_loop`].
    pub fn validate(&self, creating: bool) -> Result<(), FieldErrors> {
        let mut check = Validator::new();
        let required = |check: &mut Validator, field: &str, present: bool| {
            if creating && !present {
                check.fail(field, "is required");
            }
        };
        required(&mut check, "name", self.name.is_some());
        required(&mut check, "botId", self.bot_id.is_some());
        required(&mut check, "instructions", self.instructions.is_some());
        if let Some(name) = &self.name {
            check.text("name", name, MAX_NAME_CHARS);
        }
        if let Some(bot_id) = &self.bot_id {
            check.uuid("botId", bot_id);
        }
        if let Some(instructions) = &self.instructions {
            check.text("instructions", instructions, MAX_INSTRUCTIONS_CHARS);
        }
        if let Some(tools) = &self.tools {
            for (i, name) in tools.iter().enumerate() {
                if AgentTool::parse(name).is_none() {
                    check.fail(&format!("tools[{i}]"), unknown_tool(name));
                }
            }
        }
        if let Some(hosts) = &self.allowed_hosts {
            if hosts.len() > MAX_ALLOWED_HOSTS {
                check.fail(
                    "allowedHosts",
                    format!("must list at most {MAX_ALLOWED_HOSTS} hosts"),
                );
            }
            for (i, host) in hosts.iter().enumerate() {
                if !is_host_pattern(host) {
                    check.fail(
                        &format!("allowedHosts[{i}]"),
                        "must be a host name such as api.example.com or *.example.com (no scheme, port or path)",
                    );
                }
            }
        }
        if let Some(max_steps) = self.max_steps
            && !(1..=MAX_MAX_STEPS).contains(&max_steps)
        {
            check.fail("maxSteps", format!("must be between 1 and {MAX_MAX_STEPS}"));
        }
        if let Some(Some(schedule)) = &self.schedule
            && !(1..=MAX_EVERY_MINUTES).contains(&schedule.every_minutes)
        {
            check.fail(
                "schedule.everyMinutes",
                format!("must be between 1 and {MAX_EVERY_MINUTES} (a week)"),
            );
        }
        if let Some(steps) = &self.planned_steps {
            if steps.len() > MAX_PLANNED_STEPS {
                check.fail(
                    "plannedSteps",
                    format!("must list at most {MAX_PLANNED_STEPS} steps"),
                );
            }
            for (i, step) in steps.iter().enumerate() {
                if AgentTool::parse(&step.tool).is_none() {
                    check.fail(&format!("plannedSteps[{i}].tool"), unknown_tool(&step.tool));
                }
                if !(step.input.is_object() || step.input.is_null()) {
                    check.fail(&format!("plannedSteps[{i}].input"), "must be an object");
                } else if step.input.to_string().len() > MAX_STEP_INPUT_BYTES {
                    check.fail(
                        &format!("plannedSteps[{i}].input"),
                        format!("must be at most {MAX_STEP_INPUT_BYTES} bytes of JSON"),
                    );
                }
            }
        }
        check.finish()
    }
}

/// The rules that hold between a loop's fields, checked on the loop as it will be stored:
/// `http_request` needs allowed hosts, and a planned step uses only the loop's tools.
pub fn check_loop(
    tools: &[AgentTool],
    allowed_hosts: &[String],
    planned_steps: &[PlannedStep],
) -> Result<(), FieldErrors> {
    let mut check = Validator::new();
    if tools.contains(&AgentTool::HttpRequest) && allowed_hosts.is_empty() {
        check.fail(
            "allowedHosts",
            "must name at least one host when the loop has the http_request tool",
        );
    }
    for (i, step) in planned_steps.iter().enumerate() {
        if let Some(tool) = AgentTool::parse(&step.tool)
            && !tools.contains(&tool)
        {
            check.fail(
                &format!("plannedSteps[{i}].tool"),
                format!("{} is not one of the loop's tools", tool.name()),
            );
        }
    }
    check.finish()
}

fn unknown_tool(name: &str) -> String {
    let known: Vec<&str> = AgentTool::ALL.iter().map(|t| t.name()).collect();
    format!(
        "no tool is called {name:?}; the tools are {}",
        known.join(", ")
    )
}

/// A host name, or `*.` and a domain: letters, digits, `-` and `.`, nothing else.
pub fn is_host_pattern(pattern: &str) -> bool {
    let host = pattern.strip_prefix("*.").unwrap_or(pattern);
    !host.is_empty()
        && host.len() <= MAX_HOST_CHARS
        && !host.starts_with('.')
        && !host.ends_with('.')
        && !host.contains("..")
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum ExecutionStatus {
    Queued,
    Running,
    Succeeded,
    Failed,
    Canceled,
}

impl ExecutionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ExecutionStatus::Queued => "queued",
            ExecutionStatus::Running => "running",
            ExecutionStatus::Succeeded => "succeeded",
            ExecutionStatus::Failed => "failed",
            ExecutionStatus::Canceled => "canceled",
        }
    }

    pub fn parse(value: &str) -> ExecutionStatus {
        match value {
            "running" => ExecutionStatus::Running,
            "succeeded" => ExecutionStatus::Succeeded,
            "failed" => ExecutionStatus::Failed,
            "canceled" => ExecutionStatus::Canceled,
            _ => ExecutionStatus::Queued,
        }
    }

    /// Whether the execution is over (nothing will change it again).
    pub fn is_final(self) -> bool {
        !matches!(self, ExecutionStatus::Queued | ExecutionStatus::Running)
    }
}

/// Why an execution failed (its `reason`).
pub mod reason {
    /// The loop used its `maxSteps` tool calls and wanted more.
    pub const BUDGET_EXHAUSTED: &str = "budget_exhausted";
    /// A tool call failed (the step's `error` says how).
    pub const TOOL_FAILED: &str = "tool_failed";
    /// A step took longer than a step may.
    pub const TIMEOUT: &str = "timeout";
    /// The model endpoint failed or answered something unreadable.
    pub const MODEL_FAILED: &str = "model_failed";
    /// Someone canceled it.
    pub const CANCELED: &str = "canceled";
}

/// What started an execution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum ExecutionTrigger {
    /// `POST /api/agent-loops/{id}/run`.
    Manual,
    /// The loop's schedule.
    Schedule,
}

/// Who decides the steps: the bot's OpenAI-compatible integration (Chat Completions tool
/// calling), or the built-in engine (the loop's planned steps, offline).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum LoopEngine {
    Builtin,
    Openai,
}

/// One run of a loop.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct AgentLoopExecution {
    pub id: String,
    pub loop_id: String,
    pub status: ExecutionStatus,
    /// Why it failed or was canceled (`budget_exhausted`, `tool_failed`, `timeout`,
    /// `model_failed`, `canceled`).
    pub reason: Option<String>,
    pub trigger: ExecutionTrigger,
    pub engine: LoopEngine,
    /// Steps recorded so far.
    pub step_count: u32,
    /// Tokens the model used, all steps together.
    pub tokens: u32,
    /// The model's final answer (or the built-in engine's last output), once succeeded.
    pub output: Option<String>,
    pub created_at: String,
    pub started_at: Option<String>,
    pub finished_at: Option<String>,
    /// Only on `GET /api/agent-loops/{id}/executions/{executionId}`: every step, in order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub steps: Option<Vec<ExecutionStep>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum StepKind {
    /// A Chat Completions request: its output is what the model answered.
    Model,
    /// A tool call.
    Tool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum StepStatus {
    Succeeded,
    Failed,
}

/// One recorded step of an execution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ExecutionStep {
    /// 1, 2, 3, … in the order they ran.
    pub index: u32,
    pub kind: StepKind,
    /// The tool called (a tool step).
    pub tool: Option<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub input: Value,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub output: Value,
    pub status: StepStatus,
    /// Why the step failed.
    pub error: Option<String>,
    pub tokens: u32,
    pub duration_ms: u64,
    pub started_at: String,
}

/// The data of the `agent_loop.completed` webhook event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct AgentLoopCompleted {
    pub loop_id: String,
    pub execution_id: String,
    pub status: ExecutionStatus,
    pub reason: Option<String>,
    /// How many steps were recorded.
    pub steps: u32,
    pub tokens: u32,
    pub output: Option<String>,
    pub trigger: ExecutionTrigger,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn input(body: Value) -> AgentLoopInput {
        serde_json::from_value(body).unwrap()
    }

    #[test]
    fn a_create_needs_name_bot_and_instructions() {
        let errors = input(json!({})).validate(true).unwrap_err();
        for field in ["name", "botId", "instructions"] {
            assert_eq!(errors[field], ["is required"], "{field}");
        }
        assert_eq!(input(json!({})).validate(false), Ok(()));
        let blank = input(json!({"instructions": "  "}))
            .validate(false)
            .unwrap_err();
        assert_eq!(blank["instructions"], ["must not be empty"]);
    }

    #[test]
    fn tools_budget_hosts_and_schedule_are_checked() {
        let errors = input(json!({
            "tools": ["search_knowledge", "launch_rockets"],
            "maxSteps": 0,
            "allowedHosts": ["https://api.example.com", "api.example.com", "*.example.com"],
            "schedule": {"everyMinutes": 0},
            "plannedSteps": [{"tool": "nope", "input": {}}, {"tool": "handoff", "input": 3}],
        }))
        .validate(false)
        .unwrap_err();
        assert!(errors["tools[1]"][0].contains("launch_rockets"));
        assert!(!errors.contains_key("tools[0]"));
        assert!(errors["maxSteps"][0].contains("between 1 and 50"));
        assert!(errors.contains_key("allowedHosts[0]"));
        assert!(!errors.contains_key("allowedHosts[1]"));
        assert!(!errors.contains_key("allowedHosts[2]"));
        assert!(errors.contains_key("schedule.everyMinutes"));
        assert!(errors.contains_key("plannedSteps[0].tool"));
        assert!(errors.contains_key("plannedSteps[1].input"));
        assert!(input(json!({"maxSteps": 51})).validate(false).is_err());
        assert!(
            input(json!({"schedule": {"everyMinutes": 10081}}))
                .validate(false)
                .is_err()
        );
        assert_eq!(input(json!({"schedule": null})).schedule, Some(None));
        assert_eq!(input(json!({})).schedule, None);
    }

    #[test]
    fn http_needs_hosts_and_plans_use_only_the_loops_tools() {
        let errors = check_loop(
            &[AgentTool::HttpRequest],
            &[],
            &[PlannedStep {
                tool: "post_message".into(),
                input: json!({}),
            }],
        )
        .unwrap_err();
        assert!(errors.contains_key("allowedHosts"));
        assert!(errors.contains_key("plannedSteps[0].tool"));
        assert_eq!(
            check_loop(&[AgentTool::HttpRequest], &["example.com".into()], &[]),
            Ok(())
        );
    }

    #[test]
    fn tools_have_names_and_object_schemas() {
        for tool in AgentTool::ALL {
            assert_eq!(AgentTool::parse(tool.name()), Some(tool));
            assert_eq!(serde_json::to_value(tool).unwrap(), json!(tool.name()));
            assert_eq!(tool.parameters()["type"], "object");
        }
    }
}
