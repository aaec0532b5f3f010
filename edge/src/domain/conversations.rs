//! Conversations as both the HTTP layer and the objects see them: who may see one, as whom a
//! caller writes in it, and the changes agents make (close, reopen), each announced to the
//! conversation's room and the workspace feed.

use super::analytics::{AskedQuestion, asked_questions};
use super::widgets::{answering_bot, proves_user, public_widget, vouched_identity};
use super::{assignment, billing, handoff};
use crate::auth::{self, Caller, VisitorPrincipal};
use crate::clock::now_rfc3339;
use crate::error::{ApiError, ApiResult};
use crate::ids::{new_id, parse_id};
use crate::object_client::{self, Reply, RoomCommand};
use crate::store::analytics::ForgottenQuestion;
use crate::store::billing::Counter;
use crate::store::widgets::WidgetRow;
use crate::store::{self, conversations, conversations::ConversationRow, flag, users};
use crate::webhooks::{self, Defer};
use parley_shared_types::attachment::Attachment;
use parley_shared_types::contact::Identity;
use parley_shared_types::conversation::{
    Conversation, ConversationStatus, StartConversationRequest, StartedConversation,
};
use parley_shared_types::hub::{AgentAssigned, ConversationClosed, ServerEvent};
use parley_shared_types::message::{Message, Sender, SenderType};
use parley_shared_types::page::Page;
use parley_shared_types::problem::ErrorCode;
use parley_shared_types::webhook::WebhookEvent;
use parley_shared_types::widget::{IdentityCheck, IdentityCheckRequest, origin_allowed};
use worker::Env;

/// A visitor starts a conversation on a widget from the page at `origin`, which the widget
/// must accept; its bot answers it if AI is on (see [`open`]).
pub async fn start(
    env: &Env,
    defer: &dyn Defer,
    request: StartConversationRequest,
    origin: Option<&str>,
) -> ApiResult<StartedConversation> {
    let widget = accepting_widget(env, &request.widget_id, origin).await?;
    let (identity, metadata) = vouched_identity(&widget, request.metadata.unwrap_or_default())?;
    let bot_id = answering_bot(env, &widget).await?;
    let opening = Opening {
        visitor_id: request
            .visitor_id
            .map_or_else(new_id, |v| v.trim().to_owned()),
        channel: "widget",
        metadata,
        identity,
        bot_id,
    };
    let conversation = open(env, defer, &widget, opening).await?;
    with_visitor_token(env, conversation)
}

/// The widget `widget_id`, if it accepts visitors from the page at `origin`.
pub(crate) async fn accepting_widget(
    env: &Env,
    widget_id: &str,
    origin: Option<&str>,
) -> ApiResult<WidgetRow> {
    let widget = public_widget(env, widget_id).await?;
    if !origin_allowed(&widget.allowed_origins(), origin) {
        return Err(ApiError::new(
            ErrorCode::Forbidden,
            format!(
                "this widget does not accept conversations from {}",
                origin.unwrap_or("pages without an Origin")
            ),
        ));
    }
    Ok(widget)
}

/// The conversation with the token its visitor reads and writes it with.
pub(crate) fn with_visitor_token(
    env: &Env,
    conversation: Conversation,
) -> ApiResult<StartedConversation> {
    let visitor = VisitorPrincipal {
        visitor_id: conversation.visitor_id.clone(),
        workspace_id: conversation.workspace_id.clone(),
        conversation_id: conversation.id.clone(),
    };
    let visitor_token = auth::visitor_token(env, &visitor)?;
    Ok(StartedConversation {
        conversation,
        visitor_token,
    })
}

/// Checks what a page gave `Parley.identify` on a widget (from a page it accepts): a wrong or
/// missing `userHash` where the widget has an identity secret is refused as a start would be.
/// A proven user gets back their latest conversation on the widget, so they continue it on
/// any device; a claimed identity proves nothing and resumes nothing.
pub async fn check_identity(
    env: &Env,
    widget_id: &str,
    request: IdentityCheckRequest,
    origin: Option<&str>,
) -> ApiResult<IdentityCheck> {
    let widget = accepting_widget(env, widget_id, origin).await?;
    let user_id = request.user_id.trim();
    if !proves_user(&widget, user_id, request.user_hash.as_deref())? {
        return Ok(IdentityCheck {
            verified: false,
            resumed: None,
        });
    }
    let identity = Identity {
        user_id: Some(user_id.to_owned()),
        verified: true,
        ..Identity::default()
    };
    let db = store::db(env)?;
    let latest =
        conversations::latest_verified(&db, (&widget.workspace_id, &widget.id), &identity).await?;
    let resumed = latest
        .map(|row| with_visitor_token(env, row.into_conversation()))
        .transpose()?;
    Ok(IdentityCheck {
        verified: true,
        resumed,
    })
}

