//! The conversation as the visitor sees it: stored messages in `seq` order, each once, however
//! they arrived (history, live event, or the answer to a send), then the answers a bot is
//! still writing, each until its stored message arrives.

use parley_shared_types::hub::MessageDelta;
use parley_shared_types::message::{Message, SenderType};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Timeline {
    messages: Vec<Message>,
    /// Answers a bot is still writing, under the id their stored message will have.
    drafts: Vec<Message>,
}

impl Timeline {
    /// Adds or refreshes a message, replacing its draft; returns whether it was new.
    pub fn upsert(&mut self, message: Message) -> bool {
        self.drafts.retain(|d| d.id != message.id);
        if let Some(existing) = self.messages.iter_mut().find(|m| m.id == message.id) {
            *existing = message;
            return false;
        }
        let at = self.messages.partition_point(|m| m.seq < message.seq);
        self.messages.insert(at, message);
        true
    }

    /// Appends the next piece of a streamed answer (`now` dates a new draft). A piece arriving
    /// after its message was stored (a replay on reconnect) is dropped, so the answer never
    /// shows twice.
    pub fn stream(&mut self, delta: MessageDelta, now: impl FnOnce() -> String) {
        if self.messages.iter().any(|m| m.id == delta.message_id) {
            return;
        }
        match self.drafts.iter_mut().find(|d| d.id == delta.message_id) {
            Some(draft) => draft.content.push_str(&delta.delta),
            None => self.drafts.push(Message {
                id: delta.message_id,
                conversation_id: delta.conversation_id,
                seq: 0,
                content: delta.delta,
                sender_type: SenderType::Ai,
                sender_id: String::new(),
                is_read: false,
                created_at: now(),
                sources: Vec::new(),
                private: false,
                attachments: Vec::new(),
            }),
        }
    }

    /// Forgets unfinished answers: the bot stopped, so they will not be completed.
    pub fn drop_drafts(&mut self) {
        self.drafts.clear();
    }

    /// What the visitor sees: stored messages, then the answers being written.
    pub fn shown(&self) -> Vec<Message> {
        self.messages.iter().chain(&self.drafts).cloned().collect()
    }

    pub fn is_draft(&self, id: &str) -> bool {
        self.drafts.iter().any(|d| d.id == id)
    }

    pub fn messages(&self) -> &[Message] {
        &self.messages
    }

    pub fn last_seq(&self) -> Option<u64> {
        self.messages.last().map(|m| m.seq)
    }

    /// When the oldest of the visitor's messages since the team last wrote was stored: how
    /// long they have waited for an answer (none while the team has the last word).
    pub fn waiting_since(&self) -> Option<&str> {
        let answered = self
            .messages
            .iter()
            .rposition(|m| m.sender_type != SenderType::Visitor);
        let first_unanswered = answered.map_or(0, |at| at + 1);
        self.messages
            .get(first_unanswered)
            .map(|m| m.created_at.as_str())
    }
}

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

    wasm_bindgen_test_configure!(run_in_browser);

    use super::*;

    fn message(seq: u64, read: bool) -> Message {
        Message {
            id: format!("m{seq}"),
            conversation_id: "c".into(),
            seq,
            content: format!("#{seq}"),
            sender_type: SenderType::Visitor,
            sender_id: "v".into(),
            is_read: read,
            created_at: "2026-01-01T00:00:00Z".into(),
            sources: Vec::new(),
            private: false,
            attachments: Vec::new(),
        }
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn keeps_seq_order_whatever_the_arrival_order() {
        let mut timeline = Timeline::default();
        for seq in [3, 1, 2] {
            assert!(timeline.upsert(message(seq, false)));
        }
        assert_eq!(
            timeline
                .messages()
                .iter()
                .map(|m| m.seq)
                .collect::<Vec<_>>(),
            [1, 2, 3]
        );
        assert_eq!(timeline.last_seq(), Some(3));
    }

    fn delta(id: &str, piece: &str) -> MessageDelta {
        MessageDelta {
            conversation_id: "c".into(),
            message_id: id.into(),
            delta: piece.into(),
        }
    }

    fn now() -> String {
        "2026-01-01T00:00:09Z".into()
    }

    fn contents(timeline: &Timeline) -> Vec<String> {
        timeline.shown().into_iter().map(|m| m.content).collect()
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_streamed_answer_grows_then_its_stored_message_replaces_it() {
        let mut timeline = Timeline::default();
        timeline.upsert(message(1, false));
        timeline.stream(delta("m2", "Parley is "), now);
        timeline.stream(delta("m2", "a chat widget."), now);
        assert_eq!(contents(&timeline), ["#1", "Parley is a chat widget."]);
        assert!(timeline.is_draft("m2"));
        assert_eq!(timeline.shown()[1].sender_type, SenderType::Ai);
        assert!(timeline.upsert(message(2, false)));
        assert!(
            !timeline.is_draft("m2"),
            "the stored message replaces the draft"
        );
        timeline.stream(delta("m2", "late piece"), now);
        assert_eq!(
            contents(&timeline),
            ["#1", "#2"],
            "pieces of a stored answer (a replay) show nothing"
        );
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn the_wait_runs_from_the_first_message_the_team_has_not_answered() {
        let mut timeline = Timeline::default();
        assert_eq!(
            timeline.waiting_since(),
            None,
            "nothing written, nobody waits"
        );
        let said = |seq, sender_type, at: &str| Message {
            sender_type,
            created_at: at.into(),
            ..message(seq, false)
        };
        timeline.upsert(said(1, SenderType::Visitor, "2026-01-01T00:01:00Z"));
        timeline.upsert(said(2, SenderType::Visitor, "2026-01-01T00:02:00Z"));
        assert_eq!(timeline.waiting_since(), Some("2026-01-01T00:01:00Z"));
        timeline.upsert(said(3, SenderType::Agent, "2026-01-01T00:03:00Z"));
        assert_eq!(timeline.waiting_since(), None, "answered");
        timeline.upsert(said(4, SenderType::Visitor, "2026-01-01T00:04:00Z"));
        assert_eq!(timeline.waiting_since(), Some("2026-01-01T00:04:00Z"));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_handoff_drops_unfinished_answers_only() {
        let mut timeline = Timeline::default();
        timeline.upsert(message(1, false));
        timeline.stream(delta("m2", "Let me"), now);
        timeline.drop_drafts();
        assert_eq!(contents(&timeline), ["#1"]);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_second_copy_refreshes_instead_of_duplicating() {
        let mut timeline = Timeline::default();
        timeline.upsert(message(1, false));
        assert!(!timeline.upsert(message(1, true)));
        assert_eq!(timeline.messages().len(), 1);
        assert!(
            timeline.messages()[0].is_read,
            "a read receipt updates the message"
        );
    }
}
