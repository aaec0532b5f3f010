//! The widget and admin UI in real headless Chromium against `wrangler dev`.

use parley_tests::{Browser, HostPage, Server};
use serde_json::Value;

/// Styles a careless or hostile host page might carry.
const HOSTILE_CSS: &str = "<style>* { all: unset !important; font-size: 48px !important; color: red !important; } \
     parley-widget { display: none !important; }</style>";

const SHADOW: &str =
    "const host = document.querySelector('parley-widget'); const root = host && host.shadowRoot;";

#[tokio::test]
async fn the_widget_loader_mounts_an_isolated_widget_on_a_hostile_page() {
    let server = Server::shared().await;
    let page = HostPage::serve(HostPage::embedding(
        &server.base_url,
        "demo-widget",
        HOSTILE_CSS,
    ))
    .await
    .unwrap();
    let browser = Browser::start().await.unwrap();
    browser.client.goto(&page.url).await.unwrap();

    let launcher = browser
        .wait_for(
            "the launcher",
            &format!(
                "{SHADOW} const b = root && root.querySelector('.launcher'); if (!b) return null;
                 const r = b.getBoundingClientRect();
                 return {{ width: r.width, height: r.height, label: b.getAttribute('aria-label'), position: getComputedStyle(host).position }};"
            ),
        )
        .await
        .unwrap();
    assert_eq!(
        launcher["width"], 56.0,
        "host CSS did not resize the launcher: {launcher}"
    );
    assert_eq!(launcher["height"], 56.0);
    assert_eq!(launcher["label"], "Open chat");
    assert_eq!(launcher["position"], "fixed");

    browser
        .client
        .execute(
            &format!("{SHADOW} root.querySelector('.launcher').click();"),
            vec![],
        )
        .await
        .unwrap();
    let panel = browser
        .wait_for(
            "the chat panel",
            &format!(
                "{SHADOW} const w = root.querySelector('.parley-welcome'); if (!w) return null;
                 return {{ text: w.textContent, fontSize: getComputedStyle(w).fontSize,
                          widgetId: root.querySelector('.parley-panel').dataset.widgetId,
                          expanded: root.querySelector('.launcher').getAttribute('aria-expanded'),
                          leaked: document.querySelector('.parley-panel') !== null }};"
            ),
        )
        .await
        .unwrap();
    assert!(
        panel["text"].as_str().unwrap().contains("How can we help"),
        "{panel}"
    );
    assert_eq!(
        panel["fontSize"], "15px",
        "the host page's 48px did not reach inside"
    );
    assert_eq!(panel["widgetId"], "demo-widget");
    assert_eq!(panel["expanded"], "true");
    assert_eq!(panel["leaked"], false);
    browser.close().await.unwrap();
}

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
