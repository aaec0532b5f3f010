//! The server side of one hub connection as a pure state machine: given what the client sent,
//! what to answer. The room does the I/O; this decides, so it is tested natively.

use parley_shared_types::hub::{
    HandshakeRequest, HandshakeResponse, HubMessage, PING_FRAME, frames,
};
use serde::{Deserialize, Serialize};

/// Kept as the socket's attachment so it survives hibernation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HubSession {
    pub handshaken: bool,
}

/// What the room must do in answer to a client payload, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Send(String),
    /// Close the socket with a WebSocket close code and reason.
    Close(u16, String),
}

const CLOSE_NORMAL: u16 = 1000;
const CLOSE_PROTOCOL_ERROR: u16 = 1002;

impl HubSession {
    /// Handles one WebSocket text payload (it may carry several records).
    pub fn receive(&mut self, payload: &str) -> Vec<Action> {
        let mut actions = Vec::new();
        for frame in frames(payload) {
            let done = if self.handshaken {
                self.on_message(frame, &mut actions)
            } else {
                self.on_handshake(frame, &mut actions)
            };
            if done {
                break;
            }
        }
        actions
    }

    /// Returns true when the connection is over.
    fn on_handshake(&mut self, frame: &str, actions: &mut Vec<Action>) -> bool {
        let response = match serde_json::from_str::<HandshakeRequest>(frame) {
            Ok(request) => request.response(),
            Err(e) => HandshakeResponse {
                error: Some(format!("malformed handshake: {e}")),
            },
        };
        actions.push(Action::Send(response.to_frame()));
        match response.error {
            None => {
                self.handshaken = true;
                false
            }
            Some(error) => {
                actions.push(Action::Close(CLOSE_PROTOCOL_ERROR, error));
                true
            }
        }
    }

    fn on_message(&mut self, frame: &str, actions: &mut Vec<Action>) -> bool {
        match HubMessage::parse(frame) {
            // Normally answered by the WebSocket auto-response; this catches pings that
            // arrive batched with other records.
            Ok(HubMessage::Ping) => actions.push(Action::Send(PING_FRAME.to_owned())),
            Ok(HubMessage::Close { .. }) => {
                actions.push(Action::Close(CLOSE_NORMAL, "client closed".to_owned()));
                return true;
            }
            Ok(HubMessage::Invocation {
                invocation_id: Some(invocation_id),
                target,
                ..
            }) => {
                let error = format!("Unknown hub method '{target}'");
                actions.push(Action::Send(
                    HubMessage::Completion {
                        invocation_id,
                        result: None,
                        error: Some(error),
                    }
                    .to_frame(),
                ));
            }
            // Fire-and-forget invocations of unknown methods, completions and stream messages
            // need no answer, as with any SignalR server.
            Ok(_) => {}
            Err(error) => {
                actions.push(Action::Send(
                    HubMessage::Close {
                        error: Some(error.clone()),
                        allow_reconnect: false,
                    }
                    .to_frame(),
                ));
                actions.push(Action::Close(CLOSE_PROTOCOL_ERROR, error));
                return true;
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HANDSHAKE: &str = "{\"protocol\":\"json\",\"version\":1}\u{1e}";

    #[test]
    fn handshake_then_ping_in_one_payload() {
        let mut session = HubSession::default();
        let actions = session.receive(&format!("{HANDSHAKE}{PING_FRAME}"));
        assert_eq!(
            actions,
            [
                Action::Send("{}\u{1e}".into()),
                Action::Send(PING_FRAME.into())
            ]
        );
        assert!(session.handshaken);
    }

    #[test]
    fn refuses_another_protocol_and_closes() {
        let mut session = HubSession::default();
        let actions = session.receive("{\"protocol\":\"messagepack\",\"version\":1}\u{1e}");
        assert!(
            matches!(&actions[0], Action::Send(frame) if frame.contains("unsupported protocol"))
        );
        assert!(matches!(actions[1], Action::Close(CLOSE_PROTOCOL_ERROR, _)));
        assert!(!session.handshaken);
    }

    #[test]
    fn nothing_is_handled_before_the_handshake() {
        let mut session = HubSession::default();
        let actions = session.receive(PING_FRAME);
        assert!(matches!(&actions[0], Action::Send(frame) if frame.contains("error")));
        assert!(matches!(actions[1], Action::Close(..)));
    }

    #[test]
    fn unknown_blocking_method_gets_an_error_completion() {
        let mut session = HubSession { handshaken: true };
        let actions = session.receive(
            "{\"type\":1,\"invocationId\":\"4\",\"target\":\"Nope\",\"arguments\":[]}\u{1e}",
        );
        assert_eq!(
            actions,
            [Action::Send(
                "{\"type\":3,\"invocationId\":\"4\",\"error\":\"Unknown hub method 'Nope'\"}\u{1e}"
                    .into()
            )]
        );
        assert!(
            session
                .receive("{\"type\":1,\"target\":\"Nope\",\"arguments\":[]}\u{1e}")
                .is_empty()
        );
    }

    #[test]
    fn malformed_record_closes_with_a_reason() {
        let mut session = HubSession { handshaken: true };
        let actions = session.receive("{oops\u{1e}{\"type\":6}\u{1e}");
        assert_eq!(
            actions.len(),
            2,
            "processing stops at the bad record: {actions:?}"
        );
        assert!(matches!(&actions[0], Action::Send(frame) if frame.starts_with("{\"type\":7")));
    }
}
