//! A SignalR JSON-protocol client for `/hubs/chat`, for tests that watch events arrive.

use futures_util::{SinkExt, StreamExt};
use parley_shared_types::hub::{
    HandshakeRequest, HandshakeResponse, HubMessage, MessageDelta, ServerEvent, frames, methods,
};
use parley_shared_types::message::{Message, SenderType};
use serde_json::Value;
use std::collections::VecDeque;
use std::time::Duration;
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message as WsMessage;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::handshake::client::Request as ClientRequest;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream, connect_async};

/// Long enough for a cold Durable Object under a loaded CI machine; a pass is usually instant.
pub const EVENT_TIMEOUT: Duration = Duration::from_secs(15);

pub struct HubClient {
    socket: WebSocketStream<MaybeTlsStream<TcpStream>>,
    pending: VecDeque<String>,
    /// Invocations sent so far, for their ids.
    invocations: u64,
}

impl HubClient {
    /// Opens the socket without a handshake (for protocol tests).
    pub async fn open(url: &str) -> crate::Result<HubClient> {
        let request = url
            .into_client_request()
            .map_err(|e| format!("connect {url}: {e}"))?;
        HubClient::open_request(request).await
    }

    async fn open_request(request: ClientRequest) -> crate::Result<HubClient> {
        let url = request.uri().to_string();
        let (socket, _) = connect_async(request)
            .await
            .map_err(|e| format!("connect {url}: {e}"))?;
        Ok(HubClient {
            socket,
            pending: VecDeque::new(),
            invocations: 0,
        })
    }

    /// Opens the socket and completes the JSON protocol handshake.
    pub async fn connect(url: &str) -> crate::Result<HubClient> {
        HubClient::open(url).await?.handshake().await
    }

    /// Like [`connect`](Self::connect), authenticated by an API key in `X-API-KEY` (what a
    /// server-side client can send on the upgrade request).
    pub async fn connect_with_api_key(url: &str, key: &str) -> crate::Result<HubClient> {
        HubClient::connect_with_header(url, "x-api-key", key).await
    }

    /// Like [`connect`](Self::connect), from the address `client_ip` (as `wrangler dev`
    /// passes `CF-Connecting-IP` through), so each simulated visitor has their own per-IP
    /// limit.
    pub async fn connect_from(url: &str, client_ip: &str) -> crate::Result<HubClient> {
        HubClient::connect_with_header(url, "cf-connecting-ip", client_ip).await
    }

    async fn connect_with_header(
        url: &str,
        name: &'static str,
        value: &str,
    ) -> crate::Result<HubClient> {
        let mut request = url
            .into_client_request()
            .map_err(|e| format!("connect {url}: {e}"))?;
        let value = value.parse().map_err(|e| format!("{name} header: {e}"))?;
        request.headers_mut().insert(name, value);
        HubClient::open_request(request).await?.handshake().await
    }

    async fn handshake(mut self) -> crate::Result<HubClient> {
        self.send_raw(&HandshakeRequest::json().to_frame()).await?;
        let answer: HandshakeResponse = serde_json::from_str(&self.next_record().await?)
            .map_err(|e| format!("handshake answer: {e}"))?;
        match answer.error {
            None => Ok(self),
            Some(error) => Err(format!("handshake refused: {error}")),
        }
    }

    pub async fn send_raw(&mut self, payload: &str) -> crate::Result<()> {
        self.socket
            .send(WsMessage::text(payload))
            .await
            .map_err(|e| format!("send: {e}"))
    }

    /// Calls a hub method with the conversation id, as every method of the contract takes.
    /// With an invocation id the server answers with a completion.
    pub async fn invoke(
        &mut self,
        method: &str,
        conversation_id: &str,
        invocation_id: Option<&str>,
    ) -> crate::Result<()> {
        let call = HubMessage::Invocation {
            invocation_id: invocation_id.map(str::to_owned),
            target: method.to_owned(),
            arguments: vec![Value::from(conversation_id)],
        };
        self.send_raw(&call.to_frame()).await
    }

    /// Sends a message over the socket (`SendMessage`) without asking for a completion.
    pub async fn send_message_unanswered(
        &mut self,
        conversation_id: &str,
        content: &str,
    ) -> crate::Result<()> {
        let call = HubMessage::Invocation {
            invocation_id: None,
            target: methods::SEND_MESSAGE.to_owned(),
            arguments: vec![Value::from(conversation_id), Value::from(content)],
        };
        self.send_raw(&call.to_frame()).await
    }

    /// Sends a message over the socket (`SendMessage`) and waits for its completion: the
    /// stored message, or the error string. Events that arrive meanwhile stay queued.
    pub async fn send_message(
        &mut self,
        conversation_id: &str,
        content: &str,
        client_message_id: Option<&str>,
    ) -> crate::Result<std::result::Result<Message, String>> {
        let arguments = vec![
            Value::from(conversation_id),
            Value::from(content),
            client_message_id.map_or(Value::Null, Value::from),
        ];
        self.call_send_message(arguments).await
    }

    /// Sends a private note over the socket (`SendMessage`'s optional fourth argument) and
    /// waits for its completion, as [`send_message`](Self::send_message) does.
    pub async fn send_note(
        &mut self,
        conversation_id: &str,
        content: &str,
    ) -> crate::Result<std::result::Result<Message, String>> {
        let arguments = vec![
            Value::from(conversation_id),
            Value::from(content),
            Value::Null,
            Value::Bool(true),
        ];
        self.call_send_message(arguments).await
    }

