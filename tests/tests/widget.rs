//! The embeddable widget in real headless Chromium, on host pages served from another origin,
//! against `wrangler dev`: isolation, live chat both ways, persistence, offline queueing, XSS
//! safety and the JS API.

use parley_shared_types::conversation::{Conversation, ConversationStatus};
use parley_shared_types::hub::methods;
use parley_shared_types::message::Message;
use parley_shared_types::page::Page;
use parley_shared_types::widget::WidgetInput;
use parley_tests::fixtures::Team;
use parley_tests::widget_page::{
    agent_says, js, launcher_shown, only_conversation, open, shown_messages, type_message, visit,
};
use parley_tests::{Browser, HostPage, HubClient, Server};
use serde_json::Value;

/// Styles a careless or hostile host page might carry.
const HOSTILE_CSS: &str = "<style>* { all: unset !important; font-size: 48px !important; color: red !important; } \
     parley-widget { display: none !important; }</style>";

async fn stored_messages(team: &Team, conversation_id: &str) -> Vec<String> {
    let page: Page<Message> = team
        .agent
        .get(&format!("/api/conversations/{conversation_id}/messages"))
        .await
        .expect_status(200);
    page.data.into_iter().map(|m| m.content).collect()
}

/// A visitor on a plain page who opened the chat and sent `first`, and the conversation that
/// started.
async fn chatting(team: &Team, first: &str) -> (HostPage, Browser, Conversation) {
    let (page, browser) = visit(team, "").await;
    open(&browser).await;
    type_message(&browser, first).await;
    shown_messages(&browser, 1).await;
    let conversation = only_conversation(team).await;
    (page, browser, conversation)
}

/// The agent starts typing (on their own hub socket, returned) and the widget shows it.
async fn agent_starts_typing(
    server: &Server,
    team: &Team,
    conversation_id: &str,
    browser: &Browser,
) -> HubClient {
    let mut agent_hub = team.agent_hub(server, conversation_id).await;
    agent_hub
        .invoke(methods::TYPING_START, conversation_id, None)
        .await
        .unwrap();
    browser
        .wait_for(
            "the typing indicator",
            &js("return root.querySelector('.parley-typing') ? true : null;"),
        )
        .await
        .unwrap();
    agent_hub
}

