//! A hub connection for the browser: the SignalR JSON protocol over a WebSocket that
//! reconnects with backoff and, on a conversation, resumes from the last `seq` it saw, so the
//! page misses nothing and gets nothing twice. [`ClientSession`] decides (pure, tested);
//! [`HubConnection`] does the I/O.

use crate::backoff;
use parley_shared_types::hub::{
    HandshakeRequest, HandshakeResponse, HubMessage, PING_FRAME, ServerEvent, frames,
};
use serde_json::Value;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{CloseEvent, MessageEvent, WebSocket};

/// Client keep-alive: a ping this often; a silent server for twice as long is gone.
pub const KEEPALIVE_MS: i32 = 15_000;
const SERVER_TIMEOUT_MS: f64 = 30_000.0;

/// What the connection is doing, for the UI to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HubStatus {
    Connecting,
    Connected,
    Reconnecting {
        attempt: u32,
        delay_ms: u32,
    },
    /// Closed on purpose ([`HubConnection::close`]), or refused for good by the server.
    Closed,
}

/// What a received payload means for the client.
#[derive(Debug, Clone, PartialEq)]
pub enum ClientEffect {
    Handshaken,
    Event(ServerEvent),
    /// The server ended the connection; reconnect unless it said not to.
    ServerClosed {
        error: Option<String>,
        allow_reconnect: bool,
    },
}

/// One connection attempt's protocol state.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClientSession {
    pub handshaken: bool,
    /// The highest message `seq` delivered so far (kept across reconnects).
    pub last_seq: Option<u64>,
}

impl ClientSession {
    /// What to send when the socket opens.
    pub fn opening_frame() -> String {
        HandshakeRequest::json().to_frame()
    }

    /// A new attempt: handshake again, keep the `seq` bookmark.
    pub fn restart(&mut self) {
        self.handshaken = false;
    }

    pub fn receive(&mut self, payload: &str) -> Vec<ClientEffect> {
        let mut effects = Vec::new();
        for frame in frames(payload) {
            if !self.handshaken {
                match serde_json::from_str::<HandshakeResponse>(frame) {
                    Ok(HandshakeResponse { error: None }) => {
                        self.handshaken = true;
                        effects.push(ClientEffect::Handshaken);
                    }
                    Ok(HandshakeResponse { error }) => effects.push(ClientEffect::ServerClosed {
                        error,
                        allow_reconnect: false,
                    }),
                    Err(e) => effects.push(ClientEffect::ServerClosed {
                        error: Some(e.to_string()),
                        allow_reconnect: true,
                    }),
                }
                continue;
            }
            match HubMessage::parse(frame) {
                Ok(HubMessage::Close {
                    error,
                    allow_reconnect,
                }) => effects.push(ClientEffect::ServerClosed {
                    error,
                    allow_reconnect,
                }),
                Ok(message) => {
                    if let Some(Ok(event)) = ServerEvent::from_hub_message(&message)
                        && let Some(event) = self.deliverable(event)
                    {
                        effects.push(ClientEffect::Event(event));
                    }
                }
                Err(_) => {}
            }
        }
        effects
    }

    /// Drops a message already delivered (a replay overlapping a live copy), and moves the
    /// bookmark past delivered ones.
    fn deliverable(&mut self, event: ServerEvent) -> Option<ServerEvent> {
        if let ServerEvent::ReceiveMessage(message) = &event {
            if self.last_seq.is_some_and(|seen| message.seq <= seen) {
                return None;
            }
            self.last_seq = Some(message.seq);
        }
        Some(event)
    }
}

/// Where to connect: the edge's origin, the bearer token, and the conversation (none for the
/// agents' workspace feed).
#[derive(Debug, Clone, PartialEq)]
pub struct HubTarget {
    pub base_url: String,
    pub token: String,
    pub conversation_id: Option<String>,
}

impl HubTarget {
    pub fn url(&self, last_seq: Option<u64>) -> String {
        let base = self.base_url.replacen("http", "ws", 1);
        let mut url = format!("{base}/hubs/chat?access_token={}", encode(&self.token));
        if let Some(conversation) = &self.conversation_id {
            url += &format!("&conversationId={}", encode(conversation));
        }
        if let Some(seq) = last_seq {
            url += &format!("&lastSeq={seq}");
        }
        url
    }
}

/// Percent-encodes all but RFC 3986's unreserved characters.
fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

type EventHandler = Box<dyn Fn(ServerEvent)>;
type StatusHandler = Box<dyn Fn(HubStatus)>;

struct Inner {
    target: HubTarget,
    session: ClientSession,
    socket: Option<WebSocket>,
    attempt: u32,
    closed: bool,
    last_heard: f64,
    on_event: EventHandler,
    on_status: StatusHandler,
    keepalive: Option<i32>,
}

/// A live hub connection. Cheap to clone; every clone is the same connection.
#[derive(Clone)]
pub struct HubConnection(Rc<RefCell<Inner>>);

