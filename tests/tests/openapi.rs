//! The API describes itself: the served spec is valid OpenAPI 3.1, the reference page renders
//! it, and schemathesis, fuzzing every operation with a test API key, finds no server error
//! and no answer the spec does not describe, neither in single calls nor in stateful sequences
//! (links inferred from the schemas). The Python tools come from `cargo xtask test`.

use parley_shared_types::api_key::{KeyEnvironment, KeyScope};
use parley_tests::fixtures::Team;
use parley_tests::schemathesis;
use parley_tests::{Api, Server};
use std::process::Command;

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
    let (valid, verdict) = schemathesis::output(
        Command::new(schemathesis::python_tool("openapi-spec-validator")).arg(file.path()),
    );
    assert!(valid && verdict.contains("OK"), "{verdict}");

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
    for (asset, content_type) in [
        ("/api-docs/swagger-ui-bundle.js", "javascript"),
        ("/api-docs/swagger-ui.css", "text/css"),
    ] {
        assert!(html.contains(asset), "the page loads {asset}");
        let served = api
            .request(reqwest::Method::GET, asset)
            .send()
            .await
            .unwrap();
        assert_eq!(served.status(), 200, "{asset}");
        let served_type = served.headers()["content-type"].to_str().unwrap();
        assert!(served_type.contains(content_type), "{asset}: {served_type}");
    }
}

/// The SDKs in `clients/` are generated from `clients/openapi.json`, which the edge's unit
/// test writes natively: it must be what the Worker serves.
#[tokio::test]
async fn the_clients_spec_is_the_served_spec() {
    let server = Server::shared().await;
    let served: serde_json::Value = Api::new(&server.base_url)
        .get("/api/openapi.json")
        .await
        .expect_status(200);
    let file = parley_tests::process::repo_root().join("clients/openapi.json");
    let committed: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert!(
        served == committed,
        "{} is not the served spec: run `cargo xtask clients`",
        file.display()
    );
}

#[tokio::test]
async fn schemathesis_finds_no_server_error_and_no_answer_outside_the_spec() {
    let server = Server::start().await.unwrap();
    let team = Team::new(&server).await;
    let key = team.api_key(KeyEnvironment::Test, KeyScope::Full).await;
    let (passed, summary) =
        schemathesis::run(&server, &key.secret, "examples,coverage,fuzzing", 5, 7);
    assert!(passed, "schemathesis found failures:\n{summary}");
    println!("{summary}");
}

#[tokio::test]
async fn stateful_sequences_find_no_server_error_and_no_answer_outside_the_spec() {
    let server = Server::start().await.unwrap();
    let team = Team::new(&server).await;
    let key = team.api_key(KeyEnvironment::Test, KeyScope::Full).await;
    // A short run: `cargo xtask soak` walks thousands of calls.
    let (passed, summary) = schemathesis::run(&server, &key.secret, "stateful", 40, 7);
    println!("{summary}");
    assert!(passed, "schemathesis found failures:\n{summary}");
    assert!(
        schemathesis::figure(&summary, "API Links:").is_some_and(|covered| covered > 0),
        "sequences followed links (a created resource's id used by the next call):\n{summary}"
    );
}
