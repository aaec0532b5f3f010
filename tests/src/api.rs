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
}

#[derive(Clone)]
pub struct Api {
    pub base_url: String,
    pub http: reqwest::Client,
}

impl Api {
    pub fn new(base_url: &str) -> Api {
        Api {
            base_url: base_url.to_owned(),
            http: reqwest::Client::new(),
        }
    }

    pub async fn get<T: DeserializeOwned>(&self, path: &str) -> Answer<T> {
        self.send(self.http.get(self.url(path))).await
    }

    pub async fn post<B: Serialize, T: DeserializeOwned>(&self, path: &str, body: &B) -> Answer<T> {
        self.send(self.http.post(self.url(path)).json(body)).await
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
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
        match serde_json::from_str(&body) {
            Ok(value) => Answer::Ok(status, value),
            Err(e) => panic!(
                "{status} answer is not the expected JSON ({e}; content-type {content_type:?}): {body}"
            ),
        }
    }
}
