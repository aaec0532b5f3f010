//! Durable Objects and the typed commands both sides of a stub speak (JSON over the stub's
//! fetch). One file per object.

pub mod conversation_room;
mod hub_session;
pub mod workspace_inbox;

use crate::error::{ApiError, ApiResult};
use parley_shared_types::message::SendMessageRequest;
use parley_shared_types::problem::Problem;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use worker::{Env, Method, Request, RequestInit, Response, Stub};

const CONVERSATION_ROOM: &str = "CONVERSATION_ROOM";
const WORKSPACE_INBOX: &str = "WORKSPACE_INBOX";
/// Durable Object fetches need an absolute URL; the host is never resolved.
const COMMAND_URL: &str = "https://room.internal/command";

#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "camelCase")]
pub enum RoomCommand {
    Ping,
    Append {
        conversation_id: String,
        message: SendMessageRequest,
    },
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "camelCase")]
pub enum InboxCommand {
    Ping,
}

/// Whether a command created something new or found it already done (idempotent retry).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Outcome {
    Created,
    Existing,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Reply<T> {
    pub outcome: Outcome,
    pub value: T,
}

/// The room that owns one conversation's log.
pub fn room(env: &Env, conversation_id: &str) -> worker::Result<Stub> {
    env.durable_object(CONVERSATION_ROOM)?
        .get_by_name(conversation_id)
}

/// The inbox of one workspace.
pub fn inbox(env: &Env, workspace_id: &str) -> worker::Result<Stub> {
    env.durable_object(WORKSPACE_INBOX)?
        .get_by_name(workspace_id)
}

/// Sends a command to an object; an error it answered with comes back as the same `ApiError`.
pub async fn call<C: Serialize, R: DeserializeOwned>(stub: &Stub, command: &C) -> ApiResult<R> {
    let body = serde_json::to_string(command).map_err(ApiError::internal)?;
    let mut init = RequestInit::new();
    init.with_method(Method::Post).with_body(Some(body.into()));
    let request = Request::new_with_init(COMMAND_URL, &init)?;
    let mut response = stub.fetch_with_request(request).await?;
    if (200..300).contains(&response.status_code()) {
        response.json().await.map_err(ApiError::internal)
    } else {
        let problem: Problem = response.json().await.map_err(ApiError::internal)?;
        Err(ApiError::from_problem(problem))
    }
}

/// How an object answers a command: JSON on success, problem JSON on failure.
pub fn respond<T: Serialize>(result: ApiResult<T>) -> worker::Result<Response> {
    match result {
        Ok(value) => Response::from_json(&value),
        Err(error) => {
            let problem = error.to_problem();
            Ok(Response::from_json(&problem)?.with_status(problem.status))
        }
    }
}

/// Reads a command from an object's request body.
pub async fn read_command<C: DeserializeOwned>(mut request: Request) -> ApiResult<C> {
    request.json().await.map_err(|e| {
        ApiError::new(
            parley_shared_types::problem::ErrorCode::ValidationFailed,
            format!("bad command: {e}"),
        )
    })
}
