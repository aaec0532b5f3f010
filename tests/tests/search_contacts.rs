//! Content search and contacts against a real `wrangler dev`: a word said in one conversation
//! is found (highlighted) from its workspace and from no other, typed query syntax never
//! breaks the search, visitors become contacts that identify updates, and erasing a contact
//! leaves nothing of theirs readable anywhere while another contact's data stays.

use parley_shared_types::analytics::RateConversationRequest;
use parley_shared_types::contact::{Contact, ContactDetails, ContactExport};
use parley_shared_types::conversation::{Conversation, SearchMatch};
use parley_shared_types::message::{Message, SendMessageRequest};
use parley_shared_types::page::Page;
use parley_shared_types::problem::ErrorCode;
use parley_tests::fixtures::{Team, Visitor, assert_conversation_gone};
use parley_tests::{Answer, Api, Server};
use serde_json::{Value, json};

/// A word no other test says, so a search finds exactly what this test wrote.
fn unique_word(prefix: &str) -> String {
    format!(
        "{prefix}{}",
        &uuid::Uuid::new_v4().simple().to_string()[..10]
    )
}

/// `path` with `search` in its query string, percent-encoded.
fn searching(path: &str, search: &str) -> String {
    let query = form_urlencoded::Serializer::new(String::new())
        .append_pair("search", search)
        .finish();
    format!("{path}?{query}")
}

/// The open conversations `api` finds for `search` (one page).
async fn search(api: &Api, search: &str) -> Page<Conversation> {
    let path = searching("/api/conversations", search) + "&status=open";
    api.get(&path).await.expect_status(200)
}

fn contact_of(visitor: &Visitor) -> String {
    visitor
        .started
        .conversation
        .contact_id
        .clone()
        .expect("a started conversation names its contact")
}

/// The matched text of a search match, piece by piece.
fn marked(found: &SearchMatch) -> Vec<String> {
    found
        .pieces()
        .into_iter()
        .filter(|(_, matched)| *matched)
        .map(|(text, _)| text)
        .collect()
}

#[tokio::test]
async fn a_word_said_in_one_conversation_is_found_highlighted_in_its_workspace_only() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let outsider = Team::new(server).await;
    let word = unique_word("zephyr");
    let said = team.visitor().await;
    let quiet = team.visitor().await;
    let message = said
        .say(&format!(
            "My parcel never arrived, tracking {word}, please help"
        ))
        .await;
    quiet.say("Just browsing, thanks").await;
    let elsewhere = outsider.visitor().await;
    elsewhere.say("Nothing to see here").await;

    let found = search(&team.agent, &word).await;
    assert_eq!(found.total, 1, "{found:?}");
    assert_eq!(found.data[0].id, said.conversation_id());
    let hit = found.data[0].search_match.as_ref().expect("the match");
    assert_eq!(hit.message_id, message.id);
    assert!(hit.snippet.contains("parcel never arrived"), "{hit:?}");
    assert_eq!(marked(hit), [word.as_str()]);

    let prefix = search(&team.agent, &word[..9]).await;
    assert!(
        prefix.data.iter().any(|c| c.id == said.conversation_id()),
        "a word's beginning finds it"
    );
    let by_two_words = search(&team.agent, &format!("PARCEL {word}")).await;
    assert_eq!(by_two_words.total, 1, "words match whatever their case");
    assert_eq!(
        marked(by_two_words.data[0].search_match.as_ref().unwrap()).len(),
        2
    );
    let admin_list: Page<Conversation> = team
        .admin
        .get(&format!("/api/admin/conversations?search={word}"))
        .await
        .expect_status(200);
    assert_eq!(admin_list.total, 1);

    assert_eq!(
        search(&outsider.admin, &word).await.total,
        0,
        "another workspace finds nothing of this one"
    );
    assert_eq!(search(&team.agent, "thanks browsing").await.data.len(), 1);
    assert!(search(&team.agent, "thanks browsing").await.data[0].id == quiet.conversation_id());

    let visitor_id = said.started.conversation.visitor_id.clone();
    let by_visitor = search(&team.agent, &visitor_id[..13]).await;
    assert_eq!(
        by_visitor
            .data
            .iter()
            .map(|c| c.id.as_str())
            .collect::<Vec<_>>(),
        [said.conversation_id()],
        "the visitor-id search still works"
    );
    assert!(
        by_visitor.data[0].search_match.is_none(),
        "found by its visitor id, not by a message"
    );

    let refused = said
        .api
        .get::<Value>(&format!("/api/conversations?search={word}"))
        .await;
    assert!(matches!(refused.status(), 401 | 403), "{refused:?}");
}

