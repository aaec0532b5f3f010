//! The edge's JSON shapes the widget reads and writes, through the browser's JSON
//! ([`crate::json`]). Field names are those of the serde definitions in shared-types; the
//! tests below read what serde writes and serde reads what these write, so the two cannot
//! drift apart unnoticed.

use crate::json::{FromJs, Object, ToJs, array, boolean, field, list, number, string};
use parley_shared_types::attachment::Attachment;
use parley_shared_types::bot::Source;
use parley_shared_types::hub::{AgentAssigned, MessageDelta, TypingStarted};
use parley_shared_types::message::{Message, SendMessageRequest, SenderType};
use parley_shared_types::page::Page;
use parley_shared_types::pre_chat::{Ask, PreChat};
use parley_shared_types::problem::{ErrorCode, Problem};
use parley_shared_types::widget::{WHITE, WidgetConfig};
use std::collections::BTreeMap;
use wasm_bindgen::{JsCast, JsValue};

impl FromJs for Message {
    fn from_js(value: &JsValue) -> Option<Self> {
        Some(Message {
            id: string(value, "id")?,
            conversation_id: string(value, "conversationId")?,
            seq: number(value, "seq")? as u64,
            content: string(value, "content")?,
            sender_type: SenderType::parse(&string(value, "senderType")?)?,
            sender_id: string(value, "senderId")?,
            is_read: boolean(value, "isRead")?,
            created_at: string(value, "createdAt")?,
            // Left out when there are none.
            sources: list(value, "sources").unwrap_or_default(),
            // Only the widget reads messages this way, and visitors are never sent a note.
            private: false,
            attachments: list(value, "attachments").unwrap_or_default(),
        })
    }
}

/// As the edge sends it, for the page's `Parley.on("message")` listeners.
impl ToJs for Message {
    fn to_js(&self) -> JsValue {
        let object = Object::new();
        object
            .set_str("id", &self.id)
            .set_str("conversationId", &self.conversation_id)
            .set("seq", &JsValue::from_f64(self.seq as f64))
            .set_str("content", &self.content)
            .set_str("senderType", self.sender_type.as_str())
            .set_str("senderId", &self.sender_id)
            .set("isRead", &JsValue::from_bool(self.is_read))
            .set_str("createdAt", &self.created_at);
        if !self.sources.is_empty() {
            let sources: Vec<JsValue> = self.sources.iter().map(ToJs::to_js).collect();
            object.set("sources", &array(&sources));
        }
        if !self.attachments.is_empty() {
            let attachments: Vec<JsValue> = self.attachments.iter().map(ToJs::to_js).collect();
            object.set("attachments", &array(&attachments));
        }
        object.into_js()
    }
}

impl FromJs for Attachment {
    fn from_js(value: &JsValue) -> Option<Self> {
        Some(Attachment {
            id: string(value, "id")?,
            name: string(value, "name")?,
            content_type: string(value, "contentType")?,
            size: number(value, "size")? as u64,
        })
    }
}

impl ToJs for Attachment {
    fn to_js(&self) -> JsValue {
        let object = Object::new();
        object
            .set_str("id", &self.id)
            .set_str("name", &self.name)
            .set_str("contentType", &self.content_type)
            .set("size", &JsValue::from_f64(self.size as f64));
        object.into_js()
    }
}

impl FromJs for Source {
    fn from_js(value: &JsValue) -> Option<Self> {
        Some(Source {
            title: string(value, "title")?,
            url: string(value, "url"),
            relevance: number(value, "relevance")?,
        })
    }
}

impl ToJs for Source {
    fn to_js(&self) -> JsValue {
        let object = Object::new();
        object
            .set_str("title", &self.title)
            .set(
                "url",
                &self.url.as_deref().map_or(JsValue::NULL, JsValue::from_str),
            )
            .set("relevance", &JsValue::from_f64(self.relevance));
        object.into_js()
    }
}

impl<T: FromJs> FromJs for Page<T> {
    fn from_js(value: &JsValue) -> Option<Self> {
        Some(Page {
            data: list(value, "data")?,
            total: number(value, "total")? as u64,
            page: number(value, "page")? as u32,
            limit: number(value, "limit")? as u32,
            next_cursor: string(value, "nextCursor"),
        })
    }
}

