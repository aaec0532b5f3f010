//! ConversationRoom: one per conversation. Owns the ordered message log (SQLite, `seq` with no
//! gaps) and the conversation's hibernatable hub sockets, fans out events to them, and keeps
//! the conversation's summary in D1 current after each append.
//!
//! This file is the object's shell: each command goes to one method. `message_log.rs` is the
//! log and the bot-turn queue over the room's SQLite; `bot_turn.rs` answers queued turns;
//! `send.rs` stores what REST or a socket sends; `send_window.rs` counts a socket's sends;
//! `summary_writer.rs` keeps the conversation's row in D1 in step; `webhook_outbox.rs` hands
//! each message's webhook event to the dispatcher, keeping how far it has them;
//! `forwarder.rs` passes the room's events to team sockets that joined it from elsewhere;
//! `follow_up.rs` and `follow_up_delivery.rs` email what the team wrote while the visitor
//! was away.

mod bot_turn;
mod channel_delivery;
mod channel_outbox;
mod follow_up;
mod follow_up_delivery;
mod forwarder;
mod message_log;
#[cfg(test)]
mod native_sql;
mod send;
mod send_window;
mod summary_writer;
mod webhook_outbox;

use crate::clock::now_rfc3339;
use crate::error::ApiResult;
use crate::object_client::{Outcome, Reply, RoomCommand, Subscriber};
use crate::rooms::elsewhere;
use crate::rooms::hub_session::{Action, HubSession, completion};
use crate::rooms::shell::{
    Audience, accept_socket, answer_pings_while_hibernating, close_everyone, close_principal,
    deliver_elsewhere, fan_out, is_websocket_upgrade, on_socket_message, read_command, respond,
};
use crate::store::{self, conversations, conversations::NewMessages};
use channel_outbox::ChannelOutbox;
use follow_up::FollowUps;
use forwarder::Forwarder;
use message_log::{Appended, MessageLog, NewMessage, Prepared};
use parley_shared_types::hub::{ConversationClosed, MessageDelta, ServerEvent};
use parley_shared_types::message::{Message, Sender, SenderType};
use parley_shared_types::page::PageRequest;
use send::{ConversationFacts, HubSend};
use send_window::SendWindows;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use summary_writer::SummaryWriter;
use webhook_outbox::WebhookOutbox;
use worker::{
    DurableObject, Env, Request, Response, Result, SqlStorage, State, WebSocket,
    WebSocketIncomingMessage, durable_object,
};

/// The most a reconnecting socket is replayed; a client further behind pages the REST list.
const MAX_BACKLOG: u32 = 500;
/// How long after a message the room's alarm hands over webhook events still waiting.
const OUTBOX_RETRY_MS: i64 = 30_000;

#[durable_object]
pub struct ConversationRoom {
    state: State,
    env: Env,
    /// Shared with the webhook hand-over, which reads the events back from it.
    log: Rc<MessageLog<SqlStorage>>,
    /// How much each principal sent over the hub this minute.
    send_windows: SendWindows<SqlStorage>,
    /// The answer the bot is writing, so far: a socket joining mid-answer is sent it whole.
    draft: RefCell<Option<MessageDelta>>,
    /// The conversation's row as of lately, so a hub send need not read D1 each time.
    facts: ConversationFacts,
    /// Writes the conversation's summary to D1, a burst at a time.
    summaries: SummaryWriter,
    /// The webhook events of stored messages until the dispatcher has them.
    outbox: WebhookOutbox<SqlStorage>,
    /// The alarm is set to hand over what the outbox holds.
    outbox_alarm_armed: Cell<bool>,
    /// Passes events to team sockets that joined from elsewhere.
    forwarder: Forwarder,
    /// A channel conversation's replies until the platform has them.
    channels: ChannelOutbox<SqlStorage>,
    /// Where the visitor wants replies by email, and whether one is owed.
    follow_ups: FollowUps<SqlStorage>,
}

impl DurableObject for ConversationRoom {
    fn new(state: State, env: Env) -> Self {
        let log = Rc::new(MessageLog::open(state.storage().sql()));
        let send_windows = SendWindows::open(state.storage().sql());
        let outbox = WebhookOutbox::open(state.storage().sql());
        let forwarder = Forwarder::open(state.storage().sql());
        let channels = ChannelOutbox::open(state.storage().sql());
        let follow_ups = FollowUps::open(state.storage().sql());
        answer_pings_while_hibernating(&state);
        ConversationRoom {
            state,
            env,
            log,
            send_windows,
            draft: RefCell::new(None),
            facts: ConversationFacts::default(),
            summaries: SummaryWriter::default(),
            outbox,
            outbox_alarm_armed: Cell::new(false),
            forwarder,
            channels,
            follow_ups,
        }
    }