#[tokio::test]
async fn the_widget_is_isolated_from_a_hostile_page_and_shows_the_widget_config() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let (_page, browser) = visit(&team, HOSTILE_CSS).await;
    let launcher = browser
        .wait_for(
            "the styled launcher",
            &js("const b = root.querySelector('.launcher'); const r = b.getBoundingClientRect();
                 return { width: r.width, height: r.height, label: b.getAttribute('aria-label'),
                          position: getComputedStyle(host).position, background: getComputedStyle(b).backgroundColor };"),
        )
        .await
        .unwrap();
    assert_eq!(
        (launcher["width"].as_f64(), launcher["height"].as_f64()),
        (Some(56.0), Some(56.0)),
        "{launcher}"
    );
    assert_eq!(
        (launcher["label"].as_str(), launcher["position"].as_str()),
        (Some("Open chat"), Some("fixed"))
    );
    assert_eq!(
        launcher["background"], "rgb(79, 70, 229)",
        "the widget's theme colour"
    );

    open(&browser).await;
    let panel = browser
        .wait_for(
            "the welcome message",
            &js("const w = root.querySelector('.parley-welcome'); if (!w) return null;
                 return { text: w.textContent, fontSize: getComputedStyle(w).fontSize,
                          title: root.querySelector('.parley-title').textContent,
                          offline: root.querySelector('.parley-offline-banner')?.textContent ?? null,
                          leaked: document.querySelectorAll('.parley-chat, .parley-welcome').length };"),
        )
        .await
        .unwrap();
    assert_eq!(panel["text"], team.widget.welcome_message);
    assert_eq!(
        panel["title"], "Chat",
        "a widget without a public title never shows its internal name"
    );
    assert_eq!(
        panel["fontSize"], "15px",
        "the host page's 48px did not reach inside"
    );
    assert_eq!(
        panel["offline"], team.widget.offline_message,
        "no agent is online, so the offline message shows"
    );
    assert_eq!(panel["leaked"], 0);
    let focused = browser
        .wait_for(
            "focus in the panel",
            &js("return root.activeElement?.tagName ?? null;"),
        )
        .await
        .unwrap();
    assert_eq!(focused, "TEXTAREA");
    browser.close().await.unwrap();
}

#[tokio::test]
async fn a_visitor_chats_live_with_an_agent_and_keeps_the_conversation_on_reload() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let (_page, browser) = visit(&team, "").await;
    open(&browser).await;
    type_message(&browser, "Hello, is this thing on?").await;
    assert_eq!(
        shown_messages(&browser, 1).await,
        ["Hello, is this thing on?"]
    );

    let conversation = only_conversation(&team).await;
    assert_eq!(
        stored_messages(&team, &conversation.id).await,
        ["Hello, is this thing on?"]
    );
    assert_eq!(
        conversation.metadata["page"], "/",
        "the page the visitor started on"
    );

    // The agent types, then answers; both show live.
    let _agent_hub = agent_starts_typing(server, &team, &conversation.id, &browser).await;
    let path = format!("/api/conversations/{}/messages", conversation.id);
    let reply = agent_says(
        &team,
        &conversation.id,
        "Loud and clear: see https://example.com/help",
    )
    .await;
    let shown = shown_messages(&browser, 2).await;
    assert_eq!(shown[1], reply.content);
    let link = browser
        .wait_for(
            "the link",
            &js("return root.querySelector('.parley-theirs a')?.href ?? null;"),
        )
        .await
        .unwrap();
    assert_eq!(link, "https://example.com/help");
    let typing_gone = browser
        .wait_for(
            "typing to stop",
            &js("return root.querySelector('.parley-typing') ? null : true;"),
        )
        .await;
    assert!(typing_gone.is_ok(), "the reply ends the typing indicator");

    // The open panel marked the reply read; the agent sees it.
    let read = async {
        for _ in 0..50 {
            let page: Page<Message> = team.agent.get(&path).await.expect_status(200);
            if page.data.iter().any(|m| m.id == reply.id && m.is_read) {
                return true;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        false
    };
    assert!(
        read.await,
        "the widget sent a read receipt for the reply it showed"
    );

    browser.client.refresh().await.unwrap();
    launcher_shown(&browser).await;
    open(&browser).await;
    assert_eq!(
        shown_messages(&browser, 2).await,
        ["Hello, is this thing on?", reply.content.as_str()],
        "the conversation survived the reload"
    );
    type_message(&browser, "Still here").await;
    shown_messages(&browser, 3).await;
    assert_eq!(
        only_conversation(&team).await.id,
        conversation.id,
        "the reload continued the same conversation"
    );
    browser.close().await.unwrap();
}

#[tokio::test]
async fn messages_written_offline_are_queued_and_delivered_exactly_once() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let (_page, browser, conversation) = chatting(&team, "before").await;

    browser
        .client
        .execute("window.dispatchEvent(new Event('offline'))", vec![])
        .await
        .unwrap();
    type_message(&browser, "while offline 1").await;
    type_message(&browser, "while offline 2").await;
    let pending = browser
        .wait_for("two pending", &js("const p = root.querySelectorAll('.parley-pending'); return p.length === 2 ? [...p].map(e => e.textContent) : null;"))
        .await
        .unwrap();
    assert!(
        pending[0].as_str().unwrap().contains("Sending"),
        "{pending}"
    );
    assert_eq!(
        stored_messages(&team, &conversation.id).await,
        ["before"],
        "nothing was sent while offline"
    );

    browser
        .client
        .execute("window.dispatchEvent(new Event('online'))", vec![])
        .await
        .unwrap();
    browser
        .wait_for(
            "the queue to drain",
            &js("return root.querySelectorAll('.parley-pending').length === 0 ? true : null;"),
        )
        .await
        .unwrap();
    assert_eq!(
        shown_messages(&browser, 3).await,
        ["before", "while offline 1", "while offline 2"]
    );
    assert_eq!(
        stored_messages(&team, &conversation.id).await,
        ["before", "while offline 1", "while offline 2"],
        "each stored exactly once, in order"
    );
    browser.close().await.unwrap();
}

#[tokio::test]
async fn an_xss_payload_from_an_agent_is_shown_as_text_and_runs_nothing() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let (_page, browser, conversation) = chatting(&team, "hi").await;
    let payload = "<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=2</script>";
    agent_says(&team, &conversation.id, payload).await;
    assert_eq!(shown_messages(&browser, 2).await[1], payload);
    let result = browser
        .wait_for("the payload's effect", &js("return { pwned: window.__pwned ?? null, imgs: root.querySelectorAll('.parley-text img, .parley-text script').length };"))
        .await
        .unwrap();
    assert_eq!(result["pwned"], Value::Null);
    assert_eq!(result["imgs"], 0);
    browser.close().await.unwrap();
}

