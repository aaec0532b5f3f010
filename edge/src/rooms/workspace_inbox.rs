//! WorkspaceInbox: one per workspace. The agents' live feed (new and updated conversations)
//! and their presence: an agent is online while a feed socket of theirs is open.

use super::{
    InboxCommand, accept_socket, answer_pings_while_hibernating, fan_out, hub_session::HubSession,
    is_websocket_upgrade, on_socket_message, read_command, respond,
};
use worker::{
    DurableObject, Env, Request, Response, Result, State, WebSocket, WebSocketIncomingMessage,
    durable_object,
};

#[durable_object]
pub struct WorkspaceInbox {
    state: State,
}

impl DurableObject for WorkspaceInbox {
    fn new(state: State, _env: Env) -> Self {
        answer_pings_while_hibernating(&state);
        WorkspaceInbox { state }
    }

    async fn fetch(&self, request: Request) -> Result<Response> {
        if is_websocket_upgrade(&request)? {
            return accept_socket(&self.state, &request);
        }
        match read_command::<InboxCommand>(request).await {
            Ok(InboxCommand::Ping) => respond(Ok("pong")),
            Ok(InboxCommand::OnlineAgents) => respond(Ok(self.online_agents())),
            Ok(InboxCommand::Publish { frame }) => {
                fan_out(&self.state, &frame, None);
                respond(Ok(()))
            }
            Err(error) => respond::<()>(Err(error)),
        }
    }

    async fn websocket_message(
        &self,
        ws: WebSocket,
        message: WebSocketIncomingMessage,
    ) -> Result<()> {
        // The feed has no methods of its own; the session answers handshake, pings and errors.
        on_socket_message(&ws, message).map(drop)
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
    fn online_agents(&self) -> Vec<String> {
        let mut online: Vec<String> = self
            .state
            .get_websockets()
            .iter()
            .filter_map(|ws| ws.deserialize_attachment::<HubSession>().ok().flatten())
            .map(|session| session.identity.sender_id)
            .collect();
        online.sort();
        online.dedup();
        online
    }
}
