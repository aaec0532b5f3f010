//! The embed API a site drives the widget with, in real headless Chromium on host pages of
//! another origin, against `wrangler dev`: calls queued by the snippet's stub before the
//! loader ran, `window.parleySettings`, the ready event, show and hide, the unread count and
//! badge, booting only after consent (`autoload: false`), `Parley.reset()` on logout, a
//! verified user finding their conversation on a fresh browser profile, and a forged
//! `userHash` refused with a clear error in the console, the visitor's language (right to left
//! in Arabic) and the widget's own wording. Also: the panel's files are served under
//! content-hashed names, cached for a year.

use parley_shared_types::conversation::Conversation;
use parley_shared_types::page::Page;
use parley_shared_types::widget::{IdentityCheck, IdentitySecret, Widget};
use parley_tests::admin_page::{click, go, sign_in, type_into, wait_for_text};
use parley_tests::fixtures::{PNG_1X1, Team, user_hash};
use parley_tests::widget_page::{
    agent_says, js, launcher_shown, only_conversation, open, paste, sent_image_shown,
    shown_messages, type_message, visit,
};
use parley_tests::{Answer, Api, Browser, HostPage, Server};
use serde_json::{Value, json};

/// The snippet's stub: calls made before the loader ran are queued, then replayed by it.
const STUB: &str = "<script>window.Parley=window.Parley||function(){(Parley.q=Parley.q||[]).push(arguments)}</script>";

/// Keeps what the page logs as errors in `window.errors`.
const ERRORS: &str = "<script>window.errors=[];const logged=console.error;console.error=(...a)=>{errors.push(a.join(' '));logged(...a)}</script>";

/// A page whose `<head>` runs `script` before the embed tag.
async fn visit_with(team: &Team, script: &str) -> (HostPage, Browser) {
    visit(team, &format!("{ERRORS}{STUB}<script>{script}</script>")).await
}

async fn run(browser: &Browser, script: &str) -> Value {
    browser.client.execute(script, vec![]).await.unwrap()
}

async fn badge(browser: &Browser) -> String {
    let text = run(
        browser,
        &js("return root.querySelector('.launcher .badge').textContent;"),
    )
    .await;
    text.as_str().unwrap_or_default().to_owned()
}

#[tokio::test]
async fn queued_calls_settings_ready_show_hide_and_the_unread_badge() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let (_page, browser) = visit_with(
        &team,
        "window.parleySettings = { position: 'left' };
         window.seen = { ready: 0, unread: [] };
         Parley('on', 'ready', () => seen.ready++);
         Parley('on', 'unread', (count) => seen.unread.push(count));
         Parley('hide');",
    )
    .await;
    browser
        .wait_for("the ready event", "return seen.ready === 1 ? true : null;")
        .await
        .unwrap();
    let hidden = run(
        &browser,
        &js("return [host.classList.contains('left'), getComputedStyle(root.querySelector('.launcher')).display];"),
    )
    .await;
    assert_eq!(
        hidden,
        json!([true, "none"]),
        "settings and a queued hide() applied"
    );
    // A listener added once ready hears it at once; the stub became the API itself.
    let late = run(
        &browser,
        "let heard = false; Parley.on('ready', () => heard = true); Parley('show'); return [heard, typeof Parley.open];",
    )
    .await;
    assert_eq!(late, json!([true, "function"]));
    launcher_shown(&browser).await;
    assert_ne!(
        run(
            &browser,
            &js("return getComputedStyle(root.querySelector('.launcher')).display;")
        )
        .await,
        "none"
    );

    open(&browser).await;
    type_message(&browser, "Is anyone there?").await;
    shown_messages(&browser, 1).await;
    let conversation = only_conversation(&team).await;
    run(&browser, "Parley.close();").await;
    agent_says(&team, &conversation.id, "Yes, one moment").await;
    agent_says(&team, &conversation.id, "Found it").await;
    browser
        .wait_for(
            "two unread",
            &js("return root.querySelector('.launcher .badge').textContent === '2' ? true : null;"),
        )
        .await
        .unwrap();
    let label = run(
        &browser,
        &js("return root.querySelector('.launcher').getAttribute('aria-label');"),
    )
    .await;
    assert_eq!(label, "Open chat, 2 unread");
    run(&browser, "Parley.open();").await;
    browser
        .wait_for(
            "the badge cleared",
            &js("return root.querySelector('.launcher .badge').textContent === '' ? true : null;"),
        )
        .await
        .unwrap();
    assert_eq!(badge(&browser).await, "");
    assert_eq!(run(&browser, "return seen.unread;").await, json!([1, 2, 0]));
    assert_eq!(run(&browser, "return errors;").await, json!([]));
    browser.close().await.unwrap();
}

