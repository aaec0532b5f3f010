//! Content meant to run script never runs: XSS payloads (script tags, event attributes,
//! `javascript:` links, SVG, markdown link tricks, attribute breakouts, RTL overrides) are
//! stored as message content, visitor names, emails and metadata, widget texts, bot names,
//! knowledge titles, member names, label names, canned responses and private notes, and as
//! the team's replies in the widget, then every
//! admin screen and the widget are opened in Chromium. Each payload would set a canary (a
//! global and a localStorage entry, which also outlives a navigation); it stays untouched
//! everywhere.

use parley_shared_types::api_key::{KeyEnvironment, KeyScope};
use parley_shared_types::conversation::StartConversationRequest;
use parley_shared_types::message::SendMessageRequest;
use parley_tests::admin_page::{go, sign_in};
use parley_tests::fake_fawry::FakeFawry;
use parley_tests::fixtures::{PASSWORD, Team};
use parley_tests::widget_page::{ROOT, js, open, type_message, visit};
use parley_tests::{Api, Browser, Server};
use serde_json::{Map, Value, json};

/// What every payload tries to do: touch the canary.
const TOUCH: &str = "window.parleyPwned=1;localStorage.setItem('parleyPwned','1')";

/// Each payload, with `TOUCH` as the script it tries to run.
fn payloads() -> Vec<String> {
    [
        "<script>TOUCH</script>",
        "<img src=x onerror=\"TOUCH\">",
        "<svg onload=\"TOUCH\"></svg>",
        "<svg><script>TOUCH</script></svg>",
        "javascript:TOUCH",
        "[click me](javascript:TOUCH)",
        "<a href=\"javascript:TOUCH\">link</a>",
        "\"><img src=x onerror=TOUCH>",
        "'><svg/onload=TOUCH>",
        "https://example.com/\"onmouseover=\"TOUCH\"x=\"",
        "<iframe srcdoc=\"<script>parent.TOUCH</script>\"></iframe>",
        "<details open ontoggle=\"TOUCH\">x</details>",
        "\u{202E}<img src=x onerror=TOUCH>gnp.exe",
        "{{constructor.constructor('TOUCH')()}}",
    ]
    .iter()
    .map(|p| p.replace("TOUCH", TOUCH))
    .collect()
}

/// Whether anything touched the canary in this browser's current page.
async fn canary_touched(browser: &Browser) -> bool {
    browser
        .client
        .execute(
            "return window.parleyPwned === 1 || localStorage.getItem('parleyPwned') !== null;",
            vec![],
        )
        .await
        .unwrap()
        .as_bool()
        .unwrap()
}

/// Markup a payload would have injected into `root` (even where the admin UI's CSP would
/// stop it from running): script-bearing elements, event attributes, `javascript:` links.
const INJECTED: &str = "return [...root.querySelectorAll('*')].filter((el) =>
      ['SCRIPT', 'IFRAME', 'DETAILS'].includes(el.tagName.toUpperCase())
      || [...el.attributes].some((a) => a.name.startsWith('on')
           || /^\\s*javascript:/i.test(a.value))).map((el) => el.outerHTML);";

async fn injected(browser: &Browser, root: &str) -> Vec<Value> {
    let script = format!("{root} {INJECTED}");
    let found = browser.client.execute(&script, vec![]).await.unwrap();
    found.as_array().cloned().unwrap_or_default()
}

/// Stores `body` at `path` if the edge accepts it; a refusal (the field's rules) is fine,
/// and not counted.
async fn plant(api: &Api, method: reqwest::Method, path: &str, body: Value) -> Option<Value> {
    let response = api.request(method, path).json(&body).send().await.unwrap();
    let status = response.status().as_u16();
    assert!(status < 500, "{path} failed on a payload: {status}");
    if status < 300 {
        response.json().await.ok()
    } else {
        None
    }
}

