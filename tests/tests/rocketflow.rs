//! RocketFlow's API under `/v1`, driven with the seed's own examples (its request bodies as
//! written, but for ids Parley makes): chat with context and sources, history paging, chatbots
//! with settings and knowledge sources, analytics, webhooks with RocketFlow's payload, its
//! error envelope, its `X-RateLimit-Reset` and workspace isolation.

use parley_shared_types::api_key::{KeyEnvironment, KeyScope};
use parley_shared_types::bot::Bot;
use parley_tests::fake_openai::{API_KEY, FakeOpenAi};
use parley_tests::fixtures::{REFUNDS, Team};
use parley_tests::{Api, Server, WebhookReceiver};
use reqwest::Method;
use serde_json::{Value, json};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The seed's `POST /chat` body, with a Parley bot's id for `chatbot_id`.
fn seed_chat_body(chatbot_id: &str) -> Value {
    let mut body = json!({
      "message": "Hello, how can I help you?",
      "chatbot_id": "chatbot_123",
      "session_id": "session_456",
      "user_id": "user_789",
      "context": {
        "page_url": "https://example.com/products",
        "user_agent": "Mozilla/5.0..."
      }
    });
    body["chatbot_id"] = json!(chatbot_id);
    body
}

/// The seed's `POST /webhooks` body, delivering to `url` (the seed's host is not ours).
fn seed_webhook_body(url: &str) -> Value {
    let mut body = json!({
      "url": "https://your-app.com/webhooks/rocketflow",
      "events": ["message.received", "conversation.started"],
      "secret": "your-webhook-secret"
    });
    body["url"] = json!(url);
    body
}

/// A RocketFlow client of the team's workspace: a live API key as `Authorization: Bearer`.
async fn client(team: &Team) -> Api {
    team.key_client(KeyEnvironment::Live, KeyScope::Full).await
}

async fn call(api: &Api, method: Method, path: &str, body: Option<Value>) -> (u16, Value) {
    let mut request = api.request(method, path);
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.expect("the edge answers");
    let status = response.status().as_u16();
    let text = response.text().await.unwrap_or_default();
    let body = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    (status, body)
}

async fn get(api: &Api, path: &str) -> (u16, Value) {
    call(api, Method::GET, path, None).await
}

async fn chat(api: &Api, body: Value) -> (u16, Value) {
    call(api, Method::POST, "/v1/chat", Some(body)).await
}

/// The answer's body after checking its status.
#[track_caller]
fn expect(status: u16, (got, body): (u16, Value)) -> Value {
    assert_eq!(got, status, "{body}");
    body
}

/// RocketFlow's error envelope, checked: `{"error": {code, message, details}}` with `code`.
#[track_caller]
fn expect_error(status: u16, code: &str, answer: (u16, Value)) -> Value {
    let body = expect(status, answer);
    let error = &body["error"];
    assert_eq!(error["code"], code, "{body}");
    assert!(
        error["message"].as_str().is_some_and(|m| !m.is_empty()),
        "{body}"
    );
    assert!(error["details"].is_object(), "{body}");
    assert_eq!(body.as_object().unwrap().len(), 1, "only `error`: {body}");
    error["details"].clone()
}

#[tokio::test]
async fn the_seeds_chat_answers_with_sources_and_its_history_pages() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let bot = team.bot_knowing("Refund policy", &[REFUNDS]).await;
    let api = client(&team).await;

    let greeted = expect(200, chat(&api, seed_chat_body(&bot.id)).await);
    assert_eq!(greeted["session_id"], "session_456");
    assert!(greeted["response"].as_str().is_some_and(|r| !r.is_empty()));
    assert!(greeted["message_id"].is_string());
    assert!(
        greeted["timestamp"]
            .as_str()
            .is_some_and(|t| t.contains('T'))
    );
    assert!(greeted["sources"].is_array());

    let question = json!({"message": REFUNDS.0, "chatbot_id": bot.id, "session_id": "session_456"});
    let answered = expect(200, chat(&api, question).await);
    assert!(
        answered["response"]
            .as_str()
            .unwrap()
            .contains("5 business days")
    );
    let source = &answered["sources"][0];
    assert_eq!(source["title"], "Refund policy");
    assert!(source.as_object().unwrap().contains_key("url"));
    let relevance = source["relevance"].as_f64().unwrap();
    assert!(relevance > 0.0 && relevance <= 1.0, "{source}");

    let first = expect(
        200,
        get(&api, "/v1/chat/history/session_456?limit=3&offset=0").await,
    );
    assert_eq!(first["total"], 4);
    assert_eq!(first["has_more"], true);
    let types: Vec<&str> = first["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["type"].as_str().unwrap())
        .collect();
    assert_eq!(types, ["user", "assistant", "user"]);
    assert_eq!(
        first["messages"][0]["content"],
        "Hello, how can I help you?"
    );
    assert!(
        first["messages"][0].get("sources").is_none(),
        "a user's message cites nothing"
    );
    let rest = expect(
        200,
        get(&api, "/v1/chat/history/session_456?limit=3&offset=3").await,
    );
    assert_eq!(rest["has_more"], false);
    assert_eq!(rest["messages"][0]["id"], answered["message_id"]);
    assert_eq!(rest["messages"][0]["sources"], answered["sources"]);
    let whole = expect(200, get(&api, "/v1/chat/history/session_456").await);
    assert_eq!(
        (
            whole["messages"].as_array().unwrap().len(),
            &whole["has_more"]
        ),
        (4, &json!(false))
    );
}