#[tokio::test]
async fn with_autoload_off_nothing_loads_until_the_page_boots_the_chat() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let html = HostPage::embedding(
        &team.server_url,
        &team.widget.id,
        &format!(
            "{STUB}<script>window.parleySettings = {{ autoload: false }}; Parley('open');</script>"
        ),
    );
    let page = HostPage::serve(html).await.unwrap();
    let browser = Browser::start().await.unwrap();
    browser.client.goto(&page.url).await.unwrap();
    browser
        .wait_for(
            "the loader",
            "return typeof Parley.boot === 'function' ? true : null;",
        )
        .await
        .unwrap();
    let before = run(
        &browser,
        "return [document.querySelector('parley-widget') !== null, performance.getEntriesByType('resource').some(e => e.name.includes('/api/'))];",
    )
    .await;
    assert_eq!(
        before,
        json!([false, false]),
        "no launcher and no request before consent"
    );
    // The consent banner allows it: the queued open() runs once the chat is ready.
    run(&browser, "Parley.boot();").await;
    launcher_shown(&browser).await;
    browser
        .wait_for(
            "the queued open",
            &js("return root.querySelector('.parley-chat textarea') ? true : null;"),
        )
        .await
        .unwrap();
    browser.close().await.unwrap();
}

#[tokio::test]
async fn reset_on_logout_forgets_the_conversation_and_its_socket() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let (_page, browser) =
        visit_with(&team, "Parley('identify', { userId: 'u-7', name: 'Ada' });").await;
    open(&browser).await;
    type_message(&browser, "my order is late").await;
    shown_messages(&browser, 1).await;
    let first = only_conversation(&team).await;

    run(
        &browser,
        "window.heard = []; Parley.on('message', (m) => heard.push(m.content)); Parley.reset();",
    )
    .await;
    let stored = run(
        &browser,
        &format!("return localStorage.getItem('parley:{}');", team.widget.id),
    )
    .await;
    assert_eq!(
        stored,
        Value::Null,
        "nothing of the conversation stays stored"
    );
    // The previous user's conversation goes on without this browser.
    agent_says(&team, &first.id, "for the previous user").await;

    run(&browser, "Parley.open();").await;
    browser
        .wait_for(
            "an empty chat",
            &js("return root.querySelector('.parley-chat textarea') && !root.querySelector('.parley-message') ? true : null;"),
        )
        .await
        .unwrap();
    type_message(&browser, "a new visitor here").await;
    shown_messages(&browser, 1).await;
    let second = loop {
        let page: Page<Conversation> = team
            .agent
            .get("/api/conversations")
            .await
            .expect_status(200);
        if let Some(second) = page.data.into_iter().find(|c| c.id != first.id) {
            break second;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    };
    assert!(
        second.metadata.get("userId").is_none(),
        "identity forgotten: {:?}",
        second.metadata
    );
    assert!(
        second.metadata.get("previousConversationId").is_none(),
        "the new conversation does not name the previous user's: {:?}",
        second.metadata
    );
    agent_says(&team, &second.id, "welcome, new visitor").await;
    let shown = shown_messages(&browser, 2).await;
    assert_eq!(shown, ["a new visitor here", "welcome, new visitor"]);
    assert_eq!(
        run(&browser, "return heard;").await,
        json!(["welcome, new visitor"]),
        "the old socket is closed: the previous user's reply never reached this page"
    );
    browser.close().await.unwrap();
}

