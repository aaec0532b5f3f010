//! Bots with the built-in engine against a real `wrangler dev`: knowledge in, sourced answers
//! out, honest "don't know"s, meta semantics, FlowGen chat states, pages learned from the web,
//! live answers streamed into widget conversations, and handoff to people.

use axum::Router;
use axum::response::Html;
use axum::routing::get;
use parley_shared_types::api_key::{KeyEnvironment, KeyScope};
use parley_shared_types::bot::{Bot, KnowledgeSource, KnowledgeStatus};
use parley_shared_types::chat::{Chat, ChatHistory, ChatResponse, ChatStatus, ChatTurn};
use parley_shared_types::conversation::Conversation;
use parley_shared_types::hub::ServerEvent;
use parley_shared_types::message::SenderType;
use parley_shared_types::page::Page;
use parley_shared_types::problem::ErrorCode;
use parley_tests::Server;
use parley_tests::fixtures::{REFUNDS, Team};
use serde_json::json;
use std::time::Duration;

const CANCEL: (&str, &str) = (
    "Can I cancel my plan?",
    "Yes, cancel any time from Settings, Billing.",
);

#[tokio::test]
async fn knowledge_answers_with_its_sources_best_first() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let bot = team.bot_knowing("Refund policy", &[REFUNDS, CANCEL]).await;
    let shipping = "We ship worldwide from Lisbon. Shipping takes 3 to 7 days. Refunds for damaged parcels are handled by the courier.";
    let source: KnowledgeSource = team
        .admin
        .post(
            &format!("/api/bots/{}/knowledge-sources", bot.id),
            &json!({ "type": "text", "title": "Shipping guide", "content": shipping }),
        )
        .await
        .expect_status(201);
    assert_eq!(
        (source.status, source.chunk_count),
        (KnowledgeStatus::Active, 1)
    );

    let refunds = team
        .ask(&bot, "How long do refunds take?", Some("s-1"))
        .await;
    assert_eq!(refunds.response, REFUNDS.1);
    assert!(!refunds.handoff);
    assert_eq!(refunds.sources[0].title, "Refund policy");
    assert!(
        refunds
            .sources
            .windows(2)
            .all(|w| w[0].relevance >= w[1].relevance)
    );
    assert!(
        refunds
            .sources
            .iter()
            .all(|s| s.relevance > 0.0 && s.relevance <= 1.0)
    );

    let shipping_answer = team
        .ask(&bot, "How long does shipping take?", Some("s-1"))
        .await;
    assert!(
        shipping_answer.response.contains("3 to 7 days"),
        "{shipping_answer:?}"
    );
    assert_eq!(shipping_answer.sources[0].title, "Shipping guide");

    let history: ChatHistory = team
        .agent
        .get("/api/chat/history/s-1")
        .await
        .expect_status(200);
    assert_eq!(history.total, 4);
    assert!(!history.has_more);
    assert_eq!(history.messages[1].content, REFUNDS.1);
    assert_eq!(history.messages[1].sources[0].title, "Refund policy");
    let page: ChatHistory = team
        .agent
        .get("/api/chat/history/s-1?limit=1&offset=1")
        .await
        .expect_status(200);
    assert_eq!((page.messages.len(), page.has_more), (1, true));
    assert_eq!(page.messages[0].id, history.messages[1].id);
}

#[tokio::test]
async fn unknown_questions_get_an_honest_answer_and_a_human() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let bot = team.bot_knowing("Refund policy", &[REFUNDS]).await;
    let answer = team.ask(&bot, "Do you sell pizza on Sundays?", None).await;
    assert!(answer.handoff);
    assert!(answer.response.contains("don't know"), "{answer:?}");
    assert!(answer.response.contains("human"));
    assert!(answer.sources.is_empty());
}

#[tokio::test]
async fn meta_replaces_or_merges_and_settings_change_only_where_sent() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let bot: Bot = team
        .admin
        .post(
            "/api/bots",
            &json!({ "name": "Sales", "meta": { "team": "eu", "tier": 1 },
                     "settings": { "welcomeMessage": "Hello from sales" } }),
        )
        .await
        .expect_status(201);
    let path = format!("/api/bots/{}", bot.id);
    let merged: Bot = team
        .admin
        .patch(
            &path,
            &json!({ "$update": { "tier": 2 }, "settings": { "maxTokens": 50 } }),
        )
        .await
        .expect_status(200);
    assert_eq!(json!(merged.meta), json!({ "team": "eu", "tier": 2 }));
    assert_eq!(merged.settings.max_tokens, 50);
    assert_eq!(merged.settings.welcome_message, "Hello from sales");
    let replaced: Bot = team
        .admin
        .patch(&path, &json!({ "meta": { "fresh": true } }))
        .await
        .expect_status(200);
    assert_eq!(json!(replaced.meta), json!({ "fresh": true }));

    let other = team.bot_knowing("Other", &[REFUNDS]).await;
    let foreign: serde_json::Value = team
        .admin
        .post(
            &format!("/api/bots/{}/integrations", other.id),
            &json!({ "kind": "builtin" }),
        )
        .await
        .expect_status(201);
    let problem = team
        .admin
        .patch::<_, Bot>(
            &path,
            &json!({ "settings": { "integrationId": foreign["id"] } }),
        )
        .await
        .expect_problem(422);
    assert!(problem.errors.contains_key("settings.integrationId"));
    let agent_write = team
        .agent
        .patch::<_, Bot>(&path, &json!({ "name": "Mine" }))
        .await;
    assert_eq!(agent_write.status(), 403);
    let listed: Page<Bot> = team.agent.get("/api/bots").await.expect_status(200);
    assert_eq!(listed.total, 2);
}