#[tokio::test]
async fn the_context_stays_with_the_session_and_reaches_the_engine() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let fake = FakeOpenAi::start(4096, API_KEY).await.unwrap();
    let (bot, _) = team.openai_bot(&fake, 4096, 200).await;
    let api = client(&team).await;

    fake.reply_with(&["Welcome!"]);
    let greeted = expect(200, chat(&api, seed_chat_body(&bot.id)).await);
    assert_eq!(greeted["response"], "Welcome!");
    fake.reply_with(&["Within 5 days."]);
    let later = json!({"message": REFUNDS.0, "chatbot_id": bot.id, "session_id": "session_456"});
    expect(200, chat(&api, later).await);

    let seen = fake.requests();
    assert_eq!(seen.len(), 2);
    for request in &seen {
        assert!(
            request
                .messages
                .iter()
                .any(|(role, content)| role == "system"
                    && content.contains("page_url: https://example.com/products")
                    && content.contains("user_agent: Mozilla/5.0...")),
            "the model is told the session's context: {:?}",
            request.messages
        );
    }
}

#[tokio::test]
async fn chatbots_list_and_show_settings_and_knowledge_sources() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let bot = team.bot_knowing("Product Information", &[REFUNDS]).await;
    let bot: Bot = team
        .set_bot_settings(
            &bot,
            json!({"welcomeMessage": "Hello! How can I help you today?",
                   "responseStyle": "friendly", "maxTokens": 500}),
        )
        .await;
    let website: Value = team
        .admin
        .post(
            &format!("/api/bots/{}/knowledge-sources", bot.id),
            &json!({"type": "website", "url": "https://example.com/docs"}),
        )
        .await
        .expect_status(202);
    let api = client(&team).await;

    let list = expect(200, get(&api, "/v1/chatbots").await);
    assert_eq!(list["total"], 1);
    let listed = &list["chatbots"][0];
    assert_eq!(listed["id"], bot.id.as_str());
    assert_eq!(listed["name"], bot.name.as_str());
    assert_eq!(listed["status"], "active");
    for field in ["description", "created_at", "updated_at"] {
        assert!(listed[field].is_string(), "{field}: {listed}");
    }

    let details = expect(200, get(&api, &format!("/v1/chatbots/{}", bot.id)).await);
    assert_eq!(
        details["settings"],
        json!({"welcome_message": "Hello! How can I help you today?",
               "response_style": "friendly", "max_tokens": 500})
    );
    let sources = details["knowledge_sources"].as_array().unwrap();
    assert_eq!(sources.len(), 2);
    let faq = sources
        .iter()
        .find(|s| s["type"] == "faq")
        .expect("the FAQ");
    assert_eq!(
        (&faq["url"], &faq["status"]),
        (&Value::Null, &json!("active"))
    );
    let page = sources
        .iter()
        .find(|s| s["type"] == "website")
        .expect("the page");
    assert_eq!(page["id"], website["id"]);
    assert_eq!(page["url"], "https://example.com/docs");
    assert!(page["status"].is_string());
    assert_eq!(details["updated_at"], bot.updated_at.as_str());
}

