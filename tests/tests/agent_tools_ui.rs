//! The agent's tools in real headless Chromium against `wrangler dev`: a private note written
//! in the admin UI is set apart there and never shows in the visitor's widget (live or after a
//! reload); `/` in the reply box offers canned responses and inserts one with the visitor's
//! and the agent's names filled in; the inbox's label filter lists exactly the labelled
//! conversations, and putting a label on from the conversation view joins it to the list.

use fantoccini::Locator;
use parley_shared_types::conversation::{
    Conversation, StartConversationRequest, StartedConversation,
};
use parley_shared_types::page::Page;
use parley_tests::admin_page::{click, go, inbox_ready, sign_in, type_into, wait_for_text};
use parley_tests::fixtures::Team;
use parley_tests::widget_page::{
    answers, js, launcher_shown, only_conversation, open, type_message, visit,
};
use parley_tests::{Api, Browser, Server};
use serde_json::{Map, Value, json};

const ENTER: &str = "\u{E007}";
const NOTE: &str = "Internal: this visitor is a VIP";

async fn press(browser: &Browser, css: &str, keys: &str) {
    browser
        .client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("find {css}: {e}"))
        .send_keys(keys)
        .await
        .unwrap();
}

/// The value of the field `css` holds now.
async fn value_of(browser: &Browser, css: &str) -> String {
    let value = browser
        .client
        .execute(
            &format!("return document.querySelector({css:?}).value;"),
            vec![],
        )
        .await
        .unwrap();
    value.as_str().unwrap_or_default().to_owned()
}

/// Waits until the field `css` holds exactly `expected`.
async fn wait_for_value(browser: &Browser, what: &str, css: &str, expected: &str) {
    browser
        .wait_for(
            what,
            &format!(
                "const el = document.querySelector({css:?}); return el && el.value === {expected:?} ? true : null;"
            ),
        )
        .await
        .unwrap();
}

