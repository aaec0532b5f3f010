//! Removing someone's access reaches their open sockets too: a user deleted or given another
//! role, or an API key revoked, is refused by REST at once (every request re-reads them), and
//! this closes the hub sockets they already hold, on the workspace feed and on every
//! conversation room they opened one on.

use crate::error::ApiResult;
use crate::object_client::{self, InboxCommand, RoomCommand};
use worker::Env;

/// Whether the principal may come back: `Removed` closes for good, `Changed` asks the client
/// to reconnect, which authenticates it again with what it may do now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Removed,
    Changed,
}

/// Closes every hub socket of `principal_id` (a user or API key) in the workspace.
pub async fn close_sockets(
    env: &Env,
    workspace_id: &str,
    principal_id: &str,
    access: Access,
) -> ApiResult<()> {
    let reconnect = access == Access::Changed;
    let close = InboxCommand::ClosePrincipal {
        principal_id: principal_id.to_owned(),
        reconnect,
    };
    let rooms: Vec<String> =
        object_client::call(&object_client::inbox(env, workspace_id)?, &close).await?;
    for conversation_id in rooms {
        let close = RoomCommand::ClosePrincipal {
            principal_id: principal_id.to_owned(),
            reconnect,
        };
        object_client::call::<_, usize>(&object_client::room(env, &conversation_id)?, &close)
            .await?;
    }
    Ok(())
}