#[tokio::test]
async fn no_payload_runs_on_any_admin_screen_or_in_the_widget() {
    let fawry = FakeFawry::start().await.unwrap();
    let server = &Server::start_with_vars(&fawry.settings()).await.unwrap();
    let team = Team::new(server).await;
    // A member per payload, and more: Scale's 25 seats.
    team.prepay(&fawry, "plan-scale").await;
    let payloads = payloads();
    // Notes, labels and canned responses go through an API key (an admin of the workspace
    // with its own rate limit), so the team's own limits stay for the rest.
    let tools = team.key_client(KeyEnvironment::Live, KeyScope::Full).await;
    let mut planted = 0;
    let mut conversation_ids = Vec::new();

    for (index, payload) in payloads.iter().enumerate() {
        let mut metadata = Map::new();
        metadata.insert("name".into(), json!(payload));
        metadata.insert("email".into(), json!(format!("{payload}@x.io")));
        metadata.insert("page".into(), json!(payload));
        metadata.insert("referrer".into(), json!(payload));
        metadata.insert(payload.clone(), json!(payload));
        let start = StartConversationRequest {
            widget_id: team.widget.id.clone(),
            visitor_id: None,
            metadata: Some(metadata),
        };
        let api = Api::new(&server.base_url);
        let Some(started) = plant(
            &api,
            reqwest::Method::POST,
            "/api/conversations",
            json!(start),
        )
        .await
        else {
            continue;
        };
        planted += 1;
        let conversation = started["id"].as_str().unwrap().to_owned();
        let visitor = api.with_token(started["visitorToken"].as_str().unwrap());
        let messages = format!("/api/conversations/{conversation}/messages");
        for (who, api) in [("visitor", &visitor), ("agent", &team.agent)] {
            let sent = plant(
                api,
                reqwest::Method::POST,
                &messages,
                json!(SendMessageRequest::text(payload.clone())),
            )
            .await;
            planted += usize::from(sent.is_some());
            assert!(sent.is_some(), "{who}'s message {index} was refused");
        }
        let note = json!(SendMessageRequest::note(payload.clone()));
        planted += usize::from(
            plant(&tools, reqwest::Method::POST, &messages, note)
                .await
                .is_some(),
        );
        let label = json!({"name": payload});
        if let Some(label) = plant(&tools, reqwest::Method::POST, "/api/labels", label).await {
            planted += 1;
            let path = format!("/api/conversations/{conversation}/labels");
            let attach = json!({"labelId": label["id"]});
            planted += usize::from(
                plant(&tools, reqwest::Method::POST, &path, attach)
                    .await
                    .is_some(),
            );
        }
        let canned =
            json!({"shortcut": format!("x{index}"), "content": payload, "scope": "workspace"});
        planted += usize::from(
            plant(
                &tools,
                reqwest::Method::POST,
                "/api/canned-responses",
                canned,
            )
            .await
            .is_some(),
        );
        let child = json!({"name": payload, "meta": {"note": payload}});
        planted += usize::from(
            plant(&tools, reqwest::Method::POST, "/api/sub-accounts", child)
                .await
                .is_some(),
        );
        conversation_ids.push(conversation);

        let member = json!({"email": format!("member-{index}-{}@test.parley.dev", uuid::Uuid::new_v4().simple()),
            "name": payload, "password": "long-enough-password", "role": "agent"});
        planted += usize::from(
            plant(&team.admin, reqwest::Method::POST, "/api/users", member)
                .await
                .is_some(),
        );
        if let Some(bot) = plant(
            &team.admin,
            reqwest::Method::POST,
            "/api/bots",
            json!({"name": payload}),
        )
        .await
        {
            planted += 1;
            let knowledge = json!({"type": "faq", "title": payload,
                "faqs": [{"question": payload, "answer": payload}]});
            let path = format!(
                "/api/bots/{}/knowledge-sources",
                bot["id"].as_str().unwrap()
            );
            planted += usize::from(
                plant(&team.admin, reqwest::Method::POST, &path, knowledge)
                    .await
                    .is_some(),
            );
        }
        let widget = json!({"name": payload, "welcomeMessage": payload, "offlineMessage": payload});
        planted += usize::from(
            plant(&team.admin, reqwest::Method::POST, "/api/widgets", widget)
                .await
                .is_some(),
        );
    }
    // The widget the browser visits greets with the last payload the rules accept.
    for payload in &payloads {
        let texts = json!({"welcomeMessage": payload, "offlineMessage": payload});
        let path = format!("/api/widgets/{}", team.widget.id);
        planted += usize::from(
            plant(&team.admin, reqwest::Method::PUT, &path, texts)
                .await
                .is_some(),
        );
    }

    let bots: Value = team.admin.get("/api/bots").await.expect_status(200);
    let widgets: Value = team.admin.get("/api/widgets").await.expect_status(200);
    let mut screens = vec![
        "#/inbox".to_owned(),
        "#/contacts".to_owned(),
        "#/dashboard".to_owned(),
        "#/analytics".to_owned(),
        "#/widgets".to_owned(),
        "#/bots".to_owned(),
        "#/team".to_owned(),
        "#/outbox".to_owned(),
        "#/canned".to_owned(),
        "#/labels".to_owned(),
        "#/sub-accounts".to_owned(),
    ];
    screens.extend(conversation_ids.iter().map(|id| format!("#/inbox/{id}")));
    screens.extend(
        widgets
            .as_array()
            .unwrap()
            .iter()
            .map(|w| format!("#/widgets/{}", w["id"].as_str().unwrap())),
    );
    screens.extend(
        bots["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| format!("#/bots/{}", b["id"].as_str().unwrap())),
    );

    // Its own admin browses, so the planting above does not spend the browser's rate limit.
    let browser_admin = format!("browser-{}@test.parley.dev", uuid::Uuid::new_v4().simple());
    let _: Value = team
        .admin
        .post(
            "/api/users",
            &json!({"email": browser_admin, "name": "Browser", "password": PASSWORD, "role": "admin"}),
        )
        .await
        .expect_status(201);
    let browser = sign_in(server, &browser_admin).await;
    for screen in &screens {
        go(&browser, screen).await;
        browser
            .wait_for(
                screen,
                "const main = document.querySelector('#screen');
                 return main && main.textContent.trim().length > 0 ? true : null;",
            )
            .await
            .unwrap();
        // Hover and focus everything, so event attributes that need a person would fire too.
        browser
            .client
            .execute(
                "for (const el of document.querySelectorAll('#screen *')) {
                   el.dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));
                   el.dispatchEvent(new FocusEvent('focus'));
                 }",
                vec![],
            )
            .await
            .unwrap();
        // Let late renders (lists, live feeds) land before looking.
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        assert!(!canary_touched(&browser).await, "a payload ran on {screen}");
        let markup = injected(&browser, "const root = document.querySelector('#screen');").await;
        assert!(
            markup.is_empty(),
            "{screen} holds injected markup: {markup:?}"
        );
    }
    browser.close().await.unwrap();

    let (_page, browser) = visit(&team, "").await;
    open(&browser).await;
    for payload in &payloads {
        type_message(&browser, payload).await;
    }
    browser
        .wait_for(
            "the visitor's messages",
            &js(&format!(
                "return root.querySelectorAll('article[data-seq]').length >= {} ? true : null;",
                payloads.len()
            )),
        )
        .await
        .unwrap();
    // The team answers with every payload too: what agents write is drawn differently.
    let key = format!("parley:{}", team.widget.id);
    let saved = browser
        .client
        .execute(
            "return JSON.parse(localStorage.getItem(arguments[0])).session.conversationId;",
            vec![json!(key)],
        )
        .await
        .unwrap();
    let replies = format!("/api/conversations/{}/messages", saved.as_str().unwrap());
    for payload in &payloads {
        let sent = plant(
            &team.agent,
            reqwest::Method::POST,
            &replies,
            json!(SendMessageRequest::text(payload.clone())),
        )
        .await;
        assert!(sent.is_some(), "the agent's reply {payload:?} was refused");
    }
    browser
        .wait_for(
            "the agent's replies",
            &js(&format!(
                "return root.querySelectorAll('.parley-message.parley-theirs').length >= {} ? true : null;",
                payloads.len()
            )),
        )
        .await
        .unwrap();
    assert!(
        !canary_touched(&browser).await,
        "a payload ran in the widget"
    );
    let markup = injected(&browser, ROOT).await;
    assert!(
        markup.is_empty(),
        "the widget holds injected markup: {markup:?}"
    );
    browser.close().await.unwrap();
    println!(
        "hostile content: {} payloads, {planted} fields stored, {} admin screens + the widget: none ran",
        payloads.len(),
        screens.len()
    );
}
