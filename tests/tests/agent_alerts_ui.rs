//! Alerts in the admin UI while its tab is in the background: a desktop notification and the
//! count in the tab's title when a conversation starts or a visitor writes to the agent; each
//! agent turns them off. Chromium runs headless, so the page is told it is hidden (the
//! Page Visibility API's two fields and its event) and the Notification constructor records
//! what it was asked to show, with the permission granted.

use parley_tests::Server;
use parley_tests::admin_page::{click, inbox_ready, sign_in};
use parley_tests::fixtures::Team;
use serde_json::Value;

const HIDE_AND_RECORD: &str = "
    window.shown = [];
    window.Notification = class {
        static get permission() { return 'granted'; }
        static requestPermission() { return Promise.resolve('granted'); }
        constructor(title, options) { window.shown.push({ title, body: options && options.body, tag: options && options.tag }); }
        close() {}
    };
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    document.dispatchEvent(new Event('visibilitychange'));";

const SHOW: &str = "
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => false });
    document.dispatchEvent(new Event('visibilitychange'));";

/// Waits until `count` notifications were shown, and answers them.
async fn notifications(browser: &parley_tests::Browser, count: usize) -> Vec<Value> {
    let shown = browser
        .wait_for(
            &format!("{count} notifications"),
            &format!("return window.shown.length >= {count} ? window.shown : null;"),
        )
        .await
        .unwrap();
    serde_json::from_value(shown).unwrap()
}

async fn title(browser: &parley_tests::Browser) -> String {
    browser
        .client
        .execute("return document.title;", vec![])
        .await
        .unwrap()
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn a_background_tab_alerts_its_agent_until_they_turn_alerts_off() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let browser = sign_in(server, &team.agent_user.email).await;
    inbox_ready(&browser).await;
    browser
        .client
        .execute(HIDE_AND_RECORD, vec![])
        .await
        .unwrap();

    let visitor = team.visitor().await;
    let shown = notifications(&browser, 1).await;
    assert_eq!(shown[0]["title"], "New conversation");
    assert_eq!(shown[0]["tag"], visitor.conversation_id());
    assert!(
        title(&browser).await.starts_with("(1) "),
        "the count is in the title"
    );

    // The only agent online gets the conversation: their visitor's next message alerts too.
    visitor.say("Are you there?").await;
    let shown = notifications(&browser, 2).await;
    assert_eq!(shown[1]["title"], "New message");
    assert_eq!(shown[1]["body"], "Are you there?");
    assert!(title(&browser).await.starts_with("(2) "));

    browser.client.execute(SHOW, vec![]).await.unwrap();
    browser
        .wait_for(
            "the count to leave the title",
            "return document.title.startsWith('(') ? null : true;",
        )
        .await
        .unwrap();

    click(&browser, "#alerts-toggle").await;
    browser
        .wait_for(
            "alerts off",
            "return document.querySelector('#alerts-toggle').getAttribute('aria-pressed') === 'false' ? true : null;",
        )
        .await
        .unwrap();
    browser
        .client
        .execute(HIDE_AND_RECORD, vec![])
        .await
        .unwrap();
    team.visitor().await;
    visitor.say("Hello?").await;
    // The conversation list shows the new conversation: the feed delivered it, unalerted.
    browser
        .wait_for(
            "the new messages in the list",
            "return document.body.textContent.includes('Hello?') ? true : null;",
        )
        .await
        .unwrap();
    let shown = browser
        .client
        .execute("return window.shown.length;", vec![])
        .await
        .unwrap();
    assert_eq!(shown, 0, "alerts are off");
    assert!(!title(&browser).await.starts_with('('));

    // The choice is kept for this agent across a reload.
    browser.client.refresh().await.unwrap();
    inbox_ready(&browser).await;
    let pressed = browser
        .wait_for(
            "the toggle",
            "const t = document.querySelector('#alerts-toggle'); return t ? t.getAttribute('aria-pressed') : null;",
        )
        .await
        .unwrap();
    assert_eq!(pressed, "false");
}
