//! The server side of one hub connection as a pure state machine: given what the client sent,
//! what to answer. The objects do the I/O; this decides, so it is tested natively.

use parley_shared_types::hub::{
    HandshakeRequest, HandshakeResponse, HubMessage, PING_FRAME, ServerEvent, TypingStarted,
    TypingStopped, frames, methods,
};
use parley_shared_types::message::{SendMessageRequest, Sender};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Kept as the socket's attachment, so it survives hibernation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HubSession {
    /// Tells this socket apart from the others of its object (e.g. not to echo typing).
    pub socket_id: String,
    /// Who is on this socket, as the edge authenticated them.
    pub identity: Sender,
    /// The conversation of a room socket; none on a workspace-feed socket.
    pub conversation_id: Option<String>,
    /// Replay messages after this `seq` once the handshake completes.
    pub resume_after: Option<u64>,
    pub handshaken: bool,
    /// Receives the conversation's events (`LeaveConversation` pauses them).
    pub joined: bool,
    /// A team member's or API key's access, as checked when the socket opened; none for a
    /// visitor, whose token names only their own conversation.
    #[serde(default)]
    pub team: Option<TeamAccess>,
    /// What a socket needs to send messages (`SendMessage`) and join other conversations;
    /// none on sockets opened before hub sends existed (they must reconnect to send).
    #[serde(default)]
    pub sending: Option<Sending>,
    /// Other conversations of its workspace this team socket joined: their rooms forward
    /// their events to this socket's object.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub elsewhere: Vec<String>,
}

/// The socket's workspace, and how many messages a minute its principal may send over the
/// hub: the size of its REST window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Sending {
    pub workspace_id: String,
    pub per_minute: u32,
}

/// What the edge checked about a team socket's principal, and until when that check holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TeamAccess {
    /// A user with a seat (counts as present), not an API key.
    pub seat: bool,
    /// Past this Unix second the socket is sent nothing more: it is asked to reconnect, which
    /// authenticates its principal again. Removal closes it sooner; this is the backstop.
    pub recheck_at_secs: u64,
}

/// How long a team socket's access check holds before it must reconnect.
pub const TEAM_RECHECK_SECS: u64 = 5 * 60;

/// The completion of an invocation the object finished: its result (none for a method that
/// returns nothing), or the refusal as [`crate::error::ApiError::to_hub_error`] words it.
pub fn completion<T: Serialize>(
    invocation_id: String,
    outcome: Result<Option<T>, String>,
) -> String {
    let (result, error) = match outcome.map(|value| value.map(serde_json::to_value).transpose()) {
        Ok(Ok(result)) => (result, None),
        Ok(Err(error)) => (None, Some(error.to_string())),
        Err(error) => (None, Some(error)),
    };
    HubMessage::Completion {
        invocation_id,
        result,
        error,
    }
    .to_frame()
}

/// Tells a client its access is over (`allow_reconnect: false`) or must be checked again.
pub fn access_close_frame(reconnect: bool) -> String {
    let error = if reconnect {
        "access must be checked again: reconnect"
    } else {
        "access was removed"
    };
    HubMessage::Close {
        error: Some(error.to_owned()),
        allow_reconnect: reconnect,
    }
    .to_frame()
}

/// What the object must do in answer to a client payload, in order.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Send(String),
    /// Close the socket with a WebSocket close code and reason.
    Close(u16, String),
    /// Send the event to the object's other joined sockets.
    BroadcastToOthers(Box<ServerEvent>),
    /// Send this socket every stored message with a greater `seq`, in order.
    ResumeAfter(u64),
    /// Store a message from this socket's principal in `conversation_id` (this socket's, or
    /// one it joined elsewhere), then answer `invocation_id` (if any) with a completion: the
    /// conversation's room holds the log, so only it can.
    Append {
        invocation_id: Option<String>,
        conversation_id: String,
        request: SendMessageRequest,
    },
    /// Subscribe this team socket to another conversation of its workspace (its room checks
    /// that), send it the messages after `resume_after`, then complete `invocation_id`.
    JoinElsewhere {
        invocation_id: Option<String>,
        conversation_id: String,
        resume_after: Option<u64>,
    },
    /// Send the event to the sockets of another conversation this socket joined.
    PublishElsewhere {
        conversation_id: String,
        event: Box<ServerEvent>,
    },
}

