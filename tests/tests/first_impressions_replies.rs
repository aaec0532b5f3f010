//! What a visitor meets after the first answer, in real headless Chromium against `wrangler
//! dev`: a closed conversation takes a reply, failures are said in words with a retry, and the
//! widget's small faults are gone. (Its own binary, so its own server: browser traffic all
//! comes from 127.0.0.1 and shares one per-IP window per server.)

use parley_shared_types::conversation::{Conversation, ConversationStatus};
use parley_shared_types::message::{Message, SendMessageRequest};
use parley_shared_types::page::Page;
use parley_shared_types::widget::WidgetInput;
use parley_tests::fixtures::Team;
use parley_tests::widget_page::{
    answers, js, launcher_shown, only_conversation, open, type_message, visit, widget_gone,
    widget_text,
};
use parley_tests::{Browser, Server};
use std::time::Duration;

#[tokio::test]
async fn a_closed_conversation_takes_a_reply_and_an_agent_reopening_it_shows_at_once() {
    let server = Server::shared().await;
    let mut team = Team::new(server).await;
    let (_page, visitor) = visit(&team, "").await;
    open(&visitor).await;
    type_message(&visitor, "first question").await;
    widget_text(
        &visitor,
        "the stored message",
        ".parley-message:not(.parley-pending) .parley-text",
    )
    .await;
    let conversation = only_conversation(&team).await;
    let path = |action: &str| format!("/api/conversations/{}/{action}", conversation.id);

    // Closed by the agent, reopened by the agent: the open widget follows both.
    let _: Conversation = team
        .agent
        .post_empty(&path("close"))
        .await
        .expect_status(200);
    assert_eq!(
        widget_text(&visitor, "the ended note", ".parley-ended").await,
        "This conversation has ended. Write below to reopen it."
    );
    let _: Conversation = team
        .agent
        .post_empty(&path("reopen"))
        .await
        .expect_status(200);
    widget_gone(&visitor, "the ended note to go", ".parley-ended").await;

    // Closed again: the visitor's reply reopens it, in the same thread.
    let _: Conversation = team
        .agent
        .post_empty(&path("close"))
        .await
        .expect_status(200);
    widget_text(&visitor, "the ended note", ".parley-ended").await;
    type_message(&visitor, "one more thing").await;
    widget_gone(&visitor, "the ended note to go", ".parley-ended").await;
    let reopened = only_conversation(&team).await;
    assert_eq!(reopened.status, ConversationStatus::Open);
    let page: Page<Message> = team.agent.get(&path("messages")).await.expect_status(200);
    let texts: Vec<&str> = page.data.iter().map(|m| m.content.as_str()).collect();
    assert_eq!(texts, ["first question", "one more thing"]);

    // With reopening off, a reply starts a new conversation that names the old one.
    team.update_widget(WidgetInput {
        reopen_on_reply: Some(false),
        ..WidgetInput::default()
    })
    .await;
    visitor.client.refresh().await.unwrap();
    launcher_shown(&visitor).await;
    open(&visitor).await;
    let _: Conversation = team
        .agent
        .post_empty(&path("close"))
        .await
        .expect_status(200);
    let start_over = visitor
        .element(
            "start a new conversation",
            &js("return root.querySelector('.parley-closed button');"),
        )
        .await
        .unwrap();
    start_over.click().await.unwrap();
    type_message(&visitor, "a new question").await;
    let linked = loop {
        let page: Page<Conversation> = team
            .agent
            .get("/api/conversations?status=open")
            .await
            .expect_status(200);
        if let Some(found) = page.data.into_iter().find(|c| c.id != conversation.id) {
            break found;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    assert_eq!(
        linked.metadata["previousConversationId"],
        conversation.id.as_str(),
        "the new conversation links the closed one"
    );
    visitor.close().await.unwrap();
}

#[tokio::test]
async fn a_failed_send_is_said_in_words_with_its_reference_and_a_retry() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    // Sending a message meets a crashed worker's plain-text answer until the test lets it
    // through (`window.__healed`). The socket never opens, so every send is a request (a live
    // socket would deliver the message before the visitor could retry it).
    let failing = "<script>
        window.WebSocket = class { send() {} close() {} };
        const realFetch = window.fetch;
        window.fetch = (input, init) => {
            const url = typeof input === 'string' ? input : input.url;
            const method = (init && init.method) || (typeof input === 'string' ? 'GET' : input.method);
            if (!window.__healed && method === 'POST' && /\\/messages$/.test(url)) {
                return Promise.resolve(new Response('internal error; reference = 7f3ac9e1', { status: 500 }));
            }
            return realFetch(input, init);
        };
        </script>";
    let (_page, visitor) = visit(&team, failing).await;
    open(&visitor).await;
    type_message(&visitor, "will this arrive?").await;
    let alert = widget_text(&visitor, "the error", ".parley-error").await;
    assert_eq!(
        alert,
        "Something went wrong on our side. Please try again. (Reference for support: 7f3ac9e1)"
    );
    let bubble = widget_text(
        &visitor,
        "the unsent bubble",
        ".parley-pending .parley-failed",
    )
    .await;
    assert!(bubble.starts_with("Not sent yet."), "{bubble}");
    visitor
        .client
        .execute("window.__healed = true; return true;", vec![])
        .await
        .unwrap();
    // Clicked in the page: the bubble may be redrawn between finding and clicking it.
    visitor
        .wait_for(
            "Retry",
            &js("const b = root.querySelector('.parley-pending button'); if (!b) return null; b.click(); return true;"),
        )
        .await
        .unwrap();
    widget_gone(&visitor, "the pending bubble to go", ".parley-pending").await;
    assert_eq!(
        widget_text(
            &visitor,
            "the stored message",
            ".parley-message .parley-text"
        )
        .await,
        "will this arrive?"
    );
    widget_gone(&visitor, "the error to go", ".parley-error").await;
    visitor.close().await.unwrap();
}

#[tokio::test]
async fn small_faults_title_contrast_no_duplicate_scrolled_on_reopen_and_a_growing_composer() {
    let server = Server::shared().await;
    let mut team = Team::new(server).await;
    team.update_widget(WidgetInput {
        title: Some("Acme help".into()),
        ..WidgetInput::default()
    })
    .await;
    let (_page, visitor) = visit(&team, "").await;
    open(&visitor).await;

    // The public title, not the widget's internal name; text on the theme passes 4.5:1.
    assert_eq!(
        widget_text(&visitor, "the title", ".parley-title").await,
        "Acme help"
    );
    let colours = visitor
        .wait_for(
            "the header colours",
            &js(
                "const h = getComputedStyle(root.querySelector('.parley-header'));
                 return { fg: h.color, bg: h.backgroundColor };",
            ),
        )
        .await
        .unwrap();
    assert_eq!(colours["bg"], "rgb(79, 70, 229)", "{colours}");
    assert_eq!(colours["fg"], "rgb(255, 255, 255)", "{colours}");

    // Every bubble shown is counted as it appears: a confirmed message never shows twice.
    visitor
        .client
        .execute(
            &js("window.__most = 0;
                 new MutationObserver(() => {
                     const mine = [...root.querySelectorAll('.parley-mine .parley-text')].filter(e => e.textContent === 'Hello there');
                     window.__most = Math.max(window.__most, mine.length);
                 }).observe(root.querySelector('.parley-messages'), { childList: true, subtree: true });
                 return true;"),
            vec![],
        )
        .await
        .unwrap();
    type_message(&visitor, "Hello there").await;
    widget_gone(&visitor, "the pending bubble to go", ".parley-pending").await;
    assert_eq!(
        visitor
            .client
            .execute("return window.__most;", vec![])
            .await
            .unwrap(),
        1,
        "the message showed once"
    );
    let conversation = only_conversation(&team).await;
    let path = format!("/api/conversations/{}/messages", conversation.id);
    for n in 0..12 {
        let _: Message = team
            .agent
            .post(
                &path,
                &SendMessageRequest::text(format!("Answer number {n}")),
            )
            .await
            .expect_status(201);
    }
    answers(&visitor, 12).await;

    // Closed and opened again, the newest message is in view.
    let close = visitor
        .element(
            "the close button",
            &js("return root.querySelector('.parley-close');"),
        )
        .await
        .unwrap();
    close.click().await.unwrap();
    let _: Message = team
        .agent
        .post(&path, &SendMessageRequest::text("While you were away"))
        .await
        .expect_status(201);
    visitor
        .wait_for(
            "the message to arrive while closed",
            &js("return [...root.querySelectorAll('.parley-text')].some(e => e.textContent === 'While you were away') ? true : null;"),
        )
        .await
        .unwrap();
    open(&visitor).await;
    visitor
        .wait_for(
            "the list scrolled to the bottom",
            &js("const list = root.querySelector('.parley-messages');
                 return list.scrollHeight > list.clientHeight && list.scrollTop + list.clientHeight >= list.scrollHeight - 2 ? true : null;"),
        )
        .await
        .unwrap();

    // The message box grows for several lines.
    let height = |browser: &Browser| {
        let script = js("return root.querySelector('textarea').getBoundingClientRect().height;");
        let client = browser.client.clone();
        async move {
            client
                .execute(&script, vec![])
                .await
                .unwrap()
                .as_f64()
                .unwrap()
        }
    };
    let one_line = height(&visitor).await;
    let input = visitor
        .element(
            "the message box",
            &js("return root.querySelector('textarea');"),
        )
        .await
        .unwrap();
    input.send_keys("first line").await.unwrap();
    for line in ["second line", "third line"] {
        visitor
            .client
            .execute(
                &js(&format!(
                    "const t = root.querySelector('textarea'); t.value += '\\n{line}'; t.dispatchEvent(new Event('input', {{ bubbles: true }})); return true;"
                )),
                vec![],
            )
            .await
            .unwrap();
    }
    let three_lines = visitor
        .wait_for(
            "the box to grow",
            &js(&format!(
                "const h = root.querySelector('textarea').getBoundingClientRect().height; return h > {one_line} * 1.8 ? h : null;"
            )),
        )
        .await
        .unwrap();
    assert!(
        three_lines.as_f64().unwrap() > one_line,
        "{one_line} → {three_lines}"
    );
    visitor.close().await.unwrap();
}
