//! Typed calls to the edge with `fetch`. Failures carry the edge's problem JSON, so a UI can
//! say in words what went wrong.

use parley_shared_types::problem::{ErrorCode, Problem};
use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Headers, Request, RequestInit, Response};

/// Why a call failed: the edge's problem, or no answer at all.
#[derive(Debug, Clone, PartialEq)]
pub enum ClientError {
    /// The edge answered with an error (problem JSON).
    Problem(Box<Problem>),
    /// No usable answer: offline, blocked, or not JSON. Worth retrying.
    Network(String),
}

impl ClientError {
    /// Whether the same request may succeed later (network trouble, rate limits, server errors).
    pub fn is_transient(&self) -> bool {
        match self {
            ClientError::Network(_) => true,
            ClientError::Problem(problem) => matches!(
                problem.code,
                ErrorCode::RateLimited | ErrorCode::ServerError
            ),
        }
    }

    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            ClientError::Problem(problem) => Some(problem.code),
            ClientError::Network(_) => None,
        }
    }
}

impl std::fmt::Display for ClientError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ClientError::Problem(problem) => f.write_str(&problem.detail),
            ClientError::Network(why) => write!(f, "could not reach the server ({why})"),
        }
    }
}

/// The edge at `base_url` (no trailing slash), optionally with a bearer token.
#[derive(Debug, Clone, PartialEq)]
pub struct Client {
    pub base_url: String,
    pub token: Option<String>,
}

impl Client {
    pub fn new(base_url: impl Into<String>) -> Client {
        Client {
            base_url: base_url.into(),
            token: None,
        }
    }

    pub fn with_token(&self, token: impl Into<String>) -> Client {
        Client {
            token: Some(token.into()),
            ..self.clone()
        }
    }

    pub async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T, ClientError> {
        self.send("GET", path, None).await
    }

    pub async fn post<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<T, ClientError> {
        self.send("POST", path, Some(to_json(body)?)).await
    }

    pub async fn put<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<T, ClientError> {
        self.send("PUT", path, Some(to_json(body)?)).await
    }

    /// A POST without a body (close, mark read).
    pub async fn post_empty<T: DeserializeOwned>(&self, path: &str) -> Result<T, ClientError> {
        self.send("POST", path, None).await
    }

    pub async fn patch<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<T, ClientError> {
        self.send("PATCH", path, Some(to_json(body)?)).await
    }

    /// A DELETE, answered `204 No Content` (an empty body reads as `()`).
    pub async fn delete(&self, path: &str) -> Result<(), ClientError> {
        self.send("DELETE", path, None).await
    }

    async fn send<T: DeserializeOwned>(
        &self,
        method: &str,
        path: &str,
        body: Option<String>,
    ) -> Result<T, ClientError> {
        let text = self
            .fetch(method, path, body)
            .await
            .map_err(|e| ClientError::Network(describe(&e)))?;
        let (ok, text) = text;
        if ok {
            // A 204 has no body; only `()` (or an `Option`) reads it, as `null`.
            let text = if text.is_empty() { "null" } else { &text };
            serde_json::from_str(text)
                .map_err(|e| ClientError::Network(format!("unreadable answer: {e}")))
        } else {
            let problem = serde_json::from_str(&text)
                .map_err(|_| ClientError::Network(format!("unexpected answer: {text:.200}")))?;
            Err(ClientError::Problem(Box::new(problem)))
        }
    }

    async fn fetch(
        &self,
        method: &str,
        path: &str,
        body: Option<String>,
    ) -> Result<(bool, String), JsValue> {
        let headers = Headers::new()?;
        headers.set("accept", "application/json")?;
        if let Some(token) = &self.token {
            headers.set("authorization", &format!("Bearer {token}"))?;
        }
        let init = RequestInit::new();
        init.set_method(method);
        if let Some(body) = &body {
            headers.set("content-type", "application/json")?;
            init.set_body(&JsValue::from_str(body));
        }
        init.set_headers(&headers);
        let request = Request::new_with_str_and_init(&format!("{}{path}", self.base_url), &init)?;
        let window = web_sys::window().ok_or("no window")?;
        let response: Response = JsFuture::from(window.fetch_with_request(&request))
            .await?
            .dyn_into()?;
        let text = JsFuture::from(response.text()?)
            .await?
            .as_string()
            .unwrap_or_default();
        Ok((response.ok(), text))
    }
}

fn to_json<B: Serialize>(body: &B) -> Result<String, ClientError> {
    serde_json::to_string(body)
        .map_err(|e| ClientError::Network(format!("could not encode the request: {e}")))
}

fn describe(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "network error".into())
}

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

    wasm_bindgen_test_configure!(run_in_browser);

    use super::*;

    fn problem(code: ErrorCode) -> ClientError {
        ClientError::Problem(Box::new(Problem::new(
            code,
            "the conversation is closed; start a new one",
            "t",
        )))
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn only_network_rate_limit_and_server_failures_are_worth_retrying() {
        assert!(ClientError::Network("offline".into()).is_transient());
        assert!(problem(ErrorCode::RateLimited).is_transient());
        assert!(problem(ErrorCode::ServerError).is_transient());
        assert!(!problem(ErrorCode::Conflict).is_transient());
        assert!(!problem(ErrorCode::ValidationFailed).is_transient());
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn reads_as_the_edge_said_it() {
        assert_eq!(
            problem(ErrorCode::Conflict).to_string(),
            "the conversation is closed; start a new one"
        );
        assert_eq!(
            ClientError::Network("offline".into()).to_string(),
            "could not reach the server (offline)"
        );
    }
}