    async fn fetch(&self, request: Request) -> Result<Response> {
        if is_websocket_upgrade(&request)? {
            return accept_socket(&self.state, &request);
        }
        let command = read_command::<RoomCommand>(request).await;
        if command
            .as_ref()
            .is_ok_and(RoomCommand::may_change_conversation)
        {
            self.facts.forget();
        }
        match command {
            Ok(RoomCommand::Ping) => respond(Ok("pong")),
            Ok(RoomCommand::Append {
                workspace_id,
                conversation_id,
                sender,
                content,
                client_message_id,
                attachments,
                bot_id,
            }) => {
                let new = NewMessage {
                    id: None,
                    sender,
                    content,
                    client_message_id,
                    sources: Vec::new(),
                    private: false,
                    attachments,
                };
                let appended = self
                    .append(&workspace_id, &conversation_id, new, bot_id.as_deref())
                    .await;
                respond(appended.map(|a| Reply {
                    outcome: a.outcome,
                    value: a.message,
                }))
            }
            Ok(RoomCommand::Send {
                workspace_id,
                conversation_id,
                sender,
                request,
            }) => respond(
                self.send(&workspace_id, &conversation_id, &sender, request)
                    .await,
            ),
            Ok(RoomCommand::HandOff {
                workspace_id,
                conversation_id,
                farewell,
            }) => respond(
                self.hand_off(&workspace_id, &conversation_id, farewell)
                    .await,
            ),
            Ok(RoomCommand::List {
                conversation_id,
                page,
                limit,
                after,
                with_notes,
            }) => respond(self.log.page(
                &conversation_id,
                PageRequest { page, limit },
                after,
                with_notes,
            )),
            Ok(RoomCommand::MarkRead {
                workspace_id,
                conversation_id,
                message_id,
                reader,
            }) => respond(
                self.mark_read(&workspace_id, &conversation_id, &message_id, &reader)
                    .await,
            ),
            Ok(RoomCommand::Publish { frame }) => {
                self.broadcast(&frame, Audience::Everyone, None);
                respond(Ok(()))
            }
            Ok(RoomCommand::Subscribe {
                workspace_id,
                conversation_id,
                subscriber,
                after,
            }) => respond(
                self.subscribe(&workspace_id, &conversation_id, subscriber, after)
                    .await,
            ),
            Ok(RoomCommand::SendFromHub {
                workspace_id,
                conversation_id,
                sender,
                per_minute,
                request,
            }) => {
                let hub = HubSend {
                    workspace_id: &workspace_id,
                    conversation_id: &conversation_id,
                    sender: &sender,
                    per_minute,
                };
                respond(self.send_from_hub(hub, request).await)
            }
            Ok(RoomCommand::Forward {
                conversation_id,
                frames,
            }) => respond(Ok(deliver_elsewhere(
                &self.state,
                &conversation_id,
                &frames,
            ))),
            Ok(RoomCommand::ClosePrincipal {
                principal_id,
                reconnect,
            }) => respond(Ok(close_principal(&self.state, &principal_id, reconnect))),
            Ok(RoomCommand::Erase) => respond(self.erase().await),
            Ok(RoomCommand::LinkChannel { link }) => respond(self.channels.set_link(link)),
            Ok(RoomCommand::FollowUp(to)) => respond(
                self.log
                    .last_seq()
                    .and_then(|seq| self.follow_ups.subscribe(&to, seq)),
            ),
            Ok(RoomCommand::Unsubscribe) => respond(self.follow_ups.unsubscribe()),
            Err(error) => respond::<()>(Err(error)),
        }
    }

    async fn alarm(&self) -> Result<Response> {
        self.outbox_alarm_armed.set(false);
        self.answer_queued_turns()
            .await
            .map_err(|e| worker::Error::RustError(e.to_string()))?;
        self.deliver_replies()
            .await
            .map_err(|e| worker::Error::RustError(e.to_string()))?;
        if let Some(hand_over) = self.outbox.start_hand_over(&self.env, &self.log) {
            hand_over.await;
        }
        self.pay_follow_up().await;
        if !self.outbox.is_empty(&self.log).unwrap_or(false) {
            self.arm_outbox_alarm().await?;
        }
        self.arm_follow_up()
            .await
            .map_err(|e| worker::Error::RustError(e.to_string()))?;
        Response::ok("")
    }

