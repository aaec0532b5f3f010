//! A developer chat's rounds (FlowGen's `/api/chats` and RocketFlow's `/api/chat`, `/v1/chat`):
//! one at a time, the user's message stored, the bot's answer stored or drafted for a person
//! to confirm, and the chat's status following along. A RocketFlow session keeps its caller's
//! context and tells webhooks that it started and of each message either way.

use crate::ai::{self, Answer, Outcome, context::Turn};
use crate::clock::now_rfc3339;
use crate::domain::bots;
use crate::error::{ApiError, ApiResult};
use crate::ids::{new_id, parse_id};
use crate::store::{self, bots::BotRow, chats, chats::ChatRow, chats::ChatState};
use crate::webhooks::{self, Defer};
use parley_shared_types::chat::{
    ChatEventData, ChatHistory, ChatMessage, ChatRequest, ChatResponse, ChatRole, ChatStatus,
    DEFAULT_HISTORY_LIMIT,
};
use parley_shared_types::page::MAX_PAGE_LIMIT;
use parley_shared_types::problem::ErrorCode;
use parley_shared_types::webhook::WebhookEvent;
use worker::{D1Database, Env};

/// The most earlier messages a bot is given as history.
const HISTORY_MESSAGES: u32 = 20;
/// States a new round may start from.
const IDLE: [ChatStatus; 3] = [ChatStatus::Ready, ChatStatus::Completed, ChatStatus::Error];

/// A chat for `bot`; its session id is its own id unless the caller brought one.
pub fn new_chat(
    workspace_id: &str,
    bot: &BotRow,
    session_id: Option<String>,
    name: Option<String>,
    user_id: Option<String>,
) -> ChatRow {
    let now = now_rfc3339();
    let id = new_id();
    ChatRow {
        session_id: session_id.unwrap_or_else(|| id.clone()),
        id,
        workspace_id: workspace_id.to_owned(),
        bot_id: bot.id.clone(),
        name: name.unwrap_or_else(|| format!("Chat with {}", bot.name)),
        user_id,
        status: ChatStatus::Ready.as_str().into(),
        pending_reply: None,
        pending_sources: None,
        error: None,
        meta: "{}".into(),
        created_at: now.clone(),
        updated_at: now,
        context: None,
    }
}

/// A chat of the caller's workspace; any other id is 404.
pub async fn find(env: &Env, workspace_id: &str, id: &str) -> ApiResult<ChatRow> {
    let id = parse_id(id, "chat")?;
    chats::find(&store::db(env)?, workspace_id, &id)
        .await?
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound, format!("no chat {id}")))
}

/// Deletes a chat of the workspace with its messages.
pub async fn remove(env: &Env, workspace_id: &str, id: &str) -> ApiResult<ChatRow> {
    let row = find(env, workspace_id, id).await?;
    chats::delete(&store::db(env)?, workspace_id, &row.id).await?;
    Ok(row)
}

/// Moves an idle chat to `running`, or answers 409: one round at a time.
pub async fn start_round(db: &D1Database, chat: &ChatRow) -> ApiResult<()> {
    let running = ChatState {
        status: ChatStatus::Running,
        pending_reply: None,
        pending_sources: &[],
        error: None,
    };
    if chats::transition(db, chat, &IDLE, &running, &now_rfc3339()).await? {
        Ok(())
    } else {
        Err(ApiError::new(
            ErrorCode::Conflict,
            format!(
                "the chat is {}; send the next message when it is ready or completed",
                chat.status().as_str()
            ),
        ))
    }
}