/// Who a new conversation is with, where they write from, and the bot that answers them.
pub struct Opening<'a> {
    pub visitor_id: String,
    /// `widget`, or the kind of the channel they write from.
    pub channel: &'a str,
    pub metadata: serde_json::Map<String, serde_json::Value>,
    /// Who the metadata says they are, as far as the widget vouches for it.
    pub identity: Identity,
    pub bot_id: Option<String>,
}

/// Opens a conversation under `widget`, whose settings it follows: answered by the opening's
/// bot, or else, with auto-assignment, given to the least busy online agent; the feed and the
/// webhooks hear of it. The visitor becomes a contact (or their contact learns what the
/// metadata says). Past the plan's conversations it is refused (LIMITS_REACHED) before
/// anything is written.
pub async fn open(
    env: &Env,
    defer: &dyn Defer,
    widget: &WidgetRow,
    opening: Opening<'_>,
) -> ApiResult<Conversation> {
    let db = store::db(env)?;
    let Opening {
        visitor_id,
        channel,
        metadata,
        identity,
        bot_id,
    } = opening;
    // While a bot answers, nobody is assigned: the handoff assigns.
    let assigned_agent_id = if widget.auto_assign() && bot_id.is_none() {
        assignment::least_busy_online_agent(env, &widget.workspace_id).await
    } else {
        None
    };
    let mut row = ConversationRow {
        id: new_id(),
        workspace_id: widget.workspace_id.clone(),
        widget_id: widget.id.clone(),
        visitor_id,
        assigned_agent_id,
        status: ConversationStatus::Open.as_str().into(),
        channel: channel.into(),
        metadata: serde_json::to_string(&metadata).map_err(ApiError::internal)?,
        started_at: now_rfc3339(),
        closed_at: None,
        last_message: None,
        last_message_at: None,
        message_count: 0,
        unread_count: 0,
        ai_active: i64::from(bot_id.is_some()),
        bot_id,
        version: 0,
        rating: None,
        rating_comment: None,
        labels: None,
        contact_id: None,
        follow_up_email: None,
        search_match: None,
    };
    // A visitor refused here sees the widget's offline message.
    let charged = billing::charge(env, &widget.workspace_id, Counter::Conversations).await?;
    match conversations::insert(&db, &row, &identity, &new_id()).await {
        Ok(contact_id) => row.contact_id = Some(contact_id),
        Err(error) => {
            charged.refund(env).await;
            return Err(error);
        }
    }
    let conversation = row.into_conversation();
    let started = ServerEvent::ConversationStarted(conversation.clone());
    object_client::publish_to_inbox(env, &conversation.workspace_id, &started).await?;
    let workspace_id = &conversation.workspace_id;
    webhooks::emit(
        env,
        defer,
        workspace_id,
        WebhookEvent::ConversationStarted,
        &conversation,
    );
    if conversation.assigned_agent_id.is_some() {
        let event = WebhookEvent::ConversationAssigned;
        webhooks::emit(env, defer, workspace_id, event, &conversation);
    }
    Ok(conversation)
}

/// The conversation if the caller may see it: a visitor only their own, a user any of their
/// workspace. Anything else is 404, so ids of other workspaces reveal nothing.
pub async fn visible(env: &Env, caller: &Caller, id: &str) -> ApiResult<ConversationRow> {
    let id = parse_id(id, "conversation")?;
    let (workspace_id, own) = match caller {
        Caller::User(user) => (&user.workspace_id, true),
        Caller::Visitor(visitor) => (&visitor.workspace_id, visitor.conversation_id == id),
    };
    let row = if own {
        conversations::find(&store::db(env)?, workspace_id, &id).await?
    } else {
        None
    };
    row.ok_or_else(|| ApiError::new(ErrorCode::NotFound, format!("no conversation {id}")))
}

/// The workspace whose conversation `id` (already parsed) the caller may write in. A visitor's
/// token names its one conversation, so only a user's claim costs a read.
pub async fn workspace_to_write_in(env: &Env, caller: &Caller, id: &str) -> ApiResult<String> {
    match caller {
        Caller::Visitor(visitor) if visitor.conversation_id == id => {
            Ok(visitor.workspace_id.clone())
        }
        _ => Ok(visible(env, caller, id).await?.workspace_id),
    }
}

