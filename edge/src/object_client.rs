//! The client side of the Durable Objects: their names, the typed commands both sides of a
//! stub speak (JSON over the stub's fetch), and [`call`], which turns an object's problem
//! answer back into the same `ApiError`. The objects themselves are in `crate::rooms`.

use crate::error::{ApiError, ApiResult};
use parley_shared_types::attachment::Attachment;
use parley_shared_types::hub::ServerEvent;
use parley_shared_types::message::{SendMessageRequest, Sender};
use parley_shared_types::problem::Problem;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use worker::{Env, Method, Request, RequestInit, Stub};

const CONVERSATION_ROOM: &str = "CONVERSATION_ROOM";
const WORKSPACE_INBOX: &str = "WORKSPACE_INBOX";
const RATE_COUNTER: &str = "RATE_COUNTER";
const WEBHOOK_DISPATCHER: &str = "WEBHOOK_DISPATCHER";
const AGENT_LOOP_RUNNER: &str = "AGENT_LOOP_RUNNER";
/// Durable Object fetches need an absolute URL; the host is never resolved.
const COMMAND_URL: &str = "https://room.internal/command";
/// Carries the authenticated session of a hub socket from the edge to its object.
pub const SESSION_HEADER: &str = "x-parley-hub-session";

#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "camelCase")]
pub enum RoomCommand {
    Ping,
    Append {
        workspace_id: String,
        conversation_id: String,
        sender: Sender,
        content: String,
        client_message_id: Option<String>,
        #[serde(default)]
        attachments: Vec<Attachment>,
        /// The bot that answers this (visitor) message, in a conversation a bot handles.
        #[serde(default)]
        bot_id: Option<String>,
    },
    /// A message from `sender`, under the send's rules (`RoomCommand::Append` stores one the
    /// rules already allowed): the room knows its conversation's state.
    Send {
        workspace_id: String,
        conversation_id: String,
        sender: Sender,
        request: SendMessageRequest,
    },
    /// People take over from the bot: it stops, says `farewell` if given, and the sockets
    /// hear `ConversationHandedOff`.
    HandOff {
        workspace_id: String,
        conversation_id: String,
        farewell: Option<String>,
    },
    /// Oldest first; with `after` (a message id) only the messages after that one.
    List {
        conversation_id: String,
        page: u32,
        limit: u32,
        after: Option<String>,
        /// Private notes too: the team's read, never a visitor's.
        #[serde(default)]
        with_notes: bool,
    },
    MarkRead {
        workspace_id: String,
        conversation_id: String,
        message_id: String,
        reader: Sender,
    },
    /// A hub frame (an encoded [`ServerEvent`]) for every joined socket.
    Publish {
        frame: String,
    },
    /// Closes the team sockets of a user or API key whose access was removed or changed.
    ClosePrincipal {
        principal_id: String,
        reconnect: bool,
    },
    /// A team socket held by `subscriber` joined this conversation, which must be
    /// `workspace_id`'s: its events are forwarded there from now on. Answers the messages
    /// after `after`, for the socket to catch up.
    Subscribe {
        workspace_id: String,
        conversation_id: String,
        subscriber: Subscriber,
        after: Option<u64>,
    },
    /// `SendMessage` from a team socket held elsewhere: the hub's rules, counted here
    /// against `sender`'s window of `per_minute`.
    SendFromHub {
        workspace_id: String,
        conversation_id: String,
        sender: Sender,
        per_minute: u32,
        request: SendMessageRequest,
    },
    /// Events of `conversation_id` for this room's sockets that joined it; answers whether
    /// any still listens.
    Forward {
        conversation_id: String,
        frames: Vec<String>,
    },
    /// The conversation was erased: close every socket and delete everything stored.
    Erase,
    /// The conversation is with a channel's platform user: the team's and the bot's replies
    /// are delivered there from now on.
    LinkChannel {
        link: ChannelLink,
    },
    /// The visitor wants what the team writes while they are away by email.
    FollowUp(Box<FollowUpTo>),
    /// No more emails about this conversation.
    Unsubscribe,
}

/// Where a visitor wants their replies while they are away, as they asked for them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FollowUpTo {
    pub workspace_id: String,
    pub conversation_id: String,
    pub visitor_id: String,
    pub email: String,
    /// The page the emailed link reopens the chat on.
    pub page_url: String,
    /// This deployment's public origin, for the unsubscribe link.
    pub edge_url: String,
    /// The widget's title (or name), for the email's subject.
    pub title: String,
}

