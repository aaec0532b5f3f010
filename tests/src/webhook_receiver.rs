//! A customer's webhook endpoint on this machine: records every request it gets and answers
//! 500 to the first `failures` of them, then 200.

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::sync::atomic::{AtomicU16, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// One request as received.
#[derive(Debug, Clone)]
pub struct Received {
    pub headers: HeaderMap,
    pub body: String,
}

impl Received {
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }

    /// Whether `Parley-Signature` signs this body with `secret`, checked by the README's
    /// recipe: split it into `t` and `v1`, compute HMAC-SHA256(secret, "<t>.<raw body>") and
    /// compare in constant time.
    pub fn signed_with(&self, secret: &str) -> bool {
        let header = self.header("parley-signature");
        let field = |name: &str| {
            header
                .split(',')
                .find_map(|part| part.strip_prefix(name)?.strip_prefix('='))
                .unwrap_or_default()
                .to_owned()
        };
        let (timestamp, v1) = (field("t"), field("v1"));
        let Some(expected) = (0..v1.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(v1.get(i..i + 2)?, 16).ok())
            .collect::<Option<Vec<u8>>>()
        else {
            return false;
        };
        let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
        mac.update(format!("{timestamp}.{}", self.body).as_bytes());
        mac.verify_slice(&expected).is_ok()
    }
}

#[derive(Clone, Default)]
struct Inbox {
    received: Arc<Mutex<Vec<Received>>>,
    failures_left: Arc<AtomicUsize>,
    /// Every later request is answered this status (0: none set).
    always: Arc<AtomicU16>,
}

pub struct WebhookReceiver {
    pub url: String,
    inbox: Inbox,
    server: tokio::task::JoinHandle<()>,
}

impl WebhookReceiver {
    pub async fn start(failures: usize) -> WebhookReceiver {
        let inbox = Inbox::default();
        inbox.failures_left.store(failures, Ordering::SeqCst);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/hook", listener.local_addr().unwrap());
        let app = Router::new()
            .route("/hook", post(receive))
            .with_state(inbox.clone());
        let server = tokio::spawn(async move {
            axum::serve(listener, app).await.unwrap();
        });
        WebhookReceiver { url, inbox, server }
    }

    /// Answers every later request with `status` (a receiver that turned its key off: 401).
    pub fn answer_always(&self, status: u16) {
        self.inbox.always.store(status, Ordering::SeqCst);
    }

    pub fn received(&self) -> Vec<Received> {
        self.inbox.received.lock().unwrap().clone()
    }

    /// Waits (up to a generous bound) until at least `count` requests arrived.
    pub async fn wait_for(&self, count: usize) -> Vec<Received> {
        for _ in 0..300 {
            let received = self.received();
            if received.len() >= count {
                return received;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!(
            "expected {count} webhook requests, got {:?}",
            self.received()
        );
    }
}

impl Drop for WebhookReceiver {
    fn drop(&mut self) {
        self.server.abort();
    }
}

async fn receive(State(inbox): State<Inbox>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let body = String::from_utf8_lossy(&body).into_owned();
    inbox
        .received
        .lock()
        .unwrap()
        .push(Received { headers, body });
    if let Ok(status) = StatusCode::from_u16(inbox.always.load(Ordering::SeqCst)) {
        return status;
    }
    let failing = inbox
        .failures_left
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
        .is_ok();
    if failing {
        StatusCode::INTERNAL_SERVER_ERROR
    } else {
        StatusCode::OK
    }
}
