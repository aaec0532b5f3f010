//! Webhooks: a receiver on this machine gets every event signed as the README documents,
//! failed deliveries come again with the same delivery id, and the delivery log says so.

use parley_shared_types::message::{Message, SendMessageRequest};
use parley_shared_types::page::Page;
use parley_shared_types::problem::ErrorCode;
use parley_shared_types::webhook::{
    CreatedWebhook, DeliveryStatus, Webhook, WebhookDelivery, WebhookEvent,
};
use parley_tests::fake_openai::FakeOpenAi;
use parley_tests::fixtures::Team;
use parley_tests::webhook_receiver::Received;
use parley_tests::{Server, WebhookReceiver};
use serde_json::{Value, json};
use std::time::Duration;

const LIVE_CHAT_EVENTS: [&str; 5] = [
    "conversation.started",
    "message.received",
    "message.sent",
    "conversation.assigned",
    "conversation.ended",
];

async fn register(team: &Team, url: &str, events: &[&str]) -> CreatedWebhook {
    team.admin
        .post("/api/webhooks", &json!({"url": url, "events": events}))
        .await
        .expect_status(201)
}

async fn deliveries(team: &Team, webhook_id: &str) -> Vec<WebhookDelivery> {
    let log: Page<WebhookDelivery> = team
        .admin
        .get(&format!("/api/webhooks/{webhook_id}/deliveries"))
        .await
        .expect_status(200);
    log.data
}

/// The delivery log once every entry is settled (none pending).
async fn settled_deliveries(team: &Team, webhook_id: &str, count: usize) -> Vec<WebhookDelivery> {
    for _ in 0..300 {
        let log = deliveries(team, webhook_id).await;
        if log.len() >= count && log.iter().all(|d| d.status != DeliveryStatus::Pending) {
            return log;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!(
        "deliveries never settled: {:?}",
        deliveries(team, webhook_id).await
    );
}

#[tokio::test]
async fn every_live_chat_event_arrives_signed_and_is_logged() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let receiver = WebhookReceiver::start(0).await;
    let webhook = register(&team, &receiver.url, &LIVE_CHAT_EVENTS).await;
    assert!(
        webhook.secret.len() >= 16,
        "a secret is made when none is given"
    );

    let visitor = team.visitor().await;
    visitor.say("Hello?").await;
    let _: Message = team
        .agent
        .post(&visitor.messages_path(), &SendMessageRequest::text("Hi!"))
        .await
        .expect_status(201);
    let conversation = format!("/api/conversations/{}", visitor.conversation_id());
    let _: Value = team
        .admin
        .post(
            &format!("{conversation}/assign"),
            &json!({"agentId": team.agent_user.id}),
        )
        .await
        .expect_status(200);
    let _: Value = team
        .agent
        .post_empty(&format!("{conversation}/close"))
        .await
        .expect_status(200);

    let received = receiver.wait_for(LIVE_CHAT_EVENTS.len()).await;
    let mut events: Vec<String> = received
        .iter()
        .map(|r| r.header("parley-event").to_owned())
        .collect();
    events.sort();
    let mut expected = LIVE_CHAT_EVENTS.map(str::to_owned).to_vec();
    expected.sort();
    assert_eq!(events, expected, "each event once");
    for request in &received {
        assert!(
            request.signed_with(&webhook.secret),
            "bad signature on {}",
            request.header("parley-event")
        );
        assert!(!request.signed_with("another-secret-entirely"));
        let payload = request.json();
        assert_eq!(payload["id"], request.header("parley-delivery"));
        assert_eq!(payload["event"], request.header("parley-event"));
        assert_eq!(payload["workspaceId"], team.widget.workspace_id);
        let about = payload["data"]["conversationId"]
            .as_str()
            .or(payload["data"]["id"].as_str());
        assert_eq!(about, Some(visitor.conversation_id()));
    }

    let log = settled_deliveries(&team, &webhook.webhook.id, LIVE_CHAT_EVENTS.len()).await;
    assert_eq!(log.len(), LIVE_CHAT_EVENTS.len());
    for delivery in &log {
        assert_eq!(delivery.status, DeliveryStatus::Delivered);
        assert_eq!(
            (delivery.attempts, delivery.last_status_code),
            (1, Some(200))
        );
        assert!(
            received
                .iter()
                .any(|r| r.header("parley-delivery") == delivery.id),
            "the log names what was delivered"
        );
    }
}

#[tokio::test]
async fn a_refused_delivery_is_retried_with_the_same_id_until_accepted() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let receiver = WebhookReceiver::start(2).await;
    let webhook = register(&team, &receiver.url, &["message.received"]).await;

    let queued: WebhookDelivery = team
        .admin
        .post_empty(&format!("/api/webhooks/{}/test", webhook.webhook.id))
        .await
        .expect_status(202);
    assert_eq!(queued.event, WebhookEvent::Test);
    assert_eq!(queued.status, DeliveryStatus::Pending);

    let received = receiver.wait_for(3).await;
    for attempt in &received {
        assert_eq!(attempt.header("parley-delivery"), queued.id);
        assert_eq!(attempt.header("parley-event"), "webhook.test");
        assert!(attempt.signed_with(&webhook.secret));
        assert_eq!(attempt.body, received[0].body, "the same body every time");
    }
    let log = settled_deliveries(&team, &webhook.webhook.id, 1).await;
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].id, queued.id);
    assert_eq!(log[0].status, DeliveryStatus::Delivered);
    assert_eq!((log[0].attempts, log[0].last_status_code), (3, Some(200)));
}

