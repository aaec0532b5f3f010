//! Foreign wire dialects, both under `/v1` as their products serve them (RocketFlow's base URL
//! ends in `/v1`; ChatBotKit's is its host plus `/v1`), on disjoint paths: each a thin adapter
//! (paths, casing, envelopes, header conventions) over the same domain calls as `/api`, never
//! a second implementation.

pub mod chatbotkit;
pub mod rocketflow;

use super::request_log::Refusal;
use crate::error::ApiError;
use axum::Router;
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use parley_shared_types::problem::{ErrorCode, Problem};
use serde::Serialize;

/// Every dialect's routes, relative to `/v1`; a path no dialect has answers 404 in the
/// envelope of the dialect the caller speaks.
pub fn routes() -> Router {
    rocketflow::routes()
        .merge(chatbotkit::routes())
        .fallback(not_found)
}

/// `uri` is the path under `/v1` (a nested router sees it without the prefix).
async fn not_found(uri: Uri, headers: HeaderMap) -> Response {
    let problem = ApiError::new(
        ErrorCode::NotFound,
        format!("no route for /v1{}", uri.path()),
    )
    .into_response();
    if speaks_chatbotkit(&headers, uri.path()) {
        chatbotkit::reshape(problem).await
    } else {
        rocketflow::rerender(problem).await
    }
}

/// A Parley problem answer (it carries a [`Refusal`]) re-rendered by `render` as a dialect's
/// JSON envelope with its status; any other answer as it is. Headers (`Allow`, `Retry-After`,
/// rate limits) and the refusal for the request log are kept.
pub async fn reshape_problem<E: Serialize>(
    response: Response,
    render: impl FnOnce(&Problem) -> (StatusCode, E),
) -> Response {
    let Some(refusal) = response.extensions().get::<Refusal>().cloned() else {
        return response;
    };
    let (mut parts, body) = response.into_parts();
    // A problem body is small and already whole; its `errors` give the field details.
    let problem = axum::body::to_bytes(body, usize::MAX)
        .await
        .ok()
        .and_then(|bytes| serde_json::from_slice::<Problem>(&bytes).ok())
        .unwrap_or_else(|| Problem::new(refusal.code, refusal.detail, refusal.trace_id));
    let (status, envelope) = render(&problem);
    parts.status = status;
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    let body = serde_json::to_vec(&envelope).unwrap_or_default();
    Response::from_parts(parts, axum::body::Body::from(body))
}

/// ChatBotKit's callers authenticate with `Token` and name an action last (`…/list`,
/// `…/{id}/fetch`); RocketFlow's use `Bearer` and resource paths.
fn speaks_chatbotkit(headers: &HeaderMap, path: &str) -> bool {
    let token_scheme = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split_once(' '))
        .is_some_and(|(scheme, _)| scheme.eq_ignore_ascii_case("token"));
    let action = path.rsplit('/').next().unwrap_or_default();
    token_scheme || matches!(action, "list" | "create" | "fetch" | "update" | "delete")
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn a_token_or_an_action_path_speaks_chatbotkit() {
        let mut token = HeaderMap::new();
        token.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Token pk_live_x"),
        );
        let mut bearer = HeaderMap::new();
        bearer.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Bearer pk_live_x"),
        );
        assert!(speaks_chatbotkit(&token, "/skillset/list"));
        assert!(speaks_chatbotkit(&HeaderMap::new(), "/skillset/list"));
        assert!(!speaks_chatbotkit(&bearer, "/conversations"));
        assert!(!speaks_chatbotkit(&HeaderMap::new(), "/nothing"));
    }
}
