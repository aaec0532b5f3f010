//! A typed HTTP client for the edge: requests and answers are shared-types DTOs.

use parley_shared_types::problem::{PROBLEM_CONTENT_TYPE, Problem};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// What an endpoint answered: the expected body, or problem JSON.
#[derive(Debug)]
pub enum Answer<T> {
    Ok(u16, T),
    Problem(u16, Problem),
}

impl<T: std::fmt::Debug> Answer<T> {
    /// The body, after checking the status.
    #[track_caller]
    pub fn expect_status(self, status: u16) -> T {
        match self {
            Answer::Ok(got, body) if got == status => body,
            other => panic!("expected {status}, got {other:?}"),
        }
    }

    /// The problem, after checking the status.
    #[track_caller]
    pub fn expect_problem(self, status: u16) -> Problem {
        match self {
            Answer::Problem(got, problem) if got == status && problem.status == status => problem,
            other => panic!("expected a {status} problem, got {other:?}"),
        }
    }

    pub fn status(&self) -> u16 {
        match self {
            Answer::Ok(status, _) | Answer::Problem(status, _) => *status,
        }
    }
}

/// One client of the edge: its credentials and its own address. Cloudflare sets
/// `CF-Connecting-IP` from the real peer; `wrangler dev` passes ours through, which lets each
/// simulated client count against its own per-IP rate limit, as real visitors do.
#[derive(Clone)]
pub struct Api {
    pub base_url: String,
    pub http: reqwest::Client,
    pub token: Option<String>,
    pub client_ip: String,
    /// The sub-account it acts in (`X-RunAs-UserId`), if any.
    pub run_as: Option<String>,
}

impl Api {
    pub fn new(base_url: &str) -> Api {
        let octets = uuid::Uuid::new_v4().into_bytes();
        Api {
            base_url: base_url.to_owned(),
            http: reqwest::Client::new(),
            token: None,
            client_ip: format!("10.{}.{}.{}", octets[0], octets[1], octets[2]),
            run_as: None,
        }
    }

    /// The same client, acting in the sub-account `child_id` (`X-RunAs-UserId`).
    pub fn run_as(&self, child_id: &str) -> Api {
        Api {
            run_as: Some(child_id.to_owned()),
            ..self.clone()
        }
    }

    /// The same client, presenting `token` as its bearer credential.
    pub fn with_token(&self, token: &str) -> Api {
        Api {
            token: Some(token.to_owned()),
            ..self.clone()
        }
    }

    /// The same client without credentials.
    pub fn anonymous(&self) -> Api {
        Api {
            token: None,
            ..self.clone()
        }
    }

    pub async fn get<T: DeserializeOwned>(&self, path: &str) -> Answer<T> {
        self.send(self.request(reqwest::Method::GET, path)).await
    }

    pub async fn post<B: Serialize, T: DeserializeOwned>(&self, path: &str, body: &B) -> Answer<T> {
        self.send(self.request(reqwest::Method::POST, path).json(body))
            .await
    }

    pub async fn put<B: Serialize, T: DeserializeOwned>(&self, path: &str, body: &B) -> Answer<T> {
        self.send(self.request(reqwest::Method::PUT, path).json(body))
            .await
    }

    pub async fn patch<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Answer<T> {
        self.send(self.request(reqwest::Method::PATCH, path).json(body))
            .await
    }

    pub async fn delete<T: DeserializeOwned>(&self, path: &str) -> Answer<T> {
        self.send(self.request(reqwest::Method::DELETE, path)).await
    }

    /// A POST without a body (close, mark read).
    pub async fn post_empty<T: DeserializeOwned>(&self, path: &str) -> Answer<T> {
        self.send(self.request(reqwest::Method::POST, path)).await
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    /// A request carrying this client's address and credentials.
    pub fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        let request = self
            .http
            .request(method, self.url(path))
            .header("cf-connecting-ip", &self.client_ip);
        let request = match &self.run_as {
            Some(child_id) => request.header("x-runas-userid", child_id),
            None => request,
        };
        match &self.token {
            Some(token) => request.bearer_auth(token),
            None => request,
        }
    }

    /// Sends any request and reads the answer as `T` or as problem JSON (checking its media type).
    pub async fn send<T: DeserializeOwned>(&self, request: reqwest::RequestBuilder) -> Answer<T> {
        let response = request
            .send()
            .await
            .unwrap_or_else(|e| panic!("the edge did not answer: {e}"));
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let body = response.text().await.unwrap_or_default();
        if content_type.starts_with(PROBLEM_CONTENT_TYPE) {
            let problem = serde_json::from_str(&body)
                .unwrap_or_else(|e| panic!("bad problem JSON ({e}): {body}"));
            return Answer::Problem(status, problem);
        }
        // An empty answer (204) reads as JSON null.
        let body = if body.is_empty() {
            "null".to_owned()
        } else {
            body
        };
        match serde_json::from_str(&body) {
            Ok(value) => Answer::Ok(status, value),
            Err(e) => panic!(
                "{status} answer is not the expected JSON ({e}; content-type {content_type:?}): {body}"
            ),
        }
    }
}
