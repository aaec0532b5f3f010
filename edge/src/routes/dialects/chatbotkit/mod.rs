//! ChatBotKit's API (`https://api.chatbotkit.com/v1` → `http://<parley>/v1`): action routes
//! per resource (`/bot`, `/conversation`, `/dataset`: `list`, `create`, `{id}/fetch`,
//! `{id}/update`, `{id}/delete`), a conversation's messages and its streamed `complete`, and
//! errors as `{message, code}` with ChatBotKit's codes. Keys go in `Authorization: Token …`.
//!
//! Bots are Parley's bots, conversations Parley's developer chats, datasets Parley's (text)
//! knowledge sources: each handler calls the same domain functions as the native `/api`.

pub mod bots;
pub mod complete;
pub mod conversations;
pub mod datasets;
pub mod partner;

use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::routes::extract::Params;
use crate::routes::list::Listing;
use crate::routes::openapi;
use axum::Router;
use axum::extract::{FromRequestParts, Request};
use axum::http::{StatusCode, request::Parts};
use axum::middleware::Next;
use axum::response::{IntoResponse, Json, Response};
use axum::routing::{get, post};
use parley_shared_types::chatbotkit::{CbkError, CbkList, CbkListLine, CbkListQuery};
use parley_shared_types::page::{DEFAULT_PAGE_LIMIT, ListQuery};
use parley_shared_types::problem::ErrorCode;
use parley_shared_types::validate::FieldErrors;
use serde::Serialize;
use std::collections::BTreeMap;
use utoipa::openapi::response::{Response as ApiResponse, ResponseBuilder};
use utoipa::openapi::{ContentBuilder, Ref, RefOr};
use utoipa::{IntoResponses, ToSchema};

/// ChatBotKit's routes, relative to `/v1`, with its error envelope on every answer.
pub fn routes() -> Router {
    Router::new()
        .route("/spec.json", get(spec))
        .route("/bot/list", get(bots::list))
        .route("/bot/create", post(bots::create))
        .route("/bot/{botId}/fetch", get(bots::fetch))
        .route("/bot/{botId}/update", post(bots::update))
        .route("/bot/{botId}/delete", post(bots::delete))
        .route("/conversation/list", get(conversations::list))
        .route("/conversation/create", post(conversations::create))
        .route(
            "/conversation/{conversationId}/fetch",
            get(conversations::fetch),
        )
        .route(
            "/conversation/{conversationId}/update",
            post(conversations::update),
        )
        .route(
            "/conversation/{conversationId}/delete",
            post(conversations::delete),
        )
        .route(
            "/conversation/{conversationId}/message/list",
            get(conversations::messages),
        )
        .route(
            "/conversation/{conversationId}/complete",
            post(complete::complete),
        )
        .route("/dataset/list", get(datasets::list))
        .route("/dataset/create", post(datasets::create))
        .route("/dataset/{datasetId}/fetch", get(datasets::fetch))
        .route("/dataset/{datasetId}/update", post(datasets::update))
        .route("/dataset/{datasetId}/delete", post(datasets::delete))
        .merge(partner::routes())
        .method_not_allowed_fallback(crate::routes::method_not_allowed)
        .layer(axum::middleware::from_fn(envelope))
}

/// `GET /v1/spec.json`: the OpenAPI document of ChatBotKit's operations.
#[utoipa::path(get, path = "/v1/spec.json", tag = "ChatBotKit", operation_id = "chatbotkitSpec",
    security(()),
    responses((status = 200, description = "This OpenAPI 3.1 document", content_type = "application/json", body = Object), CbkProblems))]
pub async fn spec() -> Response {
    openapi::whole_or_part(Some(openapi::SpecDocument::Chatbotkit))
}

/// Middleware: every Parley problem this router answers, in ChatBotKit's envelope.
async fn envelope(request: Request, next: Next) -> Response {
    reshape(next.run(request).await).await
}

/// A Parley problem answer (it carries a [`Refusal`]) re-rendered as ChatBotKit's
/// `{message, code}` with its status; any other answer as it is. Headers (`Allow`,
/// `Retry-After`, rate limits) and the refusal for the request log are kept.
pub async fn reshape(response: Response) -> Response {
    super::reshape_problem(response, |problem| {
        let scoped = Scoped::of(problem.code, message(&problem.detail, &problem.errors));
        (scoped.status, scoped.error)
    })
    .await
}

