//! The widget as a visitor drives it in headless Chromium, on a host page of another origin:
//! its shadow root, the launcher, the panel and the message box.

use crate::fixtures::Team;
use crate::{Browser, HostPage};
use parley_shared_types::conversation::Conversation;
use parley_shared_types::message::{Message, SendMessageRequest};
use parley_shared_types::page::Page;
use std::time::Duration;

pub const ROOT: &str =
    "const host = document.querySelector('parley-widget'); const root = host && host.shadowRoot;";

pub fn js(body: &str) -> String {
    format!("{ROOT} {body}")
}

/// A page embedding `team`'s widget, and a browser on it.
pub async fn visit(team: &Team, head: &str) -> (HostPage, Browser) {
    let page = HostPage::serve(HostPage::embedding(&team.server_url, &team.widget.id, head))
        .await
        .unwrap();
    let browser = Browser::start().await.unwrap();
    browser.client.goto(&page.url).await.unwrap();
    launcher_shown(&browser).await;
    (page, browser)
}

/// Waits for the loader to draw the launcher (after a page load or reload).
pub async fn launcher_shown(browser: &Browser) {
    browser
        .wait_for(
            "the launcher",
            &js("return root && root.querySelector('.launcher') ? true : null;"),
        )
        .await
        .unwrap();
}

pub async fn open(browser: &Browser) {
    let launcher = browser
        .element(
            "the launcher",
            &js("return root.querySelector('.launcher');"),
        )
        .await
        .unwrap();
    launcher.click().await.unwrap();
    browser
        .wait_for(
            "the chat panel",
            &js("return root.querySelector('.parley-chat textarea') ? true : null;"),
        )
        .await
        .unwrap();
}

pub async fn type_message(browser: &Browser, text: &str) {
    let input = browser
        .element(
            "the message box",
            &js("return root.querySelector('textarea');"),
        )
        .await
        .unwrap();
    input.send_keys(&format!("{text}\n")).await.unwrap();
}

/// The texts of the stored (not streaming, not pending) messages from others in the widget,
/// once there are `count`.
pub async fn answers(browser: &Browser, count: usize) -> Vec<String> {
    let script = js(&format!(
        "const texts = [...root.querySelectorAll('.parley-message.parley-theirs:not(.parley-streaming) .parley-text')].map(e => e.textContent);
         return texts.length >= {count} ? texts : null;"
    ));
    let texts = browser
        .wait_for(&format!("{count} answers"), &script)
        .await
        .unwrap();
    serde_json::from_value(texts).unwrap()
}

/// The texts of stored (not pending) messages shown, in order.
pub async fn shown_messages(browser: &Browser, count: usize) -> Vec<String> {
    let script = js(&format!(
        "const texts = [...root.querySelectorAll('.parley-message:not(.parley-pending) .parley-text')].map(e => e.textContent);
         return texts.length >= {count} ? texts : null;"
    ));
    serde_json::from_value(
        browser
            .wait_for(&format!("{count} messages"), &script)
            .await
            .unwrap(),
    )
    .unwrap()
}

/// The agent answers in the conversation.
pub async fn agent_says(team: &Team, conversation_id: &str, text: &str) -> Message {
    let path = format!("/api/conversations/{conversation_id}/messages");
    team.agent
        .post(&path, &SendMessageRequest::text(text))
        .await
        .expect_status(201)
}

/// Whether the offline banner shows is read again every 20 s while the chat is open: waits
/// until it is `shown`, long enough for a read refused by the per-IP limit that all browsers
/// here share (one address) to be followed by one in the next window.
pub async fn offline_banner(browser: &Browser, shown: bool) {
    let script = js(&format!(
        "return (root.querySelector('.parley-offline-banner') !== null) === {shown} ? true : null;"
    ));
    let what = format!("the offline banner to be shown: {shown}");
    browser
        .wait_for_within(&what, &script, Duration::from_secs(90))
        .await
        .unwrap();
}

/// The team's one conversation, as its agent lists it.
pub async fn only_conversation(team: &Team) -> Conversation {
    let page: Page<Conversation> = team
        .agent
        .get("/api/conversations")
        .await
        .expect_status(200);
    assert_eq!(page.total, 1, "{page:?}");
    page.data.into_iter().next().unwrap()
}

/// What `selector` (inside the widget's shadow root) says, once it is shown.
pub async fn widget_text(browser: &Browser, what: &str, selector: &str) -> String {
    let script = js(&format!(
        "const el = root.querySelector({selector:?}); return el && el.textContent ? el.textContent : null;"
    ));
    let text = browser.wait_for(what, &script).await.unwrap();
    text.as_str().unwrap_or_default().to_owned()
}

/// Waits until `selector` matches nothing in the widget.
pub async fn widget_gone(browser: &Browser, what: &str, selector: &str) {
    let script = js(&format!(
        "return root.querySelector({selector:?}) ? null : true;"
    ));
    browser.wait_for(what, &script).await.unwrap();
}

/// Pastes a file into the widget's message box as a browser's clipboard would.
pub async fn paste(browser: &Browser, name: &str, content_type: &str, bytes: &[u8]) {
    let script = js(
        "const [name, type, bytes] = arguments;
         const file = new File([new Uint8Array(bytes)], name, { type });
         const data = new DataTransfer();
         data.items.add(file);
         const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
         root.querySelector('textarea').dispatchEvent(event);
         return event.defaultPrevented;",
    );
    let taken = browser
        .client
        .execute(
            &script,
            vec![
                serde_json::json!(name),
                serde_json::json!(content_type),
                serde_json::json!(bytes),
            ],
        )
        .await
        .unwrap();
    assert_eq!(
        taken,
        serde_json::json!(true),
        "the message box took the pasted file"
    );
}

/// Waits for the visitor's sent image to be drawn (decoded: one pixel wide).
pub async fn sent_image_shown(browser: &Browser) -> serde_json::Value {
    browser
        .wait_for(
            "the pasted image in the visitor's message",
            &js("const img = root.querySelector('.parley-message.parley-mine:not(.parley-pending) img.parley-image');
                 return img && img.complete && img.naturalWidth === 1 ? img.alt : null;"),
        )
        .await
        .unwrap()
}
