//! The agent's tools (issue 17): private notes reach the team and never the visitor (no socket,
//! resumed socket, REST read, webhook, bot or conversation summary of theirs carries one);
//! canned responses keep their scopes and shortcuts; labels filter conversation lists exactly
//! and stay inside their workspace.

use parley_shared_types::canned::CannedResponse;
use parley_shared_types::conversation::Conversation;
use parley_shared_types::hub::{ServerEvent, methods};
use parley_shared_types::label::Label;
use parley_shared_types::message::{Message, SendMessageRequest};
use parley_shared_types::page::Page;
use parley_shared_types::problem::ErrorCode;
use parley_tests::fixtures::{DEMO_FAQ, Team, all_messages, hub_for};
use parley_tests::{Api, HubClient, Server, WebhookReceiver};
use serde_json::{Value, json};
use std::collections::BTreeSet;

const NOTE: &str = "Internal: VIP customer, refund without asking";
const HUB_NOTE: &str = "Internal: second note, over the hub";

/// The next message a socket is sent (other events skipped).
async fn next_message(socket: &mut HubClient) -> Message {
    match socket
        .next_event_where(|e| matches!(e, ServerEvent::ReceiveMessage(_)))
        .await
        .unwrap()
    {
        ServerEvent::ReceiveMessage(message) => message,
        _ => unreachable!(),
    }
}

async fn reply(api: &Api, conversation_id: &str, request: &SendMessageRequest) -> Message {
    api.post(
        &format!("/api/conversations/{conversation_id}/messages"),
        request,
    )
    .await
    .expect_status(201)
}

fn contents(messages: &[Message]) -> Vec<&str> {
    messages.iter().map(|m| m.content.as_str()).collect()
}

