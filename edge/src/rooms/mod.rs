//! Durable Objects and the typed commands both sides of a stub speak (JSON over the stub's
//! fetch). One file per object; the hub socket plumbing they share is here.

pub mod conversation_room;
pub mod hub_session;
pub mod rate_counter;
pub mod webhook_dispatcher;
pub mod workspace_inbox;

use crate::clock::now_secs;
use crate::error::{ApiError, ApiResult};
use hub_session::{Action, HubSession};
use parley_shared_types::hub::{PING_FRAME, ServerEvent};
use parley_shared_types::message::Sender;
use parley_shared_types::problem::{ErrorCode, Problem};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use worker::{
    Env, Method, Request, RequestInit, Response, ResponseBuilder, State, Stub, WebSocket,
    WebSocketIncomingMessage, WebSocketPair, WebSocketRequestResponsePair,
};

const CONVERSATION_ROOM: &str = "CONVERSATION_ROOM";
const WORKSPACE_INBOX: &str = "WORKSPACE_INBOX";
const RATE_COUNTER: &str = "RATE_COUNTER";
const WEBHOOK_DISPATCHER: &str = "WEBHOOK_DISPATCHER";
/// Durable Object fetches need an absolute URL; the host is never resolved.
const COMMAND_URL: &str = "https://room.internal/command";
/// The WebSocket close code for a socket whose access ended or must be checked again.
const CLOSE_POLICY_VIOLATION: u16 = 1008;
/// Carries the authenticated session of a hub socket from the edge to its object.
pub const SESSION_HEADER: &str = "x-parley-hub-session";

#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "camelCase")]
pub enum RoomCommand {
    Ping,
    Append {
        workspace_id: String,
        conversation_id: String,
        sender: Sender,
        content: String,
        client_message_id: Option<String>,
        /// The bot that answers this (visitor) message, in a conversation a bot handles.
        #[serde(default)]
        bot_id: Option<String>,
    },
    /// People take over from the bot: it stops, says `farewell` if given, and the sockets
    /// hear `ConversationHandedOff`.
    HandOff {
        workspace_id: String,
        conversation_id: String,
        farewell: Option<String>,
    },
    /// Oldest first; with `after` (a message id) only the messages after that one.
    List {
        conversation_id: String,
        page: u32,
        limit: u32,
        after: Option<String>,
    },
    MarkRead {
        workspace_id: String,
        conversation_id: String,
        message_id: String,
        reader: Sender,
    },
    /// A hub frame (an encoded [`ServerEvent`]) for every joined socket.
    Publish {
        frame: String,
    },
    /// Closes the team sockets of a user or API key whose access was removed or changed.
    ClosePrincipal {
        principal_id: String,
        reconnect: bool,
    },
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "camelCase")]
pub enum InboxCommand {
    Ping,
    /// The ids of the workspace's users connected to the feed now.
    OnlineAgents,
    Publish {
        frame: String,
    },
    /// A user or API key opened a socket on a conversation's room: remembered (for as long
    /// as that socket's access check holds) so removing them can close it.
    TrackRoomSocket {
        principal_id: String,
        conversation_id: String,
    },
    /// Closes the principal's feed sockets and answers the conversations whose rooms may
    /// still hold a socket of theirs.
    ClosePrincipal {
        principal_id: String,
        reconnect: bool,
    },
}

/// Asks a caller's [`rate_counter::RateCounter`] to count one request; it answers a
/// [`crate::limits::Quota`].
#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "camelCase")]
pub enum CounterCommand {
    Count {
        limit: u32,
    },
    /// Seconds until a sign-in may be tried again, if the account is locked.
    SignInLocked,
    /// A wrong password: answers the lock it caused, if any.
    SignInFailed,
    SignInSucceeded,
}