#[tokio::test]
async fn flowgen_chats_wait_for_human_input_when_the_bot_asks_for_it() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let bot = team.bot_knowing("Refund policy", &[REFUNDS]).await;
    team.set_bot_settings(&bot, json!({ "humanInputMode": "always" }))
        .await;
    let chat: Chat = team
        .agent
        .post(
            "/api/chats",
            &json!({ "botId": bot.id, "name": "Refund desk" }),
        )
        .await
        .expect_status(201);
    assert_eq!(
        (chat.status, chat.name.as_str()),
        (ChatStatus::Ready, "Refund desk")
    );
    let messages = format!("/api/chats/{}/messages", chat.id);
    let input = format!("/api/chats/{}/input", chat.id);

    let drafted: ChatTurn = team
        .agent
        .post(
            &messages,
            &json!({ "message": "How long do refunds take?" }),
        )
        .await
        .expect_status(200);
    assert_eq!(drafted.chat.status, ChatStatus::WaitForHumanInput);
    assert_eq!(drafted.chat.pending_reply.as_deref(), Some(REFUNDS.1));
    assert_eq!(drafted.messages.len(), 1);
    let busy = team
        .agent
        .post::<_, ChatTurn>(&messages, &json!({ "message": "hello?" }))
        .await
        .expect_problem(409);
    assert_eq!(busy.code, ErrorCode::Conflict);

    let confirmed: ChatTurn = team
        .agent
        .post(&input, &json!({ "message": "" }))
        .await
        .expect_status(200);
    assert_eq!(confirmed.chat.status, ChatStatus::Completed);
    assert_eq!(confirmed.chat.pending_reply, None);
    assert_eq!(confirmed.messages[0].content, REFUNDS.1);
    team.agent
        .post::<_, ChatTurn>(&input, &json!({ "message": "" }))
        .await
        .expect_problem(409);

    let _: ChatTurn = team
        .agent
        .post(&messages, &json!({ "message": "And for damaged items?" }))
        .await
        .expect_status(200);
    let corrected: ChatTurn = team
        .agent
        .post(
            &input,
            &json!({ "message": "Damaged items are refunded at once." }),
        )
        .await
        .expect_status(200);
    assert_eq!(
        serde_json::to_value(corrected.messages[0].role).unwrap(),
        "human"
    );

    team.set_bot_settings(&bot, json!({ "humanInputMode": "never" }))
        .await;
    let direct: ChatTurn = team
        .agent
        .post(
            &messages,
            &json!({ "message": "How long do refunds take?" }),
        )
        .await
        .expect_status(200);
    assert_eq!(direct.chat.status, ChatStatus::Completed);
    assert_eq!(direct.messages.len(), 2);

    let all: Page<serde_json::Value> = team.agent.get(&messages).await.expect_status(200);
    let roles: Vec<_> = all
        .data
        .iter()
        .map(|m| m["type"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        roles,
        ["user", "assistant", "user", "human", "user", "assistant"]
    );
    let chat_path = format!("/api/chats/{}", chat.id);
    team.agent.delete::<serde_json::Value>(&chat_path).await;
    team.agent.get::<Chat>(&chat_path).await.expect_problem(404);
}

