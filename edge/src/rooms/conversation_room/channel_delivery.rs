//! The room's alarm delivers a channel conversation's replies (`channel_outbox.rs` keeps
//! them) through `domain::channels::deliver`, in order, one at a time.

use super::ConversationRoom;
use super::channel_outbox::{DEFAULT_RETRY_BASE_MS, retry_after_ms};
use super::message_log::NewMessage;
use crate::domain::channels::{self, Delivery};
use crate::error::ApiResult;
use crate::object_client::ChannelLink;
use crate::settings;
use parley_shared_types::message::{Message, Sender, SenderType};

/// How much of an undelivered reply its note quotes.
const QUOTED_CHARS: usize = 80;

impl ConversationRoom {
    /// Delivers every reply that is due; sets the alarm for the first one still waiting.
    pub(super) async fn deliver_replies(&self) -> ApiResult<()> {
        let Some(link) = self.channels.link()? else {
            return Ok(());
        };
        let base_ms = settings::number(&self.env, "CHANNEL_RETRY_BASE_MS", DEFAULT_RETRY_BASE_MS);
        while let Some(waiting) = self.channels.due(now_ms())? {
            let message = waiting.message()?;
            let why = match channels::deliver(&self.env, &self.state, &link, &message).await {
                Delivery::Sent => {
                    self.channels.remove(waiting.seq)?;
                    continue;
                }
                Delivery::Retry { why, after_ms } => {
                    let attempts = waiting.attempts + 1;
                    if let Some(wait) = retry_after_ms(base_ms, attempts, after_ms) {
                        worker::console_warn!("reply {} waits {wait} ms: {why}", message.id);
                        let due = now_ms() + i64::try_from(wait).unwrap_or(i64::MAX / 2);
                        self.channels.retry(waiting.seq, attempts, due)?;
                        continue;
                    }
                    format!("{why} (after {attempts} attempts)")
                }
                Delivery::Failed(why) => why,
            };
            // The note first: a retry after a failure here finds it by its clientMessageId.
            self.note_undelivered(&link, &message, &why).await?;
            self.channels.remove(waiting.seq)?;
        }
        if let Some(due) = self.channels.next_due_ms()? {
            self.state
                .storage()
                .set_alarm((due - now_ms()).max(0))
                .await?;
        }
        Ok(())
    }

    /// Tells the team, in the conversation, that a reply never reached the platform user.
    async fn note_undelivered(
        &self,
        link: &ChannelLink,
        message: &Message,
        why: &str,
    ) -> ApiResult<()> {
        let quoted: String = message.content.chars().take(QUOTED_CHARS).collect();
        let ellipsis = if quoted.len() < message.content.len() {
            "…"
        } else {
            ""
        };
        let note = NewMessage {
            id: None,
            sender: Sender {
                sender_type: SenderType::Ai,
                sender_id: "parley".into(),
            },
            content: format!("Not delivered: “{quoted}{ellipsis}” — {why}"),
            client_message_id: Some(format!("undelivered-{}", message.id)),
            sources: Vec::new(),
            private: true,
            attachments: Vec::new(),
        };
        worker::console_warn!("reply {} not delivered: {why}", message.id);
        self.append(&link.workspace_id, &message.conversation_id, note, None)
            .await
            .map(drop)
    }
}

fn now_ms() -> i64 {
    worker::js_sys::Date::now() as i64
}