#[tokio::test]
async fn typed_query_syntax_never_breaks_the_search() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let visitor = team.visitor().await;
    visitor
        .say("The café opens at nine (AND closes at five)")
        .await;
    let hostile = [
        "\"",
        "*",
        "AND (",
        "NEAR(",
        "NEAR(a b",
        "a\" OR \"b",
        "(",
        ")",
        "-",
        "^",
        "NOT",
        "OR",
        "col:val",
        "content:café",
        "{a b}",
        "a*b*",
        "'",
        "\\",
        ";--",
        "%",
        "_",
        "café)",
    ];
    for query in hostile {
        let path = searching("/api/conversations", query);
        match team.agent.get::<Value>(&path).await {
            Answer::Ok(200, _) => {}
            Answer::Problem(422, problem) => {
                assert_eq!(problem.code, ErrorCode::ValidationFailed, "{query:?}")
            }
            other => panic!("{query:?}: {other:?}"),
        }
    }
    let too_long = "x".repeat(101);
    let problem = team
        .agent
        .get::<Value>(&format!("/api/conversations?search={too_long}"))
        .await
        .expect_problem(422);
    assert!(problem.errors.contains_key("search"));
    let found = search(&team.agent, "café)").await;
    assert_eq!(found.total, 1, "the words of a hostile query still count");
}

