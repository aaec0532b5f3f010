//! Calls to the edge with `fetch`. Failures carry the edge's problem JSON, so a UI can say in
//! words what went wrong. Answers are read with the browser's JSON ([`Client::call`]); with
//! the `serde` feature (the admin UI) also as serde types.

use crate::json::{self, FromJs};
use parley_shared_types::problem::{ErrorCode, Problem};
use parley_shared_types::validate;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, Headers, Request, RequestInit, Response, Url};

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
                ErrorCode::RateLimited | ErrorCode::RequestTimeout | ErrorCode::ServerError
            ),
        }
    }

    /// A hub method's refusal, `"<ERROR_CODE>: <detail>"`, as the problem REST would answer.
    pub fn from_hub_error(error: &str) -> ClientError {
        let (code, detail) = error.split_once(": ").unwrap_or_default();
        let code = ErrorCode::parse(code).unwrap_or(ErrorCode::ServerError);
        ClientError::Problem(Box::new(Problem::new(code, detail, "")))
    }

    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            ClientError::Problem(problem) => Some(problem.code),
            ClientError::Network(_) => None,
        }
    }

    /// What went wrong in words a person understands; a server failure keeps its reference
    /// (the `traceId`), which finds the edge's log line when they tell support. Built by
    /// concatenation: the widget shows it and carries no `core::fmt`.
    pub fn message(&self) -> String {
        let ClientError::Problem(problem) = self else {
            return "Could not reach the server. Check your connection and try again.".into();
        };
        match problem.code {
            ErrorCode::ServerError => {
                let mut text = String::from("Something went wrong on our side. Please try again.");
                if !problem.trace_id.is_empty() {
                    text += " (Reference for support: ";
                    text += &problem.trace_id;
                    text += ")";
                }
                text
            }
            ErrorCode::RateLimited => {
                "Too many requests just now. Please wait a moment and try again.".into()
            }
            _ => {
                let mut text = validate::capitalized(&problem.detail);
                if !problem.errors.is_empty() {
                    text += ": ";
                    text += &validate::describe(&problem.errors);
                    text += ".";
                }
                text
            }
        }
    }
}

impl std::fmt::Display for ClientError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

/// A failed answer that is not problem JSON (a proxy's page, a crashed worker's "internal
/// error; reference = …"): its status says what kind of failure it was, and a reference in it
/// is kept for support.
fn unreadable_failure(status: u16, text: &str) -> Problem {
    let code = match status {
        400 => ErrorCode::BadRequest,
        401 => ErrorCode::Unauthorized,
        403 => ErrorCode::Forbidden,
        404 => ErrorCode::NotFound,
        408 => ErrorCode::RequestTimeout,
        409 => ErrorCode::Conflict,
        429 => ErrorCode::RateLimited,
        _ => ErrorCode::ServerError,
    };
    let reference = text
        .split_once("reference")
        .map(|(_, rest)| rest.trim_start_matches([' ', '=', ':']))
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_default();
    Problem::new(code, code.title(), reference)
}

/// The failure a non-2xx answer reports: its problem JSON, or what its status says.
fn failure(status: u16, text: &str) -> ClientError {
    let problem = json::parse(text)
        .and_then(|value| Problem::from_js(&value))
        .unwrap_or_else(|| unreadable_failure(status, text));
    ClientError::Problem(Box::new(problem))
}

