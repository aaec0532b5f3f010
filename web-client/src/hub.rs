//! A hub connection for the browser: the SignalR JSON protocol over a WebSocket that
//! reconnects with backoff and, on a conversation, resumes from the last `seq` it saw, so the
//! page misses nothing and gets nothing twice. [`ClientSession`] decides (tested);
//! [`HubConnection`] does the I/O. Records are read with the browser's JSON, and each app
//! chooses the events it reads ([`HubEvent`]): what it does not ask for costs it no code.

use crate::backoff;
use crate::http::ClientError;
use crate::json::{self, FromJs, Object, array};
use crate::url::encode;
use parley_shared_types::hub::{HANDSHAKE_FRAME, PING_FRAME, ServerEvent, frames, methods};
use parley_shared_types::message::{Message, SendMessageRequest};
use std::cell::RefCell;
use std::marker::PhantomData;
use std::rc::{Rc, Weak};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
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

/// An event type an app receives from the hub.
pub trait HubEvent: Sized + 'static {
    /// The event an invocation of `target` with this argument (parsed JSON) carries; `None`
    /// for events the app does not handle (or a payload it cannot read).
    fn from_invocation(target: &str, argument: &JsValue) -> Option<Self>;
    /// The `seq` of a new-message event, for resuming and de-duplication.
    fn message_seq(&self) -> Option<u64>;
}

/// Every event, read with serde: the admin UI's, whose size is not the widget's budget. Its
/// one connection joins many conversations, each with its own `seq`, so no message is
/// dropped here as already seen: the app de-duplicates by message id.
#[cfg(feature = "serde")]
impl HubEvent for ServerEvent {
    fn from_invocation(target: &str, argument: &JsValue) -> Option<Self> {
        ServerEvent::from_invocation(target, &json::stringify(argument))?.ok()
    }

    fn message_seq(&self) -> Option<u64> {
        None
    }
}

/// What a received payload means for the client.
#[derive(Debug, Clone, PartialEq)]
pub enum ClientEffect<E> {
    Handshaken,
    Event(E),
    /// The answer to a [`HubConnection::call`]: its `result`, or the server's `error`.
    Completion {
        invocation_id: String,
        outcome: Result<JsValue, String>,
    },
    /// The server ended the connection; reconnect unless it said not to.
    ServerClosed {
        error: Option<String>,
        allow_reconnect: bool,
    },
}

const INVOCATION: f64 = 1.0;
const COMPLETION: f64 = 3.0;
const CLOSE: f64 = 7.0;

/// One connection attempt's protocol state.
#[derive(Debug, Clone, PartialEq)]
pub struct ClientSession<E> {
    pub handshaken: bool,
    /// The highest message `seq` delivered so far (kept across reconnects).
    pub last_seq: Option<u64>,
    events: PhantomData<fn() -> E>,
}

impl<E: HubEvent> ClientSession<E> {
    pub fn new(last_seq: Option<u64>) -> Self {
        ClientSession {
            handshaken: false,
            last_seq,
            events: PhantomData,
        }
    }

