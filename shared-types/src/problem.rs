//! RFC 9457 problem details, the one error shape of every Parley endpoint.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Media type of every error body.
pub const PROBLEM_CONTENT_TYPE: &str = "application/problem+json";

/// Stable, machine-readable error codes; clients branch on these, never on `detail` text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ErrorCode {
    /// The request cannot be read: malformed JSON, wrong types, a missing field, a bad query.
    BadRequest,
    /// The request was read but its values break the rules; `errors` says which and why.
    ValidationFailed,
    Unauthorized,
    Forbidden,
    NotFound,
    MethodNotAllowed,
    Conflict,
    /// A body over the route's size limit (an attachment over 10 MiB).
    PayloadTooLarge,
    /// A body of a type the route does not take (an attachment whose bytes are not an
    /// allowed file type, whatever its name says).
    UnsupportedMediaType,
    /// The request's body did not arrive in time (a stalled or trickling upload).
    RequestTimeout,
    RateLimited,
    LimitsReached,
    NoSubscription,
    ServerError,
}

impl ErrorCode {
    pub const ALL: [ErrorCode; 14] = [
        ErrorCode::BadRequest,
        ErrorCode::ValidationFailed,
        ErrorCode::Unauthorized,
        ErrorCode::Forbidden,
        ErrorCode::NotFound,
        ErrorCode::MethodNotAllowed,
        ErrorCode::Conflict,
        ErrorCode::PayloadTooLarge,
        ErrorCode::UnsupportedMediaType,
        ErrorCode::RequestTimeout,
        ErrorCode::RateLimited,
        ErrorCode::LimitsReached,
        ErrorCode::NoSubscription,
        ErrorCode::ServerError,
    ];

    /// The code as the wire writes it (`NOT_FOUND`), for clients that read problems without
    /// serde.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::BadRequest => "BAD_REQUEST",
            ErrorCode::ValidationFailed => "VALIDATION_FAILED",
            ErrorCode::Unauthorized => "UNAUTHORIZED",
            ErrorCode::Forbidden => "FORBIDDEN",
            ErrorCode::NotFound => "NOT_FOUND",
            ErrorCode::MethodNotAllowed => "METHOD_NOT_ALLOWED",
            ErrorCode::Conflict => "CONFLICT",
            ErrorCode::PayloadTooLarge => "PAYLOAD_TOO_LARGE",
            ErrorCode::UnsupportedMediaType => "UNSUPPORTED_MEDIA_TYPE",
            ErrorCode::RequestTimeout => "REQUEST_TIMEOUT",
            ErrorCode::RateLimited => "RATE_LIMITED",
            ErrorCode::LimitsReached => "LIMITS_REACHED",
            ErrorCode::NoSubscription => "NO_SUBSCRIPTION",
            ErrorCode::ServerError => "SERVER_ERROR",
        }
    }

    pub fn parse(code: &str) -> Option<ErrorCode> {
        ErrorCode::ALL.into_iter().find(|c| c.as_str() == code)
    }

    /// The HTTP status this code is answered with.
    pub fn status(self) -> u16 {
        match self {
            ErrorCode::BadRequest => 400,
            ErrorCode::ValidationFailed => 422,
            ErrorCode::Unauthorized => 401,
            ErrorCode::NoSubscription => 402,
            // ChatBotKit's code: a plan's quota, not a request rate, but retried the same way.
            ErrorCode::LimitsReached => 429,
            ErrorCode::Forbidden => 403,
            ErrorCode::NotFound => 404,
            ErrorCode::MethodNotAllowed => 405,
            ErrorCode::Conflict => 409,
            ErrorCode::PayloadTooLarge => 413,
            ErrorCode::UnsupportedMediaType => 415,
            ErrorCode::RequestTimeout => 408,
            ErrorCode::RateLimited => 429,
            ErrorCode::ServerError => 500,
        }
    }

    /// The reason phrase used as the problem `title`.
    pub fn title(self) -> &'static str {
        match self {
            ErrorCode::BadRequest => "Bad Request",
            ErrorCode::ValidationFailed => "Unprocessable Content",
            ErrorCode::Unauthorized => "Unauthorized",
            ErrorCode::NoSubscription => "Payment Required",
            ErrorCode::LimitsReached => "Too Many Requests",
            ErrorCode::Forbidden => "Forbidden",
            ErrorCode::NotFound => "Not Found",
            ErrorCode::MethodNotAllowed => "Method Not Allowed",
            ErrorCode::Conflict => "Conflict",
            ErrorCode::PayloadTooLarge => "Content Too Large",
            ErrorCode::UnsupportedMediaType => "Unsupported Media Type",
            ErrorCode::RequestTimeout => "Request Timeout",
            ErrorCode::RateLimited => "Too Many Requests",
            ErrorCode::ServerError => "Internal Server Error",
        }
    }

    /// The RFC 9110 section describing the status, used as the problem `type` (as in the seed).
    fn type_uri(self) -> &'static str {
        match self.status() {
            400 => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
            401 => "https://tools.ietf.org/html/rfc9110#section-15.5.2",
            402 => "https://tools.ietf.org/html/rfc9110#section-15.5.3",
            403 => "https://tools.ietf.org/html/rfc9110#section-15.5.4",
            404 => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
            405 => "https://tools.ietf.org/html/rfc9110#section-15.5.6",
            408 => "https://tools.ietf.org/html/rfc9110#section-15.5.9",
            409 => "https://tools.ietf.org/html/rfc9110#section-15.5.10",
            413 => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
            415 => "https://tools.ietf.org/html/rfc9110#section-15.5.16",
            422 => "https://tools.ietf.org/html/rfc9110#section-15.5.21",
            429 => "https://www.rfc-editor.org/rfc/rfc6585#section-4",
            _ => "https://tools.ietf.org/html/rfc9110#section-15.6.1",
        }
    }
}

