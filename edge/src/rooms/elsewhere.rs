//! A team socket's other conversations, for both objects that hold sockets (a conversation's
//! room and the workspace feed): joining one (its room checks the workspace and answers what
//! the socket missed), typing and sending in it. The joined room forwards its events back
//! to the holder, which hands them to the socket (`shell::deliver_elsewhere`).

use super::hub_session::{Action, HubSession, completion};
use super::shell::{keep_session, session_of};
use crate::error::{ApiError, ApiResult};
use crate::object_client::{self, RoomCommand, Subscriber};
use parley_shared_types::hub::ServerEvent;
use parley_shared_types::message::{Message, SendMessageRequest};
use parley_shared_types::problem::ErrorCode;
use worker::{Env, WebSocket};

/// Runs an action on another conversation for the socket `ws` (whose session is `session`),
/// held by `holder`. Other actions are the holder's own and are ignored here.
pub async fn run(
    env: &Env,
    ws: &WebSocket,
    session: &HubSession,
    holder: &Subscriber,
    action: Action,
) -> worker::Result<()> {
    match action {
        Action::JoinElsewhere {
            invocation_id,
            conversation_id,
            resume_after,
        } => {
            let joined = join(env, session, holder, &conversation_id, resume_after).await;
            if let Ok(missed) = &joined {
                // As the socket is now: other payloads may have changed it meanwhile.
                if let Some(mut now) = session_of(ws)? {
                    now.joined_elsewhere(&conversation_id);
                    keep_session(ws, &now)?;
                }
                for message in missed {
                    let event = ServerEvent::ReceiveMessage(message.clone());
                    ws.send_with_str(event.to_invocation().to_frame())?;
                }
            }
            complete(ws, invocation_id, joined.map(|_| None::<()>))
        }
        Action::PublishElsewhere {
            conversation_id,
            event,
        } => {
            if let Err(e) = object_client::publish_to_room(env, &conversation_id, &event).await {
                worker::console_warn!("typing in {conversation_id} not sent: {e}");
            }
            Ok(())
        }
        Action::Append {
            invocation_id,
            conversation_id,
            request,
        } => {
            let sent = send(env, session, &conversation_id, request).await;
            complete(ws, invocation_id, sent.map(Some))
        }
        Action::Send(_)
        | Action::Close(..)
        | Action::BroadcastToOthers(_)
        | Action::ResumeAfter(_) => Ok(()),
    }
}

async fn join(
    env: &Env,
    session: &HubSession,
    holder: &Subscriber,
    conversation_id: &str,
    after: Option<u64>,
) -> ApiResult<Vec<Message>> {
    let command = RoomCommand::Subscribe {
        workspace_id: workspace_of(session)?.to_owned(),
        conversation_id: conversation_id.to_owned(),
        subscriber: holder.clone(),
        after,
    };
    object_client::call(&object_client::room(env, conversation_id)?, &command).await
}

async fn send(
    env: &Env,
    session: &HubSession,
    conversation_id: &str,
    request: SendMessageRequest,
) -> ApiResult<Message> {
    let per_minute = session.sending.as_ref().map_or(0, |s| s.per_minute);
    let command = RoomCommand::SendFromHub {
        workspace_id: workspace_of(session)?.to_owned(),
        conversation_id: conversation_id.to_owned(),
        sender: session.identity.clone(),
        per_minute,
        request,
    };
    object_client::call(&object_client::room(env, conversation_id)?, &command).await
}

fn workspace_of(session: &HubSession) -> ApiResult<&str> {
    session
        .sending
        .as_ref()
        .map(|sending| sending.workspace_id.as_str())
        .ok_or_else(|| {
            ApiError::new(
                ErrorCode::BadRequest,
                "this connection predates joining other conversations: reconnect",
            )
        })
}

fn complete<T: serde::Serialize>(
    ws: &WebSocket,
    invocation_id: Option<String>,
    outcome: ApiResult<Option<T>>,
) -> worker::Result<()> {
    match invocation_id {
        Some(id) => ws.send_with_str(completion(id, outcome.map_err(|e| e.to_hub_error()))),
        None => Ok(()),
    }
}