#[tokio::test]
async fn web_pages_are_fetched_reduced_to_text_and_cited() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let bot: Bot = team
        .admin
        .post("/api/bots", &json!({ "name": "Docs" }))
        .await
        .expect_status(201);
    let (listener, port) = parley_tests::process::loopback_listener().await.unwrap();
    let site = Router::new().route(
        "/warranty",
        get(|| async {
            Html("<html><head><title>Warranty terms</title><script>var secret = 1;</script></head>\
                  <body><h1>Warranty</h1><p>Every device has a <b>two year</b> warranty against defects.</p></body></html>")
        }),
    );
    let serving = tokio::spawn(async move { axum::serve(listener, site).await });
    let sources = format!("/api/bots/{}/knowledge-sources", bot.id);
    let page_url = format!("http://127.0.0.1:{port}/warranty");
    let added: KnowledgeSource = team
        .admin
        .post(&sources, &json!({ "type": "website", "url": page_url }))
        .await
        .expect_status(202);
    assert_eq!(added.status, KnowledgeStatus::Processing);
    let learned = settled(&team, &added.id).await;
    assert_eq!(learned.status, KnowledgeStatus::Active, "{learned:?}");
    assert_eq!(learned.title, "Warranty terms");

    let answer = team
        .ask(&bot, "How long is the warranty on a device?", None)
        .await;
    assert!(answer.response.contains("two year warranty"), "{answer:?}");
    assert!(!answer.response.contains("secret"));
    assert_eq!(answer.sources[0].url.as_deref(), Some(page_url.as_str()));

    let missing: KnowledgeSource = team
        .admin
        .post(
            &sources,
            &json!({ "type": "website", "url": format!("http://127.0.0.1:{port}/gone") }),
        )
        .await
        .expect_status(202);
    let failed = settled(&team, &missing.id).await;
    assert_eq!(failed.status, KnowledgeStatus::Error);
    assert!(failed.error.unwrap_or_default().contains("404"));
    serving.abort();

    let _: serde_json::Value = team
        .admin
        .delete(&format!("/api/knowledge-sources/{}", learned.id))
        .await
        .expect_status(204);
    let forgotten = team
        .ask(&bot, "How long is the warranty on a device?", None)
        .await;
    assert!(
        forgotten.handoff,
        "deleted knowledge still answers: {forgotten:?}"
    );
}