#[tokio::test]
async fn a_private_note_reaches_the_team_and_never_the_visitor() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let receiver = WebhookReceiver::start(0).await;
    let webhook: Value = team
        .admin
        .post(
            "/api/webhooks",
            &json!({"url": receiver.url, "events": ["message.received", "message.sent"]}),
        )
        .await
        .expect_status(201);
    let visitor = team.visitor().await;
    let id = visitor.conversation_id().to_owned();
    let mut visitor_socket = visitor.hub(server).await;
    let mut agent_socket = team.agent_hub(server, &id).await;
    // The admin's one feed connection joins the conversation from elsewhere.
    let mut admin_feed = hub_for(server, "", team.admin.token.as_deref().unwrap(), None).await;
    let joined = admin_feed
        .call(methods::JOIN_CONVERSATION, vec![json!(id), Value::Null])
        .await
        .unwrap();
    assert!(joined.is_ok(), "{joined:?}");

    let asked = visitor.say("Where is my order?").await;
    let note = reply(&team.agent, &id, &SendMessageRequest::note(NOTE)).await;
    assert!(note.private, "the stored note says it is private");
    let hub_note = agent_socket
        .send_note(&id, HUB_NOTE)
        .await
        .unwrap()
        .expect("a team socket sends a note over the hub");
    assert!(hub_note.private);
    let answer = reply(
        &team.admin,
        &id,
        &SendMessageRequest::text("It ships today."),
    )
    .await;

    // The team's socket gets everything, notes marked; the visitor's skips both notes.
    let mut team_saw = Vec::new();
    while team_saw.len() < 4 {
        team_saw.push(next_message(&mut agent_socket).await);
    }
    assert_eq!(
        contents(&team_saw),
        ["Where is my order?", NOTE, HUB_NOTE, "It ships today."]
    );
    assert_eq!(
        team_saw.iter().map(|m| m.private).collect::<Vec<_>>(),
        [false, true, true, false]
    );
    let mut joined_saw = Vec::new();
    while joined_saw.len() < 4 {
        joined_saw.push(next_message(&mut admin_feed).await);
    }
    assert_eq!(
        joined_saw, team_saw,
        "a team socket that joined from elsewhere gets the notes too"
    );
    let visitor_saw = [
        next_message(&mut visitor_socket).await,
        next_message(&mut visitor_socket).await,
    ];
    assert_eq!(
        contents(&visitor_saw),
        ["Where is my order?", "It ships today."],
        "the visitor's socket is never sent a note"
    );
    assert_eq!(
        visitor_saw[1].seq, answer.seq,
        "the visitor's seq has gaps where notes were"
    );

    // A socket resuming from the start is replayed the same: no note, then live messages.
    let mut resumed = hub_for(
        server,
        &id,
        visitor.api.token.as_deref().unwrap_or_default(),
        Some(0),
    )
    .await;
    assert_eq!(next_message(&mut resumed).await.id, asked.id);
    assert_eq!(next_message(&mut resumed).await.id, answer.id);
    let last_note = reply(&team.agent, &id, &SendMessageRequest::note(NOTE)).await;
    let closing = reply(
        &team.agent,
        &id,
        &SendMessageRequest::text("Anything else?"),
    )
    .await;
    assert_eq!(next_message(&mut resumed).await.id, closing.id);
    assert_eq!(next_message(&mut visitor_socket).await.id, closing.id);

    // REST: the visitor reads (and counts) only what they may see; the team reads it all.
    let read: Page<Message> = visitor
        .api
        .get(&visitor.messages_path())
        .await
        .expect_status(200);
    assert_eq!(
        contents(&read.data),
        ["Where is my order?", "It ships today.", "Anything else?"]
    );
    assert_eq!(read.total, 3);
    assert!(
        !all_messages(&visitor.api, &id)
            .await
            .iter()
            .any(|m| m.private),
        "nor as JSON lines"
    );
    let team_read = all_messages(&team.agent, &id).await;
    assert_eq!(team_read.len(), 6);
    assert_eq!(team_read.iter().filter(|m| m.private).count(), 3);
    let raw: Value = team
        .agent
        .get(&format!("{}?limit=1", visitor.messages_path()))
        .await
        .expect_status(200);
    assert!(
        raw["data"][0].get("private").is_none(),
        "an ordinary message is the seed's object"
    );

    // A visitor cannot find a note to mark it read, nor write one.
    let hidden = visitor
        .api
        .post_empty::<Value>(&format!(
            "{}/{}/read",
            visitor.messages_path(),
            last_note.id
        ))
        .await
        .expect_problem(404);
    assert_eq!(hidden.code, ErrorCode::NotFound);
    let refused = visitor
        .api
        .post::<_, Value>(
            &visitor.messages_path(),
            &SendMessageRequest::note("me too"),
        )
        .await
        .expect_problem(403);
    assert_eq!(refused.code, ErrorCode::Forbidden);
    let over_hub = visitor_socket.send_note(&id, "me too").await.unwrap();
    assert!(
        over_hub.is_err_and(|e| e.starts_with("FORBIDDEN")),
        "nor over the hub"
    );

    // The conversation's summary is not the note's: last message, counts.
    let seen: Conversation = visitor
        .api
        .get(&format!("/api/conversations/{id}"))
        .await
        .expect_status(200);
    assert_eq!(seen.last_message.as_deref(), Some("Anything else?"));
    let _ = reply(
        &team.agent,
        &id,
        &SendMessageRequest::note("Last word is mine"),
    )
    .await;
    let seen: Conversation = team
        .agent
        .get(&format!("/api/conversations/{id}"))
        .await
        .expect_status(200);
    assert_eq!(seen.last_message.as_deref(), Some("Anything else?"));

    // Webhooks: the three visible messages arrive, and no note ever does. The room hands
    // events over in `seq` order and the log records each as it is handed over, so once the
    // last visible one is delivered a note's would be logged too.
    let received = receiver.wait_for(3).await;
    let log: Page<Value> = team
        .admin
        .get(&format!(
            "/api/webhooks/{}/deliveries",
            webhook["id"].as_str().unwrap()
        ))
        .await
        .expect_status(200);
    assert_eq!(
        log.total, 3,
        "one delivery per visible message: {:?}",
        log.data
    );
    let bodies: Vec<Value> = received.iter().map(|r| r.json()).collect();
    let delivered: BTreeSet<&str> = bodies
        .iter()
        .filter_map(|b| b["data"]["content"].as_str())
        .collect();
    assert_eq!(
        delivered,
        BTreeSet::from(["Where is my order?", "It ships today.", "Anything else?"])
    );
    for body in &received {
        assert!(
            !body.body.contains("Internal:") && !body.body.contains("Last word"),
            "a webhook carried a note: {}",
            body.body
        );
    }
}

