//! `/api/docs` in real headless Chromium: Swagger UI, loaded from Parley's own static files
//! (nothing the page loads comes from another host), lists every operation of
//! `/api/openapi.json`, and its "Try it out" calls the API from the page.

use parley_tests::admin_page::click;
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
    let status = browser
        .wait_for(
            "the answer of the call made from the page",
            &format!(
                "const block = document.querySelector({health:?});
                 const status = block.querySelector('.live-responses-table tr.response .response-col_status');
                 return status ? [status.textContent.trim(), block.innerText] : null;"
            ),
        )
        .await
        .unwrap();
    assert_eq!(status[0], "200", "{}", status[1]);
    assert!(
        status[1].as_str().unwrap().contains("\"status\": \"ok\""),
        "the health report is shown: {}",
        status[1]
    );

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