/// The source once it has left `processing`.
async fn settled(team: &Team, id: &str) -> KnowledgeSource {
    for _ in 0..100 {
        let source: KnowledgeSource = team
            .admin
            .get(&format!("/api/knowledge-sources/{id}"))
            .await
            .expect_status(200);
        if source.status != KnowledgeStatus::Processing {
            return source;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("knowledge source {id} stayed processing");
}

#[tokio::test]
async fn bots_and_their_knowledge_stay_in_their_workspace() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let outsider = Team::new(server).await;
    let bot = team.bot_knowing("Refund policy", &[REFUNDS]).await;
    let detail: Bot = team
        .agent
        .get(&format!("/api/bots/{}", bot.id))
        .await
        .expect_status(200);
    let source_id = detail.knowledge_sources.unwrap()[0].id.clone();
    for path in [
        format!("/api/bots/{}", bot.id),
        format!("/api/bots/{}/knowledge-sources", bot.id),
        format!("/api/bots/{}/integrations", bot.id),
        format!("/api/knowledge-sources/{source_id}"),
    ] {
        outsider
            .admin
            .get::<serde_json::Value>(&path)
            .await
            .expect_problem(404);
    }
    outsider
        .agent
        .post::<_, ChatResponse>(
            "/api/chat",
            &json!({ "message": "refunds?", "botId": bot.id }),
        )
        .await
        .expect_problem(404);
    let foreign_bot = outsider
        .admin
        .put::<_, serde_json::Value>(
            &format!("/api/widgets/{}", outsider.widget.id),
            &json!({ "aiEnabled": true, "botId": bot.id }),
        )
        .await
        .expect_problem(422);
    assert!(foreign_bot.errors.contains_key("botId"));
    let listed: Page<Bot> = outsider.admin.get("/api/bots").await.expect_status(200);
    assert_eq!(listed.total, 0);
    team.agent
        .get::<ChatHistory>("/api/chat/history/nobody")
        .await
        .expect_problem(404);
}

#[tokio::test]
async fn a_widget_bot_streams_its_answer_live_and_hands_off_when_asked() {
    let server = Server::shared().await;
    let mut team = Team::new(server).await;
    let bot = team.bot_knowing("Refund policy", &[REFUNDS]).await;
    team.answer_with(&bot).await;
    let visitor = team.visitor().await;
    let started = &visitor.started.conversation;
    assert!(started.ai_active);
    assert_eq!(started.bot_id.as_deref(), Some(bot.id.as_str()));
    assert_eq!(started.assigned_agent_id, None);
    let mut hub = visitor.hub(server).await;

    visitor.say("How long do refunds take?").await;
    let (deltas, answer) = hub.next_ai_answer().await.unwrap();
    let streamed: String = deltas.iter().map(|d| d.delta.as_str()).collect();
    assert_eq!(
        streamed.trim_end(),
        REFUNDS.1,
        "the deltas spell the answer"
    );
    assert_eq!(answer.content, REFUNDS.1);
    assert_eq!(answer.sources[0].title, "Refund policy");

    visitor.say("Can I talk to a human please?").await;
    let handed = hub
        .next_event_where(|e| matches!(e, ServerEvent::ConversationHandedOff(_)))
        .await
        .unwrap();
    assert!(
        matches!(handed, ServerEvent::ConversationHandedOff(c) if c.conversation_id == started.id)
    );
    let conversation: Conversation = visitor
        .api
        .get(&format!("/api/conversations/{}", started.id))
        .await
        .expect_status(200);
    assert!(!conversation.ai_active);
    let listed: Page<Conversation> = team
        .agent
        .get("/api/conversations?aiActive=false")
        .await
        .expect_status(200);
    assert!(listed.data.iter().any(|c| c.id == started.id));

    visitor.say("Hello? Anyone?").await;
    let silence = hub.next_event_where(
        |e| matches!(e, ServerEvent::ReceiveMessage(m) if m.sender_type == SenderType::Ai),
    );
    assert!(
        tokio::time::timeout(Duration::from_secs(2), silence)
            .await
            .is_err(),
        "the bot answered after the handoff"
    );
}

#[tokio::test]
async fn an_agent_takes_over_and_the_bot_stops() {
    let server = Server::shared().await;
    let mut team = Team::new(server).await;
    let bot = team.bot_knowing("Refund policy", &[REFUNDS]).await;
    team.answer_with(&bot).await;
    let visitor = team.visitor().await;
    let id = visitor.conversation_id().to_owned();
    let mut hub = visitor.hub(server).await;
    let taken: Conversation = team
        .agent
        .post_empty(&format!("/api/conversations/{id}/handoff"))
        .await
        .expect_status(200);
    assert!(!taken.ai_active);
    assert_eq!(
        taken.assigned_agent_id.as_deref(),
        Some(team.agent_user.id.as_str())
    );
    let assigned = hub
        .next_event_where(|e| matches!(e, ServerEvent::AgentAssigned(_)))
        .await
        .unwrap();
    assert!(matches!(assigned, ServerEvent::AgentAssigned(a) if a.agent_name == "Alex Agent"));
    visitor.say("How long do refunds take?").await;
    let bot_reply = hub.next_event_where(
        |e| matches!(e, ServerEvent::ReceiveMessage(m) if m.sender_type == SenderType::Ai),
    );
    assert!(
        tokio::time::timeout(Duration::from_secs(2), bot_reply)
            .await
            .is_err(),
        "the bot answered after an agent took over"
    );
}

/// A question of many words is answered, in a chat and in `/api/chat`: the builtin engine
/// weighs each word's rarity in one D1 statement, which once was a `UNION ALL` of a term per
/// word and failed (500) past D1's five.
#[tokio::test]
async fn a_question_of_many_words_is_answered() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let bot = team.bot_knowing("Refund policy", &[REFUNDS]).await;
    let question = "Refunds: how long do refunds take when a parcel arrived damaged, \
        the courier left it outside, the receipt got lost and my card expired meanwhile? \
        I'm asking for my grandmother, who ordered blankets, candles, teapots, \
        notebooks and umbrellas last winter.";
    let answered = team.ask(&bot, question, None).await;
    assert!(!answered.response.is_empty());
    let chat: Chat = team
        .agent
        .post("/api/chats", &json!({ "botId": bot.id }))
        .await
        .expect_status(201);
    let turn: ChatTurn = team
        .agent
        .post(
            &format!("/api/chats/{}/messages", chat.id),
            &json!({ "message": question }),
        )
        .await
        .expect_status(200);
    assert_eq!(turn.chat.status, ChatStatus::Completed);
}

/// A FlowGen client (an API key) creates a chat with FlowGen's own body, and an unknown
/// `from_type` or a missing flow is refused by name.
#[tokio::test]
async fn a_flowgen_client_creates_a_chat_with_its_own_body() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let bot = team.bot_knowing("Refund policy", &[REFUNDS]).await;
    let flowgen = team.key_client(KeyEnvironment::Live, KeyScope::Full).await;
    let chat: Chat = flowgen
        .post(
            "/api/chats",
            &json!({ "name": "My Chatbot", "from_type": "flow", "from_flow": bot.id }),
        )
        .await
        .expect_status(201);
    assert_eq!(
        (chat.name.as_str(), chat.bot_id.as_str()),
        ("My Chatbot", bot.id.as_str())
    );
    assert_eq!(chat.status, ChatStatus::Ready);

    let refused = flowgen
        .post::<_, Chat>(
            "/api/chats",
            &json!({ "name": "x", "from_type": "workflow", "from_flow": bot.id }),
        )
        .await
        .expect_problem(422);
    assert!(refused.errors.contains_key("from_type"), "{refused:?}");
    let refused = flowgen
        .post::<_, Chat>("/api/chats", &json!({ "name": "x", "from_type": "flow" }))
        .await
        .expect_problem(422);
    assert!(refused.errors.contains_key("botId"), "{refused:?}");
}
