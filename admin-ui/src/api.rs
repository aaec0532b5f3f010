//! Every call the admin UI makes to the edge, typed with shared-types.

use gloo_net::http::Request;
use parley_shared_types::health::HealthReport;

/// `GET /api/health`. A degraded edge answers 503 with the same report, so both are read.
pub async fn health() -> Result<HealthReport, String> {
    let response = Request::get("/api/health")
        .send()
        .await
        .map_err(|e| format!("the edge did not answer: {e}"))?;
    response.json().await.map_err(|e| {
        format!(
            "the edge answered {} with an unreadable body: {e}",
            response.status()
        )
    })
}