#[tokio::test]
async fn a_verified_user_finds_their_conversation_on_a_fresh_browser_and_a_forged_hash_is_refused()
{
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let secret_path = format!("/api/widgets/{}/identity-secret", team.widget.id);
    let made: IdentitySecret = team.admin.post_empty(&secret_path).await.expect_status(201);
    let identify = |hash: &str| {
        format!("Parley('identify', {{ userId: 'u-42', name: 'Grace', userHash: '{hash}' }});")
    };
    let proof = user_hash(&made.secret, "u-42");

    let (_laptop_page, laptop) = visit_with(&team, &identify(&proof)).await;
    open(&laptop).await;
    type_message(&laptop, "sent from my laptop").await;
    shown_messages(&laptop, 1).await;
    let conversation = only_conversation(&team).await;
    assert_eq!(conversation.metadata["identityVerified"], true);
    agent_says(&team, &conversation.id, "Hi Grace").await;
    shown_messages(&laptop, 2).await;
    laptop.close().await.unwrap();

    // Another browser, its own profile: the same user continues where they were.
    let (_phone_page, phone) = visit_with(&team, &identify(&proof)).await;
    open(&phone).await;
    assert_eq!(
        shown_messages(&phone, 2).await,
        ["sent from my laptop", "Hi Grace"]
    );
    type_message(&phone, "and now from my phone").await;
    shown_messages(&phone, 3).await;
    assert_eq!(only_conversation(&team).await.id, conversation.id);
    assert_eq!(run(&phone, "return errors;").await, json!([]));
    phone.close().await.unwrap();

    // Someone passing for Grace with a made-up hash is told so and finds nothing.
    let (_page, forger) = visit_with(&team, &identify(&user_hash("a guess", "u-42"))).await;
    let errors = forger
        .wait_for("the console error", "return errors.length ? errors : null;")
        .await
        .unwrap();
    assert!(
        errors[0]
            .as_str()
            .unwrap()
            .starts_with("Parley.identify: userHash does not match userId"),
        "{errors}"
    );
    open(&forger).await;
    let empty = run(
        &forger,
        &js("return root.querySelectorAll('.parley-message').length;"),
    )
    .await;
    assert_eq!(empty, 0);
    forger.close().await.unwrap();
}

#[tokio::test]
async fn the_identity_check_resumes_only_proven_conversations_of_its_widget() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let visitor = Api::new(&team.server_url);
    let check = format!("/api/widgets/{}/identity", team.widget.id);
    let start = |metadata: Value| {
        let visitor = &visitor;
        let widget_id = team.widget.id.clone();
        async move {
            let started: Value = visitor
                .post(
                    "/api/conversations",
                    &json!({"widgetId": widget_id, "metadata": metadata}),
                )
                .await
                .expect_status(201);
            started
        }
    };

    // Without a secret nothing is proven, so a claim finds nothing, even its own.
    start(json!({"userId": "u-1"})).await;
    let claimed: IdentityCheck = visitor
        .post(&check, &json!({"userId": "u-1"}))
        .await
        .expect_status(200);
    assert_eq!((claimed.verified, claimed.resumed), (false, None));

    let made: IdentitySecret = team
        .admin
        .post_empty(&format!("/api/widgets/{}/identity-secret", team.widget.id))
        .await
        .expect_status(201);
    let proof = user_hash(&made.secret, "u-1");
    let unproven_only: IdentityCheck = visitor
        .post(&check, &json!({"userId": "u-1", "userHash": proof}))
        .await
        .expect_status(200);
    assert!(unproven_only.verified);
    assert_eq!(
        unproven_only.resumed, None,
        "the claimed conversation is not handed out"
    );

    let proven = start(json!({"userId": "u-1", "userHash": proof})).await;
    let found: IdentityCheck = visitor
        .post(&check, &json!({"userId": "u-1", "userHash": proof}))
        .await
        .expect_status(200);
    let resumed = found.resumed.expect("the proven conversation");
    assert_eq!(resumed.conversation.id, proven["id"].as_str().unwrap());
    // Its token reads and writes the conversation like the start's.
    let messages = format!("/api/conversations/{}/messages", resumed.conversation.id);
    let as_visitor = Api::new(&team.server_url).with_token(&resumed.visitor_token);
    let _: Value = as_visitor
        .post(&messages, &json!({"content": "back again"}))
        .await
        .expect_status(201);

    for (body, status) in [
        (
            json!({"userId": "u-1", "userHash": user_hash("a guess", "u-1")}),
            403,
        ),
        (json!({"userId": "u-1"}), 403),
        (json!({"userId": " "}), 422),
    ] {
        let refused: Answer<Value> = visitor.post(&check, &body).await;
        assert_eq!(refused.status(), status, "{body}");
    }
    let unknown: Answer<Value> = visitor
        .post(
            "/api/widgets/00000000-0000-4000-8000-000000000000/identity",
            &json!({"userId": "u-1", "userHash": proof}),
        )
        .await;
    assert_eq!(unknown.status(), 404);
}