    /// What to send when the socket opens.
    pub fn opening_frame() -> &'static str {
        HANDSHAKE_FRAME
    }

    /// A new attempt: handshake again, keep the `seq` bookmark.
    pub fn restart(&mut self) {
        self.handshaken = false;
    }

    pub fn receive(&mut self, payload: &str) -> Vec<ClientEffect<E>> {
        let mut effects = Vec::new();
        for frame in frames(payload) {
            let record = json::parse(frame);
            if !self.handshaken {
                effects.push(match record {
                    Some(response) => match json::string(&response, "error") {
                        None => {
                            self.handshaken = true;
                            ClientEffect::Handshaken
                        }
                        error => ClientEffect::ServerClosed {
                            error,
                            allow_reconnect: false,
                        },
                    },
                    None => ClientEffect::ServerClosed {
                        error: Some("unreadable handshake".into()),
                        allow_reconnect: true,
                    },
                });
                continue;
            }
            let Some(record) = record else {
                continue;
            };
            match json::number(&record, "type") {
                Some(CLOSE) => effects.push(ClientEffect::ServerClosed {
                    error: json::string(&record, "error"),
                    allow_reconnect: json::boolean(&record, "allowReconnect").unwrap_or(false),
                }),
                Some(COMPLETION) => {
                    if let Some(invocation_id) = json::string(&record, "invocationId") {
                        let outcome = match json::string(&record, "error") {
                            Some(error) => Err(error),
                            None => Ok(json::field(&record, "result")),
                        };
                        effects.push(ClientEffect::Completion {
                            invocation_id,
                            outcome,
                        });
                    }
                }
                Some(INVOCATION) => {
                    let argument = json::items(&json::field(&record, "arguments"))
                        .map_or(JsValue::NULL, |arguments| arguments.get(0));
                    let event = json::string(&record, "target")
                        .and_then(|target| E::from_invocation(&target, &argument));
                    if let Some(event) = event.and_then(|event| self.deliverable(event)) {
                        effects.push(ClientEffect::Event(event));
                    }
                }
                _ => {}
            }
        }
        effects
    }

    /// Drops a message already delivered (a replay overlapping a live copy), and moves the
    /// bookmark past delivered ones.
    fn deliverable(&mut self, event: E) -> Option<E> {
        if let Some(seq) = event.message_seq() {
            if self.last_seq.is_some_and(|seen| seq <= seen) {
                return None;
            }
            self.last_seq = Some(seq);
        }
        Some(event)
    }
}

/// A fire-and-forget invocation of `method` with the conversation id (no completion wanted).
pub fn invocation_frame(method: &str, conversation_id: &str) -> String {
    frame(method, None, &[&JsValue::from_str(conversation_id)])
}

/// An invocation of `method` whose completion `invocation_id` names.
pub fn call_frame(method: &str, invocation_id: &str, arguments: &[&JsValue]) -> String {
    frame(method, Some(invocation_id), arguments)
}

fn frame(method: &str, invocation_id: Option<&str>, arguments: &[&JsValue]) -> String {
    // In the order SignalR writes the fields.
    let record = Object::new();
    record
        .set("type", &JsValue::from_f64(INVOCATION))
        .set_some("invocationId", invocation_id)
        .set_str("target", method)
        .set("arguments", &array(arguments.iter().copied()));
    json::stringify(&record.into_js()) + "\u{1e}"
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
        let mut url = self.base_url.replacen("http", "ws", 1);
        url += "/hubs/chat?access_token=";
        url += &encode(&self.token);
        if let Some(conversation) = &self.conversation_id {
            url += "&conversationId=";
            url += &encode(conversation);
        }
        if let Some(seq) = last_seq {
            url += "&lastSeq=";
            url += &seq.to_string();
        }
        url
    }
}

type EventHandler<E> = Box<dyn Fn(E)>;
type StatusHandler = Box<dyn Fn(HubStatus)>;

/// A socket and the handlers it calls, freed together.
struct LiveSocket {
    socket: WebSocket,
    _on_open: Closure<dyn FnMut()>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_close: Closure<dyn FnMut(CloseEvent)>,
}

impl Drop for LiveSocket {
    /// The handlers go with this value, so the socket must stop calling them.
    fn drop(&mut self) {
        self.socket.set_onopen(None);
        self.socket.set_onmessage(None);
        self.socket.set_onclose(None);
        let _ = self.socket.close();
    }
}

/// A [`HubConnection::call`] waiting for its completion: the settlers of its promise.
struct PendingCall {
    invocation_id: String,
    resolve: js_sys::Function,
    reject: js_sys::Function,
}

struct Inner<E> {
    target: HubTarget,
    session: ClientSession<E>,
    socket: Option<LiveSocket>,
    /// The last dropped socket. Its handlers may be running when it is dropped (a close or
    /// a server's Close record), so they are freed at the next connection attempt instead.
    retired: Option<LiveSocket>,
    attempt: u32,
    closed: bool,
    last_heard: f64,
    on_event: EventHandler<E>,
    on_status: StatusHandler,
    /// The ping interval and its handler, both released on close.
    keepalive: Option<(i32, Closure<dyn FnMut()>)>,
    calls: Vec<PendingCall>,
    last_invocation_id: u32,
}

