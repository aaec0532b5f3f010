//! `/api/agent-loops`: ChatbotPlatform's agent loops and their executions. Members read them;
//! admins (and full API keys) change and run them.

use super::extract::{Admin, Agent, Body, valid};
use super::list::Listing;
use super::problem::Problems;
use crate::AppState;
use crate::domain::agent_loops;
use crate::error::ApiResult;
use crate::store::{self, agent_loops::LoopRow};
use axum::Json;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use parley_shared_types::agent_loop::{AgentLoop, AgentLoopExecution, AgentLoopInput};
use parley_shared_types::page::{ListQuery, Page};

#[utoipa::path(get, path = "/api/agent-loops", tag = "agent loops", operation_id = "listAgentLoops", params(ListQuery), responses((status = 200, body = Page<AgentLoop>), Problems))]
#[worker::send]
pub async fn list(state: AppState, Agent(me): Agent, listing: Listing) -> ApiResult<Response> {
    let db = store::db(&state.env)?;
    let (rows, total) =
        store::agent_loops::list_loops(&db, &me.workspace_id, &listing.request()).await?;
    let data = rows.into_iter().map(LoopRow::into_loop).collect();
    Ok(listing.page(data, total, |item: &AgentLoop| &item.id))
}

/// `POST /api/agent-loops`: `name`, `botId` and `instructions` are required.
#[utoipa::path(post, path = "/api/agent-loops", tag = "agent loops", operation_id = "createAgentLoop", request_body = AgentLoopInput, responses((status = 201, body = AgentLoop), Problems))]
#[worker::send]
pub async fn create(
    state: AppState,
    Admin(me): Admin,
    Body(input): Body<AgentLoopInput>,
) -> ApiResult<(StatusCode, Json<AgentLoop>)> {
    valid(input.validate(true))?;
    let row = agent_loops::create(&state.env, &me.workspace_id, input).await?;
    Ok((StatusCode::CREATED, Json(row.into_loop())))
}

#[utoipa::path(get, path = "/api/agent-loops/{id}", tag = "agent loops", operation_id = "getAgentLoop", params(("id" = String, Path, description = "agent loop id")), responses((status = 200, body = AgentLoop), Problems))]
#[worker::send]
pub async fn get(
    state: AppState,
    Agent(me): Agent,
    Path(id): Path<String>,
) -> ApiResult<Json<AgentLoop>> {
    let row = agent_loops::find(&state.env, &me.workspace_id, &id).await?;
    Ok(Json(row.into_loop()))
}

/// `PATCH /api/agent-loops/{id}`: what is sent changes; `"schedule": null` removes the
/// schedule.
#[utoipa::path(patch, path = "/api/agent-loops/{id}", tag = "agent loops", operation_id = "updateAgentLoop", params(("id" = String, Path, description = "agent loop id")), request_body = AgentLoopInput, responses((status = 200, body = AgentLoop), Problems))]
#[worker::send]
pub async fn update(
    state: AppState,
    Admin(me): Admin,
    Path(id): Path<String>,
    Body(input): Body<AgentLoopInput>,
) -> ApiResult<Json<AgentLoop>> {
    valid(input.validate(false))?;
    let row = agent_loops::update(&state.env, &me.workspace_id, &id, input).await?;
    Ok(Json(row.into_loop()))
}

/// `DELETE /api/agent-loops/{id}`: with its executions; one still running stops.
#[utoipa::path(delete, path = "/api/agent-loops/{id}", tag = "agent loops", operation_id = "deleteAgentLoop", params(("id" = String, Path, description = "agent loop id")), responses((status = 204, description = "Deleted"), Problems))]
#[worker::send]
pub async fn remove(
    state: AppState,
    Admin(me): Admin,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    agent_loops::remove(&state.env, &me.workspace_id, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/agent-loops/{id}/run`: 202 with the new execution, `queued` (behind the loop's
/// execution still running, if any); it runs in the background.
#[utoipa::path(post, path = "/api/agent-loops/{id}/run", tag = "agent loops", operation_id = "runAgentLoop", params(("id" = String, Path, description = "agent loop id")), responses((status = 202, body = AgentLoopExecution), Problems))]
#[worker::send]
pub async fn run(
    state: AppState,
    Admin(me): Admin,
    Path(id): Path<String>,
) -> ApiResult<(StatusCode, Json<AgentLoopExecution>)> {
    let execution = agent_loops::run(&state.env, &me.workspace_id, &id).await?;
    Ok((StatusCode::ACCEPTED, Json(execution)))
}

/// `GET /api/agent-loops/{id}/executions`: newest first.
#[utoipa::path(get, path = "/api/agent-loops/{id}/executions", tag = "agent loops", operation_id = "listAgentLoopExecutions", params(("id" = String, Path, description = "agent loop id"), ListQuery), responses((status = 200, body = Page<AgentLoopExecution>), Problems))]
#[worker::send]
pub async fn executions(
    state: AppState,
    Agent(me): Agent,
    Path(id): Path<String>,
    listing: Listing,
) -> ApiResult<Response> {
    let request = listing.request();
    let (data, total) =
        agent_loops::executions(&state.env, &me.workspace_id, &id, &request).await?;
    Ok(listing.page(data, total, |execution: &AgentLoopExecution| &execution.id))
}

/// `GET /api/agent-loops/{id}/executions/{execution_id}`: with its steps so far.
#[utoipa::path(get, path = "/api/agent-loops/{id}/executions/{execution_id}", tag = "agent loops", operation_id = "getAgentLoopExecution", params(("id" = String, Path, description = "agent loop id"), ("execution_id" = String, Path, description = "execution id")), responses((status = 200, body = AgentLoopExecution), Problems))]
#[worker::send]
pub async fn execution(
    state: AppState,
    Agent(me): Agent,
    Path((id, execution_id)): Path<(String, String)>,
) -> ApiResult<Json<AgentLoopExecution>> {
    let execution =
        agent_loops::execution(&state.env, &me.workspace_id, &id, &execution_id).await?;
    Ok(Json(execution))
}

/// `POST /api/agent-loops/{id}/executions/{execution_id}/cancel`: it stops before its next
/// step (`canceled`); one that has ended is answered as it ended.
#[utoipa::path(post, path = "/api/agent-loops/{id}/executions/{execution_id}/cancel", tag = "agent loops", operation_id = "cancelAgentLoopExecution", params(("id" = String, Path, description = "agent loop id"), ("execution_id" = String, Path, description = "execution id")), responses((status = 200, body = AgentLoopExecution), Problems))]
#[worker::send]
pub async fn cancel(
    state: AppState,
    Admin(me): Admin,
    Path((id, execution_id)): Path<(String, String)>,
) -> ApiResult<Json<AgentLoopExecution>> {
    let execution = agent_loops::cancel(&state.env, &me.workspace_id, &id, &execution_id).await?;
    Ok(Json(execution))
}