#[tokio::test]
async fn visitors_become_contacts_that_identify_updates_and_admins_edit_and_export() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let user_id = unique_word("u-");
    let first = team
        .identified_visitor(
            json!({"page": "/pricing", "userId": user_id, "name": "Grace", "userHash": "h"}),
        )
        .await;
    let contact_id = contact_of(&first);
    first.say("Hello from the first visit").await;
    let again = team
        .identified_visitor(
            json!({"userId": user_id, "name": "Grace Hopper", "email": "grace@example.com"}),
        )
        .await;
    assert_eq!(
        contact_of(&again),
        contact_id,
        "the same user is one contact"
    );
    let said = again.say("Back again").await;
    let anonymous = team.visitor().await;
    assert_ne!(contact_of(&anonymous), contact_id);

    let details: ContactDetails = team
        .agent
        .get(&format!("/api/contacts/{contact_id}"))
        .await
        .expect_status(200);
    let contact = &details.contact;
    assert_eq!(contact.user_id.as_deref(), Some(user_id.as_str()));
    assert_eq!(
        contact.name.as_deref(),
        Some("Grace Hopper"),
        "identify updates"
    );
    assert_eq!(contact.email.as_deref(), Some("grace@example.com"));
    assert!(
        !contact.verified,
        "unverified until identity verification exists"
    );
    assert_eq!(contact.visitor_id, again.started.conversation.visitor_id);
    assert_eq!(contact.conversation_count, 2);
    assert!(contact.first_seen_at <= first.started.conversation.started_at);
    assert!(
        contact.last_seen_at >= said.created_at,
        "last seen when they last wrote: {} < {}",
        contact.last_seen_at,
        said.created_at
    );
    let ids: Vec<&str> = details
        .conversations
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(
        ids,
        [again.conversation_id(), first.conversation_id()],
        "newest first"
    );

    let anonymous_contact: Contact = team
        .agent
        .get::<ContactDetails>(&format!("/api/contacts/{}", contact_of(&anonymous)))
        .await
        .expect_status(200)
        .contact;
    assert_eq!(
        anonymous_contact.visitor_id,
        anonymous.started.conversation.visitor_id
    );
    assert_eq!(anonymous_contact.name, None);

    let list: Page<Contact> = team.agent.get("/api/contacts").await.expect_status(200);
    assert_eq!(list.total, 2);
    for query in ["hopper", "GRACE@example", &user_id[2..]] {
        let found: Page<Contact> = team
            .agent
            .get(&searching("/api/contacts", query))
            .await
            .expect_status(200);
        assert_eq!(
            found.data.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
            [contact_id.as_str()],
            "{query}"
        );
    }
    let paged: Page<Contact> = team
        .agent
        .get("/api/contacts?limit=1")
        .await
        .expect_status(200);
    assert_eq!((paged.data.len(), paged.total), (1, 2));
    assert!(paged.next_cursor.is_some());

    let path = format!("/api/contacts/{contact_id}");
    let _: Contact = team
        .agent
        .patch(&path, &json!({"attributes": {"plan": "pro", "seats": 3}}))
        .await
        .expect_status(200);
    let updated: Contact = team
        .agent
        .patch(
            &path,
            &json!({"name": "G. Hopper", "attributes": {"seats": null, "vip": true}}),
        )
        .await
        .expect_status(200);
    assert_eq!(updated.name.as_deref(), Some("G. Hopper"));
    assert_eq!(
        Value::Object(updated.attributes),
        json!({"plan": "pro", "vip": true}),
        "attributes merge; null deletes a key"
    );
    let problem = team
        .agent
        .patch::<_, Value>(&path, &json!({"email": "not an address"}))
        .await
        .expect_problem(422);
    assert!(problem.errors.contains_key("email"));

    let _: Conversation = team
        .agent
        .post_empty(&format!(
            "/api/conversations/{}/close",
            first.conversation_id()
        ))
        .await
        .expect_status(200);
    let _: Value = first
        .api
        .post(
            &format!("/api/conversations/{}/rating", first.conversation_id()),
            &RateConversationRequest {
                score: 5,
                comment: Some("Lovely".into()),
            },
        )
        .await
        .expect_status(200);
    let response = team
        .admin
        .request(reqwest::Method::GET, &format!("{path}/export"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let disposition = response
        .headers()
        .get("content-disposition")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(disposition.starts_with("attachment"), "{disposition}");
    let export: ContactExport = response.json().await.unwrap();
    assert_eq!(export.contact.id, contact_id);
    assert_eq!(export.conversations.len(), 2);
    let contents: Vec<&str> = export
        .conversations
        .iter()
        .flat_map(|c| c.messages.iter().map(|m| m.content.as_str()))
        .collect();
    assert!(contents.contains(&"Hello from the first visit"));
    assert!(contents.contains(&"Back again"));
    let rated = export
        .conversations
        .iter()
        .find(|c| c.conversation.id == first.conversation_id())
        .unwrap();
    assert_eq!(rated.conversation.rating, Some(5));
    assert_eq!(rated.conversation.rating_comment.as_deref(), Some("Lovely"));

    let agent_export = team.agent.get::<Value>(&format!("{path}/export")).await;
    assert_eq!(agent_export.expect_problem(403).code, ErrorCode::Forbidden);
    let agent_erase = team.agent.delete::<Value>(&path).await;
    assert_eq!(agent_erase.expect_problem(403).code, ErrorCode::Forbidden);
}

#[tokio::test]
async fn another_workspace_reaches_no_contact() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let outsider = Team::new(server).await;
    let visitor = team
        .identified_visitor(json!({"name": "Private Person"}))
        .await;
    let path = format!("/api/contacts/{}", contact_of(&visitor));
    for answer in [
        outsider.admin.get::<Value>(&path).await,
        outsider.admin.get::<Value>(&format!("{path}/export")).await,
        outsider
            .admin
            .patch::<_, Value>(&path, &json!({"name": "x"}))
            .await,
        outsider.admin.delete::<Value>(&path).await,
    ] {
        assert_eq!(answer.expect_problem(404).code, ErrorCode::NotFound);
    }
    let theirs: Page<Contact> = outsider.admin.get("/api/contacts").await.expect_status(200);
    assert_eq!(theirs.total, 0);
    let still: ContactDetails = team.admin.get(&path).await.expect_status(200);
    assert_eq!(still.contact.name.as_deref(), Some("Private Person"));
    let malformed = team.admin.get::<Value>("/api/contacts/not-an-id").await;
    assert!(
        matches!(malformed.status(), 400 | 404 | 422),
        "{malformed:?}"
    );
}