#[tokio::test]
async fn the_js_api_opens_closes_and_reports_events() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let (_page, browser) = visit(&team, "").await;
    browser
        .client
        .execute(
            "window.events = []; for (const name of ['open', 'close', 'message']) Parley.on(name, (payload) => events.push([name, payload?.content ?? null]));
             Parley.identify({ userId: 'u-42', name: 'Grace', email: 'grace@example.com' });
             Parley.open();",
            vec![],
        )
        .await
        .unwrap();
    browser
        .wait_for(
            "the panel",
            &js("return root.querySelector('.parley-chat textarea') ? true : null;"),
        )
        .await
        .unwrap();
    type_message(&browser, "from the API test").await;
    shown_messages(&browser, 1).await;
    let conversation = only_conversation(&team).await;
    assert_eq!(
        (
            conversation.metadata["userId"].as_str(),
            conversation.metadata["name"].as_str()
        ),
        (Some("u-42"), Some("Grace")),
        "identify() reached the conversation"
    );
    agent_says(&team, &conversation.id, "Hi Grace").await;
    shown_messages(&browser, 2).await;
    browser
        .client
        .execute("Parley.close(); Parley.toggle(); Parley.toggle();", vec![])
        .await
        .unwrap();
    let events = browser
        .wait_for(
            "the events",
            "return window.events.length >= 5 ? window.events : null;",
        )
        .await
        .unwrap();
    assert_eq!(
        events,
        serde_json::json!([
            ["open", null],
            ["message", "Hi Grace"],
            ["close", null],
            ["open", null],
            ["close", null]
        ])
    );
    let hidden = browser
        .wait_for(
            "the panel state",
            &js("return root.querySelector('.panel').hidden;"),
        )
        .await
        .unwrap();
    assert_eq!(hidden, true);
    let globals = browser
        .client
        .execute(
            "return Object.keys(window).filter(k => k.toLowerCase().includes('parley'));",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        globals,
        serde_json::json!(["Parley"]),
        "one documented global"
    );
    browser.close().await.unwrap();
}

#[tokio::test]
async fn a_closed_conversation_offers_to_start_a_new_one() {
    let server = Server::shared().await;
    let mut team = Team::new(server).await;
    // Where a reply does not reopen a closed conversation.
    team.update_widget(WidgetInput {
        reopen_on_reply: Some(false),
        ..WidgetInput::default()
    })
    .await;
    let (_page, browser, first) = chatting(&team, "first conversation").await;
    let closed: Conversation = team
        .agent
        .post_empty(&format!("/api/conversations/{}/close", first.id))
        .await
        .expect_status(200);
    assert_eq!(closed.status, ConversationStatus::Closed);
    let button = browser
        .element(
            "start over",
            &js("return root.querySelector('.parley-closed button');"),
        )
        .await
        .unwrap();
    button.click().await.unwrap();
    type_message(&browser, "second conversation").await;
    assert_eq!(shown_messages(&browser, 1).await, ["second conversation"]);
    let page: Page<Conversation> = team
        .agent
        .get("/api/conversations")
        .await
        .expect_status(200);
    assert_eq!(page.total, 2, "a new conversation was started");
    let newest = &page.data[0];
    assert_eq!(
        stored_messages(&team, &newest.id).await,
        ["second conversation"]
    );
    assert!(
        page.data
            .iter()
            .all(|c| c.id == first.id || c.status == ConversationStatus::Open)
    );
    browser.close().await.unwrap();
}

#[tokio::test]
async fn the_embed_script_placed_in_head_mounts_once_the_body_exists() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    // Without `async` the script runs while the parser is still in <head>: no <body> yet.
    let html = format!(
        "<!doctype html><html><head><meta charset=utf-8><title>Head</title>\
         <script src=\"{}/widget.js\" data-widget-id=\"{}\"></script></head>\
         <body><h1>A customer's site</h1></body></html>",
        team.server_url, team.widget.id
    );
    let page = HostPage::serve(html).await.unwrap();
    let browser = Browser::start().await.unwrap();
    browser.client.goto(&page.url).await.unwrap();
    launcher_shown(&browser).await;
    open(&browser).await;
    browser.close().await.unwrap();
}