fn unreadable_answer() -> ClientError {
    ClientError::Network("unreadable answer".into())
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

    /// `method` on `path` with `body` (a JSON-ready JS value, or none), the answer read as a
    /// `T` (an empty answer is `null`).
    pub async fn call<T: FromJs>(
        &self,
        method: &str,
        path: &str,
        body: Option<&JsValue>,
    ) -> Result<T, ClientError> {
        let body = body.map(json::stringify);
        read_answer(&self.send(method, path, body).await?)
    }

    /// Uploads `file`, its bytes as the body (as `…/attachments` takes it), the answer read
    /// as a `T`.
    pub async fn upload<T: FromJs>(&self, path: &str, file: &Blob) -> Result<T, ClientError> {
        let response = self.respond("POST", path, Some((file, "application/octet-stream")));
        read_answer(&read_text(response.await?).await?)
    }

    /// A URL in this page for the bytes at `path`, read with the token: for an `<img>` or a
    /// download link, which cannot send it. Revoke it (`Url::revoke_object_url`) once unused.
    pub async fn object_url(&self, path: &str) -> Result<String, ClientError> {
        let response = self.respond("GET", path, None).await?;
        let blob = response
            .blob()
            .map(JsFuture::from)
            .map_err(|e| ClientError::Network(describe(&e)))?
            .await
            .map_err(|e| ClientError::Network(describe(&e)))?;
        Url::create_object_url_with_blob(&blob.unchecked_into())
            .map_err(|e| ClientError::Network(describe(&e)))
    }

    /// The answer's text when it succeeded, its problem when it did not.
    async fn send(
        &self,
        method: &str,
        path: &str,
        body: Option<String>,
    ) -> Result<String, ClientError> {
        let body = body.map(|body| JsValue::from_str(&body));
        let body = body.as_ref().map(|body| (body, "application/json"));
        read_text(self.respond(method, path, body).await?).await
    }

    /// The answer when it succeeded; its problem when it did not.
    async fn respond(
        &self,
        method: &str,
        path: &str,
        body: Option<(&JsValue, &str)>,
    ) -> Result<Response, ClientError> {
        let response = self
            .fetch(method, path, body)
            .await
            .map_err(|e| ClientError::Network(describe(&e)))?;
        let status = response.status();
        if (200..300).contains(&status) {
            Ok(response)
        } else {
            Err(failure(status, &read_text(response).await?))
        }
    }

    /// `body` is the value and its content type.
    async fn fetch(
        &self,
        method: &str,
        path: &str,
        body: Option<(&JsValue, &str)>,
    ) -> Result<Response, JsValue> {
        let headers = Headers::new()?;
        headers.set("accept", "application/json")?;
        if let Some(token) = &self.token {
            headers.set("authorization", &(String::from("Bearer ") + token))?;
        }
        let init = RequestInit::new();
        init.set_method(method);
        if let Some((body, content_type)) = body {
            headers.set("content-type", content_type)?;
            init.set_body(body);
        }
        init.set_headers(&headers);
        let request = Request::new_with_str_and_init(&(self.base_url.clone() + path), &init)?;
        let window = web_sys::window().ok_or("no window")?;
        JsFuture::from(window.fetch_with_request(&request))
            .await?
            .dyn_into()
    }
}

/// An answer's text read as a `T` (an empty answer is `null`).
fn read_answer<T: FromJs>(text: &str) -> Result<T, ClientError> {
    let value = if text.is_empty() {
        Some(JsValue::NULL)
    } else {
        json::parse(text)
    };
    value
        .as_ref()
        .and_then(T::from_js)
        .ok_or_else(unreadable_answer)
}

/// An answer's body as text.
async fn read_text(response: Response) -> Result<String, ClientError> {
    let text = response
        .text()
        .map(JsFuture::from)
        .map_err(|e| ClientError::Network(describe(&e)))?
        .await
        .map_err(|e| ClientError::Network(describe(&e)))?;
    Ok(text.as_string().unwrap_or_default())
}

/// Typed calls with serde for the admin UI, whose size is not the widget's budget.
#[cfg(feature = "serde")]
mod typed {
    use super::{Client, ClientError};
    use serde::Serialize;
    use serde::de::DeserializeOwned;

    impl Client {
        pub async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T, ClientError> {
            self.typed("GET", path, None).await
        }

        pub async fn post<B: Serialize, T: DeserializeOwned>(
            &self,
            path: &str,
            body: &B,
        ) -> Result<T, ClientError> {
            self.typed("POST", path, Some(to_json(body)?)).await
        }

        pub async fn put<B: Serialize, T: DeserializeOwned>(
            &self,
            path: &str,
            body: &B,
        ) -> Result<T, ClientError> {
            self.typed("PUT", path, Some(to_json(body)?)).await
        }

        /// A POST without a body (close, mark read).
        pub async fn post_empty<T: DeserializeOwned>(&self, path: &str) -> Result<T, ClientError> {
            self.typed("POST", path, None).await
        }

