//! `/api/docs` in real headless Chromium: Swagger UI, loaded from Parley's own static files
//! (nothing the page loads comes from another host), lists every operation of each of
//! `/api/openapi.json`'s documents (Parley's own API and each dialect's), and its "Try it out"
//! calls the API from the page.

use parley_tests::admin_page::click;
use parley_tests::{Api, Browser, Server};
use serde_json::Value;

/// How many operations a spec has.
fn operations(spec: &Value) -> usize {
    spec["paths"]
        .as_object()
        .unwrap()
        .values()
        .map(|item| item.as_object().unwrap().len())
        .sum()
}

/// Opens the reference on `document` and checks it lists every operation of that document.
async fn lists_every_operation(browser: &Browser, server: &Server, document: &str) {
    let spec: Value = Api::new(&server.base_url)
        .get(&format!("/api/openapi.json?document={document}"))
        .await
        .expect_status(200);
    let operations = operations(&spec);
    browser
        .client
        .goto(&format!("{}/api/docs?document={document}", server.base_url))
        .await
        .unwrap();
    // Swagger UI renders the tags one after another: wait until it has listed them all.
    let listed = browser
        .wait_for(
            "every operation listed",
            &format!(
                "const n = document.querySelectorAll('.opblock').length; return n >= {operations} ? n : null;"
            ),
        )
        .await;
    let listed = match listed {
        Ok(listed) => listed,
        // Not all of them: the count shows how many.
        Err(_) => browser
            .client
            .execute(
                "return document.querySelectorAll('.opblock').length;",
                vec![],
            )
            .await
            .unwrap(),
    };
    assert_eq!(
        listed, operations,
        "every operation of {document} is listed"
    );
}

#[tokio::test]
async fn the_reference_lists_every_operation_and_tries_one_out() {
    let server = Server::shared().await;
    let whole: Value = Api::new(&server.base_url)
        .get("/api/openapi.json")
        .await
        .expect_status(200);
    let mut documented = 0;
    for document in ["parley", "rocketflow", "chatbotkit", "automation"] {
        let part: Value = Api::new(&server.base_url)
            .get(&format!("/api/openapi.json?document={document}"))
            .await
            .expect_status(200);
        documented += operations(&part);
    }
    assert_eq!(
        documented,
        operations(&whole),
        "each operation is in one document"
    );

    let browser = Browser::start().await.unwrap();
    lists_every_operation(&browser, server, "rocketflow").await;
    lists_every_operation(&browser, server, "chatbotkit").await;
    lists_every_operation(&browser, server, "parley").await;

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
