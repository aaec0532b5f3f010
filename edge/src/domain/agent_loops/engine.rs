//! One execution of an agent loop, advanced one step at a time: the loop's runner object
//! keeps the [`Run`] between steps (so a restart resumes at the step it was in) and calls
//! [`advance`] from its alarm. Every step is recorded in D1 as it ends, with the execution's
//! progress, so it can be read while the execution runs.
//!
//! Both engines work through the same queue of tool calls: the built-in engine's queue is the
//! loop's planned steps; with an OpenAI-compatible integration the model fills it (and is
//! asked again once it is empty, until it answers without tool calls).

use super::tools::{self, ToolContext};
use crate::ai::{self, tool_calling, tool_calling::ToolCall};
use crate::clock::{now_millis, now_rfc3339};
use crate::error::{ApiError, ApiResult};
use crate::ids::new_id;
use crate::outbound::{self, Purpose};
use crate::store::{self, agent_loops, agent_loops::ExecutionRow, bots};
use crate::webhooks::{self, Defer};
use futures_util::future::{Either, select};
use parley_shared_types::agent_loop::{
    AgentLoopCompleted, AgentTool, ExecutionStatus, ExecutionStep, ExecutionTrigger, LoopEngine,
    StepKind, StepStatus, reason,
};
use parley_shared_types::problem::ErrorCode;
use parley_shared_types::webhook::WebhookEvent;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use std::future::Future;
use std::pin::pin;
use std::time::Duration;
use worker::{Delay, Env};

/// An execution between two steps: what the loop was when it started, and how far it got.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Run {
    pub execution: ExecutionRow,
    pub bot_id: String,
    /// The OpenAI-compatible integration deciding the steps; `None` is the built-in engine.
    pub integration_id: Option<String>,
    pub max_tokens: u32,
    pub tools: Vec<AgentTool>,
    pub allowed_hosts: Vec<String>,
    pub max_steps: u32,
    /// The conversation with the model so far.
    pub transcript: Vec<Value>,
    /// Tool calls asked for (or planned) and not yet made, in order.
    pub pending: Vec<ToolCall>,
    /// Tool calls made so far: what the budget counts.
    pub tool_steps: u32,
}

impl Run {
    pub fn is_over(&self) -> bool {
        self.execution.status().is_final()
    }
}

/// What the next step of a run is.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    CallModel,
    CallTool(ToolCall),
    Finish {
        status: ExecutionStatus,
        reason: Option<&'static str>,
    },
}

pub fn next_action(run: &Run) -> Action {
    match run.pending.first() {
        Some(_) if run.tool_steps >= run.max_steps => Action::Finish {
            status: ExecutionStatus::Failed,
            reason: Some(reason::BUDGET_EXHAUSTED),
        },
        Some(call) => Action::CallTool(call.clone()),
        None if run.integration_id.is_some() => Action::CallModel,
        None => Action::Finish {
            status: ExecutionStatus::Succeeded,
            reason: None,
        },
    }
}

/// A new execution of the loop as it is stored now, queued (and recorded in D1).
pub async fn start(
    env: &Env,
    workspace_id: &str,
    loop_id: &str,
    trigger: ExecutionTrigger,
) -> ApiResult<Run> {
    let db = store::db(env)?;
    let row = agent_loops::find_loop(&db, workspace_id, loop_id)
        .await?
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound, format!("no agent loop {loop_id}")))?;
    let bot = bots::find(&db, workspace_id, &row.bot_id)
        .await?
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound, format!("no bot {}", row.bot_id)))?;
    let integration = ai::openai_integration(&db, &bot).await?;
    let settings = bot.settings();
    let (engine, transcript, pending) = match &integration {
        Some(_) => (
            LoopEngine::Openai,
            tool_calling::opening_messages(ai::role(&settings), &row.instructions),
            Vec::new(),
        ),
        None => {
            let planned = row
                .planned_steps()
                .into_iter()
                .enumerate()
                .map(|(i, step)| ToolCall {
                    id: format!("plan-{}", i + 1),
                    name: step.tool,
                    arguments: step.input.to_string(),
                })
                .collect();
            (LoopEngine::Builtin, Vec::new(), planned)
        }
    };
    let execution = ExecutionRow {
        id: new_id(),
        workspace_id: workspace_id.to_owned(),
        loop_id: loop_id.to_owned(),
        status: ExecutionStatus::Queued.as_str().into(),
        reason: None,
        trigger: match trigger {
            ExecutionTrigger::Manual => "manual",
            ExecutionTrigger::Schedule => "schedule",
        }
        .into(),
        engine: match engine {
            LoopEngine::Openai => "openai",
            LoopEngine::Builtin => "builtin",
        }
        .into(),
        step_count: 0,
        tokens: 0,
        output: None,
        created_at: now_rfc3339(),
        started_at: None,
        finished_at: None,
    };
    agent_loops::insert_execution(&db, &execution).await?;
    Ok(Run {
        tools: row.tools(),
        allowed_hosts: row.allowed_hosts(),
        max_steps: row.max_steps.max(0) as u32,
        execution,
        bot_id: bot.id,
        integration_id: integration.map(|i| i.id),
        max_tokens: settings.max_tokens,
        transcript,
        pending,
        tool_steps: 0,
    })
}

