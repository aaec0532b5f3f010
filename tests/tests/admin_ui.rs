//! The admin UI in real headless Chromium against `wrangler dev`: sign-up and sign-in, widgets
//! with their embed code, the live inbox, replies reaching the visitor, assignment and closing
//! seen live by another agent, role-aware navigation, and visitor text rendered as text.

use fantoccini::Locator;
use parley_shared_types::auth::{CreateUserRequest, Role, User};
use parley_shared_types::hub::methods;
use parley_shared_types::message::{Message, SenderType};
use parley_shared_types::page::Page;
use parley_shared_types::widget::Widget;
use parley_tests::admin_page::{
    click, go, inbox_ready, sign_in, text_of, type_into, wait_for_text,
};
use parley_tests::fixtures::{PASSWORD, Team};
use parley_tests::{Browser, Server};
use serde_json::Value;

const ENTER: &str = "\u{E007}";

async fn nav_titles(browser: &Browser) -> Vec<String> {
    let titles = browser
        .client
        .execute(
            "return [...document.querySelectorAll('.main-nav a')].map(a => a.textContent);",
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value(titles).unwrap()
}

#[tokio::test]
async fn a_new_admin_signs_up_creates_a_widget_and_sees_its_embed_code() {
    let server = Server::shared().await;
    let browser = Browser::start().await.unwrap();
    browser
        .client
        .goto(&format!("{}/admin/#/signup", server.base_url))
        .await
        .unwrap();
    browser
        .wait_for(
            "the sign-up form",
            "return document.querySelector('#sign-up-workspace') ? true : null;",
        )
        .await
        .unwrap();
    let email = format!("founder-{}@test.parley.dev", uuid::Uuid::new_v4().simple());
    type_into(&browser, "#sign-up-workspace", "Globex").await;
    type_into(&browser, "#sign-up-name", "Grace Founder").await;
    type_into(&browser, "#sign-up-email", &email).await;
    type_into(&browser, "#sign-up-password", PASSWORD).await;
    click(&browser, "#sign-up button[type=submit]").await;

    // The workspace is made from the emailed link: locally, from the outbox the page points to.
    browser
        .wait_for(
            "the local outbox hint",
            "return document.querySelector('#dev-outbox-hint a') ? true : null;",
        )
        .await
        .unwrap();
    click(&browser, "#dev-outbox-hint a").await;
    browser
        .wait_for(
            "the confirmation link in the outbox",
            "return document.querySelector('#outbox-emails .outbox-link') ? true : null;",
        )
        .await
        .unwrap();
    click(&browser, "#outbox-emails .outbox-link").await;

    // The link lands on a new widget's form, signed in as the workspace's admin.
    browser
        .wait_for(
            "the new widget form",
            "return document.querySelector('#widget-name') ? true : null;",
        )
        .await
        .unwrap();
    assert_eq!(
        nav_titles(&browser).await,
        [
            "Inbox",
            "Contacts",
            "Dashboard",
            "Analytics",
            "Widgets",
            "Bots",
            "Agent loops",
            "Team",
            "Canned responses",
            "Labels",
            "Billing",
            "Developers",
            "Sub-accounts"
        ]
    );
    type_into(&browser, "#widget-name", "Pricing page").await;
    type_into(&browser, "#widget-color", "#0f766e").await;
    type_into(&browser, "#widget-welcome", "Questions about plans?").await;
    // The preview follows the form as it is typed.
    wait_for_text(
        &browser,
        "the preview's welcome",
        "#preview-welcome",
        "Questions about plans?",
    )
    .await;
    let header_color = browser
        .client
        .execute(
            "return getComputedStyle(document.querySelector('.preview-head')).backgroundColor;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(header_color, "rgb(15, 118, 110)");
    click(&browser, "#save-widget").await;

    let code = text_of(&browser, "the embed code", "#embed-code").await;
    let hash = browser
        .client
        .execute("return location.hash;", vec![])
        .await
        .unwrap();
    let widget_id = hash
        .as_str()
        .unwrap()
        .trim_start_matches("#/widgets/")
        .to_owned();
    assert!(
        code.contains("/widget.js") && code.contains(&format!("data-widget-id=\"{widget_id}\"")),
        "{code} for {widget_id}"
    );
    assert!(
        code.contains(&server.base_url),
        "the snippet points at this deployment: {code}"
    );
    // The copy button answers either way (headless Chromium may refuse the clipboard).
    click(&browser, "#copy-embed").await;
    text_of(&browser, "the copy status", ".copy-status:not(:empty)").await;

    // Editing keeps every setting.
    click(&browser, "#widget-ai").await;
    type_into(&browser, "#widget-origins", "https://shop.example.com").await;
    click(&browser, "#save-widget").await;
    wait_for_text(&browser, "the saved note", "[role=status]", "Saved").await;
    let session: Value = browser
        .client
        .execute(
            "return JSON.parse(localStorage.getItem('parley.admin.session'));",
            vec![],
        )
        .await
        .unwrap();
    let api = parley_tests::Api::new(&server.base_url)
        .with_token(session["accessToken"].as_str().unwrap());
    let widget: Widget = api
        .get(&format!("/api/widgets/{widget_id}"))
        .await
        .expect_status(200);
    assert_eq!(widget.name, "Pricing page");
    assert_eq!(widget.theme_color, "#0f766e");
    assert!(widget.ai_enabled);
    assert_eq!(widget.allowed_origins, ["https://shop.example.com"]);

    // The dashboard draws the stats.
    go(&browser, "#/dashboard").await;
    let charts = browser
        .wait_for(
            "the dashboard charts",
            "const charts = document.querySelectorAll('.chart svg');
             return charts.length === 2 ? [...charts].map(c => c.querySelectorAll('rect').length) : null;",
        )
        .await
        .unwrap();
    assert_eq!(charts, serde_json::json!([30, 30]), "a bar per day");
    wait_for_text(&browser, "the headline", "#headline", "Active widgets").await;
    browser.close().await.unwrap();
}

#[tokio::test]
async fn a_visitors_conversation_appears_live_and_the_agents_reply_reaches_them() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let browser = sign_in(server, &team.agent_user.email).await;
    inbox_ready(&browser).await;
    // The app's one hub connection is open by now; count any socket opened after it.
    browser
        .client
        .execute(
            "const Real = window.WebSocket; window.socketsOpened = 0;
             window.WebSocket = function (...args) { window.socketsOpened++; return new Real(...args); };
             window.WebSocket.prototype = Real.prototype;",
            vec![],
        )
        .await
        .unwrap();

    let visitor = team.visitor().await;
    visitor.say("Hello, is the pro plan monthly?").await;
    let item = format!(
        "#conversation-list a[href='#/inbox/{}']",
        visitor.conversation_id()
    );
    // The feed announces the conversation when it starts, then its first message: the list
    // shows the preview and one unread message, live.
    text_of(&browser, "the new conversation in the list", &item).await;
    wait_for_text(
        &browser,
        "the preview",
        &item,
        "Hello, is the pro plan monthly?",
    )
    .await;
    wait_for_text(
        &browser,
        "the unread count",
        &format!("{item} .unread-badge"),
        "1",
    )
    .await;
    click(&browser, &item).await;
    wait_for_text(
        &browser,
        "the visitor's message",
        "#messages",
        "Hello, is the pro plan monthly?",
    )
    .await;
    wait_for_text(
        &browser,
        "the visitor's details",
        "#visitor-id",
        &visitor.started.conversation.visitor_id,
    )
    .await;

    // The visitor types: the agent sees it. Typing is not replayed to a socket that joins
    // later, and the agent's view connects on its own time, so the visitor keeps typing (as
    // a person does) until it shows.
    let mut visitor_hub = visitor.hub(server).await;
    let shown = "const t = document.querySelector('#visitor-typing');
                 return t && t.textContent.includes('typing') ? true : null;";
    let mut seen = false;
    for _ in 0..30 {
        visitor_hub
            .invoke(methods::TYPING_START, visitor.conversation_id(), None)
            .await
            .unwrap();
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        if browser.client.execute(shown, vec![]).await.unwrap() == serde_json::json!(true) {
            seen = true;
            break;
        }
    }
    assert!(seen, "the agent never saw the visitor typing");

    // The agent answers with Enter; Shift+Enter would have been a new line.
    type_into(&browser, "#reply", "Yes, billed monthly.").await;
    browser
        .client
        .find(Locator::Css("#reply"))
        .await
        .unwrap()
        .send_keys(ENTER)
        .await
        .unwrap();
    wait_for_text(
        &browser,
        "the sent reply",
        "#messages .from-agent",
        "Yes, billed monthly.",
    )
    .await;
    assert_eq!(
        browser
            .client
            .execute("return document.querySelector('#reply').value;", vec![])
            .await
            .unwrap(),
        "",
        "the reply box is emptied"
    );
    assert_eq!(
        browser
            .client
            .execute("return window.socketsOpened;", vec![])
            .await
            .unwrap(),
        0,
        "the open conversation's typing and messages ride the app's one hub connection"
    );

    let page: Page<Message> = visitor
        .api
        .get(&visitor.messages_path())
        .await
        .expect_status(200);
    let reply = page
        .data
        .iter()
        .find(|m| m.sender_type == SenderType::Agent)
        .expect("the agent's reply is stored");
    assert_eq!(reply.content, "Yes, billed monthly.");
    assert_eq!(reply.sender_id, team.agent_user.id);
    assert!(
        page.data
            .iter()
            .filter(|m| m.sender_type == SenderType::Visitor)
            .all(|m| m.is_read),
        "showing the visitor's message sent its read receipt: {:?}",
        page.data
    );

    // The visitor reads the reply: the agent sees "Seen".
    visitor
        .api
        .post_empty::<Message>(&format!("{}/{}/read", visitor.messages_path(), reply.id))
        .await
        .expect_status(200);
    wait_for_text(
        &browser,
        "the read receipt",
        "#messages .from-agent",
        "Seen",
    )
    .await;

    // A live message from the visitor arrives without a reload.
    visitor.say("Great, thanks!").await;
    wait_for_text(&browser, "the live message", "#messages", "Great, thanks!").await;
    browser.close().await.unwrap();
}

#[tokio::test]
async fn assigning_and_closing_show_live_in_another_agents_session() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let second_email = format!("second-{}@test.parley.dev", uuid::Uuid::new_v4().simple());
    let _: User = team
        .admin
        .post(
            "/api/users",
            &CreateUserRequest {
                email: second_email.clone(),
                name: "Sam Second".into(),
                password: PASSWORD.into(),
                role: Role::Agent,
            },
        )
        .await
        .expect_status(201);
    let visitor = team.visitor().await;
    visitor.say("Can someone help me?").await;

    let first = sign_in(server, &team.agent_user.email).await;
    let second = sign_in(server, &second_email).await;
    let route = format!("#/inbox/{}", visitor.conversation_id());
    for browser in [&first, &second] {
        inbox_ready(browser).await;
        go(browser, &route).await;
        wait_for_text(
            browser,
            "the conversation",
            "#messages",
            "Can someone help me?",
        )
        .await;
    }

    click(&first, "#assign-to-me").await;
    wait_for_text(&first, "assigned to me", "#conversation-assignee", "You").await;
    wait_for_text(
        &second,
        "the assignee, live",
        "#conversation-assignee",
        "Alex Agent",
    )
    .await;
    let item = format!("#conversation-list a[href='{route}']");
    wait_for_text(&second, "the list's assignee, live", &item, "Alex Agent").await;

    click(&first, "#close-conversation").await;
    wait_for_text(
        &second,
        "the closed status, live",
        "#conversation-status",
        "closed",
    )
    .await;
    second
        .wait_for(
            "the closed conversation leaving the open list",
            &format!("return document.querySelector({item:?}) ? null : true;"),
        )
        .await
        .unwrap();
    assert!(
        second
            .client
            .execute("return document.querySelector('#reply').disabled;", vec![])
            .await
            .unwrap()
            .as_bool()
            .unwrap(),
        "a closed conversation takes no reply until reopened"
    );

    // Reopening comes back the same way.
    click(&second, "#reopen-conversation").await;
    wait_for_text(
        &first,
        "the reopened status, live",
        "#conversation-status",
        "open",
    )
    .await;
    first.close().await.unwrap();
    second.close().await.unwrap();
}

