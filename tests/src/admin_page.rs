//! The admin UI as a signed-in person drives it in headless Chromium: typing, clicking
//! (waiting for elements that live updates replace), reading texts, signing in through the
//! form, and waiting for the live inbox.

use crate::fixtures::PASSWORD;
use crate::{Browser, Server};
use fantoccini::Locator;

/// Replaces what the field `css` holds with `text`.
pub async fn type_into(browser: &Browser, css: &str, text: &str) {
    let field = browser
        .client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("find {css}: {e}"));
    field.clear().await.unwrap();
    field.send_keys(text).await.unwrap();
}

/// Waits for `css` and clicks it. Live updates re-render the view, so the element may be
/// briefly absent (it is waited for) or replaced after it was found (it is found again).
pub async fn click(browser: &Browser, css: &str) {
    for _ in 0..5 {
        let element = browser
            .client
            .wait()
            .at_most(std::time::Duration::from_secs(20))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("find {css}: {e}"));
        match element.click().await {
            Ok(()) => return,
            Err(e) if e.to_string().contains("stale element") => continue,
            Err(e) => panic!("click {css}: {e}"),
        }
    }
    panic!("click {css}: the element kept being replaced");
}

/// Waits until `css` matches an element and returns its text.
pub async fn text_of(browser: &Browser, what: &str, css: &str) -> String {
    let value = browser
        .wait_for(
            what,
            &format!(
                "const el = document.querySelector({css:?}); return el ? el.textContent : null;"
            ),
        )
        .await
        .unwrap();
    value.as_str().unwrap_or_default().to_owned()
}

/// Waits until the text of `css` contains `expected`.
pub async fn wait_for_text(browser: &Browser, what: &str, css: &str, expected: &str) {
    browser
        .wait_for(
            what,
            &format!(
                "const el = document.querySelector({css:?});
                 return el && el.textContent.includes({expected:?}) ? true : null;"
            ),
        )
        .await
        .unwrap();
}

/// Chooses the option whose value is `value` in the select at `css`.
pub async fn select(browser: &Browser, css: &str, value: &str) {
    browser
        .client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("find {css}: {e}"))
        .select_by_value(value)
        .await
        .unwrap_or_else(|e| panic!("select {value} in {css}: {e}"));
}

/// Goes to a hash route of the app already loaded.
pub async fn go(browser: &Browser, hash: &str) {
    browser
        .client
        .execute(&format!("location.hash = {hash:?};"), vec![])
        .await
        .unwrap();
}

/// Opens the admin UI signed out and signs in through the form.
pub async fn sign_in(server: &Server, email: &str) -> Browser {
    let browser = Browser::start().await.unwrap();
    browser
        .client
        .goto(&format!("{}/admin/", server.base_url))
        .await
        .unwrap();
    browser
        .wait_for(
            "the sign-in form",
            "return document.querySelector('#sign-in-email') ? true : null;",
        )
        .await
        .unwrap();
    type_into(&browser, "#sign-in-email", email).await;
    type_into(&browser, "#sign-in-password", PASSWORD).await;
    click(&browser, "#sign-in button[type=submit]").await;
    browser
        .wait_for(
            "the signed-in shell",
            "return document.querySelector('#sign-out') && document.querySelector('#conversation-list, .page') ? true : null;",
        )
        .await
        .unwrap();
    browser
}

/// Waits for the inbox to have loaded its list and for the live feed to be connected (what
/// makes this agent online).
pub async fn inbox_ready(browser: &Browser) {
    browser
        .wait_for(
            "the inbox list and live feed",
            "const list = document.querySelector('#conversation-list');
             return list && list.getAttribute('aria-busy') === 'false' && document.querySelector('.live-on') ? true : null;",
        )
        .await
        .unwrap();
}