/// A live hub connection delivering events of type `E`. Cheap to clone; every clone is the
/// same connection.
pub struct HubConnection<E = ServerEvent>(Rc<RefCell<Inner<E>>>);

impl<E> Clone for HubConnection<E> {
    fn clone(&self) -> Self {
        HubConnection(self.0.clone())
    }
}

impl<E: HubEvent> HubConnection<E> {
    /// A handle for the socket's and timer's handlers: they must not keep the connection
    /// alive, or a closed connection would never be freed.
    fn weak(&self) -> Weak<RefCell<Inner<E>>> {
        Rc::downgrade(&self.0)
    }

    fn upgrade(weak: &Weak<RefCell<Inner<E>>>) -> Option<HubConnection<E>> {
        weak.upgrade().map(HubConnection)
    }

    /// Connects now and keeps reconnecting until [`close`](Self::close). `last_seq` resumes a
    /// conversation after a page reload.
    pub fn open(
        target: HubTarget,
        last_seq: Option<u64>,
        on_event: impl Fn(E) + 'static,
        on_status: impl Fn(HubStatus) + 'static,
    ) -> HubConnection<E> {
        let connection = HubConnection(Rc::new(RefCell::new(Inner {
            target,
            session: ClientSession::new(last_seq),
            socket: None,
            retired: None,
            attempt: 0,
            closed: false,
            last_heard: 0.0,
            on_event: Box::new(on_event),
            on_status: Box::new(on_status),
            keepalive: None,
            calls: Vec::new(),
            last_invocation_id: 0,
        })));
        connection.start_keepalive();
        connection.connect();
        connection
    }

    /// Calls a hub method with the connection's conversation id, as every method in the
    /// contract takes.
    pub fn invoke(&self, method: &str) {
        let inner = self.0.borrow();
        let (Some(live), Some(conversation)) = (&inner.socket, &inner.target.conversation_id)
        else {
            return;
        };
        if inner.session.handshaken {
            let _ = live
                .socket
                .send_with_str(&invocation_frame(method, conversation));
        }
    }

    /// Calls a hub method for `conversation_id`, one this connection joined.
    pub fn invoke_for(&self, method: &str, conversation_id: &str) {
        let inner = self.0.borrow();
        if let Some(live) = inner.socket.as_ref().filter(|_| inner.session.handshaken) {
            let _ = live
                .socket
                .send_with_str(&invocation_frame(method, conversation_id));
        }
    }

    /// Calls `method` with `arguments` and waits for its completion: the result, the
    /// server's error as `Err(Some(..))`, or `Err(None)` when there is no live connection or
    /// it drops first (the call may or may not have run).
    pub async fn call(
        &self,
        method: &str,
        arguments: &[&JsValue],
    ) -> Result<JsValue, Option<String>> {
        let promise = {
            let mut inner = self.0.borrow_mut();
            let socket = match &inner.socket {
                Some(live) if inner.session.handshaken => live.socket.clone(),
                _ => return Err(None),
            };
            inner.last_invocation_id += 1;
            let invocation_id = inner.last_invocation_id.to_string();
            if socket
                .send_with_str(&call_frame(method, &invocation_id, arguments))
                .is_err()
            {
                return Err(None);
            }
            let mut settlers = None;
            let promise = js_sys::Promise::new(&mut |resolve, reject| {
                settlers = Some((resolve, reject));
            });
            if let Some((resolve, reject)) = settlers {
                inner.calls.push(PendingCall {
                    invocation_id,
                    resolve,
                    reject,
                });
            }
            promise
        };
        wasm_bindgen_futures::JsFuture::from(promise)
            .await
            .map_err(|error| error.as_string())
    }