impl FromJs for WidgetConfig {
    fn from_js(value: &JsValue) -> Option<Self> {
        Some(WidgetConfig {
            id: string(value, "id")?,
            name: string(value, "name")?,
            welcome_message: string(value, "welcomeMessage")?,
            ai_enabled: boolean(value, "aiEnabled")?,
            theme_color: string(value, "themeColor")?,
            offline_message: string(value, "offlineMessage")?,
            agents_online: boolean(value, "agentsOnline")?,
            theme_text_color: string(value, "themeTextColor").unwrap_or_else(|| WHITE.into()),
            title: string(value, "title").unwrap_or_default(),
            reopen_on_reply: boolean(value, "reopenOnReply").unwrap_or(true),
            // The loader applies them: the panel reads every text from it.
            texts: Default::default(),
            pre_chat: pre_chat(&field(value, "preChat")).unwrap_or_default(),
            follow_up_after_seconds: number(value, "followUpAfterSeconds").unwrap_or(0.0) as u32,
        })
    }
}

fn pre_chat(value: &JsValue) -> Option<PreChat> {
    let ask = |key| {
        string(value, key)
            .and_then(|text| Ask::parse(&text))
            .unwrap_or_default()
    };
    Some(PreChat {
        enabled: boolean(value, "enabled")?,
        name: ask("name"),
        email: ask("email"),
        consent: ask("consent"),
        consent_text: string(value, "consentText").unwrap_or_default(),
        only_when_offline: boolean(value, "onlyWhenOffline").unwrap_or(false),
    })
}

impl FromJs for MessageDelta {
    fn from_js(value: &JsValue) -> Option<Self> {
        Some(MessageDelta {
            conversation_id: string(value, "conversationId")?,
            message_id: string(value, "messageId")?,
            delta: string(value, "delta")?,
        })
    }
}

impl FromJs for TypingStarted {
    fn from_js(value: &JsValue) -> Option<Self> {
        Some(TypingStarted {
            sender_id: string(value, "senderId")?,
            sender_type: SenderType::parse(&string(value, "senderType")?)?,
            conversation_id: None,
        })
    }
}

impl FromJs for AgentAssigned {
    fn from_js(value: &JsValue) -> Option<Self> {
        Some(AgentAssigned {
            agent_id: string(value, "agentId")?,
            agent_name: string(value, "agentName")?,
            conversation_id: None,
        })
    }
}

impl ToJs for SendMessageRequest {
    fn to_js(&self) -> JsValue {
        let object = Object::new();
        object
            .set_str("content", &self.content)
            .set_some("senderType", self.sender_type.map(SenderType::as_str))
            .set_some("senderId", self.sender_id.as_deref())
            .set_some("clientMessageId", self.client_message_id.as_deref());
        if !self.attachments.is_empty() {
            let ids: Vec<JsValue> = self
                .attachments
                .iter()
                .map(|id| JsValue::from_str(id))
                .collect();
            object.set("attachments", &array(&ids));
        }
        object.into_js()
    }
}

impl FromJs for Problem {
    fn from_js(value: &JsValue) -> Option<Self> {
        let code = ErrorCode::parse(&string(value, "code")?)?;
        let mut errors = BTreeMap::new();
        let reasons = field(value, "errors");
        if reasons.is_object() {
            for key in js_sys::Object::keys(reasons.unchecked_ref::<js_sys::Object>()).iter() {
                let key = key.as_string()?;
                errors.insert(key.clone(), list(&reasons, &key)?);
            }
        }
        let problem = Problem::new(
            code,
            string(value, "detail").unwrap_or_default(),
            string(value, "traceId").unwrap_or_default(),
        );
        Some(problem.with_errors(errors))
    }
}