/// Where a channel conversation's replies go: the channel and the platform user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChannelLink {
    pub workspace_id: String,
    pub channel_id: String,
    pub external_id: String,
}

impl RoomCommand {
    /// Whether the conversation's row may have changed around this command (a close, reopen,
    /// hand-off or assignment reaches the room as one of these), so the room reads it again.
    /// A send, by REST or the hub, changes only what the room writes itself.
    pub fn may_change_conversation(&self) -> bool {
        !matches!(
            self,
            RoomCommand::Ping
                | RoomCommand::List { .. }
                | RoomCommand::Subscribe { .. }
                | RoomCommand::Send { .. }
                | RoomCommand::SendFromHub { .. }
                | RoomCommand::Forward { .. }
                | RoomCommand::LinkChannel { .. }
                | RoomCommand::FollowUp(_)
                | RoomCommand::Unsubscribe
        )
    }
}

/// The object holding a team socket that joined another conversation, so that
/// conversation's room can forward its events there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Subscriber {
    /// A socket opened on another conversation's room.
    Room { conversation_id: String },
    /// A socket on the workspace feed.
    Inbox { workspace_id: String },
}

impl Subscriber {
    /// Names the subscriber in a room's storage.
    pub fn key(&self) -> String {
        match self {
            Subscriber::Room { conversation_id } => format!("room:{conversation_id}"),
            Subscriber::Inbox { workspace_id } => format!("inbox:{workspace_id}"),
        }
    }

    /// Hands `frames` of `conversation_id` to the subscriber; answers whether any of its
    /// sockets still listens.
    pub async fn forward(
        &self,
        env: &Env,
        conversation_id: String,
        frames: Vec<String>,
    ) -> ApiResult<bool> {
        match self {
            Subscriber::Room {
                conversation_id: holder,
            } => {
                let command = RoomCommand::Forward {
                    conversation_id,
                    frames,
                };
                call(&room(env, holder)?, &command).await
            }
            Subscriber::Inbox { workspace_id } => {
                let command = InboxCommand::Forward {
                    conversation_id,
                    frames,
                };
                call(&inbox(env, workspace_id)?, &command).await
            }
        }
    }
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "camelCase")]
pub enum InboxCommand {
    Ping,
    /// The ids of the workspace's users connected to the feed now.
    OnlineAgents,
    Publish {
        frame: String,
    },
    /// A user or API key opened a socket on a conversation's room: remembered (for as long
    /// as that socket's access check holds) so removing them can close it.
    TrackRoomSocket {
        principal_id: String,
        conversation_id: String,
    },
    /// Closes the principal's feed sockets and answers the conversations whose rooms may
    /// still hold a socket of theirs.
    ClosePrincipal {
        principal_id: String,
        reconnect: bool,
    },
    /// As [`RoomCommand::Forward`], for the feed's sockets.
    Forward {
        conversation_id: String,
        frames: Vec<String>,
    },
}

/// Asks a caller's `RateCounter` to count one request; it answers a
/// [`crate::limits::Quota`].
#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "camelCase")]
pub enum CounterCommand {
    Count {
        limit: u32,
    },
    /// Seconds until a sign-in may be tried again, if the account is locked.
    SignInLocked,
    /// A wrong password: answers the lock it caused, if any.
    SignInFailed,
    SignInSucceeded,
}

/// What the workspace's `WebhookDispatcher` is asked to deliver.
#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "camelCase")]
pub enum DispatcherCommand {
    /// Each event, in order, to every active webhook subscribed to it: a room hands over what
    /// a burst of messages raised in one call.
    Emit {
        workspace_id: String,
        events: Vec<Emitted>,
    },
    /// The workspace's webhooks changed: read them afresh for the next event.
    Forget,
    /// To one webhook whatever it subscribes to; answers the delivery id.
    Send {
        workspace_id: String,
        webhook_id: String,
        event: parley_shared_types::webhook::WebhookEvent,
        data: serde_json::Value,
    },
}