        pub async fn patch<B: Serialize, T: DeserializeOwned>(
            &self,
            path: &str,
            body: &B,
        ) -> Result<T, ClientError> {
            self.typed("PATCH", path, Some(to_json(body)?)).await
        }

        /// A DELETE: answered `204 No Content` (an empty body reads as `()`) or with what
        /// remains (billing's `remove-agent` answers the updated usage).
        pub async fn delete<T: DeserializeOwned>(&self, path: &str) -> Result<T, ClientError> {
            self.typed("DELETE", path, None).await
        }

        async fn typed<T: DeserializeOwned>(
            &self,
            method: &str,
            path: &str,
            body: Option<String>,
        ) -> Result<T, ClientError> {
            let text = self.send(method, path, body).await?;
            // A 204 has no body; only `()` (or an `Option`) reads it, as `null`.
            let text = if text.is_empty() { "null" } else { &text };
            serde_json::from_str(text)
                .map_err(|e| ClientError::Network(format!("unreadable answer: {e}")))
        }
    }

    fn to_json<B: Serialize>(body: &B) -> Result<String, ClientError> {
        serde_json::to_string(body)
            .map_err(|e| ClientError::Network(format!("could not encode the request: {e}")))
    }
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
    fn only_network_rate_limit_timeout_and_server_failures_are_worth_retrying() {
        assert!(ClientError::Network("offline".into()).is_transient());
        assert!(problem(ErrorCode::RateLimited).is_transient());
        assert!(problem(ErrorCode::RequestTimeout).is_transient());
        assert!(problem(ErrorCode::ServerError).is_transient());
        assert!(!problem(ErrorCode::Conflict).is_transient());
        assert!(!problem(ErrorCode::ValidationFailed).is_transient());
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_hub_refusal_reads_as_the_rest_problem() {
        let refused = ClientError::from_hub_error("CONFLICT: the conversation is closed");
        assert_eq!(refused.code(), Some(ErrorCode::Conflict));
        assert_eq!(refused.to_string(), "The conversation is closed");
        let garbled = ClientError::from_hub_error("no code here");
        assert_eq!(garbled.code(), Some(ErrorCode::ServerError));
        assert!(garbled.is_transient());
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn reads_as_a_person_would_say_it() {
        assert_eq!(
            problem(ErrorCode::Conflict).to_string(),
            "The conversation is closed; start a new one"
        );
        assert_eq!(
            ClientError::Network("offline".into()).to_string(),
            "Could not reach the server. Check your connection and try again."
        );
        let failed = ClientError::Problem(Box::new(Problem::new(
            ErrorCode::ServerError,
            "the server failed to answer this request",
            "4bf92f35",
        )));
        assert_eq!(
            failed.to_string(),
            "Something went wrong on our side. Please try again. (Reference for support: 4bf92f35)"
        );
        let mut invalid = Problem::new(
            ErrorCode::ValidationFailed,
            "the integration is invalid",
            "t",
        );
        invalid.errors.insert(
            "baseUrl".into(),
            vec!["is required for an openai integration".into()],
        );
        invalid.errors.insert(
            "settings.maxTokens".into(),
            vec!["must be at least 1".into()],
        );
        assert_eq!(
            ClientError::Problem(Box::new(invalid)).to_string(),
            "The integration is invalid: Base URL is required for an openai integration; max tokens must be at least 1."
        );
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn an_answer_that_is_not_problem_json_is_still_a_problem_with_its_reference() {
        let crashed = unreadable_failure(500, "internal error; reference = 0a1b2c3d4e");
        assert_eq!(
            (crashed.code, crashed.trace_id.as_str()),
            (ErrorCode::ServerError, "0a1b2c3d4e")
        );
        let proxy = unreadable_failure(429, "<html>slow down</html>");
        assert_eq!(
            (proxy.code, proxy.trace_id.as_str()),
            (ErrorCode::RateLimited, "")
        );
        assert!(
            !ClientError::Problem(Box::new(proxy))
                .to_string()
                .contains("html")
        );
    }
}
