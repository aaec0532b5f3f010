//! The admin UI's shell in real headless Chromium against `wrangler dev`.

use parley_tests::{Browser, Server};
use serde_json::Value;

#[tokio::test]
async fn the_admin_shell_renders_at_admin_and_shows_every_binding_healthy() {
    let server = Server::shared().await;
    let browser = Browser::start().await.unwrap();
    browser
        .client
        .goto(&format!("{}/admin/", server.base_url))
        .await
        .unwrap();
    let rows = browser
        .wait_for(
            "the health table",
            "const rows = [...document.querySelectorAll('.health-table tr')]; if (rows.length === 0) return null;
             return { title: document.querySelector('h1').textContent,
                      rows: rows.map(r => [r.dataset.check, r.querySelector('td').textContent]) };",
        )
        .await
        .unwrap();
    assert_eq!(rows["title"], "Parley");
    let rows: Vec<(String, String)> = serde_json::from_value(rows["rows"].clone()).unwrap();
    let names: Vec<&str> = rows.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(names, ["d1", "kv", "conversationRoom", "workspaceInbox"]);
    assert!(rows.iter().all(|(_, state)| state == "ok"), "{rows:?}");
    assert_eq!(
        browser
            .client
            .execute("return document.title", vec![])
            .await
            .unwrap(),
        Value::from("Parley admin")
    );
    browser.close().await.unwrap();
}
