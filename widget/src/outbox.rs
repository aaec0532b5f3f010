//! Messages the visitor wrote that the edge has not stored yet. They are sent in order, each
//! with its client id, so a retry after a lost answer is stored once; they survive reloads.

use parley_shared_types::attachment::Attachment;
use parley_web_client::json::{self, FromJs, Object, ToJs, list, string};
use wasm_bindgen::JsValue;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    pub client_message_id: String,
    pub content: String,
    /// Files already uploaded that the message carries.
    pub attachments: Vec<Attachment>,
    /// Why the edge refused it for good; such a message waits for the visitor's retry.
    pub failed: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outbox {
    items: Vec<Pending>,
}

/// Saved as `{"items": [{"client_message_id", "content", "attachments", "failed"}]}`; items
/// saved before files could be sent have no `attachments`.
impl FromJs for Outbox {
    fn from_js(value: &JsValue) -> Option<Self> {
        Some(Outbox {
            items: list(value, "items")?,
        })
    }
}

impl ToJs for Outbox {
    fn to_js(&self) -> JsValue {
        let items: Vec<JsValue> = self.items.iter().map(ToJs::to_js).collect();
        let object = Object::new();
        object.set("items", &json::array(&items));
        object.into_js()
    }
}

impl FromJs for Pending {
    fn from_js(value: &JsValue) -> Option<Self> {
        Some(Pending {
            client_message_id: string(value, "client_message_id")?,
            content: string(value, "content")?,
            attachments: list(value, "attachments").unwrap_or_default(),
            failed: string(value, "failed"),
        })
    }
}

impl ToJs for Pending {
    fn to_js(&self) -> JsValue {
        let failed = self
            .failed
            .as_deref()
            .map_or(JsValue::NULL, JsValue::from_str);
        let object = Object::new();
        object
            .set_str("client_message_id", &self.client_message_id)
            .set_str("content", &self.content)
            .set("failed", &failed);
        if !self.attachments.is_empty() {
            let attachments: Vec<JsValue> = self.attachments.iter().map(ToJs::to_js).collect();
            object.set("attachments", &json::array(&attachments));
        }
        object.into_js()
    }
}

impl Outbox {
    pub fn enqueue(
        &mut self,
        client_message_id: String,
        content: String,
        attachments: Vec<Attachment>,
    ) {
        self.items.push(Pending {
            client_message_id,
            content,
            attachments,
            failed: None,
        });
    }

    /// The oldest message still to send; refused ones do not hold up the rest.
    pub fn next(&self) -> Option<&Pending> {
        self.items.iter().find(|item| item.failed.is_none())
    }

    /// Stored by the edge: no longer pending.
    pub fn sent(&mut self, client_message_id: &str) {
        self.items
            .retain(|item| item.client_message_id != client_message_id);
    }

    /// Refused for good (e.g. the conversation was closed).
    pub fn failed(&mut self, client_message_id: &str, reason: String) {
        if let Some(item) = self
            .items
            .iter_mut()
            .find(|item| item.client_message_id == client_message_id)
        {
            item.failed = Some(reason);
        }
    }

    /// The visitor asked to try a refused message again.
    pub fn retry(&mut self, client_message_id: &str) {
        if let Some(item) = self
            .items
            .iter_mut()
            .find(|item| item.client_message_id == client_message_id)
        {
            item.failed = None;
        }
    }

    pub fn items(&self) -> &[Pending] {
        &self.items
    }
}

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

    wasm_bindgen_test_configure!(run_in_browser);

    use super::*;

    fn outbox(ids: &[&str]) -> Outbox {
        let mut outbox = Outbox::default();
        for id in ids {
            outbox.enqueue((*id).into(), format!("text {id}"), Vec::new());
        }
        outbox
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn sends_in_order_and_forgets_what_was_stored() {
        let mut outbox = outbox(&["a", "b"]);
        assert_eq!(outbox.next().unwrap().client_message_id, "a");
        outbox.sent("a");
        assert_eq!(outbox.next().unwrap().client_message_id, "b");
        outbox.sent("b");
        assert!(outbox.next().is_none() && outbox.items().is_empty());
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_refused_message_waits_for_a_retry_without_blocking_the_rest() {
        let mut outbox = outbox(&["a", "b"]);
        outbox.failed("a", "the conversation is closed".into());
        assert_eq!(outbox.next().unwrap().client_message_id, "b");
        assert_eq!(
            outbox.items()[0].failed.as_deref(),
            Some("the conversation is closed")
        );
        outbox.retry("a");
        assert_eq!(outbox.next().unwrap().client_message_id, "a");
    }

    #[wasm_bindgen_test]
    fn a_file_waiting_to_be_sent_survives_a_reload() {
        let mut outbox = outbox(&["a"]);
        let screenshot = Attachment {
            id: "f-1".into(),
            name: "shot.png".into(),
            content_type: "image/png".into(),
            size: 2048,
        };
        outbox.enqueue("b".into(), String::new(), vec![screenshot]);
        let saved = Outbox::from_js(&outbox.to_js()).unwrap();
        assert_eq!(saved, outbox);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_repeated_confirmation_changes_nothing() {
        let mut outbox = outbox(&["a", "b"]);
        outbox.sent("a");
        outbox.sent("a");
        assert_eq!(outbox.items().len(), 1);
    }
}