#[tokio::test]
async fn a_note_neither_takes_over_from_the_bot_nor_counts_as_a_reply() {
    let server = Server::shared().await;
    let (team, _bot) = Team::with_demo_bot(server).await;
    let visitor = team.visitor().await;
    let id = visitor.conversation_id().to_owned();
    let mut visitor_socket = visitor.hub(server).await;

    let _ = reply(&team.agent, &id, &SendMessageRequest::note(NOTE)).await;
    let conversation: Conversation = team
        .agent
        .get(&format!("/api/conversations/{id}"))
        .await
        .expect_status(200);
    assert!(
        conversation.ai_active && conversation.assigned_agent_id.is_none(),
        "the bot still answers and nobody took the conversation"
    );
    let marks = server
        .query_d1(&format!(
            "SELECT first_agent_reply_at FROM conversations WHERE id = '{id}'"
        ))
        .unwrap();
    assert_eq!(
        marks[0]["first_agent_reply_at"],
        Value::Null,
        "a note is no first response"
    );

    // The bot still answers the visitor, and its answer is the next thing they see.
    visitor.say(DEMO_FAQ[0].0).await;
    let (_, answer) = visitor_socket.next_ai_answer().await.unwrap();
    assert!(!answer.content.contains("Internal"));
    let after: Conversation = team
        .agent
        .get(&format!("/api/conversations/{id}"))
        .await
        .expect_status(200);
    assert!(after.ai_active);
}

#[tokio::test]
async fn canned_responses_keep_their_scopes_and_shortcuts() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let outsider = Team::new(server).await;
    let create = |api: &Api, body: Value| {
        let api = api.clone();
        async move {
            api.post::<_, CannedResponse>("/api/canned-responses", &body)
                .await
        }
    };

    let mine = create(
        &team.agent,
        json!({"shortcut": "greet", "content": "Hi {{visitor.name}}, {{agent.name}} here."}),
    )
    .await
    .expect_status(201);
    assert_eq!(mine.scope.as_str(), "personal", "personal by default");
    assert_eq!(mine.owner_id.as_deref(), Some(team.agent_user.id.as_str()));
    let taken = create(
        &team.agent,
        json!({"shortcut": "GREET", "content": "Hello"}),
    )
    .await
    .expect_problem(409);
    assert_eq!(taken.code, ErrorCode::Conflict);
    let admins_own = create(&team.admin, json!({"shortcut": "greet", "content": "Hey"}))
        .await
        .expect_status(201);
    let refused = create(
        &team.agent,
        json!({"shortcut": "hours", "content": "9-5", "scope": "workspace"}),
    )
    .await
    .expect_problem(403);
    assert_eq!(refused.code, ErrorCode::Forbidden);
    let shared = create(
        &team.admin,
        json!({"shortcut": "hours", "content": "We answer 9 to 5.", "scope": "workspace"}),
    )
    .await
    .expect_status(201);
    assert!(shared.owner_id.is_none());
    create(
        &team.admin,
        json!({"shortcut": "Hours", "content": "again", "scope": "workspace"}),
    )
    .await
    .expect_problem(409);
    let bad = create(
        &team.agent,
        json!({"shortcut": "two words", "content": "x"}),
    )
    .await
    .expect_problem(422);
    assert!(bad.errors.contains_key("shortcut"));

    // Each sees the workspace's and their own: never another's personal ones.
    let listed = |api: &Api| {
        let api = api.clone();
        async move {
            let page: Page<CannedResponse> =
                api.get("/api/canned-responses").await.expect_status(200);
            page.data.into_iter().map(|r| r.id).collect::<BTreeSet<_>>()
        }
    };
    assert_eq!(
        listed(&team.agent).await,
        BTreeSet::from([mine.id.clone(), shared.id.clone()])
    );
    assert_eq!(
        listed(&team.admin).await,
        BTreeSet::from([admins_own.id.clone(), shared.id.clone()])
    );
    assert!(listed(&outsider.admin).await.is_empty());
    let path = |r: &CannedResponse| format!("/api/canned-responses/{}", r.id);
    team.admin
        .get::<Value>(&path(&mine))
        .await
        .expect_problem(404);
    team.admin
        .patch::<_, Value>(&path(&mine), &json!({"content": "mine now"}))
        .await
        .expect_problem(404);
    outsider
        .admin
        .get::<Value>(&path(&shared))
        .await
        .expect_problem(404);
    outsider
        .admin
        .delete::<Value>(&path(&shared))
        .await
        .expect_problem(404);

    // Agents read the workspace's; only admins change them.
    let read: CannedResponse = team.agent.get(&path(&shared)).await.expect_status(200);
    assert_eq!(read.content, "We answer 9 to 5.");
    team.agent
        .patch::<_, Value>(&path(&shared), &json!({"content": "Always open"}))
        .await
        .expect_problem(403);
    team.agent
        .delete::<Value>(&path(&shared))
        .await
        .expect_problem(403);
    let changed: CannedResponse = team
        .admin
        .patch(&path(&shared), &json!({"content": "We answer 8 to 6."}))
        .await
        .expect_status(200);
    assert_eq!(changed.content, "We answer 8 to 6.");

    // The owner changes and deletes their own.
    let renamed: CannedResponse = team
        .agent
        .patch(&path(&mine), &json!({"shortcut": "hello"}))
        .await
        .expect_status(200);
    assert_eq!(renamed.shortcut, "hello");
    team.agent
        .delete::<Value>(&path(&mine))
        .await
        .expect_status(204);
    team.agent
        .get::<Value>(&path(&mine))
        .await
        .expect_problem(404);
}

