//! The room's side of replies by email: when the team writes while the visitor has no socket
//! open, an email is owed a little later (`FOLLOW_UP_DELAY_MS`, so a burst of replies makes
//! one email); the alarm then emails what the visitor missed, unless they came back.

use super::ConversationRoom;
use crate::domain::follow_up::{email_missed, missed};
use crate::error::ApiResult;
use crate::rooms::shell::visitor_present;
use crate::settings;
use parley_shared_types::message::{Message, SenderType};

/// How long after the team's first unseen reply its email goes, unless configured.
const DEFAULT_DELAY_MS: u64 = 120_000;
/// How long a failed email waits before it is tried again.
const RETRY_MS: i64 = 60_000;
/// The most messages one email carries.
const MOST_MISSED: u32 = 50;

fn now_ms() -> i64 {
    worker::js_sys::Date::now() as i64
}

impl ConversationRoom {
    /// After `message` is stored: an email is owed if it is the team's, for the visitor, and
    /// nobody is there to read it.
    pub(super) async fn owe_follow_up(&self, message: &Message) -> ApiResult<()> {
        let news = message.sender_type != SenderType::Visitor && !message.private;
        if !news || visitor_present(&self.state) {
            return Ok(());
        }
        let delay = settings::number(&self.env, "FOLLOW_UP_DELAY_MS", DEFAULT_DELAY_MS) as i64;
        if self.follow_ups.owe(now_ms() + delay)?.is_some() {
            self.arm_follow_up().await?;
        }
        Ok(())
    }

    /// From the alarm: emails what the visitor missed if it is due and they are still away.
    /// A failure is logged and tried again later; it never holds up the alarm's other work.
    pub(super) async fn pay_follow_up(&self) {
        if let Err(error) = self.try_pay_follow_up().await {
            worker::console_error!("follow-up email: {error}");
            let _ = self.follow_ups.postpone(now_ms() + RETRY_MS);
        }
    }

    async fn try_pay_follow_up(&self) -> ApiResult<()> {
        let Some(owed) = self.follow_ups.due(now_ms())? else {
            return Ok(());
        };
        let conversation_id = &owed.to.conversation_id;
        let newest = self.log.last_seq()?;
        if visitor_present(&self.state) {
            // They are reading it now.
            return self.follow_ups.paid(newest);
        }
        let news = self
            .log
            .after(conversation_id, owed.emailed_through, MOST_MISSED, false)?;
        let news = missed(news);
        if !news.is_empty() {
            email_missed(&self.env, &owed.to, &news).await?;
        }
        self.follow_ups.paid(newest)
    }

    /// Sets the alarm for the owed email, unless it is set sooner.
    pub(super) async fn arm_follow_up(&self) -> ApiResult<()> {
        let Some(due) = self.follow_ups.due_at()? else {
            return Ok(());
        };
        let storage = self.state.storage();
        let sooner = storage.get_alarm().await?.is_some_and(|at| at <= due);
        if !sooner {
            storage.set_alarm((due - now_ms()).max(0)).await?;
        }
        Ok(())
    }
}