/// How one step went, before it is recorded.
struct Outcome {
    kind: StepKind,
    tool: Option<String>,
    input: Value,
    result: Result<Value, Failure>,
    tokens: u32,
}

/// Why a step failed: a sentence for the step, and the execution's reason.
struct Failure {
    error: String,
    reason: &'static str,
}

/// Runs the run's next step (each within `timeout`), records it, and moves the run on; the
/// run is over when its execution has a final status. A run that is over stays as it is.
pub async fn advance(
    env: &Env,
    defer: &dyn Defer,
    run: &mut Run,
    timeout: Duration,
) -> ApiResult<()> {
    if run.is_over() {
        return Ok(());
    }
    let started_at = now_rfc3339();
    if run.execution.started_at.is_none() {
        // Running from its first step on, as anyone reading it sees while that step runs.
        run.execution.started_at = Some(started_at.clone());
        run.execution.status = ExecutionStatus::Running.as_str().into();
        agent_loops::update_execution(&store::db(env)?, &run.execution).await?;
    }
    let began = now_millis();
    let outcome = match next_action(run) {
        Action::Finish { status, reason } => {
            let output = (status == ExecutionStatus::Succeeded)
                .then(|| format!("Ran {} planned steps.", run.tool_steps));
            return end(env, defer, run, status, reason, output).await;
        }
        Action::CallModel => call_model(env, run, timeout).await,
        Action::CallTool(call) => call_tool(env, defer, run, &call, timeout).await,
    };
    let step = ExecutionStep {
        index: run.execution.step_count.max(0) as u32 + 1,
        kind: outcome.kind,
        tool: outcome.tool,
        input: outcome.input,
        status: if outcome.result.is_ok() {
            StepStatus::Succeeded
        } else {
            StepStatus::Failed
        },
        error: outcome.result.as_ref().err().map(|f| f.error.clone()),
        output: outcome.result.as_ref().ok().cloned().unwrap_or(Value::Null),
        tokens: outcome.tokens,
        duration_ms: (now_millis() - began).max(0.0) as u64,
        started_at,
    };
    run.execution.step_count += 1;
    run.execution.tokens += i64::from(outcome.tokens);
    let db = store::db(env)?;
    match outcome.result {
        Err(failure) => {
            agent_loops::record_step(&db, &run.execution, &step).await?;
            end(
                env,
                defer,
                run,
                ExecutionStatus::Failed,
                Some(failure.reason),
                None,
            )
            .await
        }
        // The model answered without asking for a tool: its answer is the result.
        Ok(answer) if step.kind == StepKind::Model && run.pending.is_empty() => {
            agent_loops::record_step(&db, &run.execution, &step).await?;
            let output = answer["content"].as_str().map(str::to_owned);
            end(env, defer, run, ExecutionStatus::Succeeded, None, output).await
        }
        Ok(_) => agent_loops::record_step(&db, &run.execution, &step).await,
    }
}

/// Ends the run with `status`: recorded, and told to the workspace's webhooks (unless it had
/// ended already).
pub async fn end(
    env: &Env,
    defer: &dyn Defer,
    run: &mut Run,
    status: ExecutionStatus,
    why: Option<&str>,
    output: Option<String>,
) -> ApiResult<()> {
    let execution = &mut run.execution;
    execution.status = status.as_str().into();
    execution.reason = why.map(str::to_owned);
    execution.output = output;
    execution.finished_at = Some(now_rfc3339());
    if !agent_loops::update_execution(&store::db(env)?, execution).await? {
        // It had ended already (canceled while this step ran): told once, as it ended.
        return Ok(());
    }
    let data = AgentLoopCompleted {
        loop_id: execution.loop_id.clone(),
        execution_id: execution.id.clone(),
        status,
        reason: execution.reason.clone(),
        steps: execution.step_count.max(0) as u32,
        tokens: execution.tokens.max(0) as u32,
        output: execution.output.clone(),
        trigger: execution.trigger(),
    };
    let event = WebhookEvent::AgentLoopCompleted;
    webhooks::emit(env, defer, &execution.workspace_id, event, &data);
    Ok(())
}

/// `work`, unless it takes longer than `timeout`.
async fn within<T>(
    timeout: Duration,
    work: impl Future<Output = Result<T, Failure>>,
) -> Result<T, Failure> {
    match select(pin!(work), pin!(Delay::from(timeout))).await {
        Either::Left((done, _)) => done,
        Either::Right(_) => Err(Failure {
            error: format!("the step took longer than {} s", timeout.as_secs_f64()),
            reason: reason::TIMEOUT,
        }),
    }
}

