//! Who answers a conversation when nobody chose: the least busy agent online now.

use crate::object_client::{self, InboxCommand};
use crate::store::{self, conversations};
use worker::Env;

/// Auto-assignment is least-busy: of the team members online now, the one with the fewest
/// unclosed conversations. Only ids the store confirms as the workspace's users are picked,
/// and a failure to pick is logged and leaves the conversation unassigned: assignment never
/// fails the visitor's request.
pub async fn least_busy_online_agent(env: &Env, workspace_id: &str) -> Option<String> {
    let picked = async {
        let online: Vec<String> = object_client::call(
            &object_client::inbox(env, workspace_id)?,
            &InboxCommand::OnlineAgents,
        )
        .await?;
        conversations::least_busy(&store::db(env)?, workspace_id, &online).await
    };
    picked.await.unwrap_or_else(|e| {
        worker::console_error!("auto-assignment skipped: {e}");
        None
    })
}