impl FromJs for String {
    fn from_js(value: &JsValue) -> Option<Self> {
        value.as_string()
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use crate::json::{parse, stringify};
    use serde::Serialize;
    use serde::de::DeserializeOwned;
    use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

    wasm_bindgen_test_configure!(run_in_browser);

    /// What the edge writes (serde) reads back the same here.
    fn reads_back<T: Serialize + FromJs + PartialEq + std::fmt::Debug>(value: T) {
        let json = serde_json::to_string(&value).unwrap();
        assert_eq!(T::from_js(&parse(&json).unwrap()).as_ref(), Some(&value));
    }

    /// What this writes, the edge (serde) reads as the same value.
    fn written_back<T: ToJs + DeserializeOwned + PartialEq + std::fmt::Debug>(value: T) {
        let json = stringify(&value.to_js());
        assert_eq!(serde_json::from_str::<T>(&json).unwrap(), value);
    }

    fn message(sources: Vec<Source>) -> Message {
        message_with(sources, Vec::new())
    }

    fn message_with(sources: Vec<Source>, attachments: Vec<Attachment>) -> Message {
        Message {
            id: "m".into(),
            conversation_id: "c".into(),
            seq: 7,
            content: "Hello \"you\" ✓".into(),
            sender_type: SenderType::Ai,
            sender_id: "b".into(),
            is_read: true,
            created_at: "2026-01-01T00:00:00Z".into(),
            sources,
            private: false,
            attachments,
        }
    }

    #[wasm_bindgen_test]
    fn messages_read_and_write_as_the_edge_does() {
        let sources = vec![
            Source {
                title: "FAQ".into(),
                url: Some("https://parley.dev/faq".into()),
                relevance: 0.75,
            },
            Source {
                title: "Notes".into(),
                url: None,
                relevance: 0.5,
            },
        ];
        let screenshot = Attachment {
            id: "a".into(),
            name: "shot <1>.png".into(),
            content_type: "image/png".into(),
            size: 2048,
        };
        let with_file = message_with(Vec::new(), vec![screenshot]);
        for message in [message(Vec::new()), message(sources), with_file] {
            reads_back(message.clone());
            written_back(message.clone());
        }
        let page = Page {
            data: vec![message(Vec::new())],
            total: 101,
            page: 2,
            limit: 100,
            next_cursor: Some("m".into()),
        };
        reads_back(page);
    }

    #[wasm_bindgen_test]
    fn events_and_config_read_as_the_edge_writes_them() {
        reads_back(MessageDelta {
            conversation_id: "c".into(),
            message_id: "m".into(),
            delta: "Hel".into(),
        });
        reads_back(TypingStarted {
            sender_id: "a".into(),
            sender_type: SenderType::Agent,
            conversation_id: None,
        });
        reads_back(AgentAssigned {
            agent_id: "a".into(),
            agent_name: "Alex".into(),
            conversation_id: None,
        });
        let config = WidgetConfig {
            id: "w".into(),
            name: "Homepage".into(),
            welcome_message: "Hi".into(),
            ai_enabled: true,
            theme_color: "#10b981".into(),
            offline_message: "Away".into(),
            agents_online: false,
            theme_text_color: "#111827".into(),
            title: "Acme".into(),
            reopen_on_reply: false,
            texts: Default::default(),
            pre_chat: PreChat {
                enabled: true,
                email: Ask::Required,
                consent: Ask::Optional,
                consent_text: "I agree".into(),
                ..PreChat::default()
            },
            follow_up_after_seconds: 90,
        };
        reads_back(config.clone());
        let older = parse(r##"{"id":"w","name":"n","welcomeMessage":"Hi","aiEnabled":false,"themeColor":"#000","offlineMessage":"Away","agentsOnline":true}"##).unwrap();
        let older = WidgetConfig::from_js(&older).unwrap();
        assert_eq!(
            (
                older.theme_text_color.as_str(),
                older.title.as_str(),
                older.reopen_on_reply
            ),
            ("#fff", "", true),
            "fields added later default as serde's do"
        );
        assert!(
            Message::from_js(&parse(r#"{"id":"m"}"#).unwrap()).is_none(),
            "a message missing fields is not read"
        );
    }

    #[wasm_bindgen_test]
    fn sends_and_problems_are_the_edge_shapes() {
        written_back(SendMessageRequest {
            client_message_id: Some("1-2".into()),
            ..SendMessageRequest::text("Hi")
        });
        written_back(SendMessageRequest {
            attachments: vec!["0b8f2c2e-7a51-4c1e-9a57-3f0c8a4f2b11".into()],
            ..SendMessageRequest::text("")
        });
        let mut errors = BTreeMap::new();
        errors.insert("content".to_owned(), vec!["is too long".to_owned()]);
        reads_back(
            Problem::new(ErrorCode::ValidationFailed, "the message is invalid", "t-1")
                .with_errors(errors),
        );
        reads_back(Problem::new(ErrorCode::Conflict, "closed", "t-2"));
    }
}
