//! WorkspaceInbox: one per workspace. The live feed for agents (new conversations,
//! assignments, unread counts) and agent presence grow here.

use super::{InboxCommand, read_command, respond};
use worker::{DurableObject, Env, Request, Response, Result, State, durable_object};

#[durable_object]
pub struct WorkspaceInbox {}

impl DurableObject for WorkspaceInbox {
    fn new(_state: State, _env: Env) -> Self {
        WorkspaceInbox {}
    }

    async fn fetch(&self, request: Request) -> Result<Response> {
        let result = read_command::<InboxCommand>(request)
            .await
            .map(|command| match command {
                InboxCommand::Ping => "pong",
            });
        respond(result)
    }
}
