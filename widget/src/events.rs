//! The hub events a visitor's widget acts on. It parses only these (not the agents' workspace
//! feed), which keeps their parsing code out of the widget.

use parley_shared_types::hub::{AgentAssigned, MessageDelta, TypingStarted, events};
use parley_shared_types::message::Message;
use parley_web_client::hub::HubEvent;
use serde::de::DeserializeOwned;

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
    fn from_invocation(target: &str, argument: &str) -> Option<Self> {
        fn read<T: DeserializeOwned>(argument: &str) -> Option<T> {
            serde_json::from_str(argument).ok()
        }
        match target {
            events::RECEIVE_MESSAGE => read(argument).map(RoomEvent::Message),
            events::MESSAGE_READ => read(argument).map(RoomEvent::Read),
            events::TYPING_STARTED => read(argument).map(RoomEvent::TypingStarted),
            events::TYPING_STOPPED => Some(RoomEvent::TypingStopped),
            events::AGENT_ASSIGNED => read(argument).map(RoomEvent::AgentAssigned),
            events::CONVERSATION_CLOSED => Some(RoomEvent::Closed),
            events::CONVERSATION_REOPENED => Some(RoomEvent::Reopened),
            events::RECEIVE_MESSAGE_DELTA => read(argument).map(RoomEvent::Delta),
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

#[cfg(test)]
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
        RoomEvent::from_invocation(&target, &arguments[0].to_string())
    }

    #[wasm_bindgen_test(unsupported = test)]
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
                sender_id: "a".into()
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
            RoomEvent::from_invocation("ConversationStarted", "{}"),
            None,
            "feed events are not the widget's"
        );
    }
}
