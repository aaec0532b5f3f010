//! The Developers screen in real headless Chromium against `wrangler dev`: an admin makes an
//! API key and sees its secret once (the secret works), revokes it (the secret is refused);
//! registers a webhook on a receiver on this machine, sends a test and reads the receiver's
//! answer in the delivery log, pauses it and rotates its secret (shown once).

use fantoccini::Locator;
use parley_shared_types::api_key::{ApiKey, KeyScope};
use parley_shared_types::page::Page;
use parley_shared_types::webhook::Webhook;
use parley_tests::admin_page::{click, go, sign_in, text_of, type_into, wait_for_text};
use parley_tests::fixtures::Team;
use parley_tests::{Api, Browser, Server, WebhookReceiver};
use serde_json::Value;

/// Whether any element matches `css` now.
async fn present(browser: &Browser, css: &str) -> bool {
    browser
        .client
        .execute(
            &format!("return document.querySelector({css:?}) !== null;"),
            vec![],
        )
        .await
        .unwrap()
        .as_bool()
        .unwrap()
}

/// Waits until nothing matches `css`.
async fn gone(browser: &Browser, what: &str, css: &str) {
    browser
        .wait_for(
            what,
            &format!("return document.querySelector({css:?}) ? null : true;"),
        )
        .await
        .unwrap();
}

/// Whether the page's text holds `secret` anywhere.
async fn page_shows(browser: &Browser, secret: &str) -> bool {
    browser
        .client
        .execute(
            &format!("return document.body.textContent.includes({secret:?});"),
            vec![],
        )
        .await
        .unwrap()
        .as_bool()
        .unwrap()
}

#[tokio::test]
async fn an_admin_makes_an_api_key_sees_its_secret_once_and_revokes_it() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let browser = sign_in(server, &team.admin_user.email).await;
    go(&browser, "#/developers").await;
    text_of(&browser, "the empty key table", "#api-key-table").await;

    type_into(&browser, "#api-key-name", "Nightly export").await;
    browser
        .client
        .find(Locator::Css("#api-key-scope"))
        .await
        .unwrap()
        .select_by_value("read")
        .await
        .unwrap();
    click(&browser, "#create-api-key").await;
    let secret = text_of(
        &browser,
        "the new key's secret",
        "#api-key-secret .secret-value",
    )
    .await;
    assert!(secret.starts_with("pk_live_"), "{secret}");
    wait_for_text(
        &browser,
        "the warning",
        "#api-key-secret",
        "you will not see it again",
    )
    .await;
    let keys: Page<ApiKey> = team.admin.get("/api/keys").await.expect_status(200);
    let key = keys
        .data
        .iter()
        .find(|k| k.name == "Nightly export")
        .expect("the key was made");
    assert_eq!(key.scope, KeyScope::Read);
    let row = format!("#api-key-table tr[data-key-id='{}']", key.id);
    wait_for_text(&browser, "the key's row", &row, &key.prefix).await;

    let with_key = Api::new(&server.base_url).with_token(&secret);
    let _: Value = with_key.get("/api/conversations").await.expect_status(200);

    click(&browser, "#api-key-secret .dismiss-secret").await;
    gone(&browser, "the dismissed secret", "#api-key-secret").await;
    assert!(!page_shows(&browser, &secret).await, "shown once");

    click(&browser, &format!("{row} .revoke-key")).await;
    assert!(present(&browser, &row).await, "the first press only asks");
    click(&browser, &format!("{row} .revoke-key")).await;
    gone(&browser, "the revoked key's row", &row).await;
    with_key
        .get::<Value>("/api/conversations")
        .await
        .expect_problem(401);
    browser.close().await.unwrap();
}

#[tokio::test]
async fn an_admin_registers_a_webhook_tests_pauses_and_rotates_it() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let receiver = WebhookReceiver::start(0).await;
    let browser = sign_in(server, &team.admin_user.email).await;
    go(&browser, "#/developers").await;
    text_of(&browser, "the empty webhook table", "#webhook-table").await;

    // Without an event the form says why, in words.
    type_into(&browser, "#webhook-url", &receiver.url).await;
    click(&browser, "#create-webhook").await;
    wait_for_text(
        &browser,
        "the refusal",
        "#new-webhook [role=alert]",
        "at least one event",
    )
    .await;
    click(
        &browser,
        "#new-webhook input[name=webhook-event][value='message.received']",
    )
    .await;
    click(&browser, "#create-webhook").await;
    let secret = text_of(
        &browser,
        "the new webhook's secret",
        "#webhook-secret-shown .secret-value",
    )
    .await;
    assert!(secret.starts_with("whsec_"), "{secret}");
    let hooks: Page<Webhook> = team.admin.get("/api/webhooks").await.expect_status(200);
    let [webhook] = hooks.data.as_slice() else {
        panic!("one webhook: {:?}", hooks.data)
    };
    assert_eq!(webhook.url, receiver.url);
    let row = format!("#webhook-table tr[data-webhook-id='{}']", webhook.id);
    wait_for_text(&browser, "the webhook's row", &row, "message.received").await;
    click(&browser, "#webhook-secret-shown .dismiss-secret").await;
    gone(&browser, "the dismissed secret", "#webhook-secret-shown").await;
    assert!(!page_shows(&browser, &secret).await, "shown once");

    // A test, answered 200 by the receiver, shows in the opened log once delivered.
    click(&browser, &format!("{row} .send-test")).await;
    let received = receiver.wait_for(1).await;
    assert_eq!(received[0].header("parley-event"), "webhook.test");
    let delivery = format!(
        ".deliveries-row tr[data-delivery-id='{}']",
        received[0].header("parley-delivery")
    );
    wait_for_text(&browser, "the delivered test", &delivery, "delivered").await;
    let logged = text_of(&browser, "the log's row", &delivery).await;
    assert!(logged.contains("webhook.test"), "{logged}");
    assert_eq!(
        text_of(
            &browser,
            "its status code",
            &format!("{delivery} .delivery-code")
        )
        .await,
        "200"
    );

    click(&browser, &format!("{row} .toggle-webhook")).await;
    wait_for_text(
        &browser,
        "the paused state",
        &format!("{row} .webhook-state"),
        "Paused",
    )
    .await;
    let paused: Webhook = team
        .admin
        .get(&format!("/api/webhooks/{}", webhook.id))
        .await
        .expect_status(200);
    assert!(!paused.active);

    click(&browser, &format!("{row} .rotate-secret")).await;
    let rotated = browser
        .wait_for(
            "the rotated secret",
            &format!(
                "const el = document.querySelector('#webhook-secret-shown .secret-value');
                 return el && el.textContent !== {secret:?} ? el.textContent : null;"
            ),
        )
        .await
        .unwrap();
    let rotated = rotated.as_str().unwrap().to_owned();
    assert!(
        rotated.starts_with("whsec_") && rotated != secret,
        "{rotated}"
    );
    click(&browser, "#webhook-secret-shown .dismiss-secret").await;
    gone(&browser, "the dismissed secret", "#webhook-secret-shown").await;
    assert!(!page_shows(&browser, &rotated).await, "shown once");

    click(&browser, &format!("{row} .delete-webhook")).await;
    click(&browser, &format!("{row} .delete-webhook")).await;
    gone(&browser, "the deleted webhook's row", &row).await;
    team.admin
        .get::<Value>(&format!("/api/webhooks/{}", webhook.id))
        .await
        .expect_problem(404);
    browser.close().await.unwrap();
}
