//! What the widget remembers per widget id in localStorage, so a visitor keeps their
//! conversation across reloads and pages of the same site.

use crate::outbox::Outbox;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StoredSession {
    pub conversation_id: String,
    pub visitor_token: String,
    pub visitor_id: String,
}

/// Everything kept for one widget: the conversation (once started), unsent messages, and
/// the agent assigned to it (the hub says so once, and a reload must still name them).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Stored {
    pub session: Option<StoredSession>,
    #[serde(default)]
    pub outbox: Outbox,
    /// The assigned agent's id and name.
    #[serde(default)]
    pub agent: Option<(String, String)>,
}

pub fn storage_key(widget_id: &str) -> String {
    format!("parley:{widget_id}")
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// What was saved for this widget; nothing when storage is unavailable or unreadable.
pub fn load(widget_id: &str) -> Stored {
    local_storage()
        .and_then(|storage| storage.get_item(&storage_key(widget_id)).ok().flatten())
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default()
}

/// Best effort: private modes may refuse storage, and the chat still works for this page.
pub fn save(widget_id: &str, stored: &Stored) {
    if let (Some(storage), Ok(json)) = (local_storage(), serde_json::to_string(stored)) {
        let _ = storage.set_item(&storage_key(widget_id), &json);
    }
}

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

    wasm_bindgen_test_configure!(run_in_browser);

    use super::*;

    #[wasm_bindgen_test(unsupported = test)]
    fn old_saves_without_an_outbox_still_load() {
        let json = r#"{"session":{"conversationId":"c","visitorToken":"t","visitorId":"v"}}"#;
        let stored: Stored = serde_json::from_str(json).unwrap();
        assert_eq!(stored.session.unwrap().conversation_id, "c");
        assert!(stored.outbox.items().is_empty());
        assert_eq!(storage_key("w-1"), "parley:w-1");
    }
}