/// An RFC 9457 problem body with Parley's stable `code` and per-field `errors`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Problem {
    #[serde(rename = "type")]
    pub type_uri: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    pub trace_id: String,
    pub code: ErrorCode,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub errors: BTreeMap<String, Vec<String>>,
}

impl Problem {
    pub fn new(code: ErrorCode, detail: impl Into<String>, trace_id: impl Into<String>) -> Self {
        Problem {
            type_uri: code.type_uri().to_owned(),
            title: code.title().to_owned(),
            status: code.status(),
            detail: detail.into(),
            trace_id: trace_id.into(),
            code,
            errors: BTreeMap::new(),
        }
    }

    pub fn with_errors(mut self, errors: BTreeMap<String, Vec<String>>) -> Self {
        self.errors = errors;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_with_the_seed_field_names_and_a_stable_code() {
        let problem = Problem::new(
            ErrorCode::NotFound,
            "conversation not found",
            "00-abc-def-00",
        );
        let json = serde_json::to_value(&problem).unwrap();
        assert_eq!(
            json["type"],
            "https://tools.ietf.org/html/rfc9110#section-15.5.5"
        );
        assert_eq!(json["title"], "Not Found");
        assert_eq!(json["status"], 404);
        assert_eq!(json["traceId"], "00-abc-def-00");
        assert_eq!(json["code"], "NOT_FOUND");
        assert!(
            json.get("errors").is_none(),
            "empty field errors are omitted"
        );
    }

    #[test]
    fn every_code_maps_to_its_status() {
        let expected = [
            (ErrorCode::BadRequest, 400),
            (ErrorCode::ValidationFailed, 422),
            (ErrorCode::Unauthorized, 401),
            (ErrorCode::LimitsReached, 429),
            (ErrorCode::NoSubscription, 402),
            (ErrorCode::Forbidden, 403),
            (ErrorCode::NotFound, 404),
            (ErrorCode::MethodNotAllowed, 405),
            (ErrorCode::Conflict, 409),
            (ErrorCode::RateLimited, 429),
            (ErrorCode::ServerError, 500),
        ];
        for (code, status) in expected {
            assert_eq!(code.status(), status, "{code:?}");
        }
    }

    #[test]
    fn codes_read_and_write_as_serde_does() {
        for code in ErrorCode::ALL {
            assert_eq!(serde_json::to_value(code).unwrap(), code.as_str());
            assert_eq!(ErrorCode::parse(code.as_str()), Some(code));
        }
        assert_eq!(ErrorCode::parse("not_found"), None);
    }

    #[test]
    fn field_errors_round_trip() {
        let errors = BTreeMap::from([("content".to_owned(), vec!["must not be empty".to_owned()])]);
        let problem =
            Problem::new(ErrorCode::ValidationFailed, "invalid message", "t").with_errors(errors);
        let back: Problem =
            serde_json::from_str(&serde_json::to_string(&problem).unwrap()).unwrap();
        assert_eq!(back, problem);
        assert_eq!(back.errors["content"], ["must not be empty"]);
    }
}
