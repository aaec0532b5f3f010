//! What every object shares: reading a command and answering it (JSON, or problem JSON that
//! `object_client::call` turns back into the same `ApiError`), and the hibernatable hub
//! sockets of the two chat objects.

use super::hub_session::{Action, HubSession};
use crate::clock::now_secs;
use crate::error::{ApiError, ApiResult};
use crate::object_client::SESSION_HEADER;
use parley_shared_types::hub::PING_FRAME;
use parley_shared_types::message::Message;
use parley_shared_types::problem::ErrorCode;
use serde::Serialize;
use serde::de::DeserializeOwned;
use worker::{
    Request, Response, ResponseBuilder, State, WebSocket, WebSocketIncomingMessage, WebSocketPair,
    WebSocketRequestResponsePair,
};

/// The WebSocket close code for a socket whose access ended or must be checked again.
const CLOSE_POLICY_VIOLATION: u16 = 1008;

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
    keep_session(&server, &session)?;
    Ok(ResponseBuilder::new()
        .with_status(101)
        .with_websocket(client)
        .empty())
}

/// A socket's session, kept as its attachment in JSON text: reading a text is one copy across
/// the wasm boundary, where an object was walked field by field (most of a broadcast's CPU
/// per socket). A session an older version kept as an object is still read.
pub fn session_of(ws: &WebSocket) -> worker::Result<Option<HubSession>> {
    match ws.deserialize_attachment::<String>() {
        Ok(Some(json)) => serde_json::from_str(&json)
            .map(Some)
            .map_err(|e| worker::Error::RustError(format!("hub session: {e}"))),
        Ok(None) => Ok(None),
        Err(_) => ws.deserialize_attachment::<HubSession>(),
    }
}

/// Keeps `session` as the socket's attachment (it survives hibernation), as JSON text.
pub fn keep_session(ws: &WebSocket, session: &HubSession) -> worker::Result<()> {
    let json = serde_json::to_string(session)
        .map_err(|e| worker::Error::RustError(format!("hub session: {e}")))?;
    ws.serialize_attachment(json)
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
    let Some(mut session) = session_of(ws)? else {
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
        keep_session(ws, &session)?;
    }
    Ok(Some((session, remaining)))
}

/// Which sockets an event is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    Everyone,
    /// Team members' and API keys' sockets: never a visitor's.
    Team,
}

impl Audience {
    /// A private note is the team's; every other message is everyone's.
    pub fn of(message: &Message) -> Audience {
        if message.private {
            Audience::Team
        } else {
            Audience::Everyone
        }
    }

    fn includes(self, session: &HubSession) -> bool {
        self == Audience::Everyone || session.team.is_some()
    }
}

/// Sends a frame to every socket of `audience` receiving events, except `skip_socket`. A socket that is
/// closing is skipped: its client resumes from its last `seq` when it reconnects. A team
/// socket whose access check has run out is asked to reconnect (which checks it again)
/// instead of being sent anything.
pub fn fan_out(state: &State, frame: &str, audience: Audience, skip_socket: Option<&str>) {
    send_where(state, &[frame], |session| {
        session.receives_events()
            && audience.includes(session)
            && skip_socket != Some(session.socket_id.as_str())
    });
}

/// Whether the conversation's visitor has a socket open here (reading it live).
pub fn visitor_present(state: &State) -> bool {
    state.get_websockets().iter().any(|ws| {
        session_of(ws)
            .ok()
            .flatten()
            .is_some_and(|session| session.team.is_none() && session.receives_events())
    })
}

/// Sends frames that `conversation_id`'s room forwarded to the sockets here that joined it
/// (team sockets only: a visitor's socket joins no other conversation).
/// Answers whether any socket here still listens to it.
pub fn deliver_elsewhere(state: &State, conversation_id: &str, frames: &[String]) -> bool {
    let frames: Vec<&str> = frames.iter().map(String::as_str).collect();
    send_where(state, &frames, |session| {
        session.listens_elsewhere(conversation_id)
    })
}

/// Sends `frames` to every socket `picked` chooses, asking one whose access check ran out to
/// reconnect instead. Answers whether any socket was picked.
fn send_where(state: &State, frames: &[&str], picked: impl Fn(&HubSession) -> bool) -> bool {
    let now = now_secs();
    let mut any = false;
    for ws in state.get_websockets() {
        let Ok(Some(session)) = session_of(&ws) else {
            continue;
        };
        if !picked(&session) {
            continue;
        }
        if session.needs_recheck(now) {
            close_for_access(&ws, true);
            continue;
        }
        any = true;
        for frame in frames {
            if let Err(e) = ws.send_with_str(frame) {
                worker::console_warn!("hub send failed: {e}");
                break;
            }
        }
    }
    any
}

/// Closes every team socket of `principal` (a user or API key id) whose access was removed
/// (`reconnect: false`) or changed (`reconnect: true`: its client comes back with what it
/// may do now). Answers how many were closed.
pub fn close_principal(state: &State, principal: &str, reconnect: bool) -> usize {
    let mut closed = 0;
    for ws in state.get_websockets() {
        if let Ok(Some(session)) = session_of(&ws)
            && session.is_team_principal(principal)
        {
            close_for_access(&ws, reconnect);
            closed += 1;
        }
    }
    closed
}

/// Closes every socket for good (the conversation is gone).
pub fn close_everyone(state: &State) {
    for ws in state.get_websockets() {
        close_for_access(&ws, false);
    }
}

fn close_for_access(ws: &WebSocket, reconnect: bool) {
    // The SignalR close record first, so a stock client knows whether to come back.
    let _ = ws.send_with_str(super::hub_session::access_close_frame(reconnect));
    if let Err(e) = ws.close(Some(CLOSE_POLICY_VIOLATION), Some("access check")) {
        worker::console_warn!("closing a hub socket failed: {e}");
    }
}