#[tokio::test]
async fn erasing_a_contact_leaves_nothing_of_theirs_readable_and_spares_everyone_else() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let word = unique_word("erasable");
    let user_id = unique_word("u-");
    let first = team
        .identified_visitor(json!({"userId": user_id, "name": "Leaving"}))
        .await;
    let second = team.identified_visitor(json!({"userId": user_id})).await;
    let contact_id = contact_of(&first);
    let said = first.say(&format!("Please forget {word}")).await;
    second.say(&format!("Also {word} here")).await;
    let _: Message = team
        .agent
        .post(
            &format!("/api/conversations/{}/messages", first.conversation_id()),
            &SendMessageRequest::text(format!("Noted about {word}")),
        )
        .await
        .expect_status(201);
    let other = team.identified_visitor(json!({"name": "Staying"})).await;
    let kept = other.say(&format!("I say {word} too")).await;
    assert_eq!(search(&team.agent, &word).await.total, 3);

    let mut visitor_socket = first.hub(server).await;
    let mut agent_socket = team.agent_hub(server, second.conversation_id()).await;

    let path = format!("/api/contacts/{contact_id}");
    let erased = team
        .admin
        .request(reqwest::Method::DELETE, &path)
        .send()
        .await
        .unwrap();
    assert_eq!(erased.status(), 204);
    visitor_socket.expect_close().await.unwrap();
    agent_socket.expect_close().await.unwrap();

    for answer in [
        team.admin.get::<Value>(&path).await,
        team.admin.get::<Value>(&format!("{path}/export")).await,
        team.admin
            .patch::<_, Value>(&path, &json!({"name": "x"}))
            .await,
        team.admin.delete::<Value>(&path).await,
    ] {
        assert_eq!(answer.expect_problem(404).code, ErrorCode::NotFound);
    }
    for visitor in [&first, &second] {
        for api in [&team.agent, &visitor.api] {
            assert_conversation_gone(server, api, visitor, &said.id).await;
        }
    }
    let found = search(&team.agent, &word).await;
    assert_eq!(
        found.data.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
        [other.conversation_id()],
        "only the other contact's words are found"
    );
    let list: Page<Contact> = team.admin.get("/api/contacts").await.expect_status(200);
    assert_eq!(
        list.data.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
        [contact_of(&other).as_str()]
    );

    let ids = format!(
        "'{}', '{}'",
        first.conversation_id(),
        second.conversation_id()
    );
    for sql in [
        format!("SELECT COUNT(*) AS n FROM message_search WHERE conversation_id IN ({ids})"),
        format!("SELECT COUNT(*) AS n FROM conversations WHERE id IN ({ids})"),
        format!("SELECT COUNT(*) AS n FROM contacts WHERE id = '{contact_id}'"),
        format!(
            "SELECT COUNT(*) AS n FROM message_search WHERE content LIKE '%Please forget%{word}%'"
        ),
    ] {
        let rows = server.query_d1_async(&sql).await.unwrap();
        assert_eq!(rows[0]["n"], 0, "{sql}");
    }

    let messages: Page<Message> = other
        .api
        .get(&other.messages_path())
        .await
        .expect_status(200);
    assert_eq!(
        messages.data[0].id, kept.id,
        "the other contact keeps everything"
    );
    let still: ContactDetails = team
        .admin
        .get(&format!("/api/contacts/{}", contact_of(&other)))
        .await
        .expect_status(200);
    assert_eq!(still.conversations.len(), 1);

    let returning = team.identified_visitor(json!({"userId": user_id})).await;
    let fresh: ContactDetails = team
        .admin
        .get(&format!("/api/contacts/{}", contact_of(&returning)))
        .await
        .expect_status(200);
    assert_eq!(
        fresh.conversations.len(),
        1,
        "a returning visitor starts afresh, with none of the erased past"
    );
    assert_eq!(fresh.contact.name, None);
}
