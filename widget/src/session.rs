//! What the widget remembers per widget id in localStorage, so a visitor keeps their
//! conversation across reloads and pages of the same site. Saved as JSON through the
//! browser's own, in the shape earlier versions wrote, so a save outlives an upgrade.

use crate::outbox::Outbox;
use parley_web_client::json::{self, FromJs, Object, ToJs, items, string};
use wasm_bindgen::JsValue;

#[derive(Debug, Clone, PartialEq)]
pub struct StoredSession {
    pub conversation_id: String,
    pub visitor_token: String,
    pub visitor_id: String,
}

/// Everything kept for one widget: the conversation (once started), unsent messages, and
/// the agent assigned to it (the hub says so once, and a reload must still name them).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stored {
    pub session: Option<StoredSession>,
    pub outbox: Outbox,
    /// The assigned agent's id and name.
    pub agent: Option<(String, String)>,
    /// Where the visitor asked for replies by email; empty when they declined.
    pub follow_up: Option<String>,
}

impl FromJs for StoredSession {
    fn from_js(value: &JsValue) -> Option<Self> {
        Some(StoredSession {
            conversation_id: string(value, "conversationId")?,
            visitor_token: string(value, "visitorToken")?,
            visitor_id: string(value, "visitorId")?,
        })
    }
}

impl ToJs for StoredSession {
    fn to_js(&self) -> JsValue {
        let object = Object::new();
        object
            .set_str("conversationId", &self.conversation_id)
            .set_str("visitorToken", &self.visitor_token)
            .set_str("visitorId", &self.visitor_id);
        object.into_js()
    }
}

/// Lenient: a part that cannot be read is forgotten rather than losing the rest.
impl FromJs for Stored {
    fn from_js(value: &JsValue) -> Option<Self> {
        let agent = items(&json::field(value, "agent"))
            .and_then(|pair| Some((pair.get(0).as_string()?, pair.get(1).as_string()?)));
        Some(Stored {
            session: StoredSession::from_js(&json::field(value, "session")),
            outbox: Outbox::from_js(&json::field(value, "outbox")).unwrap_or_default(),
            agent,
            follow_up: json::string(value, "followUp"),
        })
    }
}

impl ToJs for Stored {
    fn to_js(&self) -> JsValue {
        let object = Object::new();
        let session = self.session.as_ref().map_or(JsValue::NULL, ToJs::to_js);
        let agent = self.agent.as_ref().map_or(JsValue::NULL, |(id, name)| {
            json::array([&JsValue::from_str(id), &JsValue::from_str(name)])
        });
        object
            .set("session", &session)
            .set("outbox", &self.outbox.to_js())
            .set("agent", &agent)
            .set_some("followUp", self.follow_up.as_deref());
        object.into_js()
    }
}

pub fn storage_key(widget_id: &str) -> String {
    String::from("parley:") + widget_id
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// What was saved for this widget; nothing when storage is unavailable or unreadable.
pub fn load(widget_id: &str) -> Stored {
    local_storage()
        .and_then(|storage| storage.get_item(&storage_key(widget_id)).ok().flatten())
        .and_then(|text| json::parse(&text))
        .and_then(|value| Stored::from_js(&value))
        .unwrap_or_default()
}

/// Best effort: private modes may refuse storage, and the chat still works for this page.
pub fn save(widget_id: &str, stored: &Stored) {
    if let Some(storage) = local_storage() {
        let text = json::stringify(&stored.to_js());
        let _ = storage.set_item(&storage_key(widget_id), &text);
    }
}

/// Reading saves needs the browser's JSON: these run in Chromium.
#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

    wasm_bindgen_test_configure!(run_in_browser);

    use super::*;

    fn read(text: &str) -> Stored {
        Stored::from_js(&json::parse(text).unwrap()).unwrap()
    }

    #[wasm_bindgen_test]
    fn old_saves_without_an_outbox_still_load() {
        let stored =
            read(r#"{"session":{"conversationId":"c","visitorToken":"t","visitorId":"v"}}"#);
        assert_eq!(stored.session.unwrap().conversation_id, "c");
        assert!(stored.outbox.items().is_empty());
        assert_eq!(storage_key("w-1"), "parley:w-1");
    }

    /// The shape earlier versions wrote (with serde), outbox, refusal and agent included.
    const EARLIER_SAVE: &str = r#"{"session":{"conversationId":"c","visitorToken":"t","visitorId":"v"},"outbox":{"items":[{"client_message_id":"1-2","content":"hi","failed":null},{"client_message_id":"3-4","content":"again","failed":"closed"}]},"agent":["a","Alex"]}"#;

    #[wasm_bindgen_test]
    fn saves_of_earlier_versions_load_and_are_written_the_same_way() {
        let stored = read(EARLIER_SAVE);
        assert_eq!(stored.agent, Some(("a".into(), "Alex".into())));
        let items = stored.outbox.items();
        assert_eq!(
            (
                items.len(),
                items[1].content.as_str(),
                items[1].failed.as_deref()
            ),
            (2, "again", Some("closed"))
        );
        assert_eq!(json::stringify(&stored.to_js()), EARLIER_SAVE);
        assert_eq!(
            read(&json::stringify(&Stored::default().to_js())),
            Stored::default()
        );
    }
    #[wasm_bindgen_test]
    fn where_replies_go_by_email_is_kept() {
        for follow_up in [
            Some("ana@example.com".to_owned()),
            Some(String::new()),
            None,
        ] {
            let stored = Stored {
                follow_up,
                ..read(EARLIER_SAVE)
            };
            assert_eq!(read(&json::stringify(&stored.to_js())), stored);
        }
    }
}