#[tokio::test]
async fn script_tag_options_and_the_keyboard_work() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let html = format!(
        "<!doctype html><html><head><meta charset=utf-8><title>Options</title></head><body><h1>Left</h1>\
         <script src=\"{}/widget.js\" data-widget-id=\"{}\" data-position=\"left\" data-hide-launcher async></script></body></html>",
        team.server_url, team.widget.id
    );
    let page = HostPage::serve(html).await.unwrap();
    let browser = Browser::start().await.unwrap();
    browser.client.goto(&page.url).await.unwrap();
    let hidden = browser
        .wait_for("the hidden launcher", &js("const b = root && root.querySelector('.launcher'); return b ? getComputedStyle(b).display : null;"))
        .await
        .unwrap();
    assert_eq!(hidden, "none", "data-hide-launcher hides the bubble");

    browser
        .client
        .execute("Parley.open()", vec![])
        .await
        .unwrap();
    browser
        .wait_for(
            "the panel",
            &js("return root.querySelector('.parley-chat textarea') ? true : null;"),
        )
        .await
        .unwrap();
    let left = browser
        .wait_for(
            "the panel's place",
            &js("return root.querySelector('.panel').getBoundingClientRect().left;"),
        )
        .await
        .unwrap();
    assert!(
        left.as_f64().unwrap() < 60.0,
        "data-position=left puts the panel on the left: {left}"
    );

    let input = browser
        .element(
            "the message box",
            &js("return root.querySelector('textarea');"),
        )
        .await
        .unwrap();
    input.send_keys("\u{E004}").await.unwrap(); // Tab
    let inside = browser
        .wait_for(
            "focus",
            &js("return root.querySelector('.panel').contains(root.activeElement);"),
        )
        .await
        .unwrap();
    assert_eq!(inside, true, "Tab stays inside the open panel");
    // Escape from the message box (the next stop after it is the file input, which WebDriver
    // fills with a path rather than typing keys into it).
    input.send_keys("\u{E00C}").await.unwrap(); // Escape
    let closed = browser
        .wait_for(
            "Esc to close",
            &js("return root.querySelector('.panel').hidden ? true : null;"),
        )
        .await
        .unwrap();
    assert_eq!(closed, true);
    browser.close().await.unwrap();
}

#[tokio::test]
async fn what_arrives_while_the_panel_is_closed_is_read_when_the_visitor_opens_it() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let (_page, browser, conversation) = chatting(&team, "are you there?").await;
    browser
        .client
        .execute("Parley.close()", vec![])
        .await
        .unwrap();
    let reply = agent_says(&team, &conversation.id, "Yes, right here").await;
    shown_messages(&browser, 2).await;
    let is_read = async || {
        let path = format!("/api/conversations/{}/messages", conversation.id);
        let page: Page<Message> = team.agent.get(&path).await.expect_status(200);
        page.data.iter().any(|m| m.id == reply.id && m.is_read)
    };
    assert!(!is_read().await, "a closed panel reads nothing");

    browser
        .client
        .execute("Parley.open()", vec![])
        .await
        .unwrap();
    let mut read = false;
    for _ in 0..50 {
        if is_read().await {
            read = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(read, "opening the panel marked the reply read");
    browser.close().await.unwrap();
}

#[tokio::test]
async fn an_agent_who_stops_typing_silently_stops_showing_as_typing() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let (_page, browser, conversation) = chatting(&team, "hello").await;
    let agent_hub = agent_starts_typing(server, &team, &conversation.id, &browser).await;
    drop(agent_hub); // the agent's tab goes away without TypingStop
    let gone = browser
        .wait_for(
            "the indicator to expire",
            &js("return root.querySelector('.parley-typing') ? null : true;"),
        )
        .await;
    assert!(gone.is_ok(), "the typing indicator expires on its own");
    browser.close().await.unwrap();
}

/// Once its socket is live, the widget sends over it (`SendMessage`) instead of a request per
/// message: the page sees one message POST, the first (which starts the conversation).
#[tokio::test]
async fn once_live_the_widget_sends_over_its_socket() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let counting = "<script>
        window.__messagePosts = 0;
        const realFetch = window.fetch;
        window.fetch = (input, init) => {
            const url = typeof input === 'string' ? input : input.url;
            const method = (init && init.method) || (typeof input === 'string' ? 'GET' : input.method);
            if (method === 'POST' && /\\/messages$/.test(url)) window.__messagePosts += 1;
            return realFetch(input, init);
        };
        </script>";
    let (_page, browser) = visit(&team, counting).await;
    open(&browser).await;
    type_message(&browser, "first").await;
    shown_messages(&browser, 1).await;
    let conversation = only_conversation(&team).await;
    // The reply arrives over the socket, so it is live.
    agent_says(&team, &conversation.id, "hello").await;
    shown_messages(&browser, 2).await;
    for text in ["second", "third"] {
        type_message(&browser, text).await;
    }
    shown_messages(&browser, 4).await;
    assert_eq!(
        stored_messages(&team, &conversation.id).await,
        ["first", "hello", "second", "third"]
    );
    let posts = browser
        .client
        .execute("return window.__messagePosts;", vec![])
        .await
        .unwrap();
    assert_eq!(posts, 1, "only the first message was a request");
    browser.close().await.unwrap();
}
