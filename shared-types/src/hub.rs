//! The SignalR JSON hub protocol spoken at `/hubs/chat`, so a stock SignalR client works:
//! a handshake, then JSON messages each terminated by the record separator 0x1E.

use crate::conversation::Conversation;
use crate::message::{Message, SenderType};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Terminates every handshake and hub message on the wire.
pub const RECORD_SEPARATOR: char = '\u{1e}';
/// Hub protocol name and version Parley speaks.
pub const PROTOCOL: &str = "json";
pub const PROTOCOL_VERSION: u32 = 1;

/// The client's handshake as a frame: `{"protocol":"json","version":1}` (a constant, so a
/// browser client sends it without a JSON serializer).
pub const HANDSHAKE_FRAME: &str = "{\"protocol\":\"json\",\"version\":1}\u{1e}";

/// The exact ping frame; the edge registers it for the WebSocket auto-response so keep-alives
/// are answered without waking the conversation's Durable Object.
pub const PING_FRAME: &str = "{\"type\":6}\u{1e}";

/// Events the server sends, named as in the ChatFlow contract; the last two form the agents'
/// workspace feed.
pub mod events {
    pub const RECEIVE_MESSAGE: &str = "ReceiveMessage";
    pub const AGENT_ASSIGNED: &str = "AgentAssigned";
    pub const CONVERSATION_CLOSED: &str = "ConversationClosed";
    pub const TYPING_STARTED: &str = "TypingStarted";
    pub const TYPING_STOPPED: &str = "TypingStopped";
    /// Parley's addition: a read receipt, so the sender sees "seen" live.
    pub const MESSAGE_READ: &str = "MessageRead";
    /// Parley's addition: the next piece of an `ai` answer being written; the final
    /// `ReceiveMessage` carries the same message id and replaces it.
    pub const RECEIVE_MESSAGE_DELTA: &str = "ReceiveMessageDelta";
    /// Parley's addition: the bot stopped and a person takes over.
    pub const CONVERSATION_HANDED_OFF: &str = "ConversationHandedOff";
    /// Parley's addition: a closed conversation takes messages again (an agent reopened it,
    /// or the visitor replied).
    pub const CONVERSATION_REOPENED: &str = "ConversationReopened";
    pub const CONVERSATION_STARTED: &str = "ConversationStarted";
    pub const CONVERSATION_UPDATED: &str = "ConversationUpdated";
    /// Parley's addition, on the workspace feed: an admin deleted the conversation.
    pub const CONVERSATION_DELETED: &str = "ConversationDeleted";
}

/// Methods clients invoke, named as in the ChatFlow contract; each takes the conversation id.
pub mod methods {
    /// `JoinConversation(conversationId, lastSeq?)`: a team connection may join any
    /// conversation of its workspace and receives its events alongside the others it joined;
    /// with `lastSeq` (Parley's addition) it is first sent the messages after that `seq`.
    pub const JOIN_CONVERSATION: &str = "JoinConversation";
    pub const LEAVE_CONVERSATION: &str = "LeaveConversation";
    pub const TYPING_START: &str = "TypingStart";
    pub const TYPING_STOP: &str = "TypingStop";
    /// `SendMessage(conversationId, content, clientMessageId?)`: beyond the seed, a message
    /// over the already authenticated socket, under the REST send's rules; its completion
    /// carries the stored message as `result`, or `"<ERROR_CODE>: <detail>"` as `error`.
    pub const SEND_MESSAGE: &str = "SendMessage";
}

/// Splits a WebSocket text payload into the JSON records it carries.
pub fn frames(payload: &str) -> impl Iterator<Item = &str> {
    payload
        .split(RECORD_SEPARATOR)
        .filter(|frame| !frame.trim().is_empty())
}

/// The client's first record: `{"protocol":"json","version":1}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HandshakeRequest {
    pub protocol: String,
    pub version: u32,
}