#[tokio::test]
async fn webhooks_are_managed_by_admins_and_never_show_their_secret_again() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let receiver = WebhookReceiver::start(0).await;
    let secret = "my-own-secret-0123456789";
    let created: CreatedWebhook = team
        .admin
        .post(
            "/api/webhooks",
            &json!({"url": receiver.url, "events": ["message.sent"], "secret": secret}),
        )
        .await
        .expect_status(201);
    assert_eq!(created.secret, secret);
    let path = format!("/api/webhooks/{}", created.webhook.id);

    let listed: Value = team.admin.get("/api/webhooks").await.expect_status(200);
    assert!(!listed.to_string().contains(secret));
    let updated: Webhook = team
        .admin
        .patch(
            &path,
            &json!({"events": ["message.sent", "conversation.ended"], "active": false}),
        )
        .await
        .expect_status(200);
    assert_eq!(
        updated.events,
        [WebhookEvent::MessageSent, WebhookEvent::ConversationEnded]
    );
    assert!(!updated.active);
    let fetched: Webhook = team.admin.get(&path).await.expect_status(200);
    assert_eq!(fetched, updated);

    let problem = team
        .admin
        .post::<_, Value>(
            "/api/webhooks",
            &json!({"url": "not a url", "events": [], "secret": "short"}),
        )
        .await
        .expect_problem(422);
    assert_eq!(
        problem.errors.keys().collect::<Vec<_>>(),
        ["events", "secret", "url"]
    );
    let problem = team
        .admin
        .post::<_, Value>(
            "/api/webhooks",
            &json!({"url": receiver.url, "events": ["no.such.event"]}),
        )
        .await
        .expect_problem(400);
    assert_eq!(problem.code, ErrorCode::BadRequest);
    let problem = team
        .agent
        .get::<Value>("/api/webhooks")
        .await
        .expect_problem(403);
    assert_eq!(problem.code, ErrorCode::Forbidden);

    team.admin.delete::<Value>(&path).await.expect_status(204);
    team.admin.get::<Value>(&path).await.expect_problem(404);
}

#[tokio::test]
async fn an_inactive_or_unsubscribed_webhook_gets_nothing() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let receiver = WebhookReceiver::start(0).await;
    let paused = register(&team, &receiver.url, &["message.received"]).await;
    let _: Webhook = team
        .admin
        .patch(
            &format!("/api/webhooks/{}", paused.webhook.id),
            &json!({"active": false}),
        )
        .await
        .expect_status(200);
    let other = register(&team, &receiver.url, &["conversation.ended"]).await;
    let visitor = team.visitor().await;
    visitor.say("anyone?").await;
    let _: Value = team
        .agent
        .post_empty(&format!(
            "/api/conversations/{}/close",
            visitor.conversation_id()
        ))
        .await
        .expect_status(200);
    let received = receiver.wait_for(1).await;
    assert_eq!(received[0].header("parley-event"), "conversation.ended");
    let log = settled_deliveries(&team, &other.webhook.id, 1).await;
    assert_eq!(log.len(), 1);
    assert!(deliveries(&team, &paused.webhook.id).await.is_empty());
    assert_eq!(receiver.received().len(), 1, "nothing else arrived");
}