#[tokio::test]
async fn an_agent_sees_the_inbox_and_analytics_and_stays_signed_in_across_a_reload() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let older = team.visitor().await;
    let newer = team.visitor().await;
    let browser = sign_in(server, &team.agent_user.email).await;
    assert_eq!(
        nav_titles(&browser).await,
        [
            "Inbox",
            "Contacts",
            "Analytics",
            "Canned responses",
            "Billing"
        ]
    );

    // j/k walk the list (newest first) from the keyboard.
    inbox_ready(&browser).await;
    let body = browser.client.find(Locator::Css("body")).await.unwrap();
    let selected = "const a = document.querySelector('#conversation-list [aria-current]');
                    return a ? a.getAttribute('href') : null;";
    body.send_keys("j").await.unwrap();
    let first = browser.wait_for("a selection", selected).await.unwrap();
    assert_eq!(first, format!("#/inbox/{}", newer.conversation_id()));
    body.send_keys("j").await.unwrap();
    browser
        .wait_for(
            "the next conversation",
            &format!(
                "const a = document.querySelector('#conversation-list [aria-current]');
                 return a && a.getAttribute('href') === '#/inbox/{}' ? true : null;",
                older.conversation_id()
            ),
        )
        .await
        .unwrap();
    body.send_keys("k").await.unwrap();
    browser
        .wait_for(
            "back to the first",
            &format!(
                "return location.hash === '#/inbox/{}' ? true : null;",
                newer.conversation_id()
            ),
        )
        .await
        .unwrap();

    go(&browser, "#/team").await;
    wait_for_text(
        &browser,
        "the refusal",
        "#screen [role=alert]",
        "admins only",
    )
    .await;
    assert!(
        browser
            .client
            .execute(
                "return document.querySelector('#team-table') === null;",
                vec![]
            )
            .await
            .unwrap()
            .as_bool()
            .unwrap()
    );

    browser.client.refresh().await.unwrap();
    browser
        .wait_for(
            "the shell after a reload",
            "return document.querySelector('#sign-out') ? true : null;",
        )
        .await
        .unwrap();
    assert_eq!(
        nav_titles(&browser).await,
        [
            "Inbox",
            "Contacts",
            "Analytics",
            "Canned responses",
            "Billing"
        ]
    );

    click(&browser, "#sign-out").await;
    browser
        .wait_for(
            "the sign-in form after signing out",
            "return document.querySelector('#sign-in-email') && !localStorage.getItem('parley.admin.session') ? true : null;",
        )
        .await
        .unwrap();
    browser.close().await.unwrap();
}

