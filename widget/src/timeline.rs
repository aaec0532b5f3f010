//! The conversation as the visitor sees it: stored messages in `seq` order, each once, however
//! they arrived (history, live event, or the answer to a send).

use parley_shared_types::message::Message;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Timeline {
    messages: Vec<Message>,
}

impl Timeline {
    /// Adds or refreshes a message; returns whether it was new.
    pub fn upsert(&mut self, message: Message) -> bool {
        if let Some(existing) = self.messages.iter_mut().find(|m| m.id == message.id) {
            *existing = message;
            return false;
        }
        let at = self.messages.partition_point(|m| m.seq < message.seq);
        self.messages.insert(at, message);
        true
    }

    pub fn messages(&self) -> &[Message] {
        &self.messages
    }

    pub fn last_seq(&self) -> Option<u64> {
        self.messages.last().map(|m| m.seq)
    }
}

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

    wasm_bindgen_test_configure!(run_in_browser);

    use super::*;
    use parley_shared_types::message::SenderType;

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
