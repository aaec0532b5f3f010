//! Agent loops, their executions and the executions' steps, scoped to their workspace.

use super::d1::{Arg, Paging, all, count, first, run, statement};
use crate::error::ApiResult;
use parley_shared_types::agent_loop::{
    AgentLoop, AgentLoopExecution, AgentTool, ExecutionStatus, ExecutionStep, ExecutionTrigger,
    LoopEngine, LoopSchedule, PlannedStep, StepKind, StepStatus,
};
use parley_shared_types::page::ListRequest;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use worker::D1Database;

#[derive(Debug, Clone, Deserialize)]
pub struct LoopRow {
    pub id: String,
    pub workspace_id: String,
    pub bot_id: String,
    pub name: String,
    pub instructions: String,
    pub tools: String,
    pub allowed_hosts: String,
    pub max_steps: i64,
    pub every_minutes: Option<i64>,
    pub planned_steps: String,
    pub created_at: String,
    pub updated_at: String,
}

/// A JSON column as written by this module; unreadable reads as empty.
fn json_list<T: DeserializeOwned>(text: &str) -> Vec<T> {
    serde_json::from_str(text).unwrap_or_default()
}

impl LoopRow {
    pub fn tools(&self) -> Vec<AgentTool> {
        json_list(&self.tools)
    }

    pub fn allowed_hosts(&self) -> Vec<String> {
        json_list(&self.allowed_hosts)
    }

    pub fn planned_steps(&self) -> Vec<PlannedStep> {
        json_list(&self.planned_steps)
    }

    pub fn schedule(&self) -> Option<LoopSchedule> {
        self.every_minutes.map(|minutes| LoopSchedule {
            every_minutes: minutes.max(1) as u32,
        })
    }

    pub fn into_loop(self) -> AgentLoop {
        AgentLoop {
            tools: self.tools(),
            allowed_hosts: self.allowed_hosts(),
            planned_steps: self.planned_steps(),
            schedule: self.schedule(),
            max_steps: self.max_steps.max(0) as u32,
            id: self.id,
            name: self.name,
            bot_id: self.bot_id,
            instructions: self.instructions,
            created_at: self.created_at,
            updated_at: self.updated_at,
        }
    }
}

const LOOP_COLUMNS: &str = "id, workspace_id, bot_id, name, instructions, tools, allowed_hosts, max_steps, every_minutes, planned_steps, created_at, updated_at";