#[tokio::test]
async fn an_admin_manages_the_team_and_is_told_why_a_removal_is_refused() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let browser = sign_in(server, &team.admin_user.email).await;
    go(&browser, "#/team").await;
    let me_row = format!("#team-table tr[data-email='{}']", team.admin_user.email);
    text_of(&browser, "the team table", &me_row).await;

    // Removing yourself is refused by the edge, in words.
    click(&browser, &format!("{me_row} .remove-member")).await;
    click(&browser, &format!("{me_row} .remove-member")).await;
    wait_for_text(
        &browser,
        "the refusal",
        &format!("{me_row} [role=alert]"),
        "cannot remove yourself",
    )
    .await;

    // A new agent, promoted, then removed.
    let email = format!("new-{}@test.parley.dev", uuid::Uuid::new_v4().simple());
    type_into(&browser, "#member-name", "Nina New").await;
    type_into(&browser, "#member-email", &email).await;
    type_into(&browser, "#member-password", PASSWORD).await;
    click(&browser, "#add-member").await;
    let row = format!("#team-table tr[data-email='{email}']");
    wait_for_text(&browser, "the new member", &row, "Nina New").await;
    browser
        .client
        .find(Locator::Css(&format!("{row} .role-select")))
        .await
        .unwrap()
        .select_by_value("admin")
        .await
        .unwrap();
    let promoted = async {
        for _ in 0..100 {
            let members: Vec<Value> = team.admin.get("/api/users").await.expect_status(200);
            if members
                .iter()
                .any(|m| m["email"] == email.as_str() && m["role"] == "admin")
            {
                return true;
            }
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        }
        false
    };
    assert!(promoted.await, "the role change reached the edge");
    // The row is drawn again once the role change is answered, which resets a half-done
    // removal: wait for that, then remove and confirm.
    browser
        .wait_for(
            "the row to settle after the role change",
            &format!(
                "return document.querySelector({:?}) ? true : null;",
                format!("{row} .remove-member:not([disabled])")
            ),
        )
        .await
        .unwrap();
    click(&browser, &format!("{row} .remove-member")).await;
    wait_for_text(
        &browser,
        "the removal to ask for confirmation",
        &format!("{row} .remove-member"),
        "Confirm remove",
    )
    .await;
    click(&browser, &format!("{row} .remove-member")).await;
    browser
        .wait_for(
            "the removed member leaving the table",
            &format!("return document.querySelector({row:?}) ? null : true;"),
        )
        .await
        .unwrap();
    browser.close().await.unwrap();
}

