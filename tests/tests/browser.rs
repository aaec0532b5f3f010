//! The admin UI's shell in real headless Chromium against `wrangler dev`: the sign-in page
//! for anyone, the system's health for admins only.

use parley_tests::admin_page::{go, sign_in};
use parley_tests::fixtures::Team;
use parley_tests::{Browser, Server};
use serde_json::Value;

#[tokio::test]
async fn the_admin_shell_renders_at_admin_and_shows_admins_every_binding_healthy() {
    let server = Server::shared().await;
    let browser = Browser::start().await.unwrap();
    browser
        .client
        .goto(&format!("{}/admin/", server.base_url))
        .await
        .unwrap();
    let sign_in_page = browser
        .wait_for(
            "the sign-in page",
            "if (!document.querySelector('#sign-in-email')) return null;
             return { title: document.querySelector('h1').textContent,
                      health: document.querySelectorAll('.health-table').length };",
        )
        .await
        .unwrap();
    assert_eq!(sign_in_page["title"], "Parley");
    assert_eq!(
        sign_in_page["health"], 0,
        "the system's health is not shown to anyone who opens the page"
    );
    assert_eq!(
        browser
            .client
            .execute("return document.title", vec![])
            .await
            .unwrap(),
        Value::from("Parley admin")
    );
    browser.close().await.unwrap();

    let team = Team::new(server).await;
    let admin = sign_in(server, &team.admin_user.email).await;
    go(&admin, "#/dashboard").await;
    let rows = admin
        .wait_for(
            "the health table",
            "const rows = [...document.querySelectorAll('.health-table tr')]; if (rows.length === 0) return null;
             return rows.map(r => [r.dataset.check, r.querySelector('td').textContent]);",
        )
        .await
        .unwrap();
    let rows: Vec<(String, String)> = serde_json::from_value(rows).unwrap();
    let names: Vec<&str> = rows.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(names, ["d1", "kv", "conversationRoom", "workspaceInbox"]);
    assert!(rows.iter().all(|(_, state)| state == "ok"), "{rows:?}");
    admin.close().await.unwrap();
}