#[tokio::test]
async fn the_panel_files_have_content_hashed_names_cached_for_a_year() {
    let server = Server::shared().await;
    let http = reqwest::Client::new();
    let loader = http
        .get(format!("{}/widget.js", server.base_url))
        .send()
        .await
        .unwrap();
    assert_eq!(loader.headers()["cache-control"], "public, max-age=300");
    let text = loader.text().await.unwrap();
    let build: String = text
        .split("/widget/")
        .nth(1)
        .expect("the loader names the panel's folder")
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect();
    assert_eq!(build.len(), 12, "{build}");
    for file in [
        "parley_widget.js",
        "parley_widget_bg.wasm",
        "locales/ar.json",
    ] {
        let served = http
            .get(format!("{}/widget/{build}/{file}", server.base_url))
            .send()
            .await
            .unwrap();
        assert_eq!(served.status(), 200, "{file}");
        assert_eq!(
            served.headers()["cache-control"],
            "public, max-age=31536000, immutable"
        );
        assert_eq!(served.headers()["access-control-allow-origin"], "*");
    }
}

/// The README's Content Security Policy, on a page that enforces it: the chat loads and works,
/// images included.
#[tokio::test]
async fn the_documented_content_security_policy_lets_the_chat_work() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let parley = &team.server_url;
    let socket = parley.replacen("http", "ws", 1);
    let policy = format!(
        "default-src 'self'; script-src 'self' {parley} 'wasm-unsafe-eval'; connect-src 'self' {parley} {socket}; style-src 'self' 'unsafe-inline'; img-src 'self' blob:"
    );
    let (_page, browser) = visit(
        &team,
        &format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">"),
    )
    .await;
    open(&browser).await;
    type_message(&browser, "hello under a strict policy").await;
    shown_messages(&browser, 1).await;
    let conversation = only_conversation(&team).await;
    agent_says(&team, &conversation.id, "and a live answer").await;
    assert_eq!(
        shown_messages(&browser, 2).await,
        ["hello under a strict policy", "and a live answer"]
    );
    // A pasted screenshot is uploaded and drawn (from a `blob:` URL) under it too.
    paste(&browser, "shot.png", "image/png", PNG_1X1).await;
    assert_eq!(sent_image_shown(&browser).await, "shot.png");
    browser.close().await.unwrap();
}