/// The caller, if they are conversation `id`'s own visitor: another visitor finds no such
/// conversation (404), a team member is refused with `only_theirs` (403).
pub fn own_visitor(caller: &Caller, id: &str, only_theirs: &str) -> ApiResult<VisitorPrincipal> {
    match caller {
        Caller::Visitor(visitor) if visitor.conversation_id.eq_ignore_ascii_case(id) => {
            Ok(visitor.clone())
        }
        Caller::Visitor(_) => Err(ApiError::new(
            ErrorCode::NotFound,
            format!("no conversation {id}"),
        )),
        Caller::User(_) => Err(ApiError::new(ErrorCode::Forbidden, only_theirs)),
    }
}

/// Who the credentials say is writing.
pub fn sender_of(caller: &Caller) -> Sender {
    match caller {
        Caller::Visitor(visitor) => Sender {
            sender_type: SenderType::Visitor,
            sender_id: visitor.visitor_id.clone(),
        },
        Caller::User(user) => Sender {
            sender_type: SenderType::Agent,
            sender_id: user.id.clone(),
        },
    }
}

/// `sender` writes in `conversation` (which they may see): an agent writing where a bot
/// answers takes over from it, a visitor's message there queues the bot's turn, and a new
/// message reaches the workspace's webhooks. A repeated `clientMessageId` finds the earlier one.
/// The REST send, and the hub send when the room cannot take its quick path, come here.
pub async fn send_message(
    env: &Env,
    defer: &dyn Defer,
    sender: &Sender,
    conversation: &ConversationRow,
    content: String,
    client_message_id: Option<String>,
    attachments: Vec<Attachment>,
) -> ApiResult<Reply<Message>> {
    let visitor = sender.sender_type == SenderType::Visitor;
    if conversation.status == ConversationStatus::Closed.as_str() {
        let widget = public_widget(env, &conversation.widget_id).await?;
        if !(visitor && widget.reopen_on_reply()) {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                "the conversation is closed; start a new one",
            ));
        }
        // The widget's setting: a visitor's reply reopens it.
        reopen(env, &conversation.workspace_id, conversation.clone()).await?;
    }
    let bot_answers = flag(conversation.ai_active);
    if bot_answers && !visitor {
        // An agent writing in a conversation a bot handles takes it over.
        handoff::take_over(env, defer, conversation, None, Some(&sender.sender_id)).await?;
    }
    let command = RoomCommand::Append {
        workspace_id: conversation.workspace_id.clone(),
        conversation_id: conversation.id.clone(),
        sender: sender.clone(),
        content,
        client_message_id,
        attachments,
        bot_id: conversation
            .bot_id
            .clone()
            .filter(|_| bot_answers && visitor),
    };
    // The room stores the message's webhook event with it and hands it on.
    let room = object_client::room(env, &conversation.id)?;
    object_client::call(&room, &command).await
}

/// Closes `row` (closing a closed conversation changes nothing): the room and the feed hear
/// of it, and the workspace's webhooks get `conversation.ended`.
pub async fn close(
    env: &Env,
    defer: &dyn Defer,
    workspace_id: &str,
    row: ConversationRow,
) -> ApiResult<Conversation> {
    if row.status == ConversationStatus::Closed.as_str() {
        return Ok(row.into_conversation());
    }
    conversations::close(&store::db(env)?, workspace_id, &row.id, &now_rfc3339()).await?;
    let closed = ServerEvent::ConversationClosed(ConversationClosed {
        conversation_id: row.id.clone(),
    });
    let conversation = announce(env, workspace_id, &row.id, Some(closed)).await?;
    let event = WebhookEvent::ConversationEnded;
    webhooks::emit(env, defer, workspace_id, event, &conversation);
    Ok(conversation)
}

/// Reopens a closed conversation, which then takes messages again; its sockets hear it (an
/// open widget takes replies again), and so does the feed.
pub async fn reopen(
    env: &Env,
    workspace_id: &str,
    row: ConversationRow,
) -> ApiResult<Conversation> {
    if row.status != ConversationStatus::Closed.as_str() {
        return Ok(row.into_conversation());
    }
    conversations::reopen(&store::db(env)?, workspace_id, &row.id).await?;
    let reopened = ServerEvent::ConversationReopened(ConversationClosed {
        conversation_id: row.id.clone(),
    });
    announce(env, workspace_id, &row.id, Some(reopened)).await
}