    /// Sends a message over this socket (`SendMessage`, under the REST send's rules): no
    /// HTTP request per message. A socket lost before the answer is a network failure, so the
    /// caller retries with the same `clientMessageId` and the message is stored once.
    pub async fn send_message(
        &self,
        conversation_id: &str,
        request: &SendMessageRequest,
    ) -> Result<Message, ClientError> {
        let mut arguments: Vec<JsValue> = [
            conversation_id,
            request.content.as_str(),
            request.client_message_id.as_deref().unwrap_or_default(),
        ]
        .map(JsValue::from_str)
        .into();
        if !request.attachments.is_empty() {
            let ids: Vec<JsValue> = request
                .attachments
                .iter()
                .map(|id| JsValue::from_str(id))
                .collect();
            arguments.extend([JsValue::FALSE, crate::json::array(&ids)]);
        }
        let arguments: Vec<&JsValue> = arguments.iter().collect();
        match self.call(methods::SEND_MESSAGE, &arguments).await {
            Ok(stored) => Message::from_js(&stored)
                .ok_or_else(|| ClientError::Network(String::from("unreadable answer"))),
            Err(Some(refusal)) => Err(ClientError::from_hub_error(&refusal)),
            Err(None) => Err(ClientError::Network(String::from("the connection dropped"))),
        }
    }

    /// Settles the call `invocation_id` names (a late or unknown one changes nothing).
    fn complete(&self, invocation_id: &str, outcome: Result<JsValue, String>) {
        let mut inner = self.0.borrow_mut();
        let Some(index) = inner
            .calls
            .iter()
            .position(|call| call.invocation_id == invocation_id)
        else {
            return;
        };
        let call = inner.calls.swap_remove(index);
        drop(inner);
        let _ = match outcome {
            Ok(result) => call.resolve.call1(&JsValue::NULL, &result),
            Err(error) => call
                .reject
                .call1(&JsValue::NULL, &JsValue::from_str(&error)),
        };
    }