/// An event for a workspace's webhooks.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Emitted {
    pub event: parley_shared_types::webhook::WebhookEvent,
    pub data: serde_json::Value,
    /// Names the event: one already emitted under the same key is dropped, so a sender that
    /// is not sure it was heard may emit again.
    #[serde(default)]
    pub key: Option<String>,
}

/// What a loop's `AgentLoopRunner` is asked to do.
#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "camelCase")]
pub enum LoopRunnerCommand {
    /// Starts an execution of the loop as stored now; answers it (queued behind any other
    /// execution of the loop still running).
    Run {
        workspace_id: String,
        loop_id: String,
    },
    /// Stops the execution before its next step; answers it as it ended.
    Cancel {
        workspace_id: String,
        loop_id: String,
        execution_id: String,
    },
    /// The loop's schedule changed: every `every_minutes` from now, or none.
    Schedule {
        workspace_id: String,
        loop_id: String,
        every_minutes: Option<u32>,
    },
    /// The loop was deleted: stop everything and forget it.
    Forget,
}

/// Whether a command created something new or found it already done (idempotent retry).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Outcome {
    Created,
    Existing,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Reply<T> {
    pub outcome: Outcome,
    pub value: T,
}

/// The room that owns one conversation's log.
pub fn room(env: &Env, conversation_id: &str) -> worker::Result<Stub> {
    env.durable_object(CONVERSATION_ROOM)?
        .get_by_name(conversation_id)
}

/// The inbox of one workspace.
pub fn inbox(env: &Env, workspace_id: &str) -> worker::Result<Stub> {
    env.durable_object(WORKSPACE_INBOX)?
        .get_by_name(workspace_id)
}

/// The request counter of one caller (`ip:…`, `user:…`, `key:…`).
pub fn rate_counter(env: &Env, caller: &str) -> worker::Result<Stub> {
    env.durable_object(RATE_COUNTER)?.get_by_name(caller)
}

/// The webhook dispatcher of one workspace.
pub fn webhook_dispatcher(env: &Env, workspace_id: &str) -> worker::Result<Stub> {
    env.durable_object(WEBHOOK_DISPATCHER)?
        .get_by_name(workspace_id)
}

/// The runner of one agent loop: its executions and its schedule.
pub fn agent_loop_runner(env: &Env, loop_id: &str) -> worker::Result<Stub> {
    env.durable_object(AGENT_LOOP_RUNNER)?.get_by_name(loop_id)
}

/// Sends a command to an object; an error it answered with comes back as the same `ApiError`.
pub async fn call<C: Serialize, R: DeserializeOwned>(stub: &Stub, command: &C) -> ApiResult<R> {
    let body = serde_json::to_string(command).map_err(ApiError::internal)?;
    let mut init = RequestInit::new();
    init.with_method(Method::Post).with_body(Some(body.into()));
    let request = Request::new_with_init(COMMAND_URL, &init)?;
    let response = stub.fetch_with_request(request).await?;
    let status = response.status_code();
    let body = answer_text(response).await?;
    if (200..300).contains(&status) {
        serde_json::from_str(&body).map_err(ApiError::internal)
    } else {
        let problem: Problem = serde_json::from_str(&body).map_err(ApiError::internal)?;
        Err(ApiError::from_problem(problem))
    }
}

/// An object's answer as text, read by the runtime in one piece: workers-rs reads a body
/// chunk by chunk through a Rust stream, which cost half of each object call's CPU.
async fn answer_text(response: worker::Response) -> ApiResult<String> {
    let raw: web_sys::Response = response.into();
    let text = raw.text().map_err(worker::Error::from)?;
    let text = wasm_bindgen_futures::JsFuture::from(text)
        .await
        .map_err(worker::Error::from)?;
    Ok(text.as_string().unwrap_or_default())
}

/// Sends an event to every joined socket of a conversation.
pub async fn publish_to_room(
    env: &Env,
    conversation_id: &str,
    event: &ServerEvent,
) -> ApiResult<()> {
    let frame = event.to_invocation().to_frame();
    call(
        &room(env, conversation_id)?,
        &RoomCommand::Publish { frame },
    )
    .await
}

/// Sends an event to every socket on a workspace's feed.
pub async fn publish_to_inbox(env: &Env, workspace_id: &str, event: &ServerEvent) -> ApiResult<()> {
    let frame = event.to_invocation().to_frame();
    call(&inbox(env, workspace_id)?, &InboxCommand::Publish { frame }).await
}