/// What the composer, the send button, the launcher and the panel say, and which way it runs.
async fn wording(browser: &Browser) -> Value {
    run(
        browser,
        &js("const panel = root.querySelector('.panel');
             return [panel.dir, panel.lang, root.querySelector('textarea').placeholder,
                     root.querySelector('.parley-send').getAttribute('aria-label'),
                     root.querySelector('.launcher').getAttribute('aria-label')];"),
    )
    .await
}

#[tokio::test]
async fn the_widget_speaks_the_visitors_language_right_to_left_in_arabic_and_the_widgets_own_words()
{
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let html = HostPage::embedding(&team.server_url, &team.widget.id, "")
        .replace("async></script>", "data-locale=\"ar-EG\" async></script>");
    let page = HostPage::serve(html).await.unwrap();
    let browser = Browser::start().await.unwrap();
    browser.client.goto(&page.url).await.unwrap();
    launcher_shown(&browser).await;
    open(&browser).await;
    assert_eq!(
        wording(&browser).await,
        json!(["rtl", "ar", "اكتب رسالة…", "إرسال", "إغلاق الدردشة"])
    );
    let direction = run(
        &browser,
        &js("return getComputedStyle(root.querySelector('.parley-chat')).direction;"),
    )
    .await;
    assert_eq!(direction, "rtl");
    type_message(&browser, "مرحبا").await;
    shown_messages(&browser, 1).await;
    let time = "return root.querySelector('.parley-message time').textContent;";
    let arabic_time = run(&browser, &js(time)).await;
    assert!(
        !arabic_time.as_str().unwrap().is_ascii(),
        "Egyptian Arabic writes times in its own digits: {arabic_time}"
    );

    // The page switches to German: the open panel is drawn again in it, left to right, and
    // writes times as German does.
    run(&browser, "Parley.setLocale('de-DE');").await;
    browser
        .wait_for(
            "the German panel",
            &js("const box = root.querySelector('textarea'); return box && box.placeholder === 'Nachricht schreiben…' ? true : null;"),
        )
        .await
        .unwrap();
    assert_eq!(
        wording(&browser).await,
        json!([
            "ltr",
            "de",
            "Nachricht schreiben…",
            "Senden",
            "Chat schließen"
        ])
    );
    let german_time = run(&browser, &js(time)).await;
    let german_time = german_time.as_str().unwrap();
    assert!(
        german_time.len() == 5 && german_time.as_bytes()[2] == b':',
        "HH:MM: {german_time}"
    );
    browser.close().await.unwrap();

    // The team's own words win in every language; an unknown key is refused.
    let path = format!("/api/widgets/{}", team.widget.id);
    let refused: Answer<Value> = team
        .admin
        .put(&path, &json!({"texts": {"sendd": "Go"}}))
        .await;
    assert_eq!(refused.status(), 422);
    let _: Value = team
        .admin
        .put(
            &path,
            &json!({"texts": {"send": "Go", "placeholder": "Ask Acme…", "chat": " "}}),
        )
        .await
        .expect_status(200);
    let config: Value = Api::new(&team.server_url)
        .get(&format!("/api/widgets/{}/config", team.widget.id))
        .await
        .expect_status(200);
    assert_eq!(
        config["texts"],
        json!({"send": "Go", "placeholder": "Ask Acme…"})
    );
    let (_page, browser) = visit(&team, "").await;
    open(&browser).await;
    let words = wording(&browser).await;
    assert_eq!((&words[2], &words[3]), (&json!("Ask Acme…"), &json!("Go")));
    browser.close().await.unwrap();
}

/// An admin rewords a text on the widget screen, and visitors read it.
#[tokio::test]
async fn an_admin_rewords_the_widget_on_its_screen() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let admin = sign_in(server, &team.admin_user.email).await;
    go(&admin, &format!("#/widgets/{}", team.widget.id)).await;
    admin
        .wait_for(
            "the widget's settings",
            "return document.querySelector('#widget-name')?.value ? true : null;",
        )
        .await
        .unwrap();
    click(&admin, "#widget-texts-toggle").await;
    let placeholder = run(
        &admin,
        "return document.querySelector('[data-text-key=talkToHuman]').placeholder;",
    )
    .await;
    assert_eq!(
        placeholder, "Talk to a human",
        "each text shows its English"
    );
    type_into(&admin, "[data-text-key=talkToHuman]", "Ask a person").await;
    click(&admin, "#save-widget").await;
    wait_for_text(&admin, "the saved note", "[role=status]", "Saved").await;
    admin.close().await.unwrap();

    let widget: Widget = team
        .admin
        .get(&format!("/api/widgets/{}", team.widget.id))
        .await
        .expect_status(200);
    assert_eq!(
        widget.texts.get("talkToHuman").map(String::as_str),
        Some("Ask a person")
    );
    assert_eq!(
        widget.texts.len(),
        1,
        "untouched texts stay the language's: {:?}",
        widget.texts
    );
}
