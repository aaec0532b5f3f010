//! AgentLoopRunner: one per agent loop. It holds the loop's executions that have not ended
//! (each a `domain::agent_loops::engine::Run`, in its own SQLite) and its schedule, and works
//! from its alarm: each alarm starts a scheduled execution if one is due, runs ONE step of the
//! oldest execution (recorded in D1 by the engine) and sets the next alarm. Nothing is held
//! only in memory between steps, so after an eviction or a restart the alarm resumes each
//! execution at the step it was in (a step cut short runs again; what it writes is keyed by
//! the step, so it writes once).
//!
//! One object per loop rather than per execution: the loop's executions then run one after
//! another, and its schedule can see whether one is still going (a run due meanwhile is
//! skipped, never overlapping).

use super::shell::{read_command, respond};
use crate::clock::now_ms;
use crate::domain::agent_loops::{self, engine, engine::Run};
use crate::error::{ApiError, ApiResult};
use crate::object_client::LoopRunnerCommand;
use crate::settings;
use crate::store::{self, agent_loops as loop_store};
use parley_shared_types::agent_loop::{
    AgentLoopExecution, ExecutionStatus, ExecutionTrigger, reason,
};
use parley_shared_types::problem::ErrorCode;
use serde::Deserialize;
use std::time::Duration;
use worker::{DurableObject, Env, Request, Response, Result, SqlStorage, State, durable_object};

const RUNS_SCHEMA: &str = "CREATE TABLE IF NOT EXISTS runs (
    execution_id TEXT PRIMARY KEY,
    queued_at    INTEGER NOT NULL,
    state        TEXT NOT NULL
)";
/// At most one row: the loop's schedule, its times on the (settable) clock.
const SCHEDULE_SCHEMA: &str = "CREATE TABLE IF NOT EXISTS schedule (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    workspace_id  TEXT NOT NULL,
    loop_id       TEXT NOT NULL,
    every_minutes INTEGER NOT NULL,
    next_due_ms   INTEGER NOT NULL
)";
/// How long one step may take (`AGENT_LOOP_STEP_TIMEOUT_MS` overrides it).
const DEFAULT_STEP_TIMEOUT_MS: u64 = 60_000;
/// How often a schedule looks at the clock at least (`AGENT_LOOP_SCHEDULE_TICK_MS`
/// overrides it): a development clock set forward is noticed within one tick.
const DEFAULT_SCHEDULE_TICK_MS: u64 = 60_000;
/// After a step could not be recorded (D1 unreachable), the alarm tries again this much later.
const RETRY_AFTER_ERROR: Duration = Duration::from_secs(2);

#[derive(Deserialize)]
struct StoredRun {
    state: String,
}

#[derive(Deserialize)]
struct Schedule {
    workspace_id: String,
    loop_id: String,
    every_minutes: i64,
    next_due_ms: i64,
}

impl Schedule {
    fn period_ms(&self) -> i64 {
        self.every_minutes.max(1) * 60_000
    }
}

#[durable_object]
pub struct AgentLoopRunner {
    state: State,
    env: Env,
    sql: SqlStorage,
}

impl DurableObject for AgentLoopRunner {
    fn new(state: State, env: Env) -> Self {
        let sql = state.storage().sql();
        for schema in [RUNS_SCHEMA, SCHEDULE_SCHEMA] {
            if let Err(e) = sql.exec(schema, None) {
                worker::console_error!("AgentLoopRunner schema: {e}");
            }
        }
        AgentLoopRunner { state, env, sql }
    }

    async fn fetch(&self, request: Request) -> Result<Response> {
        match read_command::<LoopRunnerCommand>(request).await {
            Ok(LoopRunnerCommand::Run {
                workspace_id,
                loop_id,
            }) => {
                let started = self
                    .start(&workspace_id, &loop_id, ExecutionTrigger::Manual)
                    .await;
                respond(started.map(|run| run.execution.into_execution()))
            }
            Ok(LoopRunnerCommand::Cancel {
                workspace_id,
                loop_id,
                execution_id,
            }) => respond(self.cancel(&workspace_id, &loop_id, &execution_id).await),
            Ok(LoopRunnerCommand::Schedule {
                workspace_id,
                loop_id,
                every_minutes,
            }) => respond(
                self.set_schedule(&workspace_id, &loop_id, every_minutes)
                    .await,
            ),
            Ok(LoopRunnerCommand::Forget) => respond(self.forget().await),
            Err(error) => respond::<()>(Err(error)),
        }
    }