/// Waits for the feed to announce conversation `id` carrying exactly the labels `names`
/// (earlier announcements skipped).
async fn feed_shows(feed: &mut HubClient, id: &str, names: &[&str]) {
    feed.next_event_where(|e| {
        matches!(e, ServerEvent::ConversationUpdated(c)
            if c.id == id && c.labels.iter().map(|l| l.name.as_str()).eq(names.iter().copied()))
    })
    .await
    .unwrap_or_else(|e| panic!("the feed never showed {id} with {names:?}: {e}"));
}

/// The ids of the conversations `path` lists.
async fn listed_ids(api: &Api, path: &str) -> BTreeSet<String> {
    let page: Page<Conversation> = api.get(path).await.expect_status(200);
    assert_eq!(page.total as usize, page.data.len(), "{path}: one page");
    page.data.into_iter().map(|c| c.id).collect()
}

#[tokio::test]
async fn labels_filter_the_conversation_lists_exactly_and_stay_in_their_workspace() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let outsider = Team::new(server).await;

    let vip = team.label("VIP", Some("#f59e0b")).await;
    let billing = team.label("Billing", None).await;
    assert_eq!(billing.color, "#64748b", "a default colour");
    let taken = team
        .admin
        .post::<_, Value>("/api/labels", &json!({"name": "vip"}))
        .await
        .expect_problem(409);
    assert_eq!(taken.code, ErrorCode::Conflict);
    team.agent
        .post::<_, Value>("/api/labels", &json!({"name": "Agents' own"}))
        .await
        .expect_problem(403);
    let bad = team
        .admin
        .post::<_, Value>("/api/labels", &json!({"name": "Gold", "color": "gold"}))
        .await
        .expect_problem(422);
    assert!(bad.errors.contains_key("color"));
    let theirs = outsider.label("VIP", None).await;

    let [a, b, c] = [
        team.visitor().await,
        team.visitor().await,
        team.visitor().await,
    ];
    let mut feed = team.agent_hub(server, "").await;
    let attach = |visitor_id: &str, label: &Label| {
        let path = format!("/api/conversations/{visitor_id}/labels");
        let body = json!({"labelId": label.id});
        let agent = team.agent.clone();
        async move { agent.post::<_, Conversation>(&path, &body).await }
    };
    let labelled = attach(a.conversation_id(), &vip).await.expect_status(200);
    assert_eq!(labelled.labels.len(), 1);
    assert_eq!(
        (
            labelled.labels[0].name.as_str(),
            labelled.labels[0].color.as_str()
        ),
        ("VIP", "#f59e0b")
    );
    feed_shows(&mut feed, a.conversation_id(), &["VIP"]).await;
    let again = attach(a.conversation_id(), &vip).await.expect_status(200);
    assert_eq!(
        again.labels, labelled.labels,
        "attaching twice changes nothing"
    );
    attach(c.conversation_id(), &vip).await.expect_status(200);
    let both = attach(c.conversation_id(), &billing)
        .await
        .expect_status(200);
    assert_eq!(
        both.labels
            .iter()
            .map(|l| l.name.as_str())
            .collect::<Vec<_>>(),
        ["Billing", "VIP"],
        "by name"
    );
    attach(b.conversation_id(), &billing)
        .await
        .expect_status(200);
    let foreign = attach(b.conversation_id(), &theirs)
        .await
        .expect_problem(422);
    assert!(foreign.errors.contains_key("labelId"));

    let ids = |visitors: &[&str]| -> BTreeSet<String> {
        visitors.iter().map(|v| (*v).to_owned()).collect()
    };
    let by_label = |label: &Label| format!("/api/conversations?label={}", label.id);
    assert_eq!(
        listed_ids(&team.agent, &by_label(&vip)).await,
        ids(&[a.conversation_id(), c.conversation_id()])
    );
    assert_eq!(
        listed_ids(&team.agent, &by_label(&billing)).await,
        ids(&[b.conversation_id(), c.conversation_id()])
    );
    assert_eq!(
        listed_ids(
            &team.admin,
            &format!("/api/admin/conversations?label={}", vip.id)
        )
        .await,
        ids(&[a.conversation_id(), c.conversation_id()])
    );
    assert!(
        listed_ids(&outsider.admin, &by_label(&vip))
            .await
            .is_empty(),
        "another workspace's label filters nothing in"
    );
    team.agent
        .get::<Value>("/api/conversations?label=vip")
        .await
        .expect_problem(422);

    // Labels are the team's: the visitor's read leaves them out, and an unlabelled
    // conversation is the seed's object.
    let visitor_view: Value = a
        .api
        .get(&format!("/api/conversations/{}", a.conversation_id()))
        .await
        .expect_status(200);
    assert!(visitor_view.get("labels").is_none());
    let plain: Value = team
        .agent
        .get(&format!(
            "/api/conversations/{}",
            team.visitor().await.conversation_id()
        ))
        .await
        .expect_status(200);
    assert!(plain.get("labels").is_none());

    // Detaching, renaming and deleting show in every list at once.
    let off_a = format!(
        "/api/conversations/{}/labels/{}",
        a.conversation_id(),
        billing.id
    );
    team.agent.delete::<Value>(&off_a).await.expect_problem(404);
    let detach = format!(
        "/api/conversations/{}/labels/{}",
        c.conversation_id(),
        vip.id
    );
    team.agent.delete::<Value>(&detach).await.expect_status(204);
    feed_shows(&mut feed, c.conversation_id(), &["Billing"]).await;
    team.agent
        .delete::<Value>(&detach)
        .await
        .expect_problem(404);
    assert_eq!(
        listed_ids(&team.agent, &by_label(&vip)).await,
        ids(&[a.conversation_id()])
    );
    let renamed: Label = team
        .admin
        .patch(
            &format!("/api/labels/{}", vip.id),
            &json!({"name": "Priority"}),
        )
        .await
        .expect_status(200);
    assert_eq!(renamed.name, "Priority");
    team.admin
        .patch::<_, Value>(
            &format!("/api/labels/{}", vip.id),
            &json!({"name": "billing"}),
        )
        .await
        .expect_problem(409);
    let shown: Conversation = team
        .agent
        .get(&format!("/api/conversations/{}", a.conversation_id()))
        .await
        .expect_status(200);
    assert_eq!(shown.labels[0].name, "Priority");
    outsider
        .admin
        .delete::<Value>(&format!("/api/labels/{}", vip.id))
        .await
        .expect_problem(404);
    outsider
        .admin
        .post::<_, Value>(
            &format!("/api/conversations/{}/labels", a.conversation_id()),
            &json!({"labelId": theirs.id}),
        )
        .await
        .expect_problem(404);
    team.admin
        .delete::<Value>(&format!("/api/labels/{}", vip.id))
        .await
        .expect_status(204);
    assert!(listed_ids(&team.agent, &by_label(&vip)).await.is_empty());
    let unlabelled: Conversation = team
        .agent
        .get(&format!("/api/conversations/{}", a.conversation_id()))
        .await
        .expect_status(200);
    assert!(unlabelled.labels.is_empty(), "deleting detaches everywhere");
    let left: Page<Label> = team.agent.get("/api/labels").await.expect_status(200);
    assert_eq!(
        left.data
            .iter()
            .map(|l| l.name.as_str())
            .collect::<Vec<_>>(),
        ["Billing"]
    );
}