    async fn websocket_message(
        &self,
        ws: WebSocket,
        message: WebSocketIncomingMessage,
    ) -> Result<()> {
        let Some((session, actions)) = on_socket_message(&ws, message)? else {
            return Ok(());
        };
        for action in actions {
            match action {
                Action::BroadcastToOthers(event) => self.broadcast(
                    &event.to_invocation().to_frame(),
                    Audience::Everyone,
                    Some(&session.socket_id),
                ),
                Action::ResumeAfter(after) => self.replay(&ws, &session, after)?,
                Action::Append {
                    invocation_id,
                    conversation_id,
                    request,
                } if session.conversation_id.as_ref() == Some(&conversation_id) => {
                    let stored = self
                        .send_from_socket(&session, request)
                        .await
                        .map(Some)
                        .map_err(|error| error.to_hub_error());
                    if let Some(invocation_id) = invocation_id {
                        ws.send_with_str(completion(invocation_id, stored))?;
                    }
                }
                elsewhere => {
                    let holder = Subscriber::Room {
                        conversation_id: session.conversation_id.clone().unwrap_or_default(),
                    };
                    elsewhere::run(&self.env, &ws, &session, &holder, elsewhere).await?;
                }
            }
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
        worker::console_warn!("hub socket error: {error}");
        Ok(())
    }
}

impl ConversationRoom {
    /// Stores a message (and, for `bot_id`, its bot turn) and, when it is new, tells the
    /// sockets, the D1 summary and the feed. The alarm is set last and whenever a turn waits,
    /// so a retry after any failure here still gets its answer. A private note reaches only
    /// the team's sockets: no webhook, no summary (it is no reply, no last message, no unread).
    async fn append(
        &self,
        workspace_id: &str,
        conversation_id: &str,
        new: NewMessage,
        bot_id: Option<&str>,
    ) -> ApiResult<Appended> {
        let bot = bot_id.map(|bot_id| (bot_id, workspace_id));
        let mut reply_waits = false;
        let appended = match self.log.prepare(conversation_id, new, &now_rfc3339())? {
            Prepared::Existing(appended) => appended,
            Prepared::New(pending) => {
                // Out before the write: nothing this event wrote holds it back yet. The sender
                // hears it is stored only once it is.
                let audience = Audience::of(&pending.message);
                self.publish_to(
                    &ServerEvent::ReceiveMessage(pending.message.clone()),
                    audience,
                );
                let appended = self.log.commit(pending, bot)?;
                if audience == Audience::Everyone {
                    self.outbox
                        .note(workspace_id, conversation_id, appended.message.seq)?;
                    let now_ms = worker::js_sys::Date::now() as i64;
                    reply_waits = self.channels.add(&appended.message, now_ms)?;
                }
                appended
            }
        };
        // A retry may follow a crash that left events waiting: hand them over too.
        self.hand_over_webhooks();
        if appended.outcome == Outcome::Created && !appended.message.private {
            self.arm_outbox_alarm().await?;
            self.owe_follow_up(&appended.message).await?;
            let new = NewMessages::one(workspace_id, &appended.message, self.log.unread()?);
            self.summaries.record(&self.env, &self.state, new).await?;
        }
        if appended.turn_waiting || reply_waits {
            self.state.storage().set_alarm(0_i64).await?;
        }
        Ok(appended)
    }

    /// Forgets the conversation (its contact was erased, and its D1 row first): every socket
    /// is closed for good and the room's storage (messages, bot turns, webhook events
    /// waiting) deleted. Reads and hub connections are refused before they reach the room,
    /// and a visitor's send is refused here, as the conversation's row is gone from D1.
    async fn erase(&self) -> ApiResult<()> {
        close_everyone(&self.state);
        self.draft.replace(None);
        let storage = self.state.storage();
        storage.delete_alarm().await?;
        storage.delete_all().await?;
        self.log.forget();
        self.outbox.forget();
        Ok(())
    }

    /// Hands the waiting webhook events to the dispatcher after this event, unless a hand-over
    /// is already under way (it takes them).
    fn hand_over_webhooks(&self) {
        if let Some(hand_over) = self.outbox.start_hand_over(&self.env, &self.log) {
            self.state.wait_until(hand_over);
        }
    }

    /// Makes sure the alarm will run while events may wait (after a crash, nothing else
    /// would hand them over), without moving an alarm already set (a bot turn's is due now).
    async fn arm_outbox_alarm(&self) -> Result<()> {
        if self.outbox_alarm_armed.replace(true) {
            return Ok(());
        }
        let storage = self.state.storage();
        if storage.get_alarm().await?.is_none() {
            storage.set_alarm(OUTBOX_RETRY_MS).await?;
        }
        Ok(())
    }

