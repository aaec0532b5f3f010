//! The edge's one error type: every failure of every route becomes RFC 9457 problem JSON
//! (written by `routes/problem.rs`), and every one is logged with its `traceId`, so the id a
//! caller reports finds the log line (`wrangler tail`).

use parley_shared_types::message::FieldErrors;
use parley_shared_types::problem::{ErrorCode, Problem};

#[derive(Debug)]
pub struct ApiError {
    code: ErrorCode,
    detail: String,
    errors: FieldErrors,
    retry_after_secs: Option<u64>,
    /// What went wrong inside, for the log only.
    cause: Option<String>,
    /// Kept when a Durable Object already answered with this error, so both logs agree.
    trace_id: Option<String>,
}

pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    pub fn new(code: ErrorCode, detail: impl Into<String>) -> Self {
        ApiError {
            code,
            detail: detail.into(),
            errors: FieldErrors::new(),
            retry_after_secs: None,
            cause: None,
            trace_id: None,
        }
    }

    pub fn validation(detail: impl Into<String>, errors: FieldErrors) -> Self {
        ApiError {
            errors,
            ..ApiError::new(ErrorCode::ValidationFailed, detail)
        }
    }

    pub fn rate_limited(retry_after_secs: u64) -> Self {
        Self::rate_limited_because(retry_after_secs, "too many requests; retry later")
    }

    /// A refusal for `retry_after_secs` that says what was limited.
    pub fn rate_limited_because(retry_after_secs: u64, detail: impl Into<String>) -> Self {
        ApiError {
            retry_after_secs: Some(retry_after_secs),
            ..ApiError::new(ErrorCode::RateLimited, detail)
        }
    }

    /// An unexpected failure: logged in full, answered without internals.
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        ApiError {
            cause: Some(cause.to_string()),
            ..ApiError::new(
                ErrorCode::ServerError,
                "the server failed to answer this request",
            )
        }
    }

    /// Rebuilds an error a Durable Object answered with, so it reaches the caller unchanged.
    pub fn from_problem(problem: Problem) -> Self {
        ApiError {
            code: problem.code,
            detail: problem.detail,
            errors: problem.errors,
            retry_after_secs: None,
            cause: None,
            trace_id: Some(problem.trace_id),
        }
    }

    pub fn code(&self) -> ErrorCode {
        self.code
    }

    /// Seconds a refused caller should wait, for `Retry-After`.
    pub fn retry_after_secs(&self) -> Option<u64> {
        self.retry_after_secs
    }

    /// A store's UNIQUE violation, renamed for the person reading it; any other error as is.
    pub fn conflict_as(self, detail: &str) -> ApiError {
        if self.code() == ErrorCode::Conflict {
            ApiError::new(ErrorCode::Conflict, detail)
        } else {
            self
        }
    }

    /// The answer's body; logs it with its trace id (server errors with their cause).
    pub fn to_problem(&self) -> Problem {
        let trace_id = self.trace_id.clone().unwrap_or_else(new_trace_id);
        let status = self.code.status();
        // A refusal is logged once, by the request's own line (`routes/request_log.rs`), with
        // its code and detail; only an internal cause needs a line of its own.
        if let Some(cause) = &self.cause {
            worker::console_error!("{status} traceId={trace_id}: {cause}");
        }
        Problem::new(self.code, self.detail.clone(), trace_id).with_errors(self.errors.clone())
    }
}

impl ApiError {
    /// The error as a hub completion carries it, `"<ERROR_CODE>: <detail>"` (a SignalR
    /// completion's error is one string), logged as a problem answer would be.
    pub fn to_hub_error(&self) -> String {
        let problem = self.to_problem();
        hub_error_text(problem.code, &problem.detail)
    }
}

fn hub_error_text(code: ErrorCode, detail: &str) -> String {
    let code = serde_json::to_value(code)
        .ok()
        .and_then(|code| code.as_str().map(str::to_owned))
        .unwrap_or_default();
    format!("{code}: {detail}")
}

/// A W3C traceparent-shaped id, logged with the error so a report can be found in the logs.
fn new_trace_id() -> String {
    let id = uuid::Uuid::new_v4().simple().to_string();
    format!("00-{}-{}-00", &id, &id[..16])
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}: {}", self.code, self.detail)
    }
}

impl From<worker::Error> for ApiError {
    fn from(err: worker::Error) -> Self {
        ApiError::internal(err)
    }
}

impl From<worker::KvError> for ApiError {
    fn from(err: worker::KvError) -> Self {
        ApiError::internal(err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hub_error_leads_with_the_stable_code() {
        assert_eq!(
            hub_error_text(ErrorCode::RateLimited, "retry in 5 s"),
            "RATE_LIMITED: retry in 5 s"
        );
    }
}