const CLOSE_NORMAL: u16 = 1000;
const CLOSE_PROTOCOL_ERROR: u16 = 1002;

impl HubSession {
    pub fn new(
        socket_id: String,
        identity: Sender,
        conversation_id: Option<String>,
        resume_after: Option<u64>,
    ) -> Self {
        HubSession {
            socket_id,
            identity,
            conversation_id,
            resume_after,
            handshaken: false,
            joined: true,
            team: None,
            sending: None,
            elsewhere: Vec::new(),
        }
    }

    /// A room socket that may send messages in `workspace_id`'s conversation.
    pub fn sending_in(mut self, workspace_id: String, per_minute: u32) -> Self {
        self.sending = Some(Sending {
            workspace_id,
            per_minute,
        });
        self
    }

    /// The session of a team member's (`seat`) or an API key's socket, checked at `now_secs`.
    pub fn for_team(mut self, seat: bool, now_secs: u64) -> Self {
        self.team = Some(TeamAccess {
            seat,
            recheck_at_secs: now_secs + TEAM_RECHECK_SECS,
        });
        self
    }

    /// Whether the access this socket was opened with must be checked again before it is sent
    /// anything more.
    pub fn needs_recheck(&self, now_secs: u64) -> bool {
        self.team
            .as_ref()
            .is_some_and(|team| now_secs >= team.recheck_at_secs)
    }

    /// Whether this socket belongs to `principal` (a user or API key id) of the team.
    pub fn is_team_principal(&self, principal: &str) -> bool {
        self.team.is_some() && self.identity.sender_id == principal
    }

    /// Whether this socket makes its user present (online) to the workspace.
    pub fn is_present_member(&self) -> bool {
        self.team.as_ref().is_some_and(|team| team.seat)
    }

    /// Whether conversation events are delivered to this socket now.
    pub fn receives_events(&self) -> bool {
        self.handshaken && self.joined
    }

    /// Whether this socket joined `conversation_id`, not its own, and receives its events.
    pub fn listens_elsewhere(&self, conversation_id: &str) -> bool {
        self.handshaken && self.elsewhere.iter().any(|c| c == conversation_id)
    }

