//! Files in real headless Chromium, on a host page of another origin against `wrangler dev`: a
//! screenshot pasted into the widget's message box reaches the agent's inbox as an image, the
//! agent's PDF reaches the visitor as a download link, a file of a refused type is explained
//! in the panel, and a hostile file name executes nothing anywhere it shows.

use parley_tests::admin_page::{go, sign_in};
use parley_tests::fixtures::{PDF, PNG_1X1, Team};
use parley_tests::widget_page::{js, only_conversation, open, paste, sent_image_shown, visit};
use parley_tests::{Browser, Server};
use serde_json::{Value, json};

/// A file name that would run script if it were ever treated as markup.
const HOSTILE_NAME: &str = "<img src=x onerror=window.hacked=1>.png";

async fn hacked(browser: &Browser) -> Value {
    browser
        .client
        .execute(
            "return window.hacked === undefined ? null : window.hacked;",
            vec![],
        )
        .await
        .unwrap()
}

#[tokio::test]
async fn a_pasted_screenshot_reaches_the_agent_and_the_agents_file_reaches_the_visitor() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let (_page, browser) = visit(&team, "").await;
    open(&browser).await;

    paste(&browser, HOSTILE_NAME, "image/png", PNG_1X1).await;
    let alt = sent_image_shown(&browser).await;
    assert_eq!(alt, json!(HOSTILE_NAME), "the name is text, never markup");
    let conversation = only_conversation(&team).await;

    let admin = sign_in(server, &team.admin_user.email).await;
    go(&admin, &format!("#/inbox/{}", conversation.id)).await;
    let seen = admin
        .wait_for(
            "the visitor's image in the agent's conversation",
            "const img = document.querySelector('.message.from-visitor img.message-image');
             return img && img.complete && img.naturalWidth === 1 ? [img.alt, img.src.startsWith('blob:')] : null;",
        )
        .await
        .unwrap();
    assert_eq!(seen, json!([HOSTILE_NAME, true]));

    // The agent attaches a PDF through the reply box's file input.
    let folder = tempfile::tempdir().unwrap();
    let guide = folder.path().join("guide.pdf");
    std::fs::write(&guide, PDF).unwrap();
    let input = admin
        .element(
            "the attach input",
            "return document.querySelector('#attach-file');",
        )
        .await
        .unwrap();
    input.send_keys(&guide.display().to_string()).await.unwrap();
    let link = browser
        .wait_for(
            "the agent's file in the widget",
            &js("const a = root.querySelector('.parley-message.parley-theirs a.parley-file');
                 return a && a.href.startsWith('blob:') ? [a.textContent, a.getAttribute('download')] : null;"),
        )
        .await
        .unwrap();
    let label = format!("guide.pdf · {} B", PDF.len());
    assert_eq!(link, json!([label, "guide.pdf"]));

    // A page passed off as an image is refused, and the panel says why.
    paste(
        &browser,
        "photo.png",
        "image/png",
        b"<!doctype html><script>window.hacked=2</script>",
    )
    .await;
    let error = browser
        .wait_for(
            "the refusal in the panel",
            &js("const e = root.querySelector('.parley-error'); return e ? e.textContent : null;"),
        )
        .await
        .unwrap();
    assert!(error.as_str().unwrap().contains("not accepted"), "{error}");
    assert_eq!(hacked(&browser).await, Value::Null);
    assert_eq!(hacked(&admin).await, Value::Null);
}