impl HubConnection {
    /// Connects now and keeps reconnecting until [`close`](Self::close). `last_seq` resumes a
    /// conversation after a page reload.
    pub fn open(
        target: HubTarget,
        last_seq: Option<u64>,
        on_event: impl Fn(ServerEvent) + 'static,
        on_status: impl Fn(HubStatus) + 'static,
    ) -> HubConnection {
        let connection = HubConnection(Rc::new(RefCell::new(Inner {
            target,
            session: ClientSession {
                handshaken: false,
                last_seq,
            },
            socket: None,
            attempt: 0,
            closed: false,
            last_heard: 0.0,
            on_event: Box::new(on_event),
            on_status: Box::new(on_status),
            keepalive: None,
        })));
        connection.start_keepalive();
        connection.connect();
        connection
    }

    /// Calls a hub method with the conversation id, as every method in the contract takes.
    pub fn invoke(&self, method: &str) {
        let inner = self.0.borrow();
        let (Some(socket), Some(conversation)) = (&inner.socket, &inner.target.conversation_id)
        else {
            return;
        };
        if inner.session.handshaken {
            let call = HubMessage::Invocation {
                invocation_id: None,
                target: method.to_owned(),
                arguments: vec![Value::from(conversation.as_str())],
            };
            let _ = socket.send_with_str(&call.to_frame());
        }
    }

    pub fn last_seq(&self) -> Option<u64> {
        self.0.borrow().session.last_seq
    }

    pub fn is_connected(&self) -> bool {
        self.0.borrow().session.handshaken
    }

    /// A renewed token for the next connection attempt.
    pub fn set_token(&self, token: String) {
        self.0.borrow_mut().target.token = token;
    }

    /// Drops the socket and reconnects at once (e.g. when the browser comes back online).
    pub fn reconnect_now(&self) {
        self.0.borrow_mut().attempt = 0;
        self.drop_socket();
        self.connect();
    }

    /// Drops the socket and stays down until [`reconnect_now`](Self::reconnect_now).
    pub fn suspend(&self) {
        self.drop_socket();
        (self.0.borrow().on_status)(HubStatus::Reconnecting {
            attempt: 0,
            delay_ms: 0,
        });
    }

    /// Ends the connection for good.
    pub fn close(&self) {
        self.0.borrow_mut().closed = true;
        self.drop_socket();
        if let Some(timer) = self.0.borrow_mut().keepalive.take()
            && let Some(window) = web_sys::window()
        {
            window.clear_interval_with_handle(timer);
        }
        (self.0.borrow().on_status)(HubStatus::Closed);
    }

    fn drop_socket(&self) {
        let socket = self.0.borrow_mut().socket.take();
        if let Some(socket) = socket {
            socket.set_onopen(None);
            socket.set_onmessage(None);
            socket.set_onclose(None);
            let _ = socket.close();
        }
        self.0.borrow_mut().session.restart();
    }

    fn connect(&self) {
        if self.0.borrow().closed {
            return;
        }
        (self.0.borrow().on_status)(HubStatus::Connecting);
        let url = {
            let inner = self.0.borrow();
            inner.target.url(inner.session.last_seq)
        };
        let Ok(socket) = WebSocket::new(&url) else {
            self.schedule_reconnect();
            return;
        };
        let on_open = Closure::<dyn FnMut()>::new({
            let socket = socket.clone();
            move || {
                let _ = socket.send_with_str(&ClientSession::opening_frame());
            }
        });
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new({
            let this = self.clone();
            move |event: MessageEvent| {
                if let Some(text) = event.data().as_string() {
                    this.on_text(&text);
                }
            }
        });
        let on_close = Closure::<dyn FnMut(CloseEvent)>::new({
            let this = self.clone();
            move |_: CloseEvent| {
                this.0.borrow_mut().socket = None;
                this.schedule_reconnect();
            }
        });
        socket.set_onopen(Some(on_open.as_ref().unchecked_ref()));
        socket.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        socket.set_onclose(Some(on_close.as_ref().unchecked_ref()));
        // The socket owns its handlers from here on; they go when it is dropped.
        on_open.forget();
        on_message.forget();
        on_close.forget();
        let mut inner = self.0.borrow_mut();
        inner.session.restart();
        inner.last_heard = js_sys::Date::now();
        inner.socket = Some(socket);
    }

    fn on_text(&self, text: &str) {
        let effects = {
            let mut inner = self.0.borrow_mut();
            inner.last_heard = js_sys::Date::now();
            inner.session.receive(text)
        };
        for effect in effects {
            match effect {
                ClientEffect::Handshaken => {
                    self.0.borrow_mut().attempt = 0;
                    (self.0.borrow().on_status)(HubStatus::Connected);
                }
                ClientEffect::Event(event) => (self.0.borrow().on_event)(event),
                ClientEffect::ServerClosed {
                    allow_reconnect: true,
                    ..
                } => {
                    self.drop_socket();
                    self.schedule_reconnect();
                }
                ClientEffect::ServerClosed {
                    allow_reconnect: false,
                    ..
                } => self.close(),
            }
        }
    }

