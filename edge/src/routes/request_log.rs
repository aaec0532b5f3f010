//! One structured JSON log line per failed or slow request (`traceId`, `route`, `status`,
//! `code`, `detail`, `workspaceId`, `durationMs`), so `wrangler tail` and Workers Logs can
//! filter on its fields. [`problem`](super::problem) leaves the problem's `traceId`, code and
//! detail on the response for this line; an internal cause is logged by
//! [`ApiError`](crate::error::ApiError) with the same `traceId`.

use crate::clock::now_millis;
use axum::extract::{MatchedPath, Request};
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::Response;
use parley_shared_types::problem::ErrorCode;
use serde_json::{Value, json};
use std::sync::{Arc, Mutex};

/// A successful request that took longer than this is logged as slow.
pub const SLOW_MS: u64 = 1000;
/// What a problem answer said, left on the response where the problem is rendered.
#[derive(Clone)]
pub struct Refusal {
    pub trace_id: String,
    pub code: ErrorCode,
    pub detail: String,
}

/// Where the request's workspace waits for the log line: authentication fills it.
#[derive(Clone, Default)]
struct WorkspaceSlot(Arc<Mutex<Option<String>>>);

/// Records the workspace a request was authenticated for (called by the principal extractors).
pub fn note_workspace(parts: &Parts, workspace_id: &str) {
    if let Some(slot) = parts.extensions.get::<WorkspaceSlot>() {
        *slot.0.lock().unwrap_or_else(|e| e.into_inner()) = Some(workspace_id.to_owned());
    }
}

/// What the log line says about one request.
pub struct Outcome<'a> {
    pub method: &'a str,
    /// The route's pattern, or the path when no route took the request.
    pub route: &'a str,
    /// A route took the request (else it was answered "no route").
    pub routed: bool,
    pub status: u16,
    pub workspace_id: Option<&'a str>,
    pub duration_ms: u64,
    pub refusal: Option<&'a Refusal>,
}

/// The log line for a request, if it failed or was slow. A path Parley has no route for is not
/// its failure: scanners' guesses would fill the log, each line costs the request CPU (about 2
/// ms locally, most of such a 404's time), and the platform's own request log keeps its status.
pub fn line(outcome: &Outcome) -> Option<Value> {
    if !outcome.routed && outcome.status == 404 {
        return None;
    }
    let level = match outcome.status {
        500.. => "error",
        400.. => "warn",
        _ if outcome.duration_ms > SLOW_MS => "warn",
        _ => return None,
    };
    let message = if outcome.status >= 400 {
        "request failed"
    } else {
        "slow request"
    };
    Some(json!({
        "level": level,
        "message": message,
        "traceId": outcome.refusal.map(|r| &r.trace_id),
        "code": outcome.refusal.map(|r| r.code),
        "detail": outcome.refusal.map(|r| &r.detail),
        "method": outcome.method,
        "route": outcome.route,
        "status": outcome.status,
        "workspaceId": outcome.workspace_id,
        "durationMs": outcome.duration_ms,
    }))
}

/// Middleware: times the request and logs its line.
pub async fn record(mut request: Request, next: Next) -> Response {
    let started = now_millis();
    let slot = WorkspaceSlot::default();
    request.extensions_mut().insert(slot.clone());
    let method = request.method().to_string();
    let matched = request.extensions().get::<MatchedPath>();
    let routed = matched.is_some();
    let route = matched.map_or_else(
        || request.uri().path().to_owned(),
        |m| m.as_str().to_owned(),
    );
    let response = next.run(request).await;
    let duration_ms = (now_millis() - started).max(0.0) as u64;
    let status = response.status().as_u16();
    if status < 400 && duration_ms <= SLOW_MS {
        return response;
    }
    let refusal = response.extensions().get::<Refusal>().cloned();
    let workspace_id = slot.0.lock().unwrap_or_else(|e| e.into_inner()).clone();
    let outcome = Outcome {
        method: &method,
        route: &route,
        routed,
        status,
        workspace_id: workspace_id.as_deref(),
        duration_ms,
        refusal: refusal.as_ref(),
    };
    // At the console level of the line's own level, so log filters by level agree with it.
    match line(&outcome) {
        Some(line) if status >= 500 => worker::console_error!("{line}"),
        Some(line) => worker::console_warn!("{line}"),
        None => {}
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    static REFUSAL: std::sync::LazyLock<Refusal> = std::sync::LazyLock::new(|| Refusal {
        trace_id: "00-abc-def-00".into(),
        code: ErrorCode::ServerError,
        detail: "the server failed; retry later".into(),
    });

    fn outcome(status: u16, duration_ms: u64) -> Outcome<'static> {
        Outcome {
            method: "GET",
            route: "/api/widgets/{id}",
            routed: true,
            status,
            workspace_id: Some("ws-1"),
            duration_ms,
            refusal: (status >= 400).then(|| &*REFUSAL),
        }
    }

    #[test]
    fn failures_and_slow_requests_are_logged_quick_successes_are_not() {
        assert_eq!(line(&outcome(200, 12)), None);
        assert_eq!(line(&outcome(204, SLOW_MS)), None);
        let slow = line(&outcome(200, SLOW_MS + 1)).unwrap();
        assert_eq!(
            (slow["level"].as_str(), slow["message"].as_str()),
            (Some("warn"), Some("slow request"))
        );
        let refused = line(&outcome(404, 3)).unwrap();
        assert_eq!(refused["level"], "warn");
        let unrouted = |status| Outcome {
            route: "/wp-login.php",
            routed: false,
            ..outcome(status, 3)
        };
        assert_eq!(line(&unrouted(404)), None, "a path with no route");
        assert!(line(&unrouted(405)).is_some());
        let failed = line(&outcome(500, 3)).unwrap();
        assert_eq!(
            failed,
            json!({"level": "error", "message": "request failed", "traceId": "00-abc-def-00",
                   "code": "SERVER_ERROR", "detail": "the server failed; retry later",
                   "method": "GET", "route": "/api/widgets/{id}", "status": 500,
                   "workspaceId": "ws-1", "durationMs": 3})
        );
    }
}
