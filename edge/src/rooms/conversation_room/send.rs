//! A message sent to the room, by REST (`RoomCommand::Send`) or by `SendMessage` on one of its
//! sockets, under one set of rules and without round trips: the room keeps a copy of its
//! conversation's row, so an open conversation's message is checked, stored and fanned out
//! here. What needs more than the log (reopening a closed conversation, an agent taking over
//! from the bot) goes through the domain's `send_message`, which comes back to the room. A
//! private note needs nothing more, whatever the conversation's state: it is the team's alone,
//! so it neither reopens, nor takes over from the bot, nor is refused once closed.

use super::ConversationRoom;
use super::message_log::NewMessage;
use crate::clock::now_secs;
use crate::domain::attachments::carried;
use crate::domain::conversations::send_message;
use crate::error::{ApiError, ApiResult};
use crate::object_client::Reply;
use crate::rooms::hub_session::HubSession;
use crate::store::{self, conversations, conversations::ConversationRow, flag};
use parley_shared_types::conversation::ConversationStatus;
use parley_shared_types::message::{Message, SendMessageRequest, Sender, SenderType};
use parley_shared_types::problem::ErrorCode;
use std::cell::RefCell;

/// How long the room trusts its copy of the conversation's row. Every change Parley makes to
/// a conversation also reaches its room (which then forgets the copy); this bounds the rest.
const FACTS_FOR_MS: f64 = 30_000.0;

/// The room's copy of its conversation's row and when it was read.
#[derive(Default)]
pub struct ConversationFacts(RefCell<Option<(ConversationRow, f64)>>);

impl ConversationFacts {
    pub fn forget(&self) {
        self.0.replace(None);
    }

    fn fresh(&self, now_ms: f64) -> Option<ConversationRow> {
        match &*self.0.borrow() {
            Some((row, read_at)) if now_ms - read_at < FACTS_FOR_MS => Some(row.clone()),
            _ => None,
        }
    }

    fn keep(&self, row: ConversationRow, now_ms: f64) {
        self.0.replace(Some((row, now_ms)));
    }
}

/// Whether the room alone may store `sender`'s message in `row`'s conversation: a private
/// note, or a message in an open conversation that no agent is taking over from a bot.
fn room_alone_may_store(row: &ConversationRow, sender: &Sender, private: bool) -> bool {
    let open = row.status != ConversationStatus::Closed.as_str();
    let agent_takes_over = flag(row.ai_active) && sender.sender_type != SenderType::Visitor;
    private || (open && !agent_takes_over)
}

/// Only the team writes private notes: a visitor's would be a note to themselves.
fn check_note_sender(sender: &Sender, request: &SendMessageRequest) -> ApiResult<()> {
    if request.private && sender.sender_type == SenderType::Visitor {
        return Err(ApiError::new(
            ErrorCode::Forbidden,
            "private notes are the team's: a visitor cannot send one",
        ));
    }
    Ok(())
}

/// Who sends over the hub, where, and their window's size.
pub struct HubSend<'a> {
    pub workspace_id: &'a str,
    pub conversation_id: &'a str,
    pub sender: &'a Sender,
    pub per_minute: u32,
}

impl ConversationRoom {
    /// Stores a message a socket of this room sent: counted against its principal's hub
    /// window first (the socket was authenticated when it connected).
    pub(super) async fn send_from_socket(
        &self,
        session: &HubSession,
        request: SendMessageRequest,
    ) -> ApiResult<Message> {
        let (Some(sending), Some(conversation_id)) = (&session.sending, &session.conversation_id)
        else {
            return Err(ApiError::new(
                ErrorCode::BadRequest,
                "this socket cannot send messages: reconnect to send over the hub",
            ));
        };
        let hub = HubSend {
            workspace_id: &sending.workspace_id,
            conversation_id,
            sender: &session.identity,
            per_minute: sending.per_minute,
        };
        self.send_from_hub(hub, request).await
    }

    /// Stores a message sent over the hub, from a socket here or one held elsewhere that
    /// joined this conversation, counted against its principal's hub window.
    pub(super) async fn send_from_hub(
        &self,
        hub: HubSend<'_>,
        request: SendMessageRequest,
    ) -> ApiResult<Message> {
        self.send_windows
            .spend(&hub.sender.sender_id, hub.per_minute, now_secs())?;
        let sent = self
            .send(hub.workspace_id, hub.conversation_id, hub.sender, request)
            .await;
        self.send_windows.persist()?;
        Ok(sent?.value)
    }

