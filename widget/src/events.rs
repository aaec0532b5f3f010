//! The hub events a visitor's widget acts on. It reads only these (not the agents' workspace
//! feed), which keeps their reading code out of the widget.

use parley_shared_types::hub::{AgentAssigned, MessageDelta, TypingStarted, events};
use parley_shared_types::message::Message;
use parley_web_client::hub::HubEvent;
use parley_web_client::json::FromJs;
use wasm_bindgen::JsValue;

#[derive(Debug, Clone, PartialEq)]
pub enum RoomEvent {
    Message(Message),
    /// The next piece of a bot's answer being written.
    Delta(MessageDelta),
    Read(Message),
    TypingStarted(TypingStarted),
    TypingStopped,
    AgentAssigned(AgentAssigned),
    Closed,
    Reopened,
    /// The bot stopped; a person answers from now on.
    HandedOff,
}

impl HubEvent for RoomEvent {
    fn from_invocation(target: &str, argument: &JsValue) -> Option<Self> {
        match target {
            events::RECEIVE_MESSAGE => FromJs::from_js(argument).map(RoomEvent::Message),
            events::MESSAGE_READ => FromJs::from_js(argument).map(RoomEvent::Read),
            events::TYPING_STARTED => FromJs::from_js(argument).map(RoomEvent::TypingStarted),
            events::TYPING_STOPPED => Some(RoomEvent::TypingStopped),
            events::AGENT_ASSIGNED => FromJs::from_js(argument).map(RoomEvent::AgentAssigned),
            events::CONVERSATION_CLOSED => Some(RoomEvent::Closed),
            events::CONVERSATION_REOPENED => Some(RoomEvent::Reopened),
            events::RECEIVE_MESSAGE_DELTA => FromJs::from_js(argument).map(RoomEvent::Delta),
            events::CONVERSATION_HANDED_OFF => Some(RoomEvent::HandedOff),
            _ => None,
        }
    }

    fn message_seq(&self) -> Option<u64> {
        match self {
            RoomEvent::Message(message) => Some(message.seq),
            _ => None,
        }
    }
}

/// Reading events needs the browser's JSON: these run in Chromium.
#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

    wasm_bindgen_test_configure!(run_in_browser);

    use super::*;
    use parley_shared_types::hub::{ConversationClosed, MessageDelta, ServerEvent, TypingStopped};
    use parley_shared_types::message::SenderType;

    fn read(event: ServerEvent) -> Option<RoomEvent> {
        let parley_shared_types::hub::HubMessage::Invocation {
            target, arguments, ..
        } = event.to_invocation()
        else {
            unreachable!()
        };
        let argument = parley_web_client::json::parse(&arguments[0].to_string()).unwrap();
        RoomEvent::from_invocation(&target, &argument)
    }

    #[wasm_bindgen_test]
    fn reads_the_room_events_the_edge_sends() {
        let message = Message {
            id: "m".into(),
            conversation_id: "c".into(),
            seq: 4,
            content: "hi".into(),
            sender_type: SenderType::Agent,
            sender_id: "a".into(),
            is_read: false,
            created_at: "2026-01-01T00:00:00Z".into(),
            sources: Vec::new(),
            private: false,
            attachments: Vec::new(),
        };
        assert_eq!(
            read(ServerEvent::ReceiveMessage(message.clone())),
            Some(RoomEvent::Message(message.clone()))
        );
        assert_eq!(
            read(ServerEvent::MessageRead(message.clone())),
            Some(RoomEvent::Read(message))
        );
        assert_eq!(
            read(ServerEvent::TypingStopped(TypingStopped {
                sender_id: "a".into(),
                conversation_id: Some("c".into()),
            })),
            Some(RoomEvent::TypingStopped)
        );
        assert_eq!(
            read(ServerEvent::ConversationClosed(ConversationClosed {
                conversation_id: "c".into()
            })),
            Some(RoomEvent::Closed)
        );
        let delta = MessageDelta {
            conversation_id: "c".into(),
            message_id: "m".into(),
            delta: "Hel".into(),
        };
        assert_eq!(
            read(ServerEvent::ReceiveMessageDelta(delta.clone())),
            Some(RoomEvent::Delta(delta))
        );
        assert_eq!(
            read(ServerEvent::ConversationHandedOff(ConversationClosed {
                conversation_id: "c".into()
            })),
            Some(RoomEvent::HandedOff)
        );
        assert_eq!(
            read(ServerEvent::ConversationReopened(ConversationClosed {
                conversation_id: "c".into()
            })),
            Some(RoomEvent::Reopened)
        );
        assert_eq!(
            RoomEvent::from_invocation("ConversationStarted", &js_sys::Object::new()),
            None,
            "feed events are not the widget's"
        );
    }
}
