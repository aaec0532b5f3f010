//! Agent loops as the routes change and run them. A loop's executions run in its
//! `AgentLoopRunner` object (`crate::rooms::agent_loop_runner`), one step per alarm
//! ([`engine`]), calling [`tools`]; this module keeps the loops themselves and talks to the
//! runner.

pub mod engine;
pub mod tools;

use crate::clock::now_rfc3339;
use crate::error::{ApiError, ApiResult};
use crate::ids::{new_id, parse_id};
use crate::object_client::{self, LoopRunnerCommand};
use crate::store::{self, agent_loops, agent_loops::LoopRow, bots};
use parley_shared_types::agent_loop::{
    AgentLoopExecution, AgentLoopInput, AgentTool, DEFAULT_MAX_STEPS, check_loop,
};
use parley_shared_types::page::ListRequest;
use parley_shared_types::problem::ErrorCode;
use worker::Env;

/// A loop of the caller's workspace; any other id is 404.
pub async fn find(env: &Env, workspace_id: &str, id: &str) -> ApiResult<LoopRow> {
    let id = parse_id(id, "agent loop")?;
    agent_loops::find_loop(&store::db(env)?, workspace_id, &id)
        .await?
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound, format!("no agent loop {id}")))
}

/// A new loop from an input already validated for creation.
pub async fn create(env: &Env, workspace_id: &str, input: AgentLoopInput) -> ApiResult<LoopRow> {
    let now = now_rfc3339();
    let mut row = LoopRow {
        id: new_id(),
        workspace_id: workspace_id.to_owned(),
        bot_id: String::new(),
        name: String::new(),
        instructions: String::new(),
        tools: "[]".into(),
        allowed_hosts: "[]".into(),
        max_steps: i64::from(DEFAULT_MAX_STEPS),
        every_minutes: None,
        planned_steps: "[]".into(),
        created_at: now.clone(),
        updated_at: now,
    };
    apply(env, &mut row, input).await?;
    agent_loops::insert_loop(&store::db(env)?, &row).await?;
    schedule(env, &row).await?;
    Ok(row)
}

/// Changes what a validated input sends.
pub async fn update(
    env: &Env,
    workspace_id: &str,
    id: &str,
    input: AgentLoopInput,
) -> ApiResult<LoopRow> {
    let mut row = find(env, workspace_id, id).await?;
    let reschedule = input.schedule.is_some();
    apply(env, &mut row, input).await?;
    row.updated_at = now_rfc3339();
    agent_loops::update_loop(&store::db(env)?, &row).await?;
    if reschedule {
        schedule(env, &row).await?;
    }
    Ok(row)
}

/// Deletes the loop with its executions; one still running stops.
pub async fn remove(env: &Env, workspace_id: &str, id: &str) -> ApiResult<()> {
    let row = find(env, workspace_id, id).await?;
    agent_loops::delete_loop(&store::db(env)?, workspace_id, &row.id).await?;
    let runner = object_client::agent_loop_runner(env, &row.id)?;
    object_client::call(&runner, &LoopRunnerCommand::Forget).await
}

/// Starts an execution of the loop now.
pub async fn run(env: &Env, workspace_id: &str, id: &str) -> ApiResult<AgentLoopExecution> {
    let row = find(env, workspace_id, id).await?;
    let command = LoopRunnerCommand::Run {
        workspace_id: workspace_id.to_owned(),
        loop_id: row.id.clone(),
    };
    object_client::call(&object_client::agent_loop_runner(env, &row.id)?, &command).await
}

/// Cancels an execution that has not ended; one that has is answered as it ended.
pub async fn cancel(
    env: &Env,
    workspace_id: &str,
    id: &str,
    execution_id: &str,
) -> ApiResult<AgentLoopExecution> {
    let execution = execution(env, workspace_id, id, execution_id).await?;
    if execution.status.is_final() {
        return Ok(execution);
    }
    let command = LoopRunnerCommand::Cancel {
        workspace_id: workspace_id.to_owned(),
        loop_id: execution.loop_id.clone(),
        execution_id: execution.id.clone(),
    };
    let runner = object_client::agent_loop_runner(env, &execution.loop_id)?;
    object_client::call(&runner, &command).await
}

/// The loop's executions, newest first.
pub async fn executions(
    env: &Env,
    workspace_id: &str,
    id: &str,
    list: &ListRequest,
) -> ApiResult<(Vec<AgentLoopExecution>, u64)> {
    let row = find(env, workspace_id, id).await?;
    let (rows, total) =
        agent_loops::list_executions(&store::db(env)?, workspace_id, &row.id, list).await?;
    Ok((
        rows.into_iter().map(|r| r.into_execution()).collect(),
        total,
    ))
}

