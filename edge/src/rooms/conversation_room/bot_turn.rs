//! The room's bot-turn runner: its alarm answers queued turns in order, streaming each answer
//! to the sockets as `ReceiveMessageDelta` and then storing it once; a handoff between two
//! tokens stops it, and a failed turn hands the visitor to people.

use super::ConversationRoom;
use super::message_log::{BotTurn, NewMessage};
use crate::ai::{self, context::Turn};
use crate::clock::now_rfc3339;
use crate::domain::{analytics, handoff};
use crate::error::ApiResult;
use crate::store::{self, bots};
use parley_shared_types::hub::{MessageDelta, ServerEvent};
use parley_shared_types::message::{Sender, SenderType};
use parley_shared_types::problem::ErrorCode;

/// The most earlier messages the bot is given as history.
const BOT_HISTORY: u32 = 20;

impl ConversationRoom {
    /// Answers every queued turn, oldest first; a turn leaves the queue once answered or
    /// handed off.
    pub(super) async fn answer_queued_turns(&self) -> ApiResult<()> {
        while let Some(turn) = self.log.next_turn()? {
            if let Err(e) = self.answer(&turn).await {
                worker::console_error!("bot turn {} failed: {e}", turn.seq);
                // The visitor is not left waiting: people take over.
                if let Err(e) = self.bot_hands_off(&turn, None).await {
                    worker::console_error!("handoff after a failed turn failed: {e}");
                }
            }
            self.log.finish_turn(turn.seq)?;
        }
        Ok(())
    }

    /// The bot answers one visitor message, streaming it to the sockets as it is written.
    async fn answer(&self, turn: &BotTurn) -> ApiResult<()> {
        if self.log.is_handed_off()? {
            return Ok(());
        }
        let db = store::db(&self.env)?;
        let Some(bot) = bots::find(&db, &turn.workspace_id, &turn.bot_id).await? else {
            return self.bot_hands_off(turn, None).await;
        };
        let settings = bot.settings();
        let Some(question) = self.log.message_at(&turn.conversation_id, turn.seq)? else {
            return Ok(());
        };
        if settings.handoff.asks_for_human(&question.content) {
            return self
                .bot_hands_off(turn, Some(settings.handoff.message))
                .await;
        }
        let history = self.history_before(turn)?;
        let message_id = crate::ids::new_id();
        let mut stream_delta = |delta: &str| {
            if self.log.is_handed_off().unwrap_or(true) {
                return;
            }
            let piece = MessageDelta {
                conversation_id: turn.conversation_id.clone(),
                message_id: message_id.clone(),
                delta: delta.to_owned(),
            };
            self.draft
                .borrow_mut()
                .get_or_insert_with(|| MessageDelta {
                    delta: String::new(),
                    ..piece.clone()
                })
                .delta
                .push_str(delta);
            self.publish(&ServerEvent::ReceiveMessageDelta(piece));
        };
        let answer = ai::answer(
            &self.env,
            &self.state,
            &bot,
            &history,
            &question.content,
            &mut stream_delta,
        )
        .await;
        // Stored or abandoned, it is no longer being written.
        self.draft.borrow_mut().take();
        let record = |answered_at: String, known| {
            let asked = analytics::Asked {
                workspace_id: &turn.workspace_id,
                bot_id: &bot.id,
                question: &question.content,
                at: &question.created_at,
            };
            async move { analytics::record_bot_turn(&self.env, &asked, &answered_at, known).await }
        };
        let answer = match answer {
            Ok(answer) => answer,
            // The plan's AI responses are used up: people answer, and the visitor never sees
            // an error, only the bot's usual handoff words.
            Err(e) if e.code() == ErrorCode::LimitsReached => {
                return self
                    .bot_hands_off(turn, Some(settings.handoff.message))
                    .await;
            }
            Err(e) => {
                record(now_rfc3339(), false).await;
                return Err(e);
            }
        };
        if self.log.is_handed_off()? {
            return Ok(());
        }
        let reply = NewMessage {
            id: Some(message_id),
            sender: Sender {
                sender_type: SenderType::Ai,
                sender_id: bot.id.clone(),
            },
            content: answer.text,
            client_message_id: None,
            sources: answer.sources,
            private: false,
            attachments: Vec::new(),
        };
        let stored = self
            .append(&turn.workspace_id, &turn.conversation_id, reply, None)
            .await?;
        let known = matches!(answer.outcome, ai::Outcome::Answered);
        record(stored.message.created_at, known).await;
        match answer.outcome {
            // Its answer was the handoff message already.
            ai::Outcome::Failed(_) => self.bot_hands_off(turn, None).await,
            ai::Outcome::Unknown if settings.handoff.on_unknown => {
                self.bot_hands_off(turn, Some(settings.handoff.message))
                    .await
            }
            ai::Outcome::Unknown | ai::Outcome::Answered => Ok(()),
        }
    }

    /// The conversation before the turn as the bot sees it: the visitor is the user.
    fn history_before(&self, turn: &BotTurn) -> ApiResult<Vec<Turn>> {
        Ok(self
            .log
            .before(&turn.conversation_id, turn.seq, BOT_HISTORY)?
            .into_iter()
            .map(|message| Turn::said(message.sender_type == SenderType::Visitor, message.content))
            .collect())
    }

    /// The bot gives the conversation to people (saying `farewell`, if any) and the
    /// workspace assigns it.
    async fn bot_hands_off(&self, turn: &BotTurn, farewell: Option<String>) -> ApiResult<()> {
        self.hand_off(&turn.workspace_id, &turn.conversation_id, farewell)
            .await?;
        let (_, assigned) = handoff::to_people(
            &self.env,
            &self.state,
            &turn.workspace_id,
            &turn.conversation_id,
            None,
        )
        .await?;
        if let Some(assigned) = assigned {
            self.publish(&ServerEvent::AgentAssigned(assigned));
        }
        Ok(())
    }
}