/// Records the user's message and has the bot answer it, given the chat so far. A failure
/// puts the chat in `error` before it is returned.
pub async fn converse(
    env: &Env,
    defer: &dyn Defer,
    chat: &ChatRow,
    bot: &BotRow,
    text: &str,
    on_token: &mut dyn FnMut(&str),
) -> ApiResult<(ChatMessage, Answer)> {
    let db = store::db(env)?;
    let mut history: Vec<Turn> = chats::recent_messages(&db, &chat.id, HISTORY_MESSAGES)
        .await?
        .into_iter()
        .map(|m| Turn::said(m.role == ChatRole::User, m.content))
        .collect();
    // Last, so a small context window drops older turns before it.
    history.extend(chat.context().map(|context| Turn::about_the_user(&context)));
    let asked = ChatMessage {
        id: new_id(),
        role: ChatRole::User,
        content: text.to_owned(),
        timestamp: now_rfc3339(),
        sources: Vec::new(),
    };
    chats::add_message(&db, &chat.id, &asked).await?;
    match ai::answer(env, defer, bot, &history, text, on_token).await {
        Ok(answer) => Ok((asked, answer)),
        Err(error) => {
            let failed = ChatState {
                status: ChatStatus::Error,
                pending_reply: None,
                pending_sources: &[],
                error: Some("the bot could not answer; try again"),
            };
            chats::transition(&db, chat, &[ChatStatus::Running], &failed, &now_rfc3339()).await?;
            Err(error)
        }
    }
}

/// Ends a round: the reply is stored (`completed`), or drafted for confirmation
/// (`wait_for_human_input`); a failed integration leaves its handoff message and `error`.
pub async fn finish_round(
    db: &D1Database,
    chat: &ChatRow,
    answer: &Answer,
    wait_for_human: bool,
) -> ApiResult<Option<ChatMessage>> {
    let now = now_rfc3339();
    let failure = match &answer.outcome {
        Outcome::Failed(failure) => Some(failure.reason.as_str()),
        Outcome::Answered | Outcome::Unknown => None,
    };
    if wait_for_human && failure.is_none() {
        let waiting = ChatState {
            status: ChatStatus::WaitForHumanInput,
            pending_reply: Some(&answer.text),
            pending_sources: &answer.sources,
            error: None,
        };
        chats::transition(db, chat, &[ChatStatus::Running], &waiting, &now).await?;
        return Ok(None);
    }
    let reply = ChatMessage {
        id: new_id(),
        role: ChatRole::Assistant,
        content: answer.text.clone(),
        timestamp: now.clone(),
        sources: answer.sources.clone(),
    };
    chats::add_message(db, &chat.id, &reply).await?;
    let next = ChatState {
        status: if failure.is_some() {
            ChatStatus::Error
        } else {
            ChatStatus::Completed
        },
        pending_reply: None,
        pending_sources: &[],
        error: failure,
    };
    chats::transition(db, chat, &[ChatStatus::Running], &next, &now).await?;
    Ok(Some(reply))
}

/// Starts a round of a RocketFlow session: the bot of the caller's workspace, the session
/// `request` continues (or a new one), now `running`.
pub async fn begin(
    env: &Env,
    defer: &dyn Defer,
    workspace_id: &str,
    request: &ChatRequest,
) -> ApiResult<(BotRow, ChatRow)> {
    let bot = bots::find(env, workspace_id, &request.bot_id).await?;
    let chat = open_session(env, defer, workspace_id, &bot, request).await?;
    start_round(&store::db(env)?, &chat).await?;
    Ok((bot, chat))
}

/// The session the request continues, or a new one (`conversation.started`); a session
/// belongs to one bot. A `context` given is the session's from now on.
async fn open_session(
    env: &Env,
    defer: &dyn Defer,
    workspace_id: &str,
    bot: &BotRow,
    request: &ChatRequest,
) -> ApiResult<ChatRow> {
    let db = store::db(env)?;
    let context = request
        .context
        .as_ref()
        .map(serde_json::to_string)
        .transpose()
        .map_err(ApiError::internal)?;
    let session_id = request.session_id.as_deref().map(str::trim);
    if let Some(session_id) = session_id
        && let Some(mut chat) = chats::find_by_session(&db, workspace_id, session_id).await?
    {
        if chat.bot_id != bot.id {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                format!("session {session_id} belongs to another bot"),
            ));
        }
        if let Some(context) = context {
            chats::set_context(&db, &chat, &context).await?;
            chat.context = Some(context);
        }
        return Ok(chat);
    }
    let mut chat = new_chat(
        workspace_id,
        bot,
        session_id.map(str::to_owned),
        None,
        request.user_id.clone(),
    );
    chat.context = context;
    chats::insert(&db, &chat).await?;
    emit(env, defer, &chat, WebhookEvent::ConversationStarted, None);
    Ok(chat)
}

