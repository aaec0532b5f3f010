//! Content search and contacts in the admin UI, in real headless Chromium against
//! `wrangler dev`: the inbox's search finds a conversation by a word of a message and marks
//! it, the conversation view lists the contact's other conversations as links, and the
//! Contacts screen lists, searches, edits and erases a contact. Its own binary: browser tests share
//! 127.0.0.1's per-IP limit, counted per server.

use parley_shared_types::contact::ContactDetails;
use parley_tests::admin_page::{click, go, inbox_ready, sign_in, type_into, wait_for_text};
use parley_tests::fixtures::Team;
use parley_tests::{Browser, Server};
use serde_json::{Value, json};

/// Evaluates `script` until it returns a value, and returns it.
async fn wait_for(browser: &Browser, what: &str, script: &str) -> Value {
    browser.wait_for(what, script).await.unwrap()
}

#[tokio::test]
async fn the_inbox_finds_a_conversation_by_a_word_and_shows_the_contacts_other_conversations() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let word = format!("quokka{}", &uuid::Uuid::new_v4().simple().to_string()[..8]);
    let user_id = format!("u-{}", uuid::Uuid::new_v4().simple());
    let grace = team
        .identified_visitor(json!({"userId": user_id, "name": "Grace"}))
        .await;
    grace.say("This is my first visit").await;
    let earlier = grace.conversation_id().to_owned();
    let grace_again = team.identified_visitor(json!({"userId": user_id})).await;
    grace_again
        .say(&format!("<b>bold</b> claim: my {word} order is missing"))
        .await;
    let later = grace_again.conversation_id().to_owned();
    team.visitor().await.say("Something else entirely").await;

    let browser = sign_in(server, &team.agent_user.email).await;
    inbox_ready(&browser).await;
    type_into(&browser, "#filter-search", &word).await;
    let found = wait_for(
        &browser,
        "only the conversation with the word, its match marked",
        "const items = document.querySelectorAll('#conversation-list .conversation-item');
         const marks = document.querySelectorAll('#conversation-list .item-match mark');
         if (items.length !== 1 || marks.length !== 1) return null;
         const match = items[0].querySelector('.item-match');
         return { href: items[0].getAttribute('href'), mark: marks[0].textContent,
                  text: match.textContent, injected: match.querySelector('b') !== null };",
    )
    .await;
    assert!(found["href"].as_str().unwrap().ends_with(&later), "{found}");
    assert_eq!(found["mark"], word.as_str());
    assert!(
        found["text"].as_str().unwrap().contains("<b>bold</b>"),
        "a message's markup is shown as text: {found}"
    );
    assert_eq!(found["injected"], false);

    click(&browser, "#conversation-list .conversation-item").await;
    let earlier_link = format!(".contact-history a[data-conversation-id='{earlier}']");
    wait_for_text(
        &browser,
        "the contact's earlier conversation",
        &earlier_link,
        "This is my first visit",
    )
    .await;
    let current = wait_for(
        &browser,
        "the open conversation marked among the contact's",
        &format!(
            "const el = document.querySelector(\".contact-history a[data-conversation-id='{later}']\");
             return el ? el.getAttribute('aria-current') : null;"
        ),
    )
    .await;
    assert_eq!(current, "true");
    click(&browser, &earlier_link).await;
    wait_for_text(
        &browser,
        "the earlier conversation opened",
        "#messages",
        "This is my first visit",
    )
    .await;
    let hash = wait_for(&browser, "the route", "return location.hash;").await;
    assert!(hash.as_str().unwrap().ends_with(&earlier), "{hash}");
    browser.close().await.unwrap();
}

#[tokio::test]
async fn the_contacts_screen_lists_searches_edits_and_erases_a_contact() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let erin = team
        .identified_visitor(json!({"name": "Erin Erasable", "email": "erin@example.com"}))
        .await;
    erin.say("Please delete my data").await;
    let contact_id = erin.started.conversation.contact_id.clone().unwrap();
    team.identified_visitor(json!({"name": "Kim Kept"})).await;

    let browser = sign_in(server, &team.admin_user.email).await;
    go(&browser, "#/contacts").await;
    wait_for_text(&browser, "the contacts", "#contact-table", "Erin Erasable").await;
    wait_for_text(&browser, "the contacts", "#contact-table", "Kim Kept").await;
    type_into(&browser, "#contact-search", "erin@").await;
    wait_for(
        &browser,
        "only Erin found",
        "const rows = document.querySelectorAll('#contact-table tbody tr');
         return rows.length === 1 && rows[0].textContent.includes('Erin Erasable') ? true : null;",
    )
    .await;
    click(&browser, "#contact-table tbody tr a").await;
    wait_for_text(
        &browser,
        "Erin's conversations",
        ".contact-history",
        "Please delete my data",
    )
    .await;
    type_into(
        &browser,
        "#contact-attributes",
        r#"{"plan": "pro", "seats": 3}"#,
    )
    .await;
    click(&browser, "#save-contact").await;
    wait_for_text(&browser, "the attributes saved", "#contact-form", "Saved.").await;
    let saved: ContactDetails = team
        .admin
        .get(&format!("/api/contacts/{contact_id}"))
        .await
        .expect_status(200);
    assert_eq!(
        Value::Object(saved.contact.attributes),
        json!({"plan": "pro", "seats": 3})
    );

    click(&browser, "#erase-contact").await;
    wait_for_text(
        &browser,
        "the erasure asks to confirm",
        "#erase-contact",
        "Confirm",
    )
    .await;
    click(&browser, "#erase-contact").await;
    wait_for(
        &browser,
        "the list without Erin",
        "const table = document.querySelector('#contact-table');
         return location.hash === '#/contacts' && table && table.textContent.includes('Kim Kept')
             && !table.textContent.includes('Erin') ? true : null;",
    )
    .await;
    let gone = team
        .admin
        .get::<Value>(&format!("/api/conversations/{}", erin.conversation_id()))
        .await;
    assert_eq!(
        gone.status(),
        404,
        "the erased contact's conversation is gone"
    );
    browser.close().await.unwrap();
}
