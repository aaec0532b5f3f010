//! Every failed request leaves one structured JSON line in the Worker's log (what `wrangler
//! tail` and Workers Logs filter on): its `traceId` (the one the caller got), route, status,
//! workspace and duration, for refusals and for real server failures alike.

use parley_shared_types::problem::ErrorCode;
use parley_tests::fixtures::Team;
use parley_tests::{Answer, Server};
use serde_json::Value;
use std::time::Duration;

/// The JSON log line the Worker wrote for the request that answered `trace_id`.
async fn log_line(server: &Server, trace_id: &str) -> Value {
    let needle = format!("\"traceId\":\"{trace_id}\"");
    for _ in 0..100 {
        let log = std::fs::read_to_string(&server.log).unwrap_or_default();
        if let Some(line) = log
            .lines()
            .find(|line| line.contains(&needle) && line.contains("\"route\""))
        {
            let json = &line[line.find('{').unwrap()..=line.rfind('}').unwrap()];
            return serde_json::from_str(json)
                .unwrap_or_else(|e| panic!("the log line is not JSON ({e}): {line}"));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!(
        "no JSON log line carries traceId {trace_id}:\n{}",
        parley_tests::process::log_tail(&server.log, 30)
    );
}

/// The line's fields that do not vary from run to run, after checking the duration is there.
fn fields(line: &Value) -> (&str, &str, &str, u64, &str) {
    assert!(
        line["durationMs"].is_u64(),
        "durationMs is a number: {line}"
    );
    (
        line["level"].as_str().unwrap(),
        line["method"].as_str().unwrap(),
        line["route"].as_str().unwrap(),
        line["status"].as_u64().unwrap(),
        line["workspaceId"].as_str().unwrap_or("(none)"),
    )
}

#[tokio::test]
async fn a_refused_request_logs_one_json_line_with_its_route_and_workspace() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let missing = uuid::Uuid::new_v4();
    let problem = team
        .admin
        .get::<Value>(&format!("/api/widgets/{missing}"))
        .await
        .expect_problem(404);
    let line = log_line(server, &problem.trace_id).await;
    assert_eq!(
        fields(&line),
        (
            "warn",
            "GET",
            "/api/widgets/{id}",
            404,
            team.admin_user.workspace_id.as_str()
        )
    );
    assert_eq!(
        (&line["code"], &line["detail"]),
        (
            &Value::from("NOT_FOUND"),
            &Value::from(problem.detail.as_str())
        ),
        "the one line says what the caller was told"
    );
    let log = std::fs::read_to_string(&server.log).unwrap_or_default();
    assert_eq!(
        log.matches(problem.trace_id.as_str()).count(),
        1,
        "a refusal is logged once"
    );

    let unrouted = team
        .admin
        .get::<Value>("/api/wp-login.php")
        .await
        .expect_problem(404);
    let anonymous = team
        .admin
        .anonymous()
        .get::<Value>("/api/conversations")
        .await
        .expect_problem(401);
    let line = log_line(server, &anonymous.trace_id).await;
    assert_eq!(
        fields(&line),
        ("warn", "GET", "/api/conversations", 401, "(none)")
    );
    let log = std::fs::read_to_string(&server.log).unwrap_or_default();
    assert!(
        !log.contains(unrouted.trace_id.as_str()),
        "a path with no route is not logged (scanners would fill the log), though it is answered as a problem"
    );
}

#[tokio::test]
async fn a_server_failure_logs_an_error_line_with_the_trace_id_the_caller_got() {
    // Its own server: the test breaks its database.
    let server = Server::start().await.unwrap();
    let team = Team::new(&server).await;
    server
        .query_d1("ALTER TABLE widgets RENAME TO widgets_gone")
        .unwrap();
    let problem = match team.admin.get::<Value>("/api/widgets").await {
        Answer::Problem(500, problem) => problem,
        other => panic!("a missing table should fail the request, got {other:?}"),
    };
    assert_eq!(problem.code, ErrorCode::ServerError);
    let line = log_line(&server, &problem.trace_id).await;
    assert_eq!(
        fields(&line),
        (
            "error",
            "GET",
            "/api/widgets",
            500,
            team.admin_user.workspace_id.as_str()
        )
    );
}
