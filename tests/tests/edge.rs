//! Platform basics against `wrangler dev`: health, problem JSON for unknown routes, CORS.

use parley_shared_types::health::{HealthReport, HealthStatus};
use parley_shared_types::problem::ErrorCode;
use parley_tests::{Api, Server};

async fn api() -> Api {
    Api::new(&Server::shared().await.base_url)
}

#[tokio::test]
async fn health_reports_the_version_and_every_binding_answering() {
    let report: HealthReport = api().await.get("/api/health").await.expect_status(200);
    assert_eq!(report.status, HealthStatus::Ok);
    assert_eq!(report.version, env!("CARGO_PKG_VERSION"));
    for (name, check) in report.checks.all() {
        assert!(check.ok, "{name} failed: {:?}", check.error);
    }
}

#[tokio::test]
async fn unknown_routes_and_methods_answer_problem_json() {
    let api = api().await;
    let problem = api
        .get::<serde_json::Value>("/api/no-such-thing")
        .await
        .expect_problem(404);
    assert_eq!(problem.code, ErrorCode::NotFound);
    assert!(problem.detail.contains("/api/no-such-thing"));
    assert!(problem.trace_id.starts_with("00-"), "{}", problem.trace_id);
    let wrong_method = api
        .send::<serde_json::Value>(api.request(reqwest::Method::DELETE, "/api/conversations"))
        .await
        .expect_problem(405);
    assert_eq!(wrong_method.code, ErrorCode::MethodNotAllowed);
    assert!(
        wrong_method
            .detail
            .contains("/api/conversations does not take DELETE")
    );
}

#[tokio::test]
async fn cross_origin_callers_may_use_bearer_tokens() {
    let api = api().await;
    let preflight = api
        .request(reqwest::Method::OPTIONS, "/api/conversations")
        .header("origin", "https://shop.example.com")
        .header("access-control-request-method", "POST")
        .header(
            "access-control-request-headers",
            "authorization,content-type",
        )
        .send()
        .await
        .unwrap();
    assert!(preflight.status().is_success());
    let headers = preflight.headers();
    // Echoed, not `*`: browser SignalR clients send credentials by default (issue 11).
    assert_eq!(
        headers["access-control-allow-origin"],
        "https://shop.example.com"
    );
    assert_eq!(headers["access-control-allow-credentials"], "true");
    assert!(
        headers["access-control-allow-headers"]
            .to_str()
            .unwrap()
            .contains("authorization")
    );
}