/// The team's one conversation, once the widget has started it.
async fn started_conversation(team: &Team) -> Conversation {
    for _ in 0..200 {
        let page: Page<Conversation> = team
            .agent
            .get("/api/conversations")
            .await
            .expect_status(200);
        if page.total > 0 {
            return only_conversation(team).await;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the widget never started its conversation");
}

#[tokio::test]
async fn a_note_is_set_apart_for_the_team_and_never_reaches_the_widget() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let (_page, widget) = visit(&team, "").await;
    open(&widget).await;
    type_message(&widget, "Hello, where is my parcel?").await;
    let conversation = started_conversation(&team).await;

    let admin = sign_in(server, &team.agent_user.email).await;
    go(&admin, &format!("#/inbox/{}", conversation.id)).await;
    wait_for_text(
        &admin,
        "the visitor's message",
        "#messages",
        "where is my parcel",
    )
    .await;

    // A note: the toggle, then Enter. It shows apart (yellow, marked) in the team's view.
    click(&admin, "#note-toggle").await;
    wait_for_text(&admin, "the note button", "#send-reply", "Add note").await;
    type_into(&admin, "#reply", NOTE).await;
    press(&admin, "#reply", ENTER).await;
    wait_for_text(&admin, "the note", "#messages .message.note", NOTE).await;
    let look = admin
        .client
        .execute(
            "const note = document.querySelector('#messages .message.note');
             return [note.querySelector('.note-badge').textContent, getComputedStyle(note).backgroundColor];",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(look, json!(["Private note", "rgb(254, 249, 195)"]));

    // Then a reply: the visitor gets it, and never the note.
    click(&admin, "#note-toggle").await;
    type_into(&admin, "#reply", "It left our warehouse today.").await;
    press(&admin, "#reply", ENTER).await;
    wait_for_text(
        &admin,
        "the reply",
        "#messages .from-agent:not(.note)",
        "warehouse",
    )
    .await;
    assert_eq!(answers(&widget, 1).await, ["It left our warehouse today."]);
    let leaked = js(&format!("return root.textContent.includes({NOTE:?});"));
    assert_eq!(
        widget.client.execute(&leaked, vec![]).await.unwrap(),
        json!(false)
    );

    // After a reload the widget reads its history again: still no note.
    widget.client.refresh().await.unwrap();
    launcher_shown(&widget).await;
    open(&widget).await;
    assert_eq!(answers(&widget, 1).await, ["It left our warehouse today."]);
    assert_eq!(
        widget.client.execute(&leaked, vec![]).await.unwrap(),
        json!(false)
    );

    admin.close().await.unwrap();
    widget.close().await.unwrap();
}

/// A conversation started as the widget would, with the visitor's `metadata`.
async fn start(team: &Team, metadata: Map<String, Value>) -> StartedConversation {
    let request = StartConversationRequest {
        widget_id: team.widget.id.clone(),
        visitor_id: None,
        metadata: Some(metadata),
    };
    Api::new(&team.server_url)
        .post("/api/conversations", &request)
        .await
        .expect_status(201)
}

#[tokio::test]
async fn a_slash_inserts_a_canned_response_with_the_names_filled_in() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    for (shortcut, content) in [
        (
            "greet",
            "Hi {{visitor.name}}, {{agent.name}} here. How can I help?",
        ),
        ("hours", "We answer from 9 to 5."),
    ] {
        let _: Value = team
            .admin
            .post(
                "/api/canned-responses",
                &json!({"shortcut": shortcut, "content": content, "scope": "workspace"}),
            )
            .await
            .expect_status(201);
    }
    let named = start(&team, Map::from_iter([("name".into(), json!("Grace"))])).await;
    let nameless = start(&team, Map::new()).await;

    let admin = sign_in(server, &team.agent_user.email).await;
    go(&admin, &format!("#/inbox/{}", named.conversation.id)).await;
    // The conversation (whose metadata names the visitor) is loaded once its details show.
    let visitor_id = &named.conversation.visitor_id;
    wait_for_text(&admin, "the conversation", "#visitor-id", visitor_id).await;
    // `/` offers both; a letter more, only the one it starts; Enter puts it in, filled.
    type_into(&admin, "#reply", "/").await;
    wait_for_text(&admin, "both responses", "#canned-picker", "/hours").await;
    wait_for_text(&admin, "both responses", "#canned-picker", "/greet").await;
    press(&admin, "#reply", "g").await;
    admin
        .wait_for(
            "only /greet",
            "const options = [...document.querySelectorAll('#canned-picker [role=option]')];
             return options.length === 1 && options[0].dataset.shortcut === 'greet' ? true : null;",
        )
        .await
        .unwrap();
    press(&admin, "#reply", ENTER).await;
    wait_for_value(
        &admin,
        "the filled response",
        "#reply",
        "Hi Grace, Alex Agent here. How can I help?",
    )
    .await;
    assert!(
        admin
            .client
            .find(Locator::Css("#canned-picker"))
            .await
            .is_err(),
        "the picker closes once a response is in"
    );
    // Sending it sends the filled text.
    press(&admin, "#reply", ENTER).await;
    wait_for_text(
        &admin,
        "the sent response",
        "#messages .from-agent",
        "Hi Grace, Alex Agent here.",
    )
    .await;

    // A visitor who gave no name is greeted as "there"; a click picks too.
    go(&admin, &format!("#/inbox/{}", nameless.conversation.id)).await;
    let visitor_id = &nameless.conversation.visitor_id;
    wait_for_text(&admin, "the other conversation", "#visitor-id", visitor_id).await;
    wait_for_value(&admin, "an empty reply box", "#reply", "").await;
    type_into(&admin, "#reply", "/gr").await;
    click(&admin, "#canned-picker [data-shortcut=greet]").await;
    wait_for_value(
        &admin,
        "the response for a nameless visitor",
        "#reply",
        "Hi there, Alex Agent here. How can I help?",
    )
    .await;
    assert_eq!(
        value_of(&admin, "#reply").await,
        "Hi there, Alex Agent here. How can I help?"
    );
    admin.close().await.unwrap();
}

/// The ids of the conversations the inbox lists, once they are exactly `expected`.
async fn wait_for_listed(browser: &Browser, what: &str, expected: &[&str]) {
    let mut wanted: Vec<String> = expected.iter().map(|id| format!("#/inbox/{id}")).collect();
    wanted.sort();
    let shown = "const list = document.querySelector('#conversation-list');
                 if (!list || list.getAttribute('aria-busy') !== 'false') return null;
                 return JSON.stringify([...list.querySelectorAll('a.conversation-item')].map(a => a.getAttribute('href')).sort());";
    let wanted = serde_json::to_string(&wanted).unwrap();
    let listed = browser
        .wait_for(
            what,
            &format!(
                "const shown = (() => {{ {shown} }})(); return shown === {wanted:?} ? true : null;"
            ),
        )
        .await;
    if let Err(e) = listed {
        let now = browser.client.execute(shown, vec![]).await.unwrap();
        panic!("{e}: the inbox lists {now}, not {wanted}");
    }
}

#[tokio::test]
async fn the_inbox_label_filter_lists_exactly_the_labelled_conversations() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let vip = team.label("VIP", Some("#f59e0b")).await;
    team.label("Billing", None).await;
    let [a, b, c] = [
        team.visitor().await,
        team.visitor().await,
        team.visitor().await,
    ];
    for visitor in [&a, &c] {
        let _: Value = team
            .agent
            .post(
                &format!("/api/conversations/{}/labels", visitor.conversation_id()),
                &json!({"labelId": vip.id}),
            )
            .await
            .expect_status(200);
    }

    let admin = sign_in(server, &team.agent_user.email).await;
    // On the inbox's own route, so opening a conversation keeps the inbox (and its filter).
    go(&admin, "#/inbox").await;
    inbox_ready(&admin).await;
    wait_for_listed(
        &admin,
        "every conversation",
        &[
            a.conversation_id(),
            b.conversation_id(),
            c.conversation_id(),
        ],
    )
    .await;
    wait_for_text(
        &admin,
        "the label chip in the list",
        &format!("a[href='#/inbox/{}'] .label-chip", a.conversation_id()),
        "VIP",
    )
    .await;
    click(&admin, &format!("#filter-label option[value='{}']", vip.id)).await;
    wait_for_listed(
        &admin,
        "only the VIP conversations",
        &[a.conversation_id(), c.conversation_id()],
    )
    .await;

    // Putting the label on from the conversation view joins it to the filtered list live.
    go(&admin, &format!("#/inbox/{}", b.conversation_id())).await;
    click(&admin, &format!("#add-label option[value='{}']", vip.id)).await;
    wait_for_text(
        &admin,
        "the chip in the view",
        "#conversation-labels",
        "VIP",
    )
    .await;
    wait_for_listed(
        &admin,
        "the newly labelled conversation too",
        &[
            a.conversation_id(),
            b.conversation_id(),
            c.conversation_id(),
        ],
    )
    .await;
    // And taking it off takes it out.
    click(&admin, "#conversation-labels .chip-remove").await;
    wait_for_listed(
        &admin,
        "the VIP conversations again",
        &[a.conversation_id(), c.conversation_id()],
    )
    .await;
    admin.close().await.unwrap();
}