#[tokio::test]
async fn analytics_are_the_native_report_in_snake_case() {
    let server = Server::shared().await;
    let (team, bot) = Team::with_demo_bot(server).await;
    let visitor = team.visitor().await;
    visitor.say("What is Parley?").await;
    let native_path = format!("/api/analytics/bots/{}?granularity=week", bot.id);
    let mut native: Value = Value::Null;
    for _ in 0..100 {
        native = team.agent.get(&native_path).await.expect_status(200);
        let answered = native["metrics"]["averageResponseTime"].is_number();
        if native["metrics"]["totalQuestions"] == 1 && answered {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        native["metrics"]["averageResponseTime"].is_number(),
        "the bot answered: {native}"
    );
    let api = client(&team).await;

    let path = format!("/v1/analytics/chatbots/{}?granularity=week", bot.id);
    let report = expect(200, get(&api, &path).await);
    assert_eq!(report["granularity"], "week");
    assert_eq!(
        report["period"]["start_date"],
        native["period"]["startDate"]
    );
    assert_eq!(report["period"]["end_date"], native["period"]["endDate"]);
    let (metrics, figures) = (&report["metrics"], &native["metrics"]);
    assert_eq!(metrics["total_conversations"], 1);
    assert_eq!(
        metrics["total_conversations"],
        figures["totalConversations"]
    );
    assert_eq!(metrics["total_messages"], figures["totalMessages"]);
    assert_eq!(
        metrics["average_response_time"],
        figures["averageResponseTime"]
    );
    assert_eq!(metrics["user_satisfaction"], figures["userSatisfaction"]);
    assert_eq!(metrics["top_questions"], figures["topQuestions"]);
    assert_eq!(metrics["top_questions"][0]["count"], 1);

    let start = &native["period"]["startDate"].as_str().unwrap()[..10];
    let ranged = format!(
        "/v1/analytics/chatbots/{}?start_date={start}&end_date={start}&granularity=day",
        bot.id
    );
    let one_day = expect(200, get(&api, &ranged).await);
    assert_eq!(
        one_day["period"]["start_date"],
        format!("{start}T00:00:00Z")
    );
    assert_eq!(one_day["period"]["end_date"], format!("{start}T23:59:59Z"));
}

#[tokio::test]
async fn a_webhook_made_here_gets_rocketflows_payload_signed_and_native_ones_keep_theirs() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let bot = team.bot_knowing("Refund policy", &[REFUNDS]).await;
    let api = client(&team).await;
    let receiver = WebhookReceiver::start(0).await;
    let native_receiver = WebhookReceiver::start(0).await;

    let created = expect(
        201,
        call(
            &api,
            Method::POST,
            "/v1/webhooks",
            Some(seed_webhook_body(&receiver.url)),
        )
        .await,
    );
    assert_eq!(created["url"], receiver.url.as_str());
    assert_eq!(
        created["events"],
        json!(["message.received", "conversation.started"])
    );
    assert_eq!(created["secret"], "your-webhook-secret");
    assert!(created["id"].is_string() && created["created_at"].is_string());
    let native: Value = team
        .admin
        .post(
            "/api/webhooks",
            &json!({"url": native_receiver.url, "events": ["message.sent"]}),
        )
        .await
        .expect_status(201);
    let listed: Value = team.admin.get("/api/webhooks").await.expect_status(200);
    let dialects: Vec<&Value> = listed["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| &w["dialect"])
        .collect();
    assert_eq!(dialects, [&json!("rocketflow"), &json!("parley")]);

    let answer = expect(200, chat(&api, seed_chat_body(&bot.id)).await);
    let history = expect(200, get(&api, "/v1/chat/history/session_456").await);
    let asked = &history["messages"][0];

    let received = receiver.wait_for(2).await;
    let started = received
        .iter()
        .find(|r| r.json()["event"] == "conversation.started")
        .expect("conversation.started");
    let message = received
        .iter()
        .find(|r| r.json()["event"] == "message.received")
        .expect("message.received");
    for request in [started, message] {
        assert!(
            request.signed_with("your-webhook-secret"),
            "{}",
            request.body
        );
        assert!(!request.signed_with("another-secret-entirely"));
        let payload = request.json();
        let keys: Vec<&String> = payload.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["data", "event", "timestamp"], "{payload}");
        assert_eq!(payload["data"]["chatbot_id"], bot.id.as_str());
        assert_eq!(payload["data"]["session_id"], "session_456");
        assert_eq!(payload["data"]["user_id"], "user_789");
    }
    let data = &message.json()["data"];
    assert_eq!(data["message_id"], asked["id"]);
    assert_eq!(data["content"], "Hello, how can I help you?");
    assert_eq!(data["timestamp"], asked["timestamp"]);
    assert_eq!(started.json()["data"]["message_id"], Value::Null);

    let sent = native_receiver.wait_for(1).await;
    let payload = sent[0].json();
    assert!(sent[0].signed_with(native["secret"].as_str().unwrap()));
    assert_eq!(payload["event"], "message.sent");
    assert_eq!(
        payload["workspaceId"],
        team.admin_user.workspace_id.as_str()
    );
    assert_eq!(payload["data"]["messageId"], answer["message_id"]);
    assert_eq!(payload["data"]["sessionId"], "session_456");
}

