//! Messages as the widget draws them, in real headless Chromium on a host page of another
//! origin, against `wrangler dev`: an agent's markdown as elements (never HTML, links only to
//! web and mail addresses), a visitor's text as written.
//!
//! Its own test binary (so its own `wrangler dev`): every browser reaches the edge from one
//! address, and the widget file's visits already spend most of the per-IP quota.

use parley_tests::Server;
use parley_tests::fixtures::Team;
use parley_tests::widget_page::{
    agent_says, js, only_conversation, open, shown_messages, type_message, visit,
};

#[tokio::test]
async fn agents_markdown_is_drawn_and_a_visitors_text_stays_as_written() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let (_page, browser) = visit(&team, "").await;
    open(&browser).await;
    type_message(&browser, "**not bold**, _as typed_").await;
    shown_messages(&browser, 1).await;
    let conversation = only_conversation(&team).await;
    let answer = "Sure:\n1. Open **Settings**\n2. Press *Save*\n\nSee [the docs](https://parley.dev/docs), not [this](javascript:window.__pwned=1).\n```\n<b>code</b> **as is**\n```";
    agent_says(&team, &conversation.id, answer).await;
    shown_messages(&browser, 2).await;
    let drawn = browser
        .client
        .execute(
            &js("const [mine, theirs] = root.querySelectorAll('.parley-message .parley-text');
                 return {
                   mine: mine.textContent,
                   mineStyled: mine.querySelectorAll('.parley-b, .parley-i').length,
                   items: [...theirs.querySelectorAll('ol[start=\"1\"] > li')].map(li => li.textContent),
                   bold: [...theirs.querySelectorAll('.parley-b')].map(e => e.textContent),
                   italic: [...theirs.querySelectorAll('.parley-i')].map(e => e.textContent),
                   links: [...theirs.querySelectorAll('a')].map(a => [a.textContent, a.getAttribute('href'), a.rel]),
                   code: theirs.querySelector('pre code').textContent,
                   elements: theirs.querySelectorAll('b, script, [onerror]').length,
                   pwned: window.__pwned ?? null,
                 };"),
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        drawn,
        serde_json::json!({
            "mine": "**not bold**, _as typed_",
            "mineStyled": 0,
            "items": ["Open Settings", "Press Save"],
            "bold": ["Settings"],
            "italic": ["Save"],
            "links": [["the docs", "https://parley.dev/docs", "noopener noreferrer nofollow"]],
            "code": "<b>code</b> **as is**",
            "elements": 0,
            "pwned": null,
        })
    );
    browser.close().await.unwrap();
}
