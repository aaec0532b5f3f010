//! What a call can fail with: above all the RFC 9457 problem Parley answers every failure
//! with, whose `code` is stable (branch on it, never on `detail`).

use parley_shared_types::problem::{ErrorCode, PROBLEM_CONTENT_TYPE, Problem};
use reqwest::{Response, header};

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug)]
pub enum Error {
    /// Parley refused or failed the request and said why (boxed: it is the largest variant).
    Problem(Box<Problem>),
    /// The request did not get an answer (connection, TLS, timeout).
    Transport(reqwest::Error),
    /// An answer that is neither the type asked for nor a problem (a proxy's error page, or
    /// a server of another version).
    Unexpected { status: u16, body: String },
}

impl Error {
    /// The problem's stable code, when Parley answered one.
    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            Error::Problem(problem) => Some(problem.code),
            _ => None,
        }
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Problem(problem) => write!(
                f,
                "{} {}: {} (trace {})",
                problem.status,
                problem.code.as_str(),
                problem.detail,
                problem.trace_id
            ),
            Error::Transport(error) => write!(f, "no answer from Parley: {error}"),
            Error::Unexpected { status, body } => write!(f, "unexpected {status} answer: {body}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Transport(error) => Some(error),
            _ => None,
        }
    }
}

impl From<reqwest::Error> for Error {
    fn from(error: reqwest::Error) -> Self {
        Error::Transport(error)
    }
}

/// `response` when it succeeded; otherwise the problem it carries.
pub(crate) async fn success(response: Response) -> Result<Response> {
    let status = response.status();
    if status.is_success() {
        return Ok(response);
    }
    let is_problem = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with(PROBLEM_CONTENT_TYPE));
    let body = response.text().await?;
    Err(problem_or_unexpected(status.as_u16(), is_problem, body))
}

fn problem_or_unexpected(status: u16, is_problem: bool, body: String) -> Error {
    match serde_json::from_str(&body) {
        Ok(problem) if is_problem => Error::Problem(Box::new(problem)),
        _ => Error::Unexpected { status, body },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_problem_body_is_a_typed_problem_and_anything_else_is_unexpected() {
        let problem = Problem::new(ErrorCode::NotFound, "bot not found", "trace-1");
        let body = serde_json::to_string(&problem).unwrap();
        let error = problem_or_unexpected(404, true, body.clone());
        assert_eq!(error.code(), Some(ErrorCode::NotFound));
        assert!(error.to_string().contains("404 NOT_FOUND: bot not found"));
        assert!(matches!(
            problem_or_unexpected(404, false, body),
            Error::Unexpected { status: 404, .. }
        ));
        assert!(matches!(
            problem_or_unexpected(502, true, "<html>Bad gateway</html>".into()),
            Error::Unexpected { status: 502, .. }
        ));
    }
}