    async fn alarm(&self) -> Result<Response> {
        let worked = async {
            self.start_if_due().await?;
            self.step_oldest().await
        };
        let retry = match worked.await {
            Ok(()) => false,
            Err(e) => {
                worker::console_error!("agent loop runner: {e}");
                true
            }
        };
        self.schedule_next_alarm(retry).await?;
        Response::ok("")
    }
}

impl AgentLoopRunner {
    /// A new execution, queued here behind any other of the loop's.
    async fn start(
        &self,
        workspace_id: &str,
        loop_id: &str,
        trigger: ExecutionTrigger,
    ) -> ApiResult<Run> {
        let run = engine::start(&self.env, workspace_id, loop_id, trigger).await?;
        let state = serde_json::to_string(&run).map_err(ApiError::internal)?;
        self.sql.exec(
            "INSERT INTO runs (execution_id, queued_at, state) VALUES (?, ?, ?)",
            vec![
                run.execution.id.as_str().into(),
                (worker::js_sys::Date::now() as i64).into(),
                state.into(),
            ],
        )?;
        self.state.storage().set_alarm(Duration::ZERO).await?;
        Ok(run)
    }

    fn stored_run(&self, execution_id: &str) -> ApiResult<Option<Run>> {
        let rows: Vec<StoredRun> = self
            .sql
            .exec(
                "SELECT state FROM runs WHERE execution_id = ?",
                vec![execution_id.into()],
            )?
            .to_array()?;
        rows.first()
            .map(|row| serde_json::from_str(&row.state).map_err(ApiError::internal))
            .transpose()
    }

    async fn cancel(
        &self,
        workspace_id: &str,
        loop_id: &str,
        execution_id: &str,
    ) -> ApiResult<AgentLoopExecution> {
        if let Some(mut run) = self.stored_run(execution_id)? {
            self.drop_run(execution_id)?;
            let canceled = ExecutionStatus::Canceled;
            engine::end(
                &self.env,
                &self.state,
                &mut run,
                canceled,
                Some(reason::CANCELED),
                None,
            )
            .await?;
        }
        // Ended here, or before the cancel arrived: answered as D1 has it.
        let execution =
            loop_store::find_execution(&store::db(&self.env)?, workspace_id, loop_id, execution_id)
                .await?
                .ok_or_else(|| {
                    ApiError::new(ErrorCode::NotFound, format!("no execution {execution_id}"))
                })?;
        Ok(execution.into_execution())
    }

    async fn set_schedule(
        &self,
        workspace_id: &str,
        loop_id: &str,
        every_minutes: Option<u32>,
    ) -> ApiResult<()> {
        self.sql.exec("DELETE FROM schedule", None)?;
        if let Some(every_minutes) = every_minutes {
            let next_due_ms = now_ms() + i64::from(every_minutes) * 60_000;
            self.sql.exec(
                "INSERT INTO schedule (id, workspace_id, loop_id, every_minutes, next_due_ms) VALUES (1, ?, ?, ?, ?)",
                vec![
                    workspace_id.into(),
                    loop_id.into(),
                    i64::from(every_minutes).into(),
                    next_due_ms.into(),
                ],
            )?;
        }
        Ok(self.schedule_next_alarm(false).await?)
    }

    async fn forget(&self) -> ApiResult<()> {
        self.sql.exec("DELETE FROM runs", None)?;
        self.sql.exec("DELETE FROM schedule", None)?;
        Ok(self.state.storage().delete_alarm().await?)
    }

    fn schedule(&self) -> ApiResult<Option<Schedule>> {
        let rows: Vec<Schedule> = self
            .sql
            .exec(
                "SELECT workspace_id, loop_id, every_minutes, next_due_ms FROM schedule",
                None,
            )?
            .to_array()?;
        Ok(rows.into_iter().next())
    }

    fn has_runs(&self) -> ApiResult<bool> {
        let rows: Vec<serde_json::Value> = self
            .sql
            .exec("SELECT execution_id FROM runs LIMIT 1", None)?
            .to_array()?;
        Ok(!rows.is_empty())
    }