    fn schedule_reconnect(&self) {
        let (closed, attempt) = {
            let mut inner = self.0.borrow_mut();
            inner.session.restart();
            inner.attempt += 1;
            (inner.closed, inner.attempt)
        };
        if closed {
            return;
        }
        let delay_ms = backoff::delay_ms(attempt - 1, js_sys::Math::random());
        (self.0.borrow().on_status)(HubStatus::Reconnecting { attempt, delay_ms });
        let this = self.clone();
        let retry = Closure::once_into_js(move || {
            if this.0.borrow().socket.is_none() {
                this.connect();
            }
        });
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                retry.unchecked_ref(),
                delay_ms as i32,
            );
        }
    }

    /// Pings the server and drops a connection that has gone silent.
    fn start_keepalive(&self) {
        let this = self.clone();
        let tick = Closure::<dyn FnMut()>::new(move || {
            let (socket, silent) = {
                let inner = this.0.borrow();
                (
                    inner.socket.clone().filter(|_| inner.session.handshaken),
                    js_sys::Date::now() - inner.last_heard > SERVER_TIMEOUT_MS,
                )
            };
            if let Some(socket) = socket {
                if silent {
                    this.drop_socket();
                    this.schedule_reconnect();
                } else {
                    let _ = socket.send_with_str(PING_FRAME);
                }
            }
        });
        if let Some(window) = web_sys::window() {
            let timer = window
                .set_interval_with_callback_and_timeout_and_arguments_0(
                    tick.as_ref().unchecked_ref(),
                    KEEPALIVE_MS,
                )
                .ok();
            self.0.borrow_mut().keepalive = timer;
        }
        tick.forget();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use parley_shared_types::message::{Message, SenderType};

    fn message(seq: u64) -> Message {
        Message {
            id: format!("m-{seq}"),
            conversation_id: "c".into(),
            seq,
            content: "hi".into(),
            sender_type: SenderType::Agent,
            sender_id: "a".into(),
            is_read: false,
            created_at: "2026-01-01T00:00:00Z".into(),
        }
    }

    fn frame(seq: u64) -> String {
        ServerEvent::ReceiveMessage(message(seq))
            .to_invocation()
            .to_frame()
    }

    #[test]
    fn handshake_then_events_in_order() {
        let mut session = ClientSession::default();
        let effects = session.receive(&format!("{{}}\u{1e}{}", frame(1)));
        assert_eq!(
            effects,
            [
                ClientEffect::Handshaken,
                ClientEffect::Event(ServerEvent::ReceiveMessage(message(1)))
            ]
        );
        assert_eq!(session.last_seq, Some(1));
    }

    #[test]
    fn a_message_seen_before_is_not_delivered_twice() {
        let mut session = ClientSession {
            handshaken: true,
            last_seq: Some(2),
        };
        let effects = session.receive(&format!("{}{}{}", frame(2), frame(3), frame(3)));
        assert_eq!(
            effects,
            [ClientEffect::Event(ServerEvent::ReceiveMessage(message(3)))]
        );
        assert_eq!(session.last_seq, Some(3));
    }

    #[test]
    fn a_restart_handshakes_again_and_keeps_the_bookmark() {
        let mut session = ClientSession {
            handshaken: true,
            last_seq: Some(9),
        };
        session.restart();
        assert_eq!(session.receive("{}\u{1e}"), [ClientEffect::Handshaken]);
        assert_eq!(session.last_seq, Some(9));
    }

    #[test]
    fn a_refused_handshake_is_final_and_a_close_says_whether_to_retry() {
        let mut session = ClientSession::default();
        let refused = session.receive("{\"error\":\"unsupported\"}\u{1e}");
        assert_eq!(
            refused,
            [ClientEffect::ServerClosed {
                error: Some("unsupported".into()),
                allow_reconnect: false
            }]
        );
        let mut session = ClientSession {
            handshaken: true,
            last_seq: None,
        };
        let closed =
            session.receive("{\"type\":7,\"error\":\"restarting\",\"allowReconnect\":true}\u{1e}");
        assert_eq!(
            closed,
            [ClientEffect::ServerClosed {
                error: Some("restarting".into()),
                allow_reconnect: true
            }]
        );
    }

    #[test]
    fn pings_and_completions_are_not_events() {
        let mut session = ClientSession {
            handshaken: true,
            last_seq: None,
        };
        assert!(
            session
                .receive("{\"type\":6}\u{1e}{\"type\":3,\"invocationId\":\"1\"}\u{1e}")
                .is_empty()
        );
    }

    #[test]
    fn urls_carry_the_token_conversation_and_bookmark() {
        let target = HubTarget {
            base_url: "https://chat.example.com".into(),
            token: "a.b c".into(),
            conversation_id: Some("c-1".into()),
        };
        assert_eq!(
            target.url(Some(4)),
            "wss://chat.example.com/hubs/chat?access_token=a.b%20c&conversationId=c-1&lastSeq=4"
        );
        let feed = HubTarget {
            conversation_id: None,
            ..target
        };
        assert_eq!(
            feed.url(None),
            "wss://chat.example.com/hubs/chat?access_token=a.b%20c"
        );
    }
}