    /// Stores `sender`'s message in the conversation, which must be `workspace_id`'s.
    pub(super) async fn send(
        &self,
        workspace_id: &str,
        conversation_id: &str,
        sender: &Sender,
        request: SendMessageRequest,
    ) -> ApiResult<Reply<Message>> {
        check_note_sender(sender, &request)?;
        let row = self.conversation(workspace_id, conversation_id).await?;
        let attachments = match request.attachments.as_slice() {
            [] => Vec::new(),
            ids => carried(&self.env, conversation_id, ids).await?,
        };
        if !room_alone_may_store(&row, sender, request.private) {
            return send_message(
                &self.env,
                &self.state,
                sender,
                &row,
                request.content,
                request.client_message_id,
                attachments,
            )
            .await;
        }
        let bot_id = row
            .bot_id
            .as_deref()
            .filter(|_| flag(row.ai_active) && sender.sender_type == SenderType::Visitor);
        let new = NewMessage {
            id: None,
            sender: sender.clone(),
            content: request.content,
            client_message_id: request.client_message_id,
            sources: Vec::new(),
            private: request.private,
            attachments,
        };
        let appended = self
            .append(workspace_id, conversation_id, new, bot_id)
            .await?;
        Ok(Reply {
            outcome: appended.outcome,
            value: appended.message,
        })
    }

    /// The conversation's row: the room's copy while it is fresh, else D1's.
    pub(super) async fn conversation(
        &self,
        workspace_id: &str,
        id: &str,
    ) -> ApiResult<ConversationRow> {
        let now_ms = worker::js_sys::Date::now();
        let row = match self.facts.fresh(now_ms) {
            Some(row) => Some(row),
            None => conversations::find(&store::db(&self.env)?, workspace_id, id).await?,
        };
        match row {
            Some(row) if row.workspace_id == workspace_id && row.id == id => {
                self.facts.keep(row.clone(), now_ms);
                Ok(row)
            }
            _ => Err(ApiError::new(
                ErrorCode::NotFound,
                format!("no conversation {id}"),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(status: &str, ai_active: i64) -> ConversationRow {
        serde_json::from_value(serde_json::json!({
            "id": "c-1", "workspace_id": "w-1", "widget_id": "wg-1", "visitor_id": "v-1",
            "assigned_agent_id": null, "status": status, "channel": "web", "metadata": "{}",
            "started_at": "2026-12-06T00:00:00Z", "closed_at": null, "last_message": null,
            "last_message_at": null, "message_count": 0, "ai_active": ai_active, "bot_id": "b-1"
        }))
        .unwrap()
    }

    fn sender(sender_type: SenderType) -> Sender {
        Sender {
            sender_type,
            sender_id: "p-1".into(),
        }
    }

    #[test]
    fn the_room_alone_stores_in_open_conversations_unless_an_agent_takes_over_from_a_bot() {
        let (visitor, agent) = (sender(SenderType::Visitor), sender(SenderType::Agent));
        assert!(room_alone_may_store(&row("open", 0), &visitor, false));
        assert!(room_alone_may_store(&row("open", 0), &agent, false));
        assert!(
            room_alone_may_store(&row("open", 1), &visitor, false),
            "the bot's turn is queued in the room"
        );
        assert!(
            !room_alone_may_store(&row("open", 1), &agent, false),
            "a take-over updates D1 and assigns"
        );
        assert!(
            !room_alone_may_store(&row("closed", 0), &visitor, false),
            "reopening is the domain's"
        );
        assert!(
            !room_alone_may_store(&row("closed", 0), &agent, false),
            "refused as REST refuses it"
        );
    }

    #[test]
    fn a_note_is_stored_by_the_room_whatever_the_state_and_only_from_the_team() {
        let agent = sender(SenderType::Agent);
        assert!(
            room_alone_may_store(&row("open", 1), &agent, true),
            "a note does not take over from the bot"
        );
        assert!(
            room_alone_may_store(&row("closed", 0), &agent, true),
            "nor reopen"
        );
        let note = SendMessageRequest::note("VIP");
        assert!(check_note_sender(&agent, &note).is_ok());
        let refused = check_note_sender(&sender(SenderType::Visitor), &note).unwrap_err();
        assert_eq!(refused.code(), ErrorCode::Forbidden);
        let plain = SendMessageRequest::text("Hi");
        assert!(check_note_sender(&sender(SenderType::Visitor), &plain).is_ok());
    }
}
