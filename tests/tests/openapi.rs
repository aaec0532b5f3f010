//! The API describes itself: the served spec is valid OpenAPI 3.1, the reference page renders
//! it, and schemathesis, fuzzing every operation with a test API key, finds no server error
//! and no answer the spec does not describe. The Python tools come from `cargo xtask test`.

use parley_shared_types::api_key::{KeyEnvironment, KeyScope};
use parley_tests::fixtures::Team;
use parley_tests::process::repo_root;
use parley_tests::{Api, Server};
use std::path::PathBuf;
use std::process::Command;

fn python_tool(name: &str) -> PathBuf {
    let tool = repo_root().join(".parley/python/bin").join(name);
    assert!(
        tool.exists(),
        "{} is missing: run `cargo xtask test` (it installs schemathesis and openapi-spec-validator)",
        tool.display()
    );
    tool
}

fn run(command: &mut Command) -> String {
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("{command:?}: {e}"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "{command:?} failed:\n{text}");
    text
}

#[tokio::test]
async fn the_served_spec_is_valid_openapi_3_1_and_the_docs_page_renders_it() {
    let server = Server::shared().await;
    let api = Api::new(&server.base_url);
    let spec: serde_json::Value = api.get("/api/openapi.json").await.expect_status(200);
    assert_eq!(spec["openapi"], "3.1.0");
    for path in [
        "/api/keys",
        "/api/webhooks/{id}/deliveries",
        "/api/conversations",
    ] {
        assert!(spec["paths"][path].is_object(), "{path} is described");
    }
    let schemes = &spec["components"]["securitySchemes"];
    assert_eq!(schemes["bearer"]["scheme"], "bearer");
    assert_eq!(schemes["apiKey"]["name"], "X-API-KEY");

    let file = tempfile::NamedTempFile::with_suffix(".json").unwrap();
    std::fs::write(file.path(), spec.to_string()).unwrap();
    let verdict = run(Command::new(python_tool("openapi-spec-validator")).arg(file.path()));
    assert!(verdict.contains("OK"), "{verdict}");

    let page = api
        .request(reqwest::Method::GET, "/api/docs")
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    assert!(
        page.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let html = page.text().await.unwrap();
    assert!(html.contains("/api/openapi.json"));
    assert!(
        !html.contains("https://"),
        "the page loads nothing from elsewhere"
    );
}

#[tokio::test]
async fn schemathesis_finds_no_server_error_and_no_answer_outside_the_spec() {
    let server = Server::start().await.unwrap();
    let team = Team::new(&server).await;
    let key = team.api_key(KeyEnvironment::Test, KeyScope::Full).await;
    let report = tempfile::tempdir().unwrap();
    let summary = run(Command::new(python_tool("st"))
        .arg("run")
        .arg(format!("{}/api/openapi.json", server.base_url))
        .args(["--url", &server.base_url])
        .args(["--header", &format!("Authorization: Bearer {}", key.secret)])
        // The key is the credential under test; random ones would only meet 401.
        .args(["--generation-with-security-parameters", "false"])
        .args([
            "--checks",
            "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance",
        ])
        // Bounded: a few examples per operation, fixed seed, no shrinking.
        .args(["--max-examples", "5", "--seed", "7", "--no-shrink"])
        .args(["--phases", "examples,coverage,fuzzing"])
        .args(["--workers", "2", "--request-timeout", "10"])
        // A test key may send 1000 requests a minute: stay under it, so operations are
        // exercised rather than refused.
        .args(["--rate-limit", "950/m"])
        .args(["--generation-database", "none", "--no-color"])
        .arg("--report-dir")
        .arg(report.path())
        // schemathesis keeps a cache in its working directory; not in the checkout.
        .current_dir(report.path())
        .env("SCHEMATHESIS_HOOKS", ""));
    println!("{summary}");
}