#[tokio::test]
async fn a_visitors_markup_is_shown_as_text_and_never_runs() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let payload = r#"<img src=x onerror="window.__pwned=1">"#;
    let visitor = team.visitor().await;
    visitor.say(payload).await;

    let browser = sign_in(server, &team.agent_user.email).await;
    inbox_ready(&browser).await;
    go(&browser, &format!("#/inbox/{}", visitor.conversation_id())).await;
    let shown = text_of(
        &browser,
        "the visitor's message",
        "#messages .from-visitor .message-text",
    )
    .await;
    assert_eq!(shown, payload);
    let item = format!(
        "#conversation-list a[href='#/inbox/{}']",
        visitor.conversation_id()
    );
    wait_for_text(&browser, "the list preview", &item, payload).await;
    // Give an injected image time to fail and fire its handler, were there one.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let verdict = browser
        .client
        .execute(
            "return { pwned: window.__pwned === undefined ? null : window.__pwned,
                      images: document.querySelectorAll('#screen img').length };",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(verdict, serde_json::json!({ "pwned": null, "images": 0 }));

    // Live messages are text too.
    visitor
        .say(r#"<script>window.__pwned=2</script><b>bold?</b>"#)
        .await;
    wait_for_text(&browser, "the live message", "#messages", "<b>bold?</b>").await;
    let verdict = browser
        .client
        .execute(
            "return { pwned: window.__pwned === undefined ? null : window.__pwned,
                      bold: document.querySelectorAll('#messages b').length };",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(verdict, serde_json::json!({ "pwned": null, "bold": 0 }));
    browser.close().await.unwrap();
}