    /// Records a join its conversation's room accepted.
    pub fn joined_elsewhere(&mut self, conversation_id: &str) {
        if !self.elsewhere.iter().any(|c| c == conversation_id) {
            self.elsewhere.push(conversation_id.to_owned());
        }
    }

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
                if let Some(after) = self.resume_after {
                    actions.push(Action::ResumeAfter(after));
                }
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
                invocation_id,
                target,
                arguments,
            }) => match self.invoke(&invocation_id, &target, &arguments, actions) {
                Ok(Some(deferred)) => actions.push(deferred),
                outcome => {
                    if let Some(invocation_id) = invocation_id {
                        let completion = HubMessage::Completion {
                            invocation_id,
                            result: None,
                            error: outcome.err(),
                        };
                        actions.push(Action::Send(completion.to_frame()));
                    }
                }
            },
            // Completions and stream messages need no answer, as with any SignalR server.
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

    /// Runs a client method; every method takes the conversation id, as in the seed.
    /// `Ok(Some(action))` is one only the object can finish: it sends the completion.
    fn invoke(
        &mut self,
        invocation_id: &Option<String>,
        target: &str,
        arguments: &[Value],
        actions: &mut Vec<Action>,
    ) -> Result<Option<Action>, String> {
        let known = [
            methods::JOIN_CONVERSATION,
            methods::LEAVE_CONVERSATION,
            methods::TYPING_START,
            methods::TYPING_STOP,
            methods::SEND_MESSAGE,
        ];
        if !known.contains(&target) {
            return Err(format!("Unknown hub method '{target}'"));
        }
        let asked = arguments
            .first()
            .and_then(Value::as_str)
            .ok_or_else(|| format!("{target} takes the conversation id first"))?
            .to_ascii_lowercase();
        let own = self
            .conversation_id
            .as_deref()
            .is_some_and(|mine| mine.eq_ignore_ascii_case(&asked));
        if !own {
            self.may_reach(target, &asked)?;
        }
        let sender = &self.identity;
        let event = match target {
            methods::SEND_MESSAGE => {
                return Ok(Some(Action::Append {
                    invocation_id: invocation_id.clone(),
                    conversation_id: asked,
                    request: message_request(&arguments[1..])?,
                }));
            }
            methods::JOIN_CONVERSATION if own => {
                self.joined = true;
                return Ok(None);
            }
            methods::JOIN_CONVERSATION => {
                return Ok(Some(Action::JoinElsewhere {
                    invocation_id: invocation_id.clone(),
                    conversation_id: asked,
                    resume_after: last_seq(arguments.get(1))?,
                }));
            }
            methods::LEAVE_CONVERSATION if own => {
                self.joined = false;
                return Ok(None);
            }
            methods::LEAVE_CONVERSATION => {
                self.elsewhere.retain(|c| *c != asked);
                return Ok(None);
            }
            methods::TYPING_START => ServerEvent::TypingStarted(TypingStarted {
                sender_id: sender.sender_id.clone(),
                sender_type: sender.sender_type,
                conversation_id: Some(asked.clone()),
            }),
            _ => ServerEvent::TypingStopped(TypingStopped {
                sender_id: sender.sender_id.clone(),
                conversation_id: Some(asked.clone()),
            }),
        };
        actions.push(if own {
            Action::BroadcastToOthers(Box::new(event))
        } else {
            Action::PublishElsewhere {
                conversation_id: asked,
                event: Box::new(event),
            }
        });
        Ok(None)
    }

    /// Whether `target` may be run for `conversation_id`, not this socket's own: only a team
    /// socket joins other conversations (a visitor's token names only theirs), and only a
    /// joined one takes typing and messages.
    fn may_reach(&self, target: &str, conversation_id: &str) -> Result<(), String> {
        if self.team.is_none() {
            let mine = self.conversation_id.as_deref().unwrap_or_default();
            return Err(format!(
                "this connection is for conversation {mine}; connect with ?conversationId= for another"
            ));
        }
        if self.sending.is_none() {
            return Err("this connection predates joining other conversations: reconnect".into());
        }
        let joins_or_leaves = [methods::JOIN_CONVERSATION, methods::LEAVE_CONVERSATION];
        if joins_or_leaves.contains(&target) || self.elsewhere.iter().any(|c| c == conversation_id)
        {
            Ok(())
        } else {
            Err(format!(
                "join conversation {conversation_id} first (JoinConversation)"
            ))
        }
    }
}

/// `JoinConversation`'s optional second argument: the last `seq` the client holds.
fn last_seq(argument: Option<&Value>) -> Result<Option<u64>, String> {
    match argument {
        None | Some(Value::Null) => Ok(None),
        Some(seq) => seq.as_u64().map(Some).ok_or_else(|| {
            "VALIDATION_FAILED: JoinConversation takes (conversationId, lastSeq?) with lastSeq a whole number".into()
        }),
    }
}

/// `SendMessage`'s arguments after the conversation id, checked as the REST body would be.
fn message_request(arguments: &[Value]) -> Result<SendMessageRequest, String> {
    let content = arguments.first().and_then(Value::as_str).ok_or(
        "VALIDATION_FAILED: SendMessage takes (conversationId, content, clientMessageId?, private?, attachments?)",
    )?;
    let client_message_id = match arguments.get(1) {
        None | Some(Value::Null) => None,
        Some(Value::String(id)) => Some(id.clone()),
        Some(_) => return Err("VALIDATION_FAILED: clientMessageId must be a string".into()),
    };
    let private = match arguments.get(2) {
        None | Some(Value::Null) => false,
        Some(Value::Bool(private)) => *private,
        Some(_) => return Err("VALIDATION_FAILED: private must be true or false".into()),
    };
    let attachments = match arguments.get(3) {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(ids)) => ids
            .iter()
            .map(|id| id.as_str().map(str::to_owned))
            .collect::<Option<Vec<String>>>()
            .ok_or("VALIDATION_FAILED: attachments must be file ids")?,
        Some(_) => {
            return Err("VALIDATION_FAILED: attachments must be an array of file ids".into());
        }
    };
    let request = SendMessageRequest {
        client_message_id,
        private,
        attachments,
        ..SendMessageRequest::text(content)
    };
    request.validate().map_err(|errors| {
        let reasons: Vec<String> = errors
            .iter()
            .flat_map(|(field, why)| why.iter().map(move |why| format!("{field} {why}")))
            .collect();
        format!("VALIDATION_FAILED: {}", reasons.join("; "))
    })?;
    Ok(request)
}

