//! Who answers a conversation: auto-assignment to the least busy online agent, and the
//! handoff from a bot to people. Used by the routes and by the room when its bot hands off.

use crate::error::{ApiError, ApiResult};
use crate::object_client::{self, InboxCommand};
use crate::store::{self, conversations, conversations::ConversationRow, users};
use crate::webhooks::{self, Defer};
use parley_shared_types::conversation::Conversation;
use parley_shared_types::hub::{AgentAssigned, ServerEvent};
use parley_shared_types::problem::ErrorCode;
use parley_shared_types::webhook::WebhookEvent;
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

/// After people take over from the bot: the index says so, the conversation goes to `agent`
/// (or, if it has nobody yet, to the least busy online agent), and the agents' feed hears
/// of it. Returns the conversation and the assignment its room must announce.
pub async fn to_people(
    env: &Env,
    defer: &dyn Defer,
    workspace_id: &str,
    conversation_id: &str,
    agent: Option<&str>,
) -> ApiResult<(Conversation, Option<AgentAssigned>)> {
    let db = store::db(env)?;
    conversations::hand_off(&db, workspace_id, conversation_id).await?;
    let mut row = find(env, workspace_id, conversation_id).await?;
    let agent_id = match agent {
        Some(agent) => Some(agent.to_owned()),
        None if row.assigned_agent_id.is_none() => least_busy_online_agent(env, workspace_id).await,
        None => None,
    };
    let mut assigned = None;
    if let Some(agent_id) = agent_id.filter(|a| row.assigned_agent_id.as_ref() != Some(a))
        && let Some(user) = users::find(&db, workspace_id, &agent_id).await?
    {
        conversations::assign(&db, workspace_id, conversation_id, &user.id).await?;
        row.assigned_agent_id = Some(user.id.clone());
        row.version += 1;
        assigned = Some(AgentAssigned {
            agent_id: user.id,
            agent_name: user.name,
        });
    }
    let conversation = row.into_conversation();
    let updated = ServerEvent::ConversationUpdated(conversation.clone());
    object_client::publish_to_inbox(env, workspace_id, &updated).await?;
    if assigned.is_some() {
        let event = WebhookEvent::ConversationAssigned;
        webhooks::emit(env, defer, workspace_id, event, &conversation);
    }
    Ok((conversation, assigned))
}

async fn find(env: &Env, workspace_id: &str, id: &str) -> ApiResult<ConversationRow> {
    conversations::find(&store::db(env)?, workspace_id, id)
        .await?
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound, format!("no conversation {id}")))
}