    /// Every waiting call fails as disconnected: its completion cannot come on a new socket.
    fn abandon_calls(&self) {
        let calls = std::mem::take(&mut self.0.borrow_mut().calls);
        for call in calls {
            let _ = call.reject.call1(&JsValue::NULL, &JsValue::NULL);
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
        if let Some((timer, _tick)) = self.0.borrow_mut().keepalive.take()
            && let Some(window) = web_sys::window()
        {
            window.clear_interval_with_handle(timer);
        }
        (self.0.borrow().on_status)(HubStatus::Closed);
    }

    fn drop_socket(&self) {
        self.abandon_calls();
        let mut inner = self.0.borrow_mut();
        if let Some(live) = inner.socket.take() {
            // Detached and closed now; freed later (its handler may be the one running).
            live.socket.set_onopen(None);
            live.socket.set_onmessage(None);
            live.socket.set_onclose(None);
            let _ = live.socket.close();
            inner.retired = Some(live);
        }
        inner.session.restart();
    }

    fn connect(&self) {
        if self.0.borrow().closed {
            return;
        }
        // Not inside any socket handler here, so the last socket's handlers can go.
        self.0.borrow_mut().retired = None;
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
                let _ = socket.send_with_str(ClientSession::<E>::opening_frame());
            }
        });
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new({
            let weak = self.weak();
            move |event: MessageEvent| {
                if let (Some(this), Some(text)) = (Self::upgrade(&weak), event.data().as_string()) {
                    this.on_text(&text);
                }
            }
        });
        let on_close = Closure::<dyn FnMut(CloseEvent)>::new({
            let weak = self.weak();
            move |_: CloseEvent| {
                let Some(this) = Self::upgrade(&weak) else {
                    return;
                };
                let mut inner = this.0.borrow_mut();
                inner.retired = inner.socket.take();
                drop(inner);
                this.abandon_calls();
                this.schedule_reconnect();
            }
        });
        socket.set_onopen(Some(on_open.as_ref().unchecked_ref()));
        socket.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        socket.set_onclose(Some(on_close.as_ref().unchecked_ref()));
        let mut inner = self.0.borrow_mut();
        inner.session.restart();
        inner.last_heard = js_sys::Date::now();
        inner.socket = Some(LiveSocket {
            socket,
            _on_open: on_open,
            _on_message: on_message,
            _on_close: on_close,
        });
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
                ClientEffect::Completion {
                    invocation_id,
                    outcome,
                } => self.complete(&invocation_id, outcome),
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
        let weak = self.weak();
        let tick = Closure::<dyn FnMut()>::new(move || {
            let Some(this) = Self::upgrade(&weak) else {
                return;
            };
            let (socket, silent) = {
                let inner = this.0.borrow();
                (
                    inner
                        .socket
                        .as_ref()
                        .map(|live| live.socket.clone())
                        .filter(|_| inner.session.handshaken),
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
        let timer = web_sys::window().and_then(|window| {
            window
                .set_interval_with_callback_and_timeout_and_arguments_0(
                    tick.as_ref().unchecked_ref(),
                    KEEPALIVE_MS,
                )
                .ok()
        });
        self.0.borrow_mut().keepalive = timer.map(|timer| (timer, tick));
    }
}

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

    wasm_bindgen_test_configure!(run_in_browser);

    use super::*;

    #[wasm_bindgen_test(unsupported = test)]
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

/// Reading records needs the browser's JSON: these run in Chromium.
#[cfg(all(test, target_arch = "wasm32"))]
mod browser_tests {
    use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

    wasm_bindgen_test_configure!(run_in_browser);

    use super::*;
    use parley_shared_types::hub::{HubMessage, TypingStopped, events};
    use parley_shared_types::message::{Message, SenderType};

    /// What a test app reads: new messages by `seq`, typing stops by sender.
    #[derive(Debug, Clone, PartialEq)]
    enum Seen {
        Message(u64),
        TypingStopped(String),
    }

    impl HubEvent for Seen {
        fn from_invocation(target: &str, argument: &JsValue) -> Option<Self> {
            match target {
                events::RECEIVE_MESSAGE => {
                    json::number(argument, "seq").map(|seq| Seen::Message(seq as u64))
                }
                events::TYPING_STOPPED => {
                    json::string(argument, "senderId").map(Seen::TypingStopped)
                }
                _ => None,
            }
        }

        fn message_seq(&self) -> Option<u64> {
            match self {
                Seen::Message(seq) => Some(*seq),
                Seen::TypingStopped(_) => None,
            }
        }
    }

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
            sources: Vec::new(),
            private: false,
            attachments: Vec::new(),
        }
    }

    /// A new-message record as the edge writes it.
    fn frame(seq: u64) -> String {
        ServerEvent::ReceiveMessage(message(seq))
            .to_invocation()
            .to_frame()
    }

    fn session(handshaken: bool, last_seq: Option<u64>) -> ClientSession<Seen> {
        ClientSession {
            handshaken,
            ..ClientSession::new(last_seq)
        }
    }

    #[wasm_bindgen_test]
    fn the_opening_frame_asks_for_the_json_protocol() {
        assert_eq!(
            ClientSession::<Seen>::opening_frame(),
            "{\"protocol\":\"json\",\"version\":1}\u{1e}"
        );
    }

    #[wasm_bindgen_test]
    fn handshake_then_events_in_order() {
        let mut session = session(false, None);
        let effects = session.receive(&format!("{{}}\u{1e}{}", frame(1)));
        assert_eq!(
            effects,
            [
                ClientEffect::Handshaken,
                ClientEffect::Event(Seen::Message(1))
            ]
        );
        assert_eq!(session.last_seq, Some(1));
    }

    #[wasm_bindgen_test]
    fn a_message_seen_before_is_not_delivered_twice() {
        let mut session = session(true, Some(2));
        let effects = session.receive(&format!("{}{}{}", frame(2), frame(3), frame(3)));
        assert_eq!(effects, [ClientEffect::Event(Seen::Message(3))]);
        assert_eq!(session.last_seq, Some(3));
    }

    #[wasm_bindgen_test]
    fn other_events_pass_and_do_not_move_the_bookmark() {
        let mut session = session(true, Some(2));
        let stopped = ServerEvent::TypingStopped(TypingStopped {
            sender_id: "a".into(),
            conversation_id: None,
        });
        assert_eq!(
            session.receive(&stopped.to_invocation().to_frame()),
            [ClientEffect::Event(Seen::TypingStopped("a".into()))]
        );
        assert_eq!(session.last_seq, Some(2));
    }

    #[wasm_bindgen_test]
    fn a_restart_handshakes_again_and_keeps_the_bookmark() {
        let mut session = session(true, Some(9));
        session.restart();
        assert_eq!(session.receive("{}\u{1e}"), [ClientEffect::Handshaken]);
        assert_eq!(session.last_seq, Some(9));
    }

    #[wasm_bindgen_test]
    fn a_refused_handshake_is_final_and_a_close_says_whether_to_retry() {
        let mut fresh = session(false, None);
        let refused = fresh.receive("{\"error\":\"unsupported\"}\u{1e}");
        assert_eq!(
            refused,
            [ClientEffect::ServerClosed {
                error: Some("unsupported".into()),
                allow_reconnect: false
            }]
        );
        let mut garbled = session(false, None);
        assert_eq!(
            garbled.receive("<html>\u{1e}"),
            [ClientEffect::ServerClosed {
                error: Some("unreadable handshake".into()),
                allow_reconnect: true
            }]
        );
        let mut live = session(true, None);
        let closed =
            live.receive("{\"type\":7,\"error\":\"restarting\",\"allowReconnect\":true}\u{1e}");
        assert_eq!(
            closed,
            [ClientEffect::ServerClosed {
                error: Some("restarting".into()),
                allow_reconnect: true
            }]
        );
        assert_eq!(
            live.receive("{\"type\":7}\u{1e}"),
            [ClientEffect::ServerClosed {
                error: None,
                allow_reconnect: false
            }]
        );
    }

    #[wasm_bindgen_test]
    fn pings_garbage_and_unknown_events_are_not_events() {
        let mut session = session(true, None);
        let noise = "{\"type\":6}\u{1e}{\"type\":1,\"target\":\"Later\",\"arguments\":[{}]}\u{1e}not json\u{1e}{\"type\":1,\"target\":\"ReceiveMessage\"}\u{1e}";
        assert!(session.receive(noise).is_empty());
    }

    #[wasm_bindgen_test]
    fn invocations_are_what_signalr_writes() {
        let expected = HubMessage::Invocation {
            invocation_id: None,
            target: "TypingStart".into(),
            arguments: vec![serde_json::Value::from("c-1")],
        };
        assert_eq!(invocation_frame("TypingStart", "c-1"), expected.to_frame());
    }

    #[wasm_bindgen_test]
    fn calls_carry_their_id_and_completions_come_back_by_it() {
        let expected = HubMessage::Invocation {
            invocation_id: Some("7".into()),
            target: "SendMessage".into(),
            arguments: vec!["c-1".into(), "hi".into(), "m-1".into()],
        };
        let arguments = ["c-1", "hi", "m-1"].map(JsValue::from_str);
        assert_eq!(
            call_frame("SendMessage", "7", &arguments.each_ref()),
            expected.to_frame()
        );

        let mut session = session(true, None);
        let answers = "{\"type\":3,\"invocationId\":\"7\",\"result\":{\"seq\":4}}\u{1e}{\"type\":3,\"invocationId\":\"8\",\"error\":\"CONFLICT: closed\"}\u{1e}";
        let effects = session.receive(answers);
        assert!(matches!(
            &effects[0],
            ClientEffect::Completion { invocation_id, outcome: Ok(result) }
                if invocation_id == "7" && json::number(result, "seq") == Some(4.0)
        ));
        assert_eq!(
            effects[1],
            ClientEffect::Completion {
                invocation_id: "8".into(),
                outcome: Err("CONFLICT: closed".into()),
            }
        );
    }
}