#[cfg(test)]
mod tests {
    use super::*;
    use parley_shared_types::message::SenderType;

    const HANDSHAKE: &str = "{\"protocol\":\"json\",\"version\":1}\u{1e}";
    const CONVERSATION: &str = "3f0c3a52-6d1e-4c6b-9b1a-2f1d7e0c9a01";

    fn session(resume_after: Option<u64>) -> HubSession {
        let visitor = Sender {
            sender_type: SenderType::Visitor,
            sender_id: "v-1".into(),
        };
        HubSession::new(
            "s-1".into(),
            visitor,
            Some(CONVERSATION.into()),
            resume_after,
        )
    }

    fn ready() -> HubSession {
        HubSession {
            handshaken: true,
            ..session(None)
        }
    }

    fn invoke(target: &str, argument: &str) -> String {
        format!(
            "{{\"type\":1,\"invocationId\":\"9\",\"target\":\"{target}\",\"arguments\":[\"{argument}\"]}}\u{1e}"
        )
    }

    const OK: &str = "{\"type\":3,\"invocationId\":\"9\"}\u{1e}";

    #[test]
    fn a_team_socket_must_recheck_its_access_after_a_bounded_time() {
        let agent = Sender {
            sender_type: SenderType::Agent,
            sender_id: "u-1".into(),
        };
        let team = HubSession::new("s-2".into(), agent, None, None).for_team(true, 1_000);
        assert!(!team.needs_recheck(1_000 + TEAM_RECHECK_SECS - 1));
        assert!(team.needs_recheck(1_000 + TEAM_RECHECK_SECS));
        assert!(team.is_present_member() && team.is_team_principal("u-1"));
        assert!(!team.is_team_principal("u-2"));
        let visitor = session(None);
        assert!(
            !visitor.needs_recheck(u64::MAX),
            "a visitor's token names only its conversation"
        );
        assert!(!visitor.is_present_member() && !visitor.is_team_principal("v-1"));
    }

    #[test]
    fn an_api_key_is_never_present() {
        let key = Sender {
            sender_type: SenderType::Agent,
            sender_id: "k-1".into(),
        };
        let socket = HubSession::new("s-3".into(), key, None, None).for_team(false, 1);
        assert!(!socket.is_present_member());
        assert!(socket.is_team_principal("k-1"));
    }

    #[test]
    fn handshake_then_ping_in_one_payload() {
        let mut session = session(None);
        let actions = session.receive(&format!("{HANDSHAKE}{PING_FRAME}"));
        assert_eq!(
            actions,
            [
                Action::Send("{}\u{1e}".into()),
                Action::Send(PING_FRAME.into())
            ]
        );
        assert!(session.receives_events());
    }

    #[test]
    fn a_resuming_client_gets_its_backlog_right_after_the_handshake() {
        let mut session = session(Some(7));
        assert_eq!(
            session.receive(HANDSHAKE),
            [Action::Send("{}\u{1e}".into()), Action::ResumeAfter(7)]
        );
    }

    #[test]
    fn refuses_another_protocol_and_closes() {
        let mut session = session(Some(7));
        let actions = session.receive("{\"protocol\":\"messagepack\",\"version\":1}\u{1e}");
        assert!(
            matches!(&actions[0], Action::Send(frame) if frame.contains("unsupported protocol"))
        );
        assert!(matches!(actions[1], Action::Close(CLOSE_PROTOCOL_ERROR, _)));
        assert_eq!(actions.len(), 2, "no backlog for a refused socket");
    }