async fn call_model(env: &Env, run: &mut Run, timeout: Duration) -> Outcome {
    let input = json!({
        "messages": run.transcript.len(),
        "tools": run.tools.iter().map(|t| t.name()).collect::<Vec<_>>(),
    });
    let model_failed = |error: String| Failure {
        error,
        reason: reason::MODEL_FAILED,
    };
    let asked = within(timeout, async {
        let db = store::db(env).map_err(|e| model_failed(e.to_string()))?;
        let id = run.integration_id.as_deref().unwrap_or_default();
        let integration = bots::find_integration(&db, &run.execution.workspace_id, id)
            .await
            .map_err(|e| model_failed(e.to_string()))?
            .ok_or_else(|| model_failed("the bot's integration was deleted".into()))?;
        let policy = outbound::policy(env, Purpose::Fetch);
        tool_calling::complete(
            policy,
            &integration,
            &run.transcript,
            &run.tools,
            run.max_tokens,
        )
        .await
        .map_err(|failure| model_failed(failure.reason))
    })
    .await;
    let (result, tokens) = match asked {
        Ok(reply) => {
            run.transcript.push(reply.message.clone());
            run.pending = reply.tool_calls.clone();
            let calls: Vec<Value> = reply
                .tool_calls
                .iter()
                .map(|c| json!({"name": c.name, "arguments": c.arguments}))
                .collect();
            (
                Ok(json!({"content": reply.content, "toolCalls": calls})),
                reply.tokens,
            )
        }
        Err(failure) => (Err(failure), 0),
    };
    Outcome {
        kind: StepKind::Model,
        tool: None,
        input,
        result,
        tokens,
    }
}

async fn call_tool(
    env: &Env,
    defer: &dyn Defer,
    run: &mut Run,
    call: &ToolCall,
    timeout: Duration,
) -> Outcome {
    let tool_failed = |error: String| Failure {
        error,
        reason: reason::TOOL_FAILED,
    };
    let input: Value = serde_json::from_str(&call.arguments).unwrap_or(Value::Null);
    let index = run.execution.step_count.max(0) as u32 + 1;
    let result = match AgentTool::parse(&call.name).filter(|tool| run.tools.contains(tool)) {
        None => Err(tool_failed(format!(
            "{:?} is not one of the loop's tools",
            call.name
        ))),
        Some(_) if !input.is_object() => Err(tool_failed(format!(
            "the arguments are not a JSON object: {}",
            call.arguments
        ))),
        Some(tool) => {
            let context = ToolContext {
                workspace_id: &run.execution.workspace_id,
                bot_id: &run.bot_id,
                execution_id: &run.execution.id,
                step_index: index,
                allowed_hosts: &run.allowed_hosts,
            };
            within(timeout, async {
                tools::call(env, defer, &context, tool, &input)
                    .await
                    .map_err(tool_failed)
            })
            .await
        }
    };
    run.pending.remove(0);
    run.tool_steps += 1;
    if let Ok(output) = &result
        && run.integration_id.is_some()
    {
        run.transcript
            .push(tool_calling::tool_result_message(call, output));
    }
    Outcome {
        kind: StepKind::Tool,
        tool: Some(call.name.clone()),
        input,
        result,
        tokens: 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(integration: bool, max_steps: u32, pending: usize, tool_steps: u32) -> Run {
        Run {
            execution: ExecutionRow {
                id: "e".into(),
                workspace_id: "w".into(),
                loop_id: "l".into(),
                status: "running".into(),
                reason: None,
                trigger: "manual".into(),
                engine: "builtin".into(),
                step_count: 0,
                tokens: 0,
                output: None,
                created_at: "now".into(),
                started_at: None,
                finished_at: None,
            },
            bot_id: "b".into(),
            integration_id: integration.then(|| "i".to_owned()),
            max_tokens: 100,
            tools: vec![AgentTool::SearchKnowledge],
            allowed_hosts: Vec::new(),
            max_steps,
            transcript: Vec::new(),
            pending: (0..pending)
                .map(|i| ToolCall {
                    id: format!("c{i}"),
                    name: "search_knowledge".into(),
                    arguments: "{}".into(),
                })
                .collect(),
            tool_steps,
        }
    }

    #[test]
    fn the_built_in_engine_runs_its_plan_then_succeeds() {
        assert!(matches!(next_action(&run(false, 5, 2, 0)), Action::CallTool(c) if c.id == "c0"));
        assert_eq!(
            next_action(&run(false, 5, 0, 2)),
            Action::Finish {
                status: ExecutionStatus::Succeeded,
                reason: None
            }
        );
    }

    #[test]
    fn the_model_is_asked_again_once_its_calls_are_made() {
        assert_eq!(next_action(&run(true, 5, 0, 0)), Action::CallModel);
        assert!(matches!(
            next_action(&run(true, 5, 1, 3)),
            Action::CallTool(_)
        ));
    }

    #[test]
    fn a_call_beyond_the_budget_ends_the_run() {
        for integration in [false, true] {
            assert_eq!(
                next_action(&run(integration, 3, 1, 3)),
                Action::Finish {
                    status: ExecutionStatus::Failed,
                    reason: Some(reason::BUDGET_EXHAUSTED)
                }
            );
        }
    }
}