/// Gives `row` to the workspace user `agent_id`; in a conversation a bot handles, that
/// agent takes it over from the bot.
pub async fn assign(
    env: &Env,
    defer: &dyn Defer,
    workspace_id: &str,
    row: &ConversationRow,
    agent_id: &str,
) -> ApiResult<Conversation> {
    let db = store::db(env)?;
    let no_agent = || {
        ApiError::validation(
            "no such agent",
            [(
                "agentId".to_owned(),
                vec!["must be a user of this workspace".to_owned()],
            )]
            .into(),
        )
    };
    let agent_id = parse_id(agent_id, "agent").map_err(|_| no_agent())?;
    let agent = users::find(&db, workspace_id, &agent_id)
        .await?
        .ok_or_else(no_agent)?;
    if flag(row.ai_active) {
        return handoff::take_over(env, defer, row, None, Some(&agent.id)).await;
    }
    conversations::assign(&db, workspace_id, &row.id, &agent.id).await?;
    let assigned = ServerEvent::AgentAssigned(AgentAssigned {
        agent_id: agent.id,
        agent_name: agent.name,
        conversation_id: Some(row.id.clone()),
    });
    let conversation = announce(env, workspace_id, &row.id, Some(assigned)).await?;
    let event = WebhookEvent::ConversationAssigned;
    webhooks::emit(env, defer, workspace_id, event, &conversation);
    Ok(conversation)
}

/// After a change: the conversation as stored now, its room told `room_event`, the feed the
/// update.
pub async fn announce(
    env: &Env,
    workspace_id: &str,
    id: &str,
    room_event: Option<ServerEvent>,
) -> ApiResult<Conversation> {
    let row = conversations::find(&store::db(env)?, workspace_id, id).await?;
    let conversation = row
        .map(ConversationRow::into_conversation)
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound, format!("no conversation {id}")))?;
    if let Some(event) = room_event {
        object_client::publish_to_room(env, id, &event).await?;
    }
    let updated = ServerEvent::ConversationUpdated(conversation.clone());
    object_client::publish_to_inbox(env, workspace_id, &updated).await?;
    Ok(conversation)
}

/// Deletes conversation `id` of the workspace everywhere it lives. First D1, in one batch:
/// its row and what names it (search entries, labels, webhook deliveries, by foreign key its
/// agents' records) and the questions it added to its bot's top questions, so every route,
/// its visitor's token and the hub answer 404 at once. Then its room: every socket closed for
/// good, its messages and notes deleted. The feed hears `ConversationDeleted`.
pub async fn delete(env: &Env, workspace_id: &str, id: &str) -> ApiResult<()> {
    let id = parse_id(id, "conversation")?;
    let db = store::db(env)?;
    let row = conversations::find(&db, workspace_id, &id)
        .await?
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound, format!("no conversation {id}")))?;
    let asked = match &row.bot_id {
        Some(bot_id) => questions_asked(env, &row, bot_id).await?,
        None => Vec::new(),
    };
    let forgotten: Vec<ForgottenQuestion<'_>> = asked
        .iter()
        .map(|question| ForgottenQuestion {
            asked_at: &question.at,
            key: &question.key,
            wording: &question.wording,
        })
        .collect();
    conversations::erase(&db, workspace_id, &id, (row.bot_id.as_deref(), &forgotten)).await?;
    erase_room(env, &id).await?;
    let deleted = ServerEvent::ConversationDeleted(ConversationClosed {
        conversation_id: id,
    });
    object_client::publish_to_inbox(env, workspace_id, &deleted).await
}

/// Closes the room's sockets for good and deletes everything it stores, and the
/// conversation's files; its conversation's row is already gone from D1.
pub async fn erase_room(env: &Env, id: &str) -> ApiResult<()> {
    let room = object_client::room(env, id)?;
    object_client::call::<_, ()>(&room, &RoomCommand::Erase).await?;
    store::attachments::erase_conversation(env, id).await
}

/// Every message of the conversation its room holds, oldest first; `with_notes`: the team's
/// private notes too.
pub async fn every_message(env: &Env, id: &str, with_notes: bool) -> ApiResult<Vec<Message>> {
    let every_message = RoomCommand::List {
        conversation_id: id.to_owned(),
        page: 1,
        limit: u32::MAX,
        after: None,
        with_notes,
    };
    let room = object_client::room(env, id)?;
    let messages: Page<Message> = object_client::call(&room, &every_message).await?;
    Ok(messages.data)
}

/// The questions the conversation asked its bot, read from its room's log.
async fn questions_asked(
    env: &Env,
    row: &ConversationRow,
    bot_id: &str,
) -> ApiResult<Vec<AskedQuestion>> {
    let messages = every_message(env, &row.id, false).await?;
    let bot = store::bots::find(&store::db(env)?, &row.workspace_id, bot_id).await?;
    let handoff = bot.map(|bot| bot.settings().handoff).unwrap_or_default();
    Ok(asked_questions(&messages, |text| {
        handoff.asks_for_human(text)
    }))
}