/// A problem's detail with each invalid field by its wire name: "the request is not valid:
/// botId is required; name must not be empty".
fn message(detail: &str, errors: &FieldErrors) -> String {
    if errors.is_empty() {
        return detail.to_owned();
    }
    let fields: Vec<String> = errors
        .iter()
        .map(|(field, whys)| format!("{field} {}", whys.join(", ")))
        .collect();
    format!("{detail}: {}", fields.join("; "))
}

/// ChatBotKit's code and status for a Parley error code. It has no 403, 408 nor 422: a
/// refused role is `NOT_AUTHORIZED` (401), a slow or invalid body `BAD_REQUEST` (400).
pub fn wire_code(code: ErrorCode) -> (StatusCode, &'static str) {
    match code {
        ErrorCode::BadRequest
        | ErrorCode::ValidationFailed
        | ErrorCode::RequestTimeout
        | ErrorCode::UnsupportedMediaType => (StatusCode::BAD_REQUEST, "BAD_REQUEST"),
        ErrorCode::PayloadTooLarge => (StatusCode::PAYLOAD_TOO_LARGE, "BAD_REQUEST"),
        ErrorCode::Unauthorized => (StatusCode::UNAUTHORIZED, "NOT_AUTHENTICATED"),
        ErrorCode::Forbidden => (StatusCode::UNAUTHORIZED, "NOT_AUTHORIZED"),
        ErrorCode::NoSubscription => (StatusCode::PAYMENT_REQUIRED, "NO_SUBSCRIPTION"),
        ErrorCode::NotFound => (StatusCode::NOT_FOUND, "NOT_FOUND"),
        ErrorCode::MethodNotAllowed => (StatusCode::METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED"),
        ErrorCode::Conflict => (StatusCode::CONFLICT, "CONFLICT"),
        ErrorCode::RateLimited => (StatusCode::TOO_MANY_REQUESTS, "TOO_MANY_REQUESTS"),
        ErrorCode::LimitsReached => (StatusCode::TOO_MANY_REQUESTS, "LIMITS_REACHED"),
        ErrorCode::ServerError => (StatusCode::INTERNAL_SERVER_ERROR, "INTERNAL_SERVER_ERROR"),
    }
}

/// An error in ChatBotKit's envelope, with its status.
pub struct Scoped {
    pub status: StatusCode,
    pub error: CbkError,
}

impl Scoped {
    fn of(code: ErrorCode, message: String) -> Scoped {
        let (status, code) = wire_code(code);
        Scoped {
            status,
            error: CbkError {
                message,
                code: code.to_owned(),
            },
        }
    }

    /// A Parley error as ChatBotKit words it (logged as any problem answer is).
    pub fn from_api(error: &ApiError) -> Scoped {
        let problem = error.to_problem();
        Scoped::of(problem.code, message(&problem.detail, &problem.errors))
    }

    /// A model provider's rate limit, once Parley's own retries are spent (ChatBotKit's
    /// scoped code: the subsystem's name before the code).
    pub fn upstream_rate_limit(message: String) -> Scoped {
        Scoped {
            status: StatusCode::TOO_MANY_REQUESTS,
            error: CbkError {
                message,
                code: "OPENAI_TOO_MANY_REQUESTS".into(),
            },
        }
    }
}

impl IntoResponse for Scoped {
    fn into_response(self) -> Response {
        (self.status, Json(self.error)).into_response()
    }
}

/// A list's paging in ChatBotKit's terms (`cursor`, `take`) over Parley's [`Listing`].
pub struct CbkListing(pub Listing);

impl<S: Send + Sync> FromRequestParts<S> for CbkListing {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> ApiResult<Self> {
        let state = &AppState::of(parts)?;
        let Params(query) = Params::<CbkListQuery>::from_request_parts(parts, state).await?;
        let request = ListQuery::from(query)
            .validate(DEFAULT_PAGE_LIMIT)
            .map_err(|errors| ApiError::validation("the query is not valid", errors))?;
        Ok(CbkListing(Listing::new(request, &parts.headers)))
    }
}

impl CbkListing {
    /// `{items, cursor}`, or one `{"type": "item", "data": …}` per JSON line.
    pub fn answer<T: Serialize>(self, items: Vec<T>, id_of: fn(&T) -> &str) -> Response {
        let page = |items, cursor| CbkList { items, cursor };
        self.0.framed(items, id_of, page, CbkListLine::Item)
    }
}

/// ChatBotKit writes times as milliseconds since the Unix epoch; Parley stores RFC 3339.
pub fn millis(rfc3339: &str) -> i64 {
    chrono::DateTime::parse_from_rfc3339(rfc3339).map_or(0, |time| time.timestamp_millis())
}

/// Every error an operation may answer with, in ChatBotKit's envelope.
pub struct CbkProblems;

impl IntoResponses for CbkProblems {
    fn responses() -> BTreeMap<String, RefOr<ApiResponse>> {
        [
            (400, "BAD_REQUEST: the request is malformed or its values break the rules"),
            (401, "NOT_AUTHENTICATED (no or unknown credential) or NOT_AUTHORIZED (a read-only key writing, a role short of admin)"),
            (402, "NO_SUBSCRIPTION"),
            (404, "NOT_FOUND"),
            (405, "METHOD_NOT_ALLOWED"),
            (409, "CONFLICT"),
            (429, "TOO_MANY_REQUESTS (rate), LIMITS_REACHED (plan), OPENAI_TOO_MANY_REQUESTS (the model provider's rate)"),
            (500, "INTERNAL_SERVER_ERROR"),
        ]
        .into_iter()
        .map(|(status, description)| {
            let content = ContentBuilder::new()
                .schema(Some(Ref::from_schema_name(CbkError::name())))
                .build();
            let response = ResponseBuilder::new()
                .description(description)
                .content("application/json", content)
                .build();
            (status.to_string(), RefOr::T(response))
        })
        .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_parley_code_has_a_chatbotkit_code_and_status() {
        let expected = [
            (ErrorCode::BadRequest, 400, "BAD_REQUEST"),
            (ErrorCode::ValidationFailed, 400, "BAD_REQUEST"),
            (ErrorCode::RequestTimeout, 400, "BAD_REQUEST"),
            (ErrorCode::UnsupportedMediaType, 400, "BAD_REQUEST"),
            (ErrorCode::PayloadTooLarge, 413, "BAD_REQUEST"),
            (ErrorCode::Unauthorized, 401, "NOT_AUTHENTICATED"),
            (ErrorCode::Forbidden, 401, "NOT_AUTHORIZED"),
            (ErrorCode::NoSubscription, 402, "NO_SUBSCRIPTION"),
            (ErrorCode::NotFound, 404, "NOT_FOUND"),
            (ErrorCode::MethodNotAllowed, 405, "METHOD_NOT_ALLOWED"),
            (ErrorCode::Conflict, 409, "CONFLICT"),
            (ErrorCode::RateLimited, 429, "TOO_MANY_REQUESTS"),
            (ErrorCode::LimitsReached, 429, "LIMITS_REACHED"),
            (ErrorCode::ServerError, 500, "INTERNAL_SERVER_ERROR"),
        ];
        assert_eq!(expected.len(), ErrorCode::ALL.len());
        for (code, status, wire) in expected {
            assert_eq!(
                wire_code(code),
                (StatusCode::from_u16(status).unwrap(), wire)
            );
        }
    }

    #[test]
    fn a_message_names_the_invalid_fields_as_the_wire_does() {
        let errors = FieldErrors::from([
            ("botId".to_owned(), vec!["is required".to_owned()]),
            ("name".to_owned(), vec!["must not be empty".to_owned()]),
        ]);
        assert_eq!(
            message("the request is not valid", &errors),
            "the request is not valid: botId is required; name must not be empty"
        );
        assert_eq!(message("no bot x", &FieldErrors::new()), "no bot x");
    }

    #[test]
    fn times_are_epoch_milliseconds() {
        assert_eq!(millis("1970-01-01T00:00:01.500Z"), 1500);
        assert_eq!(millis("2026-01-15T10:30:00Z"), 1_768_473_000_000);
        assert_eq!(millis("not a time"), 0);
    }
}