impl HandshakeRequest {
    pub fn json() -> Self {
        HandshakeRequest {
            protocol: PROTOCOL.to_owned(),
            version: PROTOCOL_VERSION,
        }
    }

    pub fn to_frame(&self) -> String {
        record(self)
    }

    /// The handshake response: `{}` when accepted, `{"error":…}` when not.
    pub fn response(&self) -> HandshakeResponse {
        if self.protocol == PROTOCOL && self.version == PROTOCOL_VERSION {
            HandshakeResponse { error: None }
        } else {
            HandshakeResponse {
                error: Some(format!(
                    "unsupported protocol {} v{}; this hub speaks {PROTOCOL} v{PROTOCOL_VERSION}",
                    self.protocol, self.version
                )),
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HandshakeResponse {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

impl HandshakeResponse {
    pub fn to_frame(&self) -> String {
        record(self)
    }
}

/// The hub messages Parley sends or handles. Stream messages (types 2, 4, 5) are never used
/// by the chat hub and parse as `Unsupported`.
#[derive(Debug, Clone, PartialEq)]
pub enum HubMessage {
    Invocation {
        invocation_id: Option<String>,
        target: String,
        arguments: Vec<Value>,
    },
    Completion {
        invocation_id: String,
        result: Option<Value>,
        error: Option<String>,
    },
    Ping,
    Close {
        error: Option<String>,
        allow_reconnect: bool,
    },
    Unsupported(u8),
}

/// Every field any hub message may carry; `type` says which apply.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireMessage {
    #[serde(rename = "type")]
    kind: u8,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    invocation_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    target: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    arguments: Option<Vec<Value>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    result: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    error: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    allow_reconnect: Option<bool>,
}

const INVOCATION: u8 = 1;
const COMPLETION: u8 = 3;
const PING: u8 = 6;
const CLOSE: u8 = 7;

impl HubMessage {
    /// Parses one record (without its separator).
    pub fn parse(frame: &str) -> Result<Self, String> {
        let wire: WireMessage =
            serde_json::from_str(frame).map_err(|e| format!("malformed hub message: {e}"))?;
        Ok(match wire.kind {
            INVOCATION => HubMessage::Invocation {
                invocation_id: wire.invocation_id,
                target: wire.target.ok_or("invocation without target")?,
                arguments: wire.arguments.unwrap_or_default(),
            },
            COMPLETION => HubMessage::Completion {
                invocation_id: wire
                    .invocation_id
                    .ok_or("completion without invocationId")?,
                result: wire.result,
                error: wire.error,
            },
            PING => HubMessage::Ping,
            CLOSE => HubMessage::Close {
                error: wire.error,
                allow_reconnect: wire.allow_reconnect.unwrap_or(false),
            },
            other => HubMessage::Unsupported(other),
        })
    }

    /// The record for this message, separator included.
    pub fn to_frame(&self) -> String {
        let wire = match self.clone() {
            HubMessage::Invocation {
                invocation_id,
                target,
                arguments,
            } => WireMessage {
                kind: INVOCATION,
                invocation_id,
                target: Some(target),
                arguments: Some(arguments),
                ..WireMessage::default()
            },
            HubMessage::Completion {
                invocation_id,
                result,
                error,
            } => WireMessage {
                kind: COMPLETION,
                invocation_id: Some(invocation_id),
                result,
                error,
                ..WireMessage::default()
            },
            HubMessage::Ping => WireMessage {
                kind: PING,
                ..WireMessage::default()
            },
            HubMessage::Close {
                error,
                allow_reconnect,
            } => WireMessage {
                kind: CLOSE,
                error,
                allow_reconnect: Some(allow_reconnect),
                ..WireMessage::default()
            },
            HubMessage::Unsupported(kind) => WireMessage {
                kind,
                ..WireMessage::default()
            },
        };
        record(&wire)
    }
}

/// Events the server pushes: to a conversation's sockets, or (the last two) to the agents'
/// workspace feed. All but `MessageRead` are the ChatFlow contract's.
#[derive(Debug, Clone, PartialEq)]
pub enum ServerEvent {
    ReceiveMessage(Message),
    AgentAssigned(AgentAssigned),
    ConversationClosed(ConversationClosed),
    TypingStarted(TypingStarted),
    TypingStopped(TypingStopped),
    MessageRead(Message),
    ReceiveMessageDelta(MessageDelta),
    ConversationHandedOff(ConversationClosed),
    ConversationReopened(ConversationClosed),
    ConversationStarted(Conversation),
    ConversationUpdated(Conversation),
    ConversationDeleted(ConversationClosed),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AgentAssigned {
    pub agent_id: String,
    pub agent_name: String,
    /// Parley's addition, so a connection that joined several conversations can tell them
    /// apart; always set by the server.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversation_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConversationClosed {
    pub conversation_id: String,
}

/// A piece of an answer a bot is streaming into a conversation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MessageDelta {
    pub conversation_id: String,
    /// The id the finished message will have.
    pub message_id: String,
    pub delta: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TypingStarted {
    pub sender_id: String,
    pub sender_type: SenderType,
    /// As in [`AgentAssigned`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversation_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TypingStopped {
    pub sender_id: String,
    /// As in [`AgentAssigned`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversation_id: Option<String>,
}

impl ServerEvent {
    /// The conversation the event is about, for a connection that joined several.
    pub fn conversation_id(&self) -> Option<&str> {
        match self {
            ServerEvent::ReceiveMessage(message) | ServerEvent::MessageRead(message) => {
                Some(&message.conversation_id)
            }
            ServerEvent::AgentAssigned(AgentAssigned {
                conversation_id, ..
            })
            | ServerEvent::TypingStarted(TypingStarted {
                conversation_id, ..
            })
            | ServerEvent::TypingStopped(TypingStopped {
                conversation_id, ..
            }) => conversation_id.as_deref(),
            ServerEvent::ConversationClosed(closed)
            | ServerEvent::ConversationHandedOff(closed)
            | ServerEvent::ConversationReopened(closed)
            | ServerEvent::ConversationDeleted(closed) => Some(&closed.conversation_id),
            ServerEvent::ReceiveMessageDelta(delta) => Some(&delta.conversation_id),
            ServerEvent::ConversationStarted(conversation)
            | ServerEvent::ConversationUpdated(conversation) => Some(&conversation.id),
        }
    }

    pub fn target(&self) -> &'static str {
        match self {
            ServerEvent::ReceiveMessage(_) => events::RECEIVE_MESSAGE,
            ServerEvent::AgentAssigned(_) => events::AGENT_ASSIGNED,
            ServerEvent::ConversationClosed(_) => events::CONVERSATION_CLOSED,
            ServerEvent::TypingStarted(_) => events::TYPING_STARTED,
            ServerEvent::TypingStopped(_) => events::TYPING_STOPPED,
            ServerEvent::MessageRead(_) => events::MESSAGE_READ,
            ServerEvent::ReceiveMessageDelta(_) => events::RECEIVE_MESSAGE_DELTA,
            ServerEvent::ConversationHandedOff(_) => events::CONVERSATION_HANDED_OFF,
            ServerEvent::ConversationReopened(_) => events::CONVERSATION_REOPENED,
            ServerEvent::ConversationStarted(_) => events::CONVERSATION_STARTED,
            ServerEvent::ConversationUpdated(_) => events::CONVERSATION_UPDATED,
            ServerEvent::ConversationDeleted(_) => events::CONVERSATION_DELETED,
        }
    }

    pub fn to_invocation(&self) -> HubMessage {
        let argument = match self {
            ServerEvent::ReceiveMessage(message) | ServerEvent::MessageRead(message) => {
                to_value(message)
            }
            ServerEvent::AgentAssigned(payload) => to_value(payload),
            ServerEvent::ConversationClosed(payload)
            | ServerEvent::ConversationHandedOff(payload)
            | ServerEvent::ConversationReopened(payload)
            | ServerEvent::ConversationDeleted(payload) => to_value(payload),
            ServerEvent::ReceiveMessageDelta(payload) => to_value(payload),
            ServerEvent::TypingStarted(payload) => to_value(payload),
            ServerEvent::TypingStopped(payload) => to_value(payload),
            ServerEvent::ConversationStarted(conversation)
            | ServerEvent::ConversationUpdated(conversation) => to_value(conversation),
        };
        HubMessage::Invocation {
            invocation_id: None,
            target: self.target().to_owned(),
            arguments: vec![argument],
        }
    }

    /// Reads a server event back from a received invocation; `None` for other messages.
    pub fn from_hub_message(message: &HubMessage) -> Option<Result<Self, String>> {
        let HubMessage::Invocation {
            target, arguments, ..
        } = message
        else {
            return None;
        };
        let argument = arguments
            .first()
            .map_or_else(|| "null".to_owned(), Value::to_string);
        ServerEvent::from_invocation(target, &argument)
    }

    /// The event an invocation of `target` with this JSON argument carries; `None` when
    /// `target` is not a server event.
    pub fn from_invocation(target: &str, argument: &str) -> Option<Result<Self, String>> {
        fn read<T: serde::de::DeserializeOwned>(target: &str, argument: &str) -> Result<T, String> {
            serde_json::from_str(argument).map_err(|e| format!("bad {target} payload: {e}"))
        }
        let event = match target {
            events::RECEIVE_MESSAGE => read(target, argument).map(ServerEvent::ReceiveMessage),
            events::AGENT_ASSIGNED => read(target, argument).map(ServerEvent::AgentAssigned),
            events::CONVERSATION_CLOSED => {
                read(target, argument).map(ServerEvent::ConversationClosed)
            }
            events::TYPING_STARTED => read(target, argument).map(ServerEvent::TypingStarted),
            events::TYPING_STOPPED => read(target, argument).map(ServerEvent::TypingStopped),
            events::MESSAGE_READ => read(target, argument).map(ServerEvent::MessageRead),
            events::RECEIVE_MESSAGE_DELTA => {
                read(target, argument).map(ServerEvent::ReceiveMessageDelta)
            }
            events::CONVERSATION_HANDED_OFF => {
                read(target, argument).map(ServerEvent::ConversationHandedOff)
            }
            events::CONVERSATION_REOPENED => {
                read(target, argument).map(ServerEvent::ConversationReopened)
            }
            events::CONVERSATION_STARTED => {
                read(target, argument).map(ServerEvent::ConversationStarted)
            }
            events::CONVERSATION_UPDATED => {
                read(target, argument).map(ServerEvent::ConversationUpdated)
            }
            events::CONVERSATION_DELETED => {
                read(target, argument).map(ServerEvent::ConversationDeleted)
            }
            _ => return None,
        };
        Some(event)
    }
}

/// `POST /hubs/chat/negotiate` answer (negotiate protocol version 1, WebSockets only).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct NegotiateResponse {
    pub connection_id: String,
    pub connection_token: String,
    pub negotiate_version: u32,
    pub available_transports: Vec<AvailableTransport>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct AvailableTransport {
    pub transport: String,
    pub transfer_formats: Vec<String>,
}

impl NegotiateResponse {
    pub fn websockets_only(connection_id: String, connection_token: String) -> Self {
        NegotiateResponse {
            connection_id,
            connection_token,
            negotiate_version: 1,
            available_transports: vec![AvailableTransport {
                transport: "WebSockets".to_owned(),
                transfer_formats: vec!["Text".to_owned()],
            }],
        }
    }
}

fn to_value<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).expect("hub payloads are plain data and always serialize")
}

fn record<T: Serialize>(value: &T) -> String {
    let mut frame =
        serde_json::to_string(value).expect("hub records are plain data and always serialize");
    frame.push(RECORD_SEPARATOR);
    frame
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::SenderType;

    #[test]
    fn handshake_accepts_json_v1_and_refuses_others() {
        let request: HandshakeRequest =
            serde_json::from_str(r#"{"protocol":"json","version":1}"#).unwrap();
        assert_eq!(request.response().to_frame(), "{}\u{1e}");
        let messagepack = HandshakeRequest {
            protocol: "messagepack".into(),
            version: 1,
        };
        assert!(
            messagepack
                .response()
                .error
                .unwrap()
                .contains("unsupported protocol messagepack")
        );
    }

    #[test]
    fn splits_several_records_in_one_payload() {
        let payload = "{\"protocol\":\"json\",\"version\":1}\u{1e}{\"type\":6}\u{1e}";
        let records: Vec<_> = frames(payload).collect();
        assert_eq!(
            records,
            ["{\"protocol\":\"json\",\"version\":1}", "{\"type\":6}"]
        );
    }

    #[test]
    fn ping_frame_is_what_a_ping_serializes_to() {
        assert_eq!(HubMessage::Ping.to_frame(), PING_FRAME);
        assert_eq!(HandshakeRequest::json().to_frame(), HANDSHAKE_FRAME);
        assert_eq!(HubMessage::parse("{\"type\":6}").unwrap(), HubMessage::Ping);
    }

    #[test]
    fn invocations_round_trip_as_signalr_writes_them() {
        let wire =
            r#"{"type":1,"invocationId":"0","target":"JoinConversation","arguments":["c-1"]}"#;
        let parsed = HubMessage::parse(wire).unwrap();
        assert_eq!(
            parsed,
            HubMessage::Invocation {
                invocation_id: Some("0".into()),
                target: "JoinConversation".into(),
                arguments: vec![Value::from("c-1")],
            }
        );
        assert_eq!(parsed.to_frame(), format!("{wire}\u{1e}"));
    }

    #[test]
    fn completion_and_close_carry_their_fields() {
        let completion = HubMessage::Completion {
            invocation_id: "7".into(),
            result: None,
            error: Some("nope".into()),
        };
        assert_eq!(
            completion.to_frame(),
            "{\"type\":3,\"invocationId\":\"7\",\"error\":\"nope\"}\u{1e}"
        );
        let close = HubMessage::parse(r#"{"type":7,"error":"bye","allowReconnect":true}"#).unwrap();
        assert_eq!(
            close,
            HubMessage::Close {
                error: Some("bye".into()),
                allow_reconnect: true
            }
        );
    }

    #[test]
    fn rejects_malformed_records() {
        assert!(HubMessage::parse("not json").is_err());
        assert!(HubMessage::parse(r#"{"type":1,"arguments":[]}"#).is_err());
        assert_eq!(
            HubMessage::parse(r#"{"type":4}"#).unwrap(),
            HubMessage::Unsupported(4)
        );
    }

    #[test]
    fn receive_message_event_round_trips() {
        let message = Message {
            id: "m-1".into(),
            conversation_id: "c-1".into(),
            seq: 3,
            content: "Hello!".into(),
            sender_type: SenderType::Visitor,
            sender_id: "v-1".into(),
            is_read: false,
            created_at: "2025-01-15T10:30:05Z".into(),
            sources: Vec::new(),
            private: false,
            attachments: Vec::new(),
        };
        let event = ServerEvent::ReceiveMessage(message);
        let frame = event.to_invocation().to_frame();
        let record = frames(&frame).next().unwrap();
        let back = ServerEvent::from_hub_message(&HubMessage::parse(record).unwrap())
            .unwrap()
            .unwrap();
        assert_eq!(back, event);
        assert!(record.contains("\"target\":\"ReceiveMessage\""));
    }
}
