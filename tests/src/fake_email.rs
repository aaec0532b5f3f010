//! A local email API speaking Resend's wire format: `POST /emails` with `Authorization: Bearer
//! <key>` and `{from, to: [..], subject, text | html}`, answering `{"id"}`; a wrong key is 401
//! and a missing field 422, in Resend's error shape (`{statusCode, name, message}`).

use axum::Router;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use serde::Deserialize;
use serde_json::json;
use std::sync::{Arc, Mutex};

/// One email the fake accepted.
#[derive(Debug, Clone, Deserialize)]
pub struct SentEmail {
    pub from: String,
    pub to: Vec<String>,
    pub subject: String,
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub html: Option<String>,
}

pub struct FakeEmail {
    /// What `EMAIL_API_URL` is set to.
    pub base_url: String,
    pub api_key: String,
    sent: Arc<Mutex<Vec<SentEmail>>>,
    server: tokio::task::JoinHandle<()>,
}

impl FakeEmail {
    pub async fn start() -> crate::Result<FakeEmail> {
        let (listener, port) = crate::process::loopback_listener().await?;
        let api_key = format!("re_{}", uuid::Uuid::new_v4().simple());
        let sent = Arc::new(Mutex::new(Vec::new()));
        let (store, expected) = (sent.clone(), format!("Bearer {api_key}"));
        let app = Router::new().route(
            "/emails",
            post(move |headers: HeaderMap, body: String| {
                let (store, expected) = (store.clone(), expected.clone());
                async move { accept(&store, &expected, &headers, &body) }
            }),
        );
        let server = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Ok(FakeEmail {
            base_url: format!("http://127.0.0.1:{port}"),
            api_key,
            sent,
            server,
        })
    }

    /// Every accepted email to `address`, oldest first.
    pub fn sent_to(&self, address: &str) -> Vec<SentEmail> {
        self.sent
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .iter()
            .filter(|email| email.to.iter().any(|to| to.eq_ignore_ascii_case(address)))
            .cloned()
            .collect()
    }
}

impl Drop for FakeEmail {
    fn drop(&mut self) {
        self.server.abort();
    }
}

fn error(status: StatusCode, name: &str, message: &str) -> Response {
    let body = json!({"statusCode": status.as_u16(), "name": name, "message": message});
    json_response(status, &body)
}

fn accept(
    store: &Mutex<Vec<SentEmail>>,
    expected: &str,
    headers: &HeaderMap,
    body: &str,
) -> Response {
    let authorization = headers.get("authorization").and_then(|v| v.to_str().ok());
    if authorization != Some(expected) {
        return error(
            StatusCode::UNAUTHORIZED,
            "validation_error",
            "API key is invalid",
        );
    }
    let email: SentEmail = match serde_json::from_str(body) {
        Ok(email) => email,
        Err(e) => {
            return error(
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation_error",
                &e.to_string(),
            );
        }
    };
    if email.to.is_empty() || (email.text.is_none() && email.html.is_none()) {
        return error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_error",
            "`to` and one of `text` or `html` are required",
        );
    }
    store.lock().unwrap_or_else(|p| p.into_inner()).push(email);
    json_response(
        StatusCode::OK,
        &json!({"id": uuid::Uuid::new_v4().to_string()}),
    )
}

fn json_response(status: StatusCode, body: &serde_json::Value) -> Response {
    (
        status,
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response()
}