/// One execution of a loop of the workspace, with its steps so far.
pub async fn execution(
    env: &Env,
    workspace_id: &str,
    id: &str,
    execution_id: &str,
) -> ApiResult<AgentLoopExecution> {
    let row = find(env, workspace_id, id).await?;
    let execution_id = parse_id(execution_id, "execution")?;
    let db = store::db(env)?;
    let found = agent_loops::find_execution(&db, workspace_id, &row.id, &execution_id)
        .await?
        .ok_or_else(|| {
            ApiError::new(ErrorCode::NotFound, format!("no execution {execution_id}"))
        })?;
    let mut execution = found.into_execution();
    execution.steps = Some(agent_loops::steps_of(&db, &execution.id).await?);
    Ok(execution)
}

/// When a schedule of `period_ms` that was due at `due_ms` is due next, after `now_ms`: one
/// run per period however late the check comes, never a burst to catch up.
pub fn next_due_ms(due_ms: i64, period_ms: i64, now_ms: i64) -> i64 {
    if due_ms > now_ms {
        return due_ms;
    }
    let periods_passed = (now_ms - due_ms) / period_ms.max(1) + 1;
    due_ms + periods_passed * period_ms.max(1)
}

/// Tells the loop's runner its schedule (set, changed or removed).
async fn schedule(env: &Env, row: &LoopRow) -> ApiResult<()> {
    let command = LoopRunnerCommand::Schedule {
        workspace_id: row.workspace_id.clone(),
        loop_id: row.id.clone(),
        every_minutes: row.schedule().map(|s| s.every_minutes),
    };
    object_client::call(&object_client::agent_loop_runner(env, &row.id)?, &command).await
}

fn invalid(field: &str, why: &str) -> ApiError {
    ApiError::validation(
        "the request is not valid",
        [(field.to_owned(), vec![why.to_owned()])].into(),
    )
}

/// Applies a validated input; `botId` must name a bot of the workspace, and the loop as it
/// will be stored must hold together ([`check_loop`]).
async fn apply(env: &Env, row: &mut LoopRow, input: AgentLoopInput) -> ApiResult<()> {
    let AgentLoopInput {
        name,
        bot_id,
        instructions,
        tools,
        allowed_hosts,
        max_steps,
        schedule,
        planned_steps,
    } = input;
    if let Some(bot_id) = bot_id {
        let found = bots::find(&store::db(env)?, &row.workspace_id, &bot_id).await?;
        row.bot_id = found
            .ok_or_else(|| invalid("botId", "must be a bot of this workspace"))?
            .id;
    }
    if let Some(name) = name {
        row.name = name.trim().to_owned();
    }
    if let Some(instructions) = instructions {
        row.instructions = instructions.trim().to_owned();
    }
    if let Some(tools) = tools {
        let mut known: Vec<AgentTool> = Vec::new();
        for tool in tools.iter().filter_map(|name| AgentTool::parse(name)) {
            if !known.contains(&tool) {
                known.push(tool);
            }
        }
        row.tools = json(&known)?;
    }
    if let Some(hosts) = allowed_hosts {
        let hosts: Vec<String> = hosts
            .iter()
            .map(|h| h.trim().to_ascii_lowercase())
            .collect();
        row.allowed_hosts = json(&hosts)?;
    }
    if let Some(max_steps) = max_steps {
        row.max_steps = i64::from(max_steps);
    }
    if let Some(schedule) = schedule {
        row.every_minutes = schedule.map(|s| i64::from(s.every_minutes));
    }
    if let Some(steps) = planned_steps {
        row.planned_steps = json(&steps)?;
    }
    check_loop(&row.tools(), &row.allowed_hosts(), &row.planned_steps())
        .map_err(|errors| ApiError::validation("the loop is not consistent", errors))
}

/// A JSON column's text.
fn json<T: serde::Serialize>(value: &T) -> ApiResult<String> {
    serde_json::to_string(value).map_err(ApiError::internal)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_schedule_is_next_due_one_period_on_without_catching_up() {
        let minute = 60_000;
        assert_eq!(next_due_ms(10 * minute, minute, 5 * minute), 10 * minute);
        assert_eq!(next_due_ms(10 * minute, minute, 10 * minute), 11 * minute);
        assert_eq!(
            next_due_ms(10 * minute, minute, 10 * minute + 1),
            11 * minute
        );
        // Checked three and a half periods late: due once more, at the next period's start.
        assert_eq!(
            next_due_ms(10 * minute, minute, 13 * minute + 30_000),
            14 * minute
        );
    }
}