/// What the workspace's [`webhook_dispatcher::WebhookDispatcher`] is asked to deliver.
#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "camelCase")]
pub enum DispatcherCommand {
    /// To every active webhook subscribed to `event`.
    Emit {
        workspace_id: String,
        event: parley_shared_types::webhook::WebhookEvent,
        data: serde_json::Value,
    },
    /// The workspace's webhooks changed: read them afresh for the next event.
    Forget,
    /// To one webhook whatever it subscribes to; answers the delivery id.
    Send {
        workspace_id: String,
        webhook_id: String,
        event: parley_shared_types::webhook::WebhookEvent,
        data: serde_json::Value,
    },
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

/// The request counter of one caller (`ip:…`, `user:…`, `key:…`).
pub fn rate_counter(env: &Env, caller: &str) -> worker::Result<Stub> {
    env.durable_object(RATE_COUNTER)?.get_by_name(caller)
}

/// The webhook dispatcher of one workspace.
pub fn webhook_dispatcher(env: &Env, workspace_id: &str) -> worker::Result<Stub> {
    env.durable_object(WEBHOOK_DISPATCHER)?
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

/// Sends an event to every joined socket of a conversation.
pub async fn publish_to_room(
    env: &Env,
    conversation_id: &str,
    event: &ServerEvent,
) -> ApiResult<()> {
    let frame = event.to_invocation().to_frame();
    call(
        &room(env, conversation_id)?,
        &RoomCommand::Publish { frame },
    )
    .await
}

/// Sends an event to every socket on a workspace's feed.
pub async fn publish_to_inbox(env: &Env, workspace_id: &str, event: &ServerEvent) -> ApiResult<()> {
    let frame = event.to_invocation().to_frame();
    call(&inbox(env, workspace_id)?, &InboxCommand::Publish { frame }).await
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
    request
        .json()
        .await
        .map_err(|e| ApiError::new(ErrorCode::BadRequest, format!("bad command: {e}")))
}

/// Keep-alive pings are answered by the runtime without waking the object.
pub fn answer_pings_while_hibernating(state: &State) {
    match WebSocketRequestResponsePair::new(PING_FRAME, PING_FRAME) {
        Ok(pair) => state.set_websocket_auto_response(&pair),
        Err(e) => worker::console_error!("hub auto-response: {e:?}"),
    }
}

pub fn is_websocket_upgrade(request: &Request) -> worker::Result<bool> {
    Ok(request
        .headers()
        .get("Upgrade")?
        .is_some_and(|value| value.eq_ignore_ascii_case("websocket")))
}

/// Accepts a hibernatable hub socket with the session the edge authenticated.
pub fn accept_socket(state: &State, request: &Request) -> worker::Result<Response> {
    let session: HubSession = request
        .headers()
        .get(SESSION_HEADER)?
        .and_then(|json| serde_json::from_str(&json).ok())
        .ok_or_else(|| worker::Error::RustError("hub socket without a session".into()))?;
    let WebSocketPair { client, server } = WebSocketPair::new()?;
    state.accept_web_socket(&server);
    server.serialize_attachment(&session)?;
    Ok(ResponseBuilder::new()
        .with_status(101)
        .with_websocket(client)
        .empty())
}

/// Runs a client payload through its socket's session, sends the direct answers, and returns
/// the session with what only the object can do (broadcasts, backlog).
pub fn on_socket_message(
    ws: &WebSocket,
    message: WebSocketIncomingMessage,
) -> worker::Result<Option<(HubSession, Vec<Action>)>> {
    let WebSocketIncomingMessage::String(payload) = message else {
        ws.close(Some(1003), Some("the JSON hub protocol is text-only"))?;
        return Ok(None);
    };
    let Some(mut session) = ws.deserialize_attachment::<HubSession>()? else {
        ws.close(Some(1011), Some("lost session"))?;
        return Ok(None);
    };
    let before = session.clone();
    let mut remaining = Vec::new();
    for action in session.receive(&payload) {
        match action {
            Action::Send(frame) => ws.send_with_str(frame)?,
            Action::Close(code, reason) => ws.close(Some(code), Some(reason))?,
            other => remaining.push(other),
        }
    }
    if session != before {
        ws.serialize_attachment(&session)?;
    }
    Ok(Some((session, remaining)))
}

/// Sends a frame to every socket receiving events, except `skip_socket`. A socket that is
/// closing is skipped: its client resumes from its last `seq` when it reconnects. A team
/// socket whose access check has run out is asked to reconnect (which checks it again)
/// instead of being sent anything.
pub fn fan_out(state: &State, frame: &str, skip_socket: Option<&str>) {
    let now = now_secs();
    for ws in state.get_websockets() {
        let Ok(Some(session)) = ws.deserialize_attachment::<HubSession>() else {
            continue;
        };
        if session.needs_recheck(now) {
            close_for_access(&ws, true);
            continue;
        }
        if session.receives_events()
            && skip_socket != Some(session.socket_id.as_str())
            && let Err(e) = ws.send_with_str(frame)
        {
            worker::console_warn!("hub send failed: {e}");
        }
    }
}

/// Closes every team socket of `principal` (a user or API key id) whose access was removed
/// (`reconnect: false`) or changed (`reconnect: true`: its client comes back with what it
/// may do now). Answers how many were closed.
pub fn close_principal(state: &State, principal: &str, reconnect: bool) -> usize {
    let mut closed = 0;
    for ws in state.get_websockets() {
        if let Ok(Some(session)) = ws.deserialize_attachment::<HubSession>()
            && session.is_team_principal(principal)
        {
            close_for_access(&ws, reconnect);
            closed += 1;
        }
    }
    closed
}

fn close_for_access(ws: &WebSocket, reconnect: bool) {
    // The SignalR close record first, so a stock client knows whether to come back.
    let _ = ws.send_with_str(hub_session::access_close_frame(reconnect));
    if let Err(e) = ws.close(Some(CLOSE_POLICY_VIOLATION), Some("access check")) {
        worker::console_warn!("closing a hub socket failed: {e}");
    }
}
