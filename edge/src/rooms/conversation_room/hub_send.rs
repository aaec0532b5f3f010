//! `SendMessage` over a room socket: the REST send's rules, without its round trips. The
//! socket's principal was authenticated when it connected and the room holds the log, so an
//! open conversation's message is counted, stored and fanned out here, in one event. What
//! needs more than the log (reopening a closed conversation, an agent taking over from the
//! bot) goes through the same domain function as REST.

use super::ConversationRoom;
use super::message_log::NewMessage;
use crate::clock::now_secs;
use crate::domain::conversations::{emit_new_message, send_message};
use crate::error::{ApiError, ApiResult};
use crate::object_client::Outcome;
use crate::rooms::hub_session::HubSession;
use crate::store::{self, conversations, conversations::ConversationRow, flag};
use parley_shared_types::conversation::ConversationStatus;
use parley_shared_types::hub::HubMessage;
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

/// Whether the room alone may store `sender`'s message in `row`'s conversation: it is open,
/// and no agent is taking it over from a bot.
fn room_alone_may_store(row: &ConversationRow, sender: &Sender) -> bool {
    let open = row.status != ConversationStatus::Closed.as_str();
    let agent_takes_over = flag(row.ai_active) && sender.sender_type != SenderType::Visitor;
    open && !agent_takes_over
}

/// The completion of a `SendMessage` invocation: the stored message, or the refusal (as
/// [`ApiError::to_hub_error`] words it).
pub fn completion(invocation_id: String, stored: Result<Message, String>) -> String {
    let (result, error) = match stored.map(serde_json::to_value) {
        Ok(Ok(message)) => (Some(message), None),
        Ok(Err(error)) => (None, Some(error.to_string())),
        Err(error) => (None, Some(error)),
    };
    HubMessage::Completion {
        invocation_id,
        result,
        error,
    }
    .to_frame()
}

impl ConversationRoom {
    /// Stores a message a socket sent, under the REST send's rules.
    pub(super) async fn append_from_socket(
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
        let sender = &session.identity;
        self.send_windows
            .spend(&sender.sender_id, sending.per_minute, now_secs())?;
        let row = self
            .conversation(&sending.workspace_id, conversation_id)
            .await?;
        if !room_alone_may_store(&row, sender) {
            let content = request.content;
            let reply = send_message(
                &self.env,
                &self.state,
                sender,
                &row,
                content,
                request.client_message_id,
            )
            .await?;
            return Ok(reply.value);
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
        };
        let appended = self
            .append(&sending.workspace_id, conversation_id, new, bot_id)
            .await?;
        if appended.outcome == Outcome::Created {
            emit_new_message(
                &self.env,
                &self.state,
                &sending.workspace_id,
                &appended.message,
            );
        }
        Ok(appended.message)
    }

    /// The conversation's row: the room's copy while it is fresh, else D1's.
    async fn conversation(&self, workspace_id: &str, id: &str) -> ApiResult<ConversationRow> {
        let now_ms = worker::js_sys::Date::now();
        if let Some(row) = self.facts.fresh(now_ms) {
            return Ok(row);
        }
        let row = conversations::find(&store::db(&self.env)?, workspace_id, id)
            .await?
            .ok_or_else(|| ApiError::new(ErrorCode::NotFound, format!("no conversation {id}")))?;
        self.facts.keep(row.clone(), now_ms);
        Ok(row)
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
        assert!(room_alone_may_store(&row("open", 0), &visitor));
        assert!(room_alone_may_store(&row("open", 0), &agent));
        assert!(
            room_alone_may_store(&row("open", 1), &visitor),
            "the bot's turn is queued in the room"
        );
        assert!(
            !room_alone_may_store(&row("open", 1), &agent),
            "a take-over updates D1 and assigns"
        );
        assert!(
            !room_alone_may_store(&row("closed", 0), &visitor),
            "reopening is the domain's"
        );
        assert!(
            !room_alone_may_store(&row("closed", 0), &agent),
            "refused as REST refuses it"
        );
    }

    #[test]
    fn a_refusal_completes_with_an_error_and_no_result() {
        let frame = completion(
            "4".into(),
            Err("CONFLICT: the conversation is closed".into()),
        );
        assert_eq!(
            frame,
            "{\"type\":3,\"invocationId\":\"4\",\"error\":\"CONFLICT: the conversation is closed\"}\u{1e}"
        );
    }
}
