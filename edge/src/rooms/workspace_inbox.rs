//! WorkspaceInbox: one per workspace. The agents' live feed (new and updated conversations)
//! and their presence: an agent is online while a feed socket of theirs is open. A feed
//! socket may also join conversations (`JoinConversation`): their rooms forward their events
//! here.

use super::elsewhere;
use super::hub_session::{HubSession, TEAM_RECHECK_SECS};
use super::shell::{
    Audience, accept_socket, answer_pings_while_hibernating, close_principal, deliver_elsewhere,
    fan_out, is_websocket_upgrade, on_socket_message, read_command, respond, session_of,
};
use crate::clock::now_secs;
use crate::error::ApiResult;
use crate::object_client::{InboxCommand, Subscriber};
use serde::Deserialize;
use worker::{
    DurableObject, Env, Request, Response, Result, SqlStorage, State, WebSocket,
    WebSocketIncomingMessage, durable_object,
};

/// Which users and API keys opened a socket on which conversation's room, and when. Rows
/// older than a socket's access check are useless (such a socket is sent nothing before it
/// reconnects) and are pruned.
const SCHEMA: &str = "CREATE TABLE IF NOT EXISTS room_sockets (
    principal_id    TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    opened_secs     INTEGER NOT NULL,
    PRIMARY KEY (principal_id, conversation_id)
)";

#[durable_object]
pub struct WorkspaceInbox {
    state: State,
    env: Env,
    sql: SqlStorage,
}

impl DurableObject for WorkspaceInbox {
    fn new(state: State, env: Env) -> Self {
        let sql = state.storage().sql();
        if let Err(e) = sql.exec(SCHEMA, None) {
            worker::console_error!("WorkspaceInbox schema: {e}");
        }
        answer_pings_while_hibernating(&state);
        WorkspaceInbox { state, env, sql }
    }

    async fn fetch(&self, request: Request) -> Result<Response> {
        if is_websocket_upgrade(&request)? {
            return accept_socket(&self.state, &request);
        }
        match read_command::<InboxCommand>(request).await {
            Ok(InboxCommand::Ping) => respond(Ok("pong")),
            Ok(InboxCommand::OnlineAgents) => respond(Ok(self.online_agents())),
            Ok(InboxCommand::Publish { frame }) => {
                fan_out(&self.state, &frame, Audience::Everyone, None);
                respond(Ok(()))
            }
            Ok(InboxCommand::TrackRoomSocket {
                principal_id,
                conversation_id,
            }) => respond(self.track_room_socket(&principal_id, &conversation_id)),
            Ok(InboxCommand::ClosePrincipal {
                principal_id,
                reconnect,
            }) => {
                close_principal(&self.state, &principal_id, reconnect);
                respond(self.rooms_of(&principal_id))
            }
            Ok(InboxCommand::Forward {
                conversation_id,
                frames,
            }) => respond(Ok(deliver_elsewhere(
                &self.state,
                &conversation_id,
                &frames,
            ))),
            Err(error) => respond::<()>(Err(error)),
        }
    }

    async fn websocket_message(
        &self,
        ws: WebSocket,
        message: WebSocketIncomingMessage,
    ) -> Result<()> {
        // The feed has no conversation of its own: every method is for one joined elsewhere.
        let Some((session, actions)) = on_socket_message(&ws, message)? else {
            return Ok(());
        };
        let Some(sending) = &session.sending else {
            return Ok(());
        };
        let holder = Subscriber::Inbox {
            workspace_id: sending.workspace_id.clone(),
        };
        for action in actions {
            elsewhere::run(&self.env, &ws, &session, &holder, action).await?;
        }
        Ok(())
    }

    async fn websocket_close(
        &self,
        _ws: WebSocket,
        _code: usize,
        _reason: String,
        _was_clean: bool,
    ) -> Result<()> {
        Ok(())
    }

    async fn websocket_error(&self, _ws: WebSocket, error: worker::Error) -> Result<()> {
        worker::console_warn!("feed socket error: {error}");
        Ok(())
    }
}

impl WorkspaceInbox {
    /// Team members with a feed socket open: API keys and visitors are never present.
    fn online_agents(&self) -> Vec<String> {
        let mut online: Vec<String> = self
            .state
            .get_websockets()
            .iter()
            .filter_map(|ws| session_of(ws).ok().flatten())
            .filter(HubSession::is_present_member)
            .map(|session| session.identity.sender_id)
            .collect();
        online.sort();
        online.dedup();
        online
    }

    fn track_room_socket(&self, principal_id: &str, conversation_id: &str) -> ApiResult<()> {
        let now = now_secs() as i64;
        self.sql.exec(
            "DELETE FROM room_sockets WHERE opened_secs < ?",
            vec![(now - TEAM_RECHECK_SECS as i64).into()],
        )?;
        self.sql.exec(
            "INSERT INTO room_sockets (principal_id, conversation_id, opened_secs) VALUES (?, ?, ?)
             ON CONFLICT (principal_id, conversation_id) DO UPDATE SET opened_secs = excluded.opened_secs",
            vec![principal_id.into(), conversation_id.into(), now.into()],
        )?;
        Ok(())
    }

    /// The conversations whose rooms may hold a socket of `principal_id`, forgotten here.
    fn rooms_of(&self, principal_id: &str) -> ApiResult<Vec<String>> {
        #[derive(Deserialize)]
        struct Room {
            conversation_id: String,
        }
        let rooms: Vec<Room> = self
            .sql
            .exec(
                "DELETE FROM room_sockets WHERE principal_id = ? RETURNING conversation_id",
                vec![principal_id.into()],
            )?
            .to_array()?;
        Ok(rooms.into_iter().map(|room| room.conversation_id).collect())
    }
}