#[tokio::test]
async fn bot_answers_and_integration_failures_arrive_signed() {
    let server = Server::shared().await;
    let mut team = Team::new(server).await;
    let receiver = WebhookReceiver::start(0).await;
    let webhook = register(&team, &receiver.url, &["bot.message", "integration.failed"]).await;
    let bot = team
        .bot_knowing(
            "Refund policy",
            &[("How long do refunds take?", "Within 5 business days.")],
        )
        .await;
    team.answer_with(&bot).await;
    let visitor = team.visitor().await;
    let mut hub = visitor.hub(server).await;
    visitor.say("How long do refunds take?").await;
    let (_, answer) = hub.next_ai_answer().await.unwrap();

    let key = "sk-webhook-test-key";
    let failing = FakeOpenAi::start(4096, key).await.unwrap();
    failing.fail_next(502);
    let integration: Value = team
        .admin
        .post(
            &format!("/api/bots/{}/integrations", bot.id),
            &json!({ "kind": "openai", "baseUrl": failing.base_url, "model": "m", "apiKey": key }),
        )
        .await
        .expect_status(201);
    team.set_bot_settings(&bot, json!({ "integrationId": integration["id"] }))
        .await;
    assert!(
        team.ask(&bot, "How long do refunds take?", None)
            .await
            .handoff
    );

    let received = receiver.wait_for(2).await;
    for request in &received {
        assert!(request.signed_with(&webhook.secret));
    }
    let of = |event: &str| {
        received
            .iter()
            .find(|r| r.header("parley-event") == event)
            .map(Received::json)
            .unwrap_or_else(|| panic!("no {event} delivery"))
    };
    let said = of("bot.message");
    assert_eq!(said["data"]["id"], answer.id.as_str());
    assert_eq!(said["data"]["senderType"], "ai");
    let failed = of("integration.failed");
    assert_eq!(failed["data"]["botId"], bot.id.as_str());
    assert_eq!(failed["data"]["integrationId"], integration["id"]);
    assert!(failed["data"]["error"].as_str().unwrap().contains("502"));
    assert!(!failed.to_string().contains(key), "the key stays secret");
}

#[tokio::test]
async fn a_rotated_secret_is_shown_once_and_signs_what_is_sent_next() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let receiver = WebhookReceiver::start(0).await;
    let webhook = register(&team, &receiver.url, &["message.received"]).await;
    let rotate = format!("/api/webhooks/{}/rotate-secret", webhook.webhook.id);

    let outsider = Team::new(server).await;
    let refused = outsider
        .admin
        .post_empty::<Value>(&rotate)
        .await
        .expect_problem(404);
    assert_eq!(refused.code, ErrorCode::NotFound);
    let refused = team
        .agent
        .post_empty::<Value>(&rotate)
        .await
        .expect_problem(403);
    assert_eq!(refused.code, ErrorCode::Forbidden);

    let rotated: CreatedWebhook = team.admin.post_empty(&rotate).await.expect_status(200);
    assert_eq!(rotated.webhook, webhook.webhook, "only the secret changed");
    assert!(
        rotated.secret.starts_with("whsec_"),
        "made like create makes it"
    );
    assert_ne!(rotated.secret, webhook.secret);
    let shown: Value = team
        .admin
        .get(&format!("/api/webhooks/{}", webhook.webhook.id))
        .await
        .expect_status(200);
    assert!(!shown.to_string().contains(&rotated.secret), "shown once");

    let _: WebhookDelivery = team
        .admin
        .post_empty(&format!("/api/webhooks/{}/test", webhook.webhook.id))
        .await
        .expect_status(202);
    let received = receiver.wait_for(1).await;
    assert!(received[0].signed_with(&rotated.secret));
    assert!(
        !received[0].signed_with(&webhook.secret),
        "the old secret no longer signs"
    );
}
