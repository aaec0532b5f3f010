//! The handoff from a bot to people, in one place: a visitor asking for a human, an agent
//! stepping in (by asking, replying or being assigned) and the bot giving up all end in
//! [`to_people`]. The room's part (stop the bot, say the farewell) is its `HandOff` command.

use super::assignment::least_busy_online_agent;
use super::bots;
use crate::auth::Caller;
use crate::clock::utc_day;
use crate::error::{ApiError, ApiResult};
use crate::object_client::{self, RoomCommand};
use crate::store::{self, conversations, conversations::ConversationRow, flag, users};
use crate::webhooks::{self, Defer};
use parley_shared_types::conversation::Conversation;
use parley_shared_types::hub::{AgentAssigned, ServerEvent};
use parley_shared_types::problem::ErrorCode;
use parley_shared_types::webhook::WebhookEvent;
use worker::Env;

/// `caller` asks for people to take over from the bot. A visitor asking gets the bot's
/// handoff message and the least busy online agent; an agent asking takes the conversation.
/// Handing off a conversation no bot handles changes nothing.
pub async fn asked_for(
    env: &Env,
    defer: &dyn Defer,
    caller: &Caller,
    row: ConversationRow,
) -> ApiResult<Conversation> {
    if !flag(row.ai_active) {
        return Ok(row.into_conversation());
    }
    match caller {
        Caller::Visitor(_) => {
            let farewell = bots::handoff_message(env, &row).await?;
            take_over(env, defer, &row, Some(farewell), None).await
        }
        Caller::User(me) => take_over(env, defer, &row, None, Some(&me.id)).await,
    }
}

/// Stops the bot (its room says `farewell`, if given) and gives the conversation to `agent`,
/// or to the least busy online agent.
pub async fn take_over(
    env: &Env,
    defer: &dyn Defer,
    row: &ConversationRow,
    farewell: Option<String>,
    agent: Option<&str>,
) -> ApiResult<Conversation> {
    let command = RoomCommand::HandOff {
        workspace_id: row.workspace_id.clone(),
        conversation_id: row.id.clone(),
        farewell,
    };
    object_client::call::<_, ()>(&object_client::room(env, &row.id)?, &command).await?;
    let (conversation, assigned) = to_people(env, defer, &row.workspace_id, &row.id, agent).await?;
    if let Some(assigned) = assigned {
        object_client::publish_to_room(env, &row.id, &ServerEvent::AgentAssigned(assigned)).await?;
    }
    Ok(conversation)
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
    conversations::hand_off(&db, workspace_id, conversation_id, &utc_day(0)).await?;
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
            conversation_id: Some(conversation_id.to_owned()),
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