    async fn call_send_message(
        &mut self,
        arguments: Vec<Value>,
    ) -> crate::Result<std::result::Result<Message, String>> {
        Ok(match self.call(methods::SEND_MESSAGE, arguments).await? {
            Ok(Some(message)) => {
                Ok(serde_json::from_value(message)
                    .map_err(|e| format!("completion result: {e}"))?)
            }
            Ok(None) => Err("a completion without the message".into()),
            Err(error) => Err(error),
        })
    }

    /// Invokes `method` and waits for its completion: its result (none for a method that
    /// returns nothing), or the error string. Records that arrive before it stay queued,
    /// in order.
    pub async fn call(
        &mut self,
        method: &str,
        arguments: Vec<Value>,
    ) -> crate::Result<std::result::Result<Option<Value>, String>> {
        self.invocations += 1;
        let invocation_id = format!("call-{}", self.invocations);
        let call = HubMessage::Invocation {
            invocation_id: Some(invocation_id.clone()),
            target: method.to_owned(),
            arguments,
        };
        self.send_raw(&call.to_frame()).await?;
        let mut skipped = Vec::new();
        let answer = loop {
            let record = self.next_record().await?;
            if let HubMessage::Completion {
                invocation_id: answered,
                result,
                error,
            } = HubMessage::parse(&record)?
                && answered == invocation_id
            {
                break match error {
                    None => Ok(result),
                    Some(error) => Err(error),
                };
            }
            skipped.push(record);
        };
        for record in skipped.into_iter().rev() {
            self.pending.push_front(record);
        }
        Ok(answer)
    }

    /// The next record the server sent, waiting at most [`EVENT_TIMEOUT`].
    pub async fn next_record(&mut self) -> crate::Result<String> {
        loop {
            if let Some(record) = self.pending.pop_front() {
                return Ok(record);
            }
            let message = tokio::time::timeout(EVENT_TIMEOUT, self.socket.next())
                .await
                .map_err(|_| format!("no hub record within {EVENT_TIMEOUT:?}"))?
                .ok_or("the hub closed the socket")?
                .map_err(|e| format!("receive: {e}"))?;
            match message {
                WsMessage::Text(text) => self.pending.extend(frames(&text).map(str::to_owned)),
                WsMessage::Close(frame) => {
                    return Err(format!("the hub closed the socket: {frame:?}"));
                }
                _ => {}
            }
        }
    }

    /// The next hub message, skipping pings.
    pub async fn next_message(&mut self) -> crate::Result<HubMessage> {
        loop {
            let message = HubMessage::parse(&self.next_record().await?)?;
            if message != HubMessage::Ping {
                return Ok(message);
            }
        }
    }

    /// The next server event, skipping pings and completions.
    pub async fn next_event(&mut self) -> crate::Result<ServerEvent> {
        loop {
            if let Some(event) = ServerEvent::from_hub_message(&self.next_message().await?) {
                return event;
            }
        }
    }

    /// The next server event that satisfies `wanted`, skipping others (each within
    /// [`EVENT_TIMEOUT`]).
    pub async fn next_event_where(
        &mut self,
        wanted: impl Fn(&ServerEvent) -> bool,
    ) -> crate::Result<ServerEvent> {
        loop {
            let event = self.next_event().await?;
            if wanted(&event) {
                return Ok(event);
            }
        }
    }

    /// The next answer a bot writes: the pieces it streamed, then the stored message.
    pub async fn next_ai_answer(&mut self) -> crate::Result<(Vec<MessageDelta>, Message)> {
        let mut deltas = Vec::new();
        loop {
            match self.next_event().await? {
                ServerEvent::ReceiveMessageDelta(delta) => deltas.push(delta),
                ServerEvent::ReceiveMessage(message) if message.sender_type == SenderType::Ai => {
                    return Ok((deltas, message));
                }
                _ => {}
            }
        }
    }

    /// Asserts nothing but pings arrives within `wait`.
    pub async fn expect_silence(&mut self, wait: Duration) -> crate::Result<()> {
        match tokio::time::timeout(wait, self.next_message()).await {
            Err(_) => Ok(()),
            Ok(Ok(message)) => Err(format!("expected no hub message, got {message:?}")),
            Ok(Err(e)) => Err(e),
        }
    }

    /// Waits for the server to close the socket; returns its close code.
    pub async fn expect_close(&mut self) -> crate::Result<u16> {
        loop {
            let message = tokio::time::timeout(EVENT_TIMEOUT, self.socket.next())
                .await
                .map_err(|_| "the hub did not close the socket".to_owned())?;
            match message {
                Some(Ok(WsMessage::Close(frame))) => {
                    return Ok(frame.map(|f| u16::from(f.code)).unwrap_or(1005));
                }
                Some(Ok(WsMessage::Text(text))) => {
                    self.pending.extend(frames(&text).map(str::to_owned))
                }
                Some(Ok(_)) => {}
                Some(Err(e)) => return Err(format!("receive: {e}")),
                None => return Ok(1006),
            }
        }
    }

    /// Records received but not yet read (e.g. what came before a close).
    pub fn take_pending(&mut self) -> Vec<String> {
        self.pending.drain(..).collect()
    }
}
