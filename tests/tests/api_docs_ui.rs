//! `/api/docs` in real headless Chromium: Swagger UI, loaded from Parley's own static files
//! (nothing the page loads comes from another host), lists every operation of
//! `/api/openapi.json`, and its "Try it out" calls the API from the page.

use parley_tests::admin_page::{click, wait_for_text};
use parley_tests::{Api, Browser, Server};
use serde_json::Value;

#[tokio::test]
async fn the_reference_lists_every_operation_and_tries_one_out() {
    let server = Server::shared().await;
    let spec: Value = Api::new(&server.base_url)
        .get("/api/openapi.json")
        .await
        .expect_status(200);
    let operations: usize = spec["paths"]
        .as_object()
        .unwrap()
        .values()
        .map(|item| item.as_object().unwrap().len())
        .sum();

    let browser = Browser::start().await.unwrap();
    browser
        .client
        .goto(&format!("{}/api/docs", server.base_url))
        .await
        .unwrap();
    let listed = browser
        .wait_for(
            "the operations listed",
            "const n = document.querySelectorAll('.opblock').length; return n > 0 ? n : null;",
        )
        .await
        .unwrap();
    assert_eq!(listed, operations, "every operation of the spec is listed");

    let health = "#operations-health-health";
    click(&browser, &format!("{health} .opblock-summary-control")).await;
    click(&browser, &format!("{health} .try-out__btn")).await;
    click(&browser, &format!("{health} .execute")).await;
    wait_for_text(
        &browser,
        "the answer of the call made from the page",
        &format!("{health} .live-responses-table .response-col_status"),
        "200",
    )
    .await;

    let loaded = browser
        .client
        .execute(
            "return performance.getEntriesByType('resource').map((r) => r.name);",
            vec![],
        )
        .await
        .unwrap();
    let loaded: Vec<&str> = loaded
        .as_array()
        .unwrap()
        .iter()
        .map(|name| name.as_str().unwrap())
        .collect();
    assert!(
        loaded
            .iter()
            .any(|name| name.ends_with("/api-docs/swagger-ui-bundle.js")),
        "{loaded:?}"
    );
    assert!(
        loaded.iter().all(|name| name.starts_with(&server.base_url)),
        "everything the page loads comes from Parley itself: {loaded:?}"
    );
    browser.close().await.unwrap();
}
