//! The conversation's rows as the panel lists them: stored messages and the answers being
//! written, then what the visitor wrote that is not stored yet. One list, so the panel keeps
//! one keyed list (each costs the widget its own copy of the diffing code).

use crate::outbox::{Outbox, Pending};
use crate::timeline::Timeline;
use parley_shared_types::message::Message;

#[derive(Debug, Clone, PartialEq)]
pub enum Row {
    Message(Message),
    Pending(Pending),
}

/// What makes a row drawn again when it changes: a draft grows, a message is read, a pending
/// message is refused.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum RowKey {
    Message {
        id: String,
        seq: u64,
        is_read: bool,
        length: usize,
    },
    Pending {
        client_message_id: String,
        failed: Option<String>,
    },
}

pub fn rows(timeline: &Timeline, outbox: &Outbox) -> Vec<Row> {
    let shown = timeline.shown().into_iter().map(Row::Message);
    shown
        .chain(outbox.items().iter().cloned().map(Row::Pending))
        .collect()
}

impl Row {
    pub fn key(&self) -> RowKey {
        match self {
            Row::Message(message) => RowKey::Message {
                id: message.id.clone(),
                seq: message.seq,
                is_read: message.is_read,
                length: message.content.len(),
            },
            Row::Pending(pending) => RowKey::Pending {
                client_message_id: pending.client_message_id.clone(),
                failed: pending.failed.clone(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

    wasm_bindgen_test_configure!(run_in_browser);

    use super::*;
    use parley_shared_types::hub::MessageDelta;
    use parley_shared_types::message::SenderType;

    #[wasm_bindgen_test(unsupported = test)]
    fn stored_then_drafts_then_pending_and_a_change_changes_the_key() {
        let mut timeline = Timeline::default();
        timeline.upsert(Message {
            id: "m1".into(),
            conversation_id: "c".into(),
            seq: 1,
            content: "hi".into(),
            sender_type: SenderType::Visitor,
            sender_id: "v".into(),
            is_read: false,
            created_at: "2026-01-01T00:00:00Z".into(),
            sources: Vec::new(),
            private: false,
            attachments: Vec::new(),
        });
        let delta = MessageDelta {
            conversation_id: "c".into(),
            message_id: "m2".into(),
            delta: "Hel".into(),
        };
        timeline.stream(delta.clone(), || "2026-01-01T00:00:01Z".into());
        let mut outbox = Outbox::default();
        outbox.enqueue("1-2".into(), "more".into(), Vec::new());
        let before = rows(&timeline, &outbox);
        let ids: Vec<RowKey> = before.iter().map(Row::key).collect();
        assert!(matches!(&ids[..], [
            RowKey::Message { id: first, .. },
            RowKey::Message { id: draft, length: 3, .. },
            RowKey::Pending { client_message_id, failed: None },
        ] if first == "m1" && draft == "m2" && client_message_id == "1-2"));

        timeline.stream(delta, String::new);
        outbox.failed("1-2", "closed".into());
        let after: Vec<RowKey> = rows(&timeline, &outbox).iter().map(Row::key).collect();
        assert_eq!(after[0], ids[0]);
        assert_ne!(after[1], ids[1], "a growing draft is drawn again");
        assert_ne!(after[2], ids[2], "a refusal is drawn");
    }
}