    #[test]
    fn nothing_is_handled_before_the_handshake() {
        let actions = session(None).receive(PING_FRAME);
        assert!(matches!(&actions[0], Action::Send(frame) if frame.contains("error")));
        assert!(matches!(actions[1], Action::Close(..)));
    }

    #[test]
    fn typing_goes_to_the_others_with_the_authenticated_identity() {
        let mut session = ready();
        let actions = session.receive(&invoke(methods::TYPING_START, CONVERSATION));
        let started = ServerEvent::TypingStarted(TypingStarted {
            sender_id: "v-1".into(),
            sender_type: SenderType::Visitor,
            conversation_id: Some(CONVERSATION.into()),
        });
        assert_eq!(
            actions,
            [
                Action::BroadcastToOthers(Box::new(started)),
                Action::Send(OK.into())
            ]
        );
        let stopped = session.receive(&invoke(methods::TYPING_STOP, CONVERSATION));
        assert_eq!(
            stopped[0],
            Action::BroadcastToOthers(Box::new(ServerEvent::TypingStopped(TypingStopped {
                sender_id: "v-1".into(),
                conversation_id: Some(CONVERSATION.into()),
            })))
        );
    }

    #[test]
    fn leave_pauses_events_and_join_resumes_them() {
        let mut session = ready();
        assert_eq!(
            session.receive(&invoke(methods::LEAVE_CONVERSATION, CONVERSATION)),
            [Action::Send(OK.into())]
        );
        assert!(!session.receives_events());
        session.receive(&invoke(methods::JOIN_CONVERSATION, CONVERSATION));
        assert!(session.receives_events());
    }

    #[test]
    fn methods_for_another_conversation_are_refused() {
        let mut session = ready();
        let actions = session.receive(&invoke(
            methods::TYPING_START,
            "11111111-1111-4111-8111-111111111111",
        ));
        assert_eq!(actions.len(), 1, "nothing is broadcast");
        assert!(
            matches!(&actions[0], Action::Send(frame) if frame.contains("this connection is for conversation"))
        );
    }

    #[test]
    fn a_hub_send_carries_file_ids_after_the_private_flag() {
        let file = "0b8f2c2e-7a51-4c1e-9a57-3f0c8a4f2b11";
        let request = message_request(
            &serde_json::from_str::<Vec<Value>>(&format!("[\"\", \"c-1\", false, [\"{file}\"]]"))
                .unwrap(),
        )
        .unwrap();
        assert_eq!(request.attachments, [file]);
        assert_eq!(request.content, "");
        let not_ids: Vec<Value> = serde_json::from_str("[\"hi\", null, false, [7]]").unwrap();
        assert!(
            message_request(&not_ids)
                .unwrap_err()
                .starts_with("VALIDATION_FAILED")
        );
        let no_text: Vec<Value> = serde_json::from_str("[\" \", null, false, []]").unwrap();
        assert!(message_request(&no_text).is_err(), "no text and no file");
    }

    const OTHER: &str = "11111111-1111-4111-8111-111111111111";

    /// A team member's socket on the workspace feed, handshaken.
    fn team_feed() -> HubSession {
        let agent = Sender {
            sender_type: SenderType::Agent,
            sender_id: "u-1".into(),
        };
        HubSession {
            handshaken: true,
            ..HubSession::new("s-4".into(), agent, None, None)
                .sending_in("w-1".into(), 60)
                .for_team(true, 1)
        }
    }