#[tokio::test]
async fn bad_input_answers_rocketflows_error_envelope() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let bot = team.bot_knowing("Refund policy", &[REFUNDS]).await;
    let api = client(&team).await;

    // The seed's own example of an error: a body without `chatbot_id`.
    let mut body = seed_chat_body(&bot.id);
    body.as_object_mut().unwrap().remove("chatbot_id");
    let details = expect_error(400, "INVALID_REQUEST", chat(&api, body).await);
    assert_eq!(
        (&details["field"], &details["reason"]),
        (&json!("chatbot_id"), &json!("required"))
    );

    let malformed = api
        .request(Method::POST, "/v1/chat")
        .header("content-type", "application/json")
        .body("{\"message\": ");
    let response = malformed.send().await.unwrap();
    assert_eq!(response.headers()["content-type"], "application/json");
    let answer = (
        response.status().as_u16(),
        response.json::<Value>().await.unwrap(),
    );
    expect_error(400, "INVALID_REQUEST", answer);
    let wrong_type = json!({"message": 5, "chatbot_id": bot.id});
    expect_error(400, "INVALID_REQUEST", chat(&api, wrong_type).await);
    let details = expect_error(
        400,
        "INVALID_REQUEST",
        call(
            &api,
            Method::POST,
            "/v1/webhooks",
            Some(seed_webhook_body("ftp://example.com/hook")),
        )
        .await,
    );
    assert_eq!(details["field"], "url");
    let details = expect_error(
        400,
        "INVALID_REQUEST",
        get(&api, "/v1/chat/history/nope?limit=0").await,
    );
    assert_eq!(details["field"], "limit");
    let granularity = format!("/v1/analytics/chatbots/{}?granularity=hour", bot.id);
    expect_error(400, "INVALID_REQUEST", get(&api, &granularity).await);
    expect_error(
        405,
        "INVALID_REQUEST",
        call(&api, Method::DELETE, "/v1/chatbots", None).await,
    );

    let anonymous = api.anonymous();
    expect_error(401, "UNAUTHORIZED", get(&anonymous, "/v1/chatbots").await);
    let forged = api.with_token("pk_live_not-a-key-at-all");
    expect_error(401, "UNAUTHORIZED", get(&forged, "/v1/chatbots").await);
    let reader = team.key_client(KeyEnvironment::Live, KeyScope::Read).await;
    let webhook = seed_webhook_body("https://example.com/hook");
    expect_error(
        403,
        "FORBIDDEN",
        call(&reader, Method::POST, "/v1/webhooks", Some(webhook)).await,
    );

    // The seed's body as written: there is no chatbot `chatbot_123`.
    let mut verbatim = seed_chat_body("");
    verbatim["chatbot_id"] = json!("chatbot_123");
    expect_error(404, "NOT_FOUND", chat(&api, verbatim).await);
    expect_error(
        404,
        "NOT_FOUND",
        get(&api, "/v1/chatbots/chatbot_123").await,
    );
    expect_error(
        404,
        "NOT_FOUND",
        get(&api, "/v1/chat/history/session_456").await,
    );
}

#[tokio::test]
async fn the_rate_limit_resets_at_a_unix_time() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let api = client(&team).await;
    let response = api
        .request(Method::GET, "/v1/chatbots")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let header =
        |name: &str| -> u64 { response.headers()[name].to_str().unwrap().parse().unwrap() };
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let reset = header("x-ratelimit-reset");
    assert!(
        reset + 5 >= now && reset <= now + 65,
        "reset {reset} is not a time within the minute from {now}"
    );
    assert_eq!(
        header("x-ratelimit-remaining") + 1,
        header("x-ratelimit-limit")
    );

    let native = api.request(Method::GET, "/api/bots").send().await.unwrap();
    let seconds: u64 = native.headers()["x-ratelimit-reset"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        seconds <= 60,
        "the native API keeps seconds remaining: {seconds}"
    );
}

#[tokio::test]
async fn another_workspaces_chatbots_and_sessions_are_not_found() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let bot = team.bot_knowing("Refund policy", &[REFUNDS]).await;
    let api = client(&team).await;
    expect(200, chat(&api, seed_chat_body(&bot.id)).await);

    let outsider = client(&Team::new(server).await).await;
    let sandbox = team.key_client(KeyEnvironment::Test, KeyScope::Full).await;
    for stranger in [&outsider, &sandbox] {
        let list = expect(200, get(stranger, "/v1/chatbots").await);
        assert_eq!((&list["total"], &list["chatbots"]), (&json!(0), &json!([])));
        for path in [
            format!("/v1/chatbots/{}", bot.id),
            format!("/v1/analytics/chatbots/{}", bot.id),
            "/v1/chat/history/session_456".to_owned(),
        ] {
            expect_error(404, "NOT_FOUND", get(stranger, &path).await);
        }
        let body = seed_chat_body(&bot.id);
        expect_error(404, "NOT_FOUND", chat(stranger, body).await);
    }
    let history = expect(200, get(&api, "/v1/chat/history/session_456").await);
    assert_eq!(
        history["total"], 2,
        "nobody else's call reached the session"
    );
}