    /// Stops the bot for good: queued turns are dropped and an answer being written is not
    /// stored. Handing off twice changes nothing.
    async fn hand_off(
        &self,
        workspace_id: &str,
        conversation_id: &str,
        farewell: Option<String>,
    ) -> ApiResult<()> {
        if !self.log.hand_off(&now_rfc3339())? {
            return Ok(());
        }
        if let Some(farewell) = farewell {
            let said = NewMessage {
                id: None,
                sender: Sender {
                    sender_type: SenderType::Ai,
                    sender_id: "bot".into(),
                },
                content: farewell,
                client_message_id: None,
                sources: Vec::new(),
                private: false,
                attachments: Vec::new(),
            };
            self.append(workspace_id, conversation_id, said, None)
                .await?;
        }
        self.publish(&ServerEvent::ConversationHandedOff(ConversationClosed {
            conversation_id: conversation_id.to_owned(),
        }));
        Ok(())
    }

    async fn mark_read(
        &self,
        workspace_id: &str,
        conversation_id: &str,
        message_id: &str,
        reader: &Sender,
    ) -> ApiResult<Message> {
        let message = self.log.mark_read(conversation_id, message_id, reader)?;
        self.publish_to(
            &ServerEvent::MessageRead(message.clone()),
            Audience::of(&message),
        );
        let db = store::db(&self.env)?;
        conversations::set_unread(&db, workspace_id, conversation_id, self.log.unread()?).await?;
        self.announce_to_inbox(workspace_id, conversation_id);
        Ok(message)
    }

    /// Sends an event to every joined socket.
    fn publish(&self, event: &ServerEvent) {
        self.publish_to(event, Audience::Everyone);
    }

    /// Sends an event to the joined sockets of `audience`.
    fn publish_to(&self, event: &ServerEvent, audience: Audience) {
        self.broadcast(&event.to_invocation().to_frame(), audience, None);
    }

    /// Sends a frame to the joined sockets of `audience` here (but `skip_socket`) and to those
    /// that joined from elsewhere (team sockets all, so every audience includes them).
    fn broadcast(&self, frame: &str, audience: Audience, skip_socket: Option<&str>) {
        fan_out(&self.state, frame, audience, skip_socket);
        self.forwarder.forward(&self.env, &self.state, frame);
    }

    /// A team socket held by `subscriber` joins this conversation, if it is `workspace_id`'s:
    /// it is sent the messages after `after` (private notes too: it is the team's) and, from
    /// now on, every event.
    async fn subscribe(
        &self,
        workspace_id: &str,
        conversation_id: &str,
        subscriber: Subscriber,
        after: Option<u64>,
    ) -> ApiResult<Vec<Message>> {
        self.conversation(workspace_id, conversation_id).await?;
        self.forwarder.subscribe(conversation_id, subscriber)?;
        match after {
            Some(after) => self.log.after(conversation_id, after, MAX_BACKLOG, true),
            None => Ok(Vec::new()),
        }
    }

    /// Tells the agents' feed the conversation changed, after this request is answered: the
    /// feed never slows the room.
    fn announce_to_inbox(&self, workspace_id: &str, conversation_id: &str) {
        let (env, workspace_id, conversation_id) = (
            self.env.clone(),
            workspace_id.to_owned(),
            conversation_id.to_owned(),
        );
        self.state.wait_until(async move {
            summary_writer::announce_to_inbox(&env, &workspace_id, &conversation_id).await;
        });
    }

    /// Sends a reconnecting socket what it missed, in order, before any live event: a
    /// visitor's socket skips private notes (its `seq`s then have gaps, which clients take as
    /// they come: they only drop what they have already seen).
    fn replay(&self, ws: &WebSocket, session: &HubSession, after: u64) -> Result<()> {
        let Some(conversation_id) = &session.conversation_id else {
            return Ok(());
        };
        let missed = self
            .log
            .after(conversation_id, after, MAX_BACKLOG, session.team.is_some())
            .map_err(|e| worker::Error::RustError(e.to_string()))?;
        for message in missed {
            ws.send_with_str(
                ServerEvent::ReceiveMessage(message)
                    .to_invocation()
                    .to_frame(),
            )?;
        }
        // An answer begun before this socket joined: what it missed, as one piece, so the
        // answer still arrives whole; the pieces still to come follow live.
        if let Some(draft) = self.draft.borrow().clone() {
            ws.send_with_str(
                ServerEvent::ReceiveMessageDelta(draft)
                    .to_invocation()
                    .to_frame(),
            )?;
        }
        Ok(())
    }
}