/// A round no person confirms: the user's message (`message.received`), the bot's answer
/// (streamed through `on_token`) and its stored reply (`message.sent`).
pub async fn answer_round(
    env: &Env,
    defer: &dyn Defer,
    chat: &ChatRow,
    bot: &BotRow,
    text: &str,
    on_token: &mut dyn FnMut(&str),
) -> ApiResult<(ChatMessage, Answer)> {
    let (asked, answer) = converse(env, defer, chat, bot, text, on_token).await?;
    emit(
        env,
        defer,
        chat,
        WebhookEvent::MessageReceived,
        Some(&asked),
    );
    let reply = finish_round(&store::db(env)?, chat, &answer, false)
        .await?
        .ok_or_else(|| ApiError::internal("a round without waiting stored no reply"))?;
    emit(env, defer, chat, WebhookEvent::MessageSent, Some(&reply));
    Ok((reply, answer))
}

/// A session's round after [`begin`], as RocketFlow's response.
pub async fn answer_in_session(
    env: &Env,
    defer: &dyn Defer,
    chat: &ChatRow,
    bot: &BotRow,
    message: &str,
    on_token: &mut dyn FnMut(&str),
) -> ApiResult<ChatResponse> {
    let (reply, answer) = answer_round(env, defer, chat, bot, message, on_token).await?;
    Ok(ChatResponse {
        response: reply.content,
        session_id: chat.session_id.clone(),
        message_id: reply.id,
        timestamp: reply.timestamp,
        sources: reply.sources,
        handoff: answer.offers_human(),
    })
}

/// A session's messages, oldest first: `limit` (default 50, at most 100) from `offset`.
pub async fn session_history(
    env: &Env,
    workspace_id: &str,
    session_id: &str,
    limit: Option<u32>,
    offset: Option<u64>,
) -> ApiResult<ChatHistory> {
    let limit = limit.unwrap_or(DEFAULT_HISTORY_LIMIT);
    if limit == 0 || limit > MAX_PAGE_LIMIT {
        return Err(ApiError::validation(
            "the query is not valid",
            [(
                "limit".to_owned(),
                vec![format!("must be between 1 and {MAX_PAGE_LIMIT}")],
            )]
            .into(),
        ));
    }
    let offset = offset.unwrap_or(0);
    let db = store::db(env)?;
    let chat = chats::find_by_session(&db, workspace_id, session_id)
        .await?
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound, format!("no session {session_id}")))?;
    let (messages, total) = chats::history(&db, &chat.id, limit, offset).await?;
    Ok(ChatHistory {
        has_more: offset + (messages.len() as u64) < total,
        messages,
        total,
    })
}

/// Tells webhooks of a session's event; `message` for the message events.
fn emit(
    env: &Env,
    defer: &dyn Defer,
    chat: &ChatRow,
    event: WebhookEvent,
    message: Option<&ChatMessage>,
) {
    let data = ChatEventData {
        session_id: chat.session_id.clone(),
        bot_id: chat.bot_id.clone(),
        user_id: chat.user_id.clone(),
        message_id: message.map(|m| m.id.clone()),
        content: message.map(|m| m.content.clone()),
        timestamp: message.map_or_else(|| chat.created_at.clone(), |m| m.timestamp.clone()),
    };
    webhooks::emit(env, defer, &chat.workspace_id, event, &data);
}