    /// Starts the scheduled execution if it is due and the last one has ended (if not, this
    /// period's run is skipped); the schedule moves on to its next period either way.
    async fn start_if_due(&self) -> ApiResult<()> {
        let Some(schedule) = self.schedule()? else {
            return Ok(());
        };
        let now = now_ms();
        if now < schedule.next_due_ms {
            return Ok(());
        }
        let next_due = agent_loops::next_due_ms(schedule.next_due_ms, schedule.period_ms(), now);
        self.sql
            .exec("UPDATE schedule SET next_due_ms = ?", vec![next_due.into()])?;
        if self.has_runs()? {
            worker::console_log!(
                "agent loop {}: a scheduled run was skipped, the last one is still running",
                schedule.loop_id
            );
            return Ok(());
        }
        let trigger = ExecutionTrigger::Schedule;
        match self
            .start(&schedule.workspace_id, &schedule.loop_id, trigger)
            .await
        {
            // The loop (or its bot) was deleted: nothing is left to run.
            Err(error) if error.code() == ErrorCode::NotFound => self.forget().await,
            other => other.map(drop),
        }
    }

    /// Runs one step of the oldest execution and keeps what it became (unless it was
    /// canceled meanwhile).
    async fn step_oldest(&self) -> ApiResult<()> {
        let rows: Vec<StoredRun> = self
            .sql
            .exec("SELECT state FROM runs ORDER BY queued_at LIMIT 1", None)?
            .to_array()?;
        let Some(stored) = rows.first() else {
            return Ok(());
        };
        let mut run: Run = serde_json::from_str(&stored.state).map_err(ApiError::internal)?;
        let timeout_ms = settings::number(
            &self.env,
            "AGENT_LOOP_STEP_TIMEOUT_MS",
            DEFAULT_STEP_TIMEOUT_MS,
        );
        let timeout = Duration::from_millis(timeout_ms);
        let id = run.execution.id.clone();
        if let Err(error) = engine::advance(&self.env, &self.state, &mut run, timeout).await {
            // An execution deleted meanwhile (with its loop, or its bot) is dropped, not retried.
            let execution = &run.execution;
            let db = store::db(&self.env)?;
            let found =
                loop_store::find_execution(&db, &execution.workspace_id, &execution.loop_id, &id)
                    .await?;
            return match found {
                None => self.drop_run(&id),
                Some(_) => Err(error),
            };
        }
        if run.is_over() {
            self.drop_run(&id)?;
        } else {
            let state = serde_json::to_string(&run).map_err(ApiError::internal)?;
            // A run canceled during the step has no row left: it stays gone.
            self.sql.exec(
                "UPDATE runs SET state = ? WHERE execution_id = ?",
                vec![state.into(), id.into()],
            )?;
        }
        Ok(())
    }

    fn drop_run(&self, execution_id: &str) -> ApiResult<()> {
        self.sql.exec(
            "DELETE FROM runs WHERE execution_id = ?",
            vec![execution_id.into()],
        )?;
        Ok(())
    }

    /// The next step at once while executions wait; else the schedule's next run (looked at
    /// again within a tick, for a clock that was set); else no alarm.
    async fn schedule_next_alarm(&self, after_error: bool) -> Result<()> {
        let storage = self.state.storage();
        let waiting = self
            .has_runs()
            .map_err(|e| worker::Error::RustError(e.to_string()))?;
        if after_error {
            return storage.set_alarm(RETRY_AFTER_ERROR).await;
        }
        if waiting {
            return storage.set_alarm(Duration::ZERO).await;
        }
        let schedule = self
            .schedule()
            .map_err(|e| worker::Error::RustError(e.to_string()))?;
        match schedule {
            Some(schedule) => {
                let tick = settings::number(
                    &self.env,
                    "AGENT_LOOP_SCHEDULE_TICK_MS",
                    DEFAULT_SCHEDULE_TICK_MS,
                );
                let wait = (schedule.next_due_ms - now_ms()).clamp(0, tick as i64);
                storage.set_alarm(Duration::from_millis(wait as u64)).await
            }
            None => storage.delete_alarm().await,
        }
    }
}