/// How many messages the conversation view shows, once it shows at least `at_least`.
async fn shown_count(browser: &Browser, at_least: usize) -> usize {
    let script = format!(
        "const n = document.querySelectorAll('#messages .message').length; return n >= {at_least} ? n : null;"
    );
    browser
        .wait_for(&format!("{at_least} messages"), &script)
        .await
        .unwrap()
        .as_u64()
        .unwrap() as usize
}

#[tokio::test]
async fn a_long_conversation_opens_on_its_newest_messages_and_loads_older_ones() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let visitor = team.visitor().await;
    // 45 from the visitor and 30 replies: 75 in all, within both rate limits.
    for i in 1..=45 {
        visitor.say(&format!("visitor {i}")).await;
        if i <= 30 {
            let _: Message = team
                .agent
                .post(
                    &visitor.messages_path(),
                    &parley_shared_types::message::SendMessageRequest::text(format!("agent {i}")),
                )
                .await
                .expect_status(201);
        }
    }
    let browser = sign_in(server, &team.agent_user.email).await;
    inbox_ready(&browser).await;
    let item = format!(
        "#conversation-list a[href='#/inbox/{}']",
        visitor.conversation_id()
    );
    text_of(&browser, "the conversation", &item).await;
    click(&browser, &item).await;

    let first_view = shown_count(&browser, 1).await;
    assert!(
        first_view < 75,
        "the view opens on the newest page, not all {first_view}"
    );
    let newest = text_of(
        &browser,
        "the newest message",
        "#messages .message:last-child .message-text",
    )
    .await;
    assert_eq!(newest, "visitor 45");

    // Older pages come on "Load older" (the view also loads them itself when scrolled to the
    // top, so the button may go away before it is clicked).
    for _ in 0..10 {
        let clicked = browser
            .client
            .execute("const b = document.querySelector('.load-older'); if (!b) return false; b.click(); return true;", vec![])
            .await
            .unwrap();
        if clicked != Value::Bool(true) {
            break;
        }
        let shown = shown_count(&browser, 1).await;
        let settle = format!(
            "const n = document.querySelectorAll('#messages .message').length;
             return n > {shown} || !document.querySelector('.load-older') ? true : null;"
        );
        browser.wait_for("an older page", &settle).await.unwrap();
    }
    let shown = shown_count(&browser, 75).await;
    assert_eq!(shown, 75, "every message once");
    let oldest = text_of(
        &browser,
        "the oldest message",
        "#messages .message:first-child .message-text",
    )
    .await;
    assert_eq!(oldest, "visitor 1");
    let seqs = browser
        .wait_for("the order", "return [...document.querySelectorAll('#messages .message')].map(m => Number(m.dataset.seq));")
        .await
        .unwrap();
    let seqs: Vec<u64> = serde_json::from_value(seqs).unwrap();
    assert_eq!(
        seqs,
        (1..=75).collect::<Vec<_>>(),
        "in order, no gaps, no duplicates"
    );
    browser.close().await.unwrap();
}