    #[test]
    fn a_team_socket_joins_other_conversations_through_its_object() {
        let mut feed = team_feed();
        let join = "{\"type\":1,\"invocationId\":\"9\",\"target\":\"JoinConversation\",\"arguments\":[\"11111111-1111-4111-8111-111111111111\",7]}\u{1e}";
        assert_eq!(
            feed.receive(join),
            [Action::JoinElsewhere {
                invocation_id: Some("9".into()),
                conversation_id: OTHER.into(),
                resume_after: Some(7),
            }],
            "the object asks the room, then completes"
        );
        assert!(
            !feed.listens_elsewhere(OTHER),
            "joined only once its room accepts"
        );
        let bad_seq = feed.receive(&join.replace(",7]", ",\"x\"]"));
        assert!(matches!(&bad_seq[0], Action::Send(frame) if frame.contains("VALIDATION_FAILED")));

        feed.joined_elsewhere(OTHER);
        assert!(feed.listens_elsewhere(OTHER));
        let typing = feed.receive(&invoke(methods::TYPING_START, &OTHER.to_uppercase()));
        assert_eq!(
            typing,
            [
                Action::PublishElsewhere {
                    conversation_id: OTHER.into(),
                    event: Box::new(ServerEvent::TypingStarted(TypingStarted {
                        sender_id: "u-1".into(),
                        sender_type: SenderType::Agent,
                        conversation_id: Some(OTHER.into()),
                    })),
                },
                Action::Send(OK.into())
            ]
        );
        let send = "{\"type\":1,\"invocationId\":\"9\",\"target\":\"SendMessage\",\"arguments\":[\"11111111-1111-4111-8111-111111111111\",\"hi\",\"c-1\"]}\u{1e}";
        assert!(matches!(
            &feed.receive(send)[0],
            Action::Append { conversation_id, request, .. } if conversation_id == OTHER && request.content == "hi"
        ));

        assert_eq!(
            feed.receive(&invoke(methods::LEAVE_CONVERSATION, OTHER)),
            [Action::Send(OK.into())]
        );
        assert!(!feed.listens_elsewhere(OTHER));
        let refused = feed.receive(&invoke(methods::TYPING_STOP, OTHER));
        assert_eq!(refused.len(), 1, "nothing is published: {refused:?}");
        assert!(matches!(&refused[0], Action::Send(frame) if frame.contains("join conversation")));
    }

    #[test]
    fn a_visitor_cannot_join_another_conversation() {
        let mut visitor = ready();
        let actions = visitor.receive(&invoke(methods::JOIN_CONVERSATION, OTHER));
        assert_eq!(actions.len(), 1);
        assert!(
            matches!(&actions[0], Action::Send(frame) if frame.contains("this connection is for conversation"))
        );
        assert!(!visitor.listens_elsewhere(OTHER));
    }

    #[test]
    fn unknown_blocking_method_gets_an_error_completion() {
        let mut session = ready();
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
    fn send_message_carries_an_optional_private_flag() {
        let send = |arguments: &str| {
            let frame = format!(
                "{{\"type\":1,\"target\":\"SendMessage\",\"arguments\":[\"{CONVERSATION}\",{arguments}]}}\u{1e}"
            );
            ready().receive(&frame)
        };
        let privacy = |actions: Vec<Action>| match actions.as_slice() {
            [Action::Append { request, .. }] => Some(request.private),
            _ => None,
        };
        assert_eq!(privacy(send("\"Hi\"")), Some(false));
        assert_eq!(privacy(send("\"VIP\",null,true")), Some(true));
        assert_eq!(privacy(send("\"VIP\",\"c-1\",false")), Some(false));
        assert_eq!(privacy(send("\"VIP\",null,\"yes\"")), None);
    }

    #[test]
    fn a_refusal_completes_with_an_error_and_no_result() {
        let frame = completion::<()>(
            "4".into(),
            Err("CONFLICT: the conversation is closed".into()),
        );
        assert_eq!(
            frame,
            "{\"type\":3,\"invocationId\":\"4\",\"error\":\"CONFLICT: the conversation is closed\"}\u{1e}"
        );
        assert_eq!(
            completion::<()>("5".into(), Ok(None)),
            "{\"type\":3,\"invocationId\":\"5\"}\u{1e}"
        );
    }

    #[test]
    fn malformed_record_closes_with_a_reason() {
        let mut session = ready();
        let actions = session.receive("{oops\u{1e}{\"type\":6}\u{1e}");
        assert_eq!(
            actions.len(),
            2,
            "processing stops at the bad record: {actions:?}"
        );
        assert!(matches!(&actions[0], Action::Send(frame) if frame.starts_with("{\"type\":7")));
    }
}