pub async fn insert_loop(db: &D1Database, row: &LoopRow) -> ApiResult<()> {
    run(
        db,
        &format!(
            "INSERT INTO agent_loops ({LOOP_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        ),
        &[
            (&row.id).into(),
            (&row.workspace_id).into(),
            (&row.bot_id).into(),
            (&row.name).into(),
            (&row.instructions).into(),
            (&row.tools).into(),
            (&row.allowed_hosts).into(),
            row.max_steps.into(),
            row.every_minutes.map_or(Arg::Null, Arg::Int),
            (&row.planned_steps).into(),
            (&row.created_at).into(),
            (&row.updated_at).into(),
        ],
    )
    .await
    .map(drop)
}

/// Writes everything an update may change.
pub async fn update_loop(db: &D1Database, row: &LoopRow) -> ApiResult<()> {
    run(
        db,
        "UPDATE agent_loops SET bot_id = ?, name = ?, instructions = ?, tools = ?, allowed_hosts = ?,
         max_steps = ?, every_minutes = ?, planned_steps = ?, updated_at = ?
         WHERE workspace_id = ? AND id = ?",
        &[
            (&row.bot_id).into(),
            (&row.name).into(),
            (&row.instructions).into(),
            (&row.tools).into(),
            (&row.allowed_hosts).into(),
            row.max_steps.into(),
            row.every_minutes.map_or(Arg::Null, Arg::Int),
            (&row.planned_steps).into(),
            (&row.updated_at).into(),
            (&row.workspace_id).into(),
            (&row.id).into(),
        ],
    )
    .await
    .map(drop)
}

pub async fn find_loop(
    db: &D1Database,
    workspace_id: &str,
    id: &str,
) -> ApiResult<Option<LoopRow>> {
    first(
        db,
        &format!("SELECT {LOOP_COLUMNS} FROM agent_loops WHERE workspace_id = ? AND id = ?"),
        &[workspace_id.into(), id.into()],
    )
    .await
}

pub async fn list_loops(
    db: &D1Database,
    workspace_id: &str,
    list: &ListRequest,
) -> ApiResult<(Vec<LoopRow>, u64)> {
    let from = (LOOP_COLUMNS, "agent_loops", "workspace_id = ?");
    super::d1::page_of(db, from, &[workspace_id.into()], list).await
}

/// Deletes the loop; its executions and their steps go by cascade.
pub async fn delete_loop(db: &D1Database, workspace_id: &str, id: &str) -> ApiResult<bool> {
    let deleted = run(
        db,
        "DELETE FROM agent_loops WHERE workspace_id = ? AND id = ?",
        &[workspace_id.into(), id.into()],
    )
    .await?;
    Ok(deleted > 0)
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ExecutionRow {
    pub id: String,
    pub workspace_id: String,
    pub loop_id: String,
    pub status: String,
    pub reason: Option<String>,
    pub trigger: String,
    pub engine: String,
    pub step_count: i64,
    pub tokens: i64,
    pub output: Option<String>,
    pub created_at: String,
    pub started_at: Option<String>,
    pub finished_at: Option<String>,
}

impl ExecutionRow {
    pub fn status(&self) -> ExecutionStatus {
        ExecutionStatus::parse(&self.status)
    }

    pub fn trigger(&self) -> ExecutionTrigger {
        if self.trigger == "schedule" {
            ExecutionTrigger::Schedule
        } else {
            ExecutionTrigger::Manual
        }
    }

    pub fn into_execution(self) -> AgentLoopExecution {
        AgentLoopExecution {
            status: self.status(),
            trigger: self.trigger(),
            engine: if self.engine == "openai" {
                LoopEngine::Openai
            } else {
                LoopEngine::Builtin
            },
            step_count: self.step_count.max(0) as u32,
            tokens: self.tokens.max(0) as u32,
            id: self.id,
            loop_id: self.loop_id,
            reason: self.reason,
            output: self.output,
            created_at: self.created_at,
            started_at: self.started_at,
            finished_at: self.finished_at,
            steps: None,
        }
    }
}

const EXECUTION_COLUMNS: &str = "id, workspace_id, loop_id, status, reason, trigger, engine, step_count, tokens, output, created_at, started_at, finished_at";

pub async fn insert_execution(db: &D1Database, row: &ExecutionRow) -> ApiResult<()> {
    run(
        db,
        &format!(
            "INSERT INTO agent_loop_executions ({EXECUTION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        ),
        &[
            (&row.id).into(),
            (&row.workspace_id).into(),
            (&row.loop_id).into(),
            (&row.status).into(),
            row.reason.as_deref().into(),
            (&row.trigger).into(),
            (&row.engine).into(),
            row.step_count.into(),
            row.tokens.into(),
            row.output.as_deref().into(),
            (&row.created_at).into(),
            row.started_at.as_deref().into(),
            row.finished_at.as_deref().into(),
        ],
    )
    .await
    .map(drop)
}

fn update_execution_statement(
    db: &D1Database,
    row: &ExecutionRow,
) -> ApiResult<worker::D1PreparedStatement> {
    statement(
        db,
        "UPDATE agent_loop_executions SET status = ?, reason = ?, step_count = ?, tokens = ?,
         output = ?, started_at = ?, finished_at = ?
         WHERE workspace_id = ? AND id = ? AND status IN ('queued', 'running')",
        &[
            (&row.status).into(),
            row.reason.as_deref().into(),
            row.step_count.into(),
            row.tokens.into(),
            row.output.as_deref().into(),
            row.started_at.as_deref().into(),
            row.finished_at.as_deref().into(),
            (&row.workspace_id).into(),
            (&row.id).into(),
        ],
    )
}

/// Writes the execution's progress (status, reason, counts, output, times); one already over
/// stays as it ended (a cancel is not undone by the step that was running meanwhile).
/// Answers whether it changed the execution.
pub async fn update_execution(db: &D1Database, row: &ExecutionRow) -> ApiResult<bool> {
    let result = update_execution_statement(db, row)?
        .run()
        .await
        .map_err(super::d1::d1_error)?;
    Ok(result.meta()?.and_then(|meta| meta.changes).unwrap_or(0) > 0)
}

/// Records a step and the execution's progress with it, in one transaction. A step recorded
/// again (the same index, after a restart cut the first recording short) replaces itself.
pub async fn record_step(
    db: &D1Database,
    execution: &ExecutionRow,
    step: &ExecutionStep,
) -> ApiResult<()> {
    let text = |value: &serde_json::Value| value.to_string();
    let (input, output) = (text(&step.input), text(&step.output));
    let kind = match step.kind {
        StepKind::Model => "model",
        StepKind::Tool => "tool",
    };
    let status = match step.status {
        StepStatus::Succeeded => "succeeded",
        StepStatus::Failed => "failed",
    };
    let insert = statement(
        db,
        "INSERT OR REPLACE INTO agent_loop_steps (execution_id, step_index, kind, tool, input, output,
         status, error, tokens, duration_ms, started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        &[
            (&execution.id).into(),
            i64::from(step.index).into(),
            kind.into(),
            step.tool.as_deref().into(),
            (&input).into(),
            (&output).into(),
            status.into(),
            step.error.as_deref().into(),
            i64::from(step.tokens).into(),
            (step.duration_ms as i64).into(),
            (&step.started_at).into(),
        ],
    )?;
    let progress = update_execution_statement(db, execution)?;
    super::d1::batch(db, vec![insert, progress]).await
}

pub async fn find_execution(
    db: &D1Database,
    workspace_id: &str,
    loop_id: &str,
    id: &str,
) -> ApiResult<Option<ExecutionRow>> {
    first(
        db,
        &format!(
            "SELECT {EXECUTION_COLUMNS} FROM agent_loop_executions
             WHERE workspace_id = ? AND loop_id = ? AND id = ?"
        ),
        &[workspace_id.into(), loop_id.into(), id.into()],
    )
    .await
}

/// A loop's executions, newest first.
pub async fn list_executions(
    db: &D1Database,
    workspace_id: &str,
    loop_id: &str,
    list: &ListRequest,
) -> ApiResult<(Vec<ExecutionRow>, u64)> {
    let filter = "workspace_id = ? AND loop_id = ?";
    let filter_args = [Arg::Text(workspace_id), Arg::Text(loop_id)];
    let total = count(
        db,
        &format!("agent_loop_executions WHERE {filter}"),
        &filter_args,
    )
    .await?;
    let paging = Paging::of(
        list,
        ("agent_loop_executions", "created_at"),
        (filter, &filter_args),
        true,
    );
    let sql = format!(
        "SELECT {EXECUTION_COLUMNS} FROM agent_loop_executions WHERE {filter}{} {}",
        paging.after_cursor, paging.order_and_limit
    );
    let args: Vec<Arg<'_>> = [Arg::Text(workspace_id), Arg::Text(loop_id)]
        .into_iter()
        .chain(paging.args)
        .collect();
    Ok((all(db, &sql, &args).await?, total))
}

#[derive(Debug, Clone, Deserialize)]
struct StepRow {
    step_index: i64,
    kind: String,
    tool: Option<String>,
    input: String,
    output: String,
    status: String,
    error: Option<String>,
    tokens: i64,
    duration_ms: i64,
    started_at: String,
}

impl StepRow {
    fn into_step(self) -> ExecutionStep {
        let json = |text: &str| serde_json::from_str(text).unwrap_or(serde_json::Value::Null);
        ExecutionStep {
            index: self.step_index.max(0) as u32,
            kind: if self.kind == "model" {
                StepKind::Model
            } else {
                StepKind::Tool
            },
            tool: self.tool,
            input: json(&self.input),
            output: json(&self.output),
            status: if self.status == "failed" {
                StepStatus::Failed
            } else {
                StepStatus::Succeeded
            },
            error: self.error,
            tokens: self.tokens.max(0) as u32,
            duration_ms: self.duration_ms.max(0) as u64,
            started_at: self.started_at,
        }
    }
}

/// The execution's steps in order (the caller found the execution in its workspace).
pub async fn steps_of(db: &D1Database, execution_id: &str) -> ApiResult<Vec<ExecutionStep>> {
    let rows: Vec<StepRow> = all(
        db,
        "SELECT step_index, kind, tool, input, output, status, error, tokens, duration_ms, started_at
         FROM agent_loop_steps WHERE execution_id = ? ORDER BY step_index",
        &[execution_id.into()],
    )
    .await?;
    Ok(rows.into_iter().map(StepRow::into_step).collect())
}
