//! Channels against a real `wrangler dev` and a local Telegram Bot API speaking its wire
//! format: a Telegram user's message reaches the inbox and the bot's answer reaches Telegram;
//! an agent's reply goes out; failures are retried, and a reply that never passes is marked
//! in the conversation; a revoked token disconnects the channel and tells the webhooks. A
//! generic webhook channel does the same with signed requests both ways.

use hmac::{Hmac, Mac};
use parley_shared_types::bot::Bot;
use parley_shared_types::channel::{Channel, ChannelStatus, InboundAccepted};
use parley_shared_types::conversation::Conversation;
use parley_shared_types::hub::ServerEvent;
use parley_shared_types::message::{Message, SenderType};
use parley_shared_types::page::Page;
use parley_shared_types::problem::ErrorCode;
use parley_shared_types::webhook::CreatedWebhook;
use parley_tests::Server;
use parley_tests::fake_telegram::FakeTelegram;
use parley_tests::fixtures::{DEMO_FAQ, Team, all_messages};
use parley_tests::webhook_receiver::WebhookReceiver;
use serde_json::{Value, json};
use sha2::Sha256;
use std::sync::LazyLock;
use std::time::Duration;
use tokio::sync::OnceCell;

/// A server whose Telegram is the local fake, retrying undelivered replies quickly.
struct Setup {
    server: Server,
    telegram: FakeTelegram,
}

impl Setup {
    async fn start() -> Setup {
        let telegram = FakeTelegram::start().await.unwrap();
        let server = Server::start_with_vars(&[
            ("TELEGRAM_API_BASE", &telegram.base_url),
            ("CHANNEL_RETRY_BASE_MS", "100"),
        ])
        .await
        .unwrap();
        Setup { server, telegram }
    }

    /// One for the binary; the fake serves from a runtime that lives as long as the binary.
    async fn shared() -> &'static Setup {
        static FAKES: LazyLock<tokio::runtime::Runtime> = LazyLock::new(|| {
            tokio::runtime::Builder::new_multi_thread()
                .worker_threads(1)
                .enable_all()
                .build()
                .unwrap()
        });
        static SHARED: OnceCell<Setup> = OnceCell::const_new();
        SHARED
            .get_or_init(|| async { FAKES.spawn(Setup::start()).await.unwrap() })
            .await
    }
}

async fn demo_bot(team: &Team) -> Bot {
    team.bot_knowing("Parley FAQ", &DEMO_FAQ).await
}

async fn telegram_channel(team: &Team, bot: &Bot, token: &str) -> Channel {
    team.admin
        .post(
            &format!("/api/bots/{}/channels", bot.id),
            &json!({"kind": "telegram", "name": "Support on Telegram", "token": token}),
        )
        .await
        .expect_status(201)
}

/// The conversations of the bot on `channel` (telegram or webhook).
async fn conversations_on(team: &Team, bot: &Bot, channel: &str) -> Vec<Conversation> {
    let page: Page<Conversation> = team
        .agent
        .get(&format!(
            "/api/bots/{}/conversations?channel={channel}",
            bot.id
        ))
        .await
        .expect_status(200);
    page.data
}

/// Waits until the conversation holds a message `wanted` accepts.
async fn wait_for_message(
    team: &Team,
    conversation_id: &str,
    wanted: impl Fn(&Message) -> bool,
) -> Message {
    for _ in 0..300 {
        if let Some(found) = all_messages(&team.agent, conversation_id)
            .await
            .into_iter()
            .find(|m| wanted(m))
        {
            return found;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!(
        "no such message in {conversation_id}: {:?}",
        all_messages(&team.agent, conversation_id).await
    );
}

/// The agent writes in the conversation (201).
async fn agent_writes(team: &Team, conversation_id: &str, message: Value) -> Message {
    team.agent
        .post(
            &format!("/api/conversations/{conversation_id}/messages"),
            &message,
        )
        .await
        .expect_status(201)
}

async fn channel_status(team: &Team, channel: &Channel) -> Channel {
    team.agent
        .get(&format!("/api/channels/{}", channel.id))
        .await
        .expect_status(200)
}

fn sign(secret: &str, timestamp: u64, body: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(format!("{timestamp}.{body}").as_bytes());
    format!(
        "t={timestamp},v1={}",
        hex::encode(mac.finalize().into_bytes())
    )
}

fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

#[tokio::test]
async fn a_telegram_users_message_reaches_the_inbox_and_the_answers_reach_telegram() {
    let setup = Setup::shared().await;
    let team = Team::new(&setup.server).await;
    let bot = demo_bot(&team).await;
    let token = setup.telegram.new_bot("acme_support_bot");
    let channel = telegram_channel(&team, &bot, &token).await;
    assert_eq!(channel.status, ChannelStatus::Active);
    assert_eq!(
        channel.platform_username.as_deref(),
        Some("acme_support_bot")
    );
    assert_eq!(channel.widget_id, team.widget.id);
    let registered = setup
        .telegram
        .webhook(&token)
        .expect("setWebhook was called");
    assert_eq!(registered.url, channel.inbound_url);
    assert!(registered.secret_token.len() >= 32);
    let shown: Value = team
        .admin
        .get(&format!("/api/channels/{}", channel.id))
        .await
        .expect_status(200);
    assert!(
        !shown.to_string().contains(&token)
            && !shown.to_string().contains(&registered.secret_token),
        "credentials are write-only: {shown}"
    );

    let mut feed = team.agent_hub(&setup.server, "").await;
    let chat_id = 5_550_001;
    let status = setup
        .telegram
        .user_writes(
            &token,
            900_001,
            chat_id,
            "How do I embed the widget on my site?",
        )
        .await;
    assert_eq!(status, 200);
    let started = feed
        .next_event_where(|e| matches!(e, ServerEvent::ConversationStarted(_)))
        .await
        .unwrap();
    let ServerEvent::ConversationStarted(started) = started else {
        unreachable!()
    };
    assert_eq!(started.channel, "telegram");
    assert_eq!(started.bot_id.as_deref(), Some(bot.id.as_str()));
    assert_eq!(started.metadata["name"], "Tomás García");
    let listed = conversations_on(&team, &bot, "telegram").await;
    assert_eq!(
        listed.iter().map(|c| &c.id).collect::<Vec<_>>(),
        [&started.id]
    );

    let answers = setup.telegram.wait_for_sent(&token, 1).await;
    assert_eq!(answers[0].chat_id, chat_id);
    let bot_answer =
        wait_for_message(&team, &started.id, |m| m.sender_type == SenderType::Ai).await;
    assert_eq!(answers[0].text, bot_answer.content);
    assert!(answers[0].text.contains("script"), "{}", answers[0].text);

    // Telegram redelivers an update it was not sure of: it is stored once.
    setup
        .telegram
        .user_writes(
            &token,
            900_001,
            chat_id,
            "How do I embed the widget on my site?",
        )
        .await;
    setup
        .telegram
        .user_writes(
            &token,
            900_002,
            chat_id,
            "Thanks! And can I talk to a human?",
        )
        .await;
    let handed_off = wait_for_message(&team, &started.id, |m| {
        m.sender_type == SenderType::Ai && m.content.contains("human")
    })
    .await;
    let visitor_messages: Vec<_> = all_messages(&team.agent, &started.id)
        .await
        .into_iter()
        .filter(|m| m.sender_type == SenderType::Visitor)
        .collect();
    assert_eq!(visitor_messages.len(), 2, "{visitor_messages:?}");
    assert_eq!(
        setup.telegram.wait_for_sent(&token, 2).await[1].text,
        handed_off.content
    );

    let reply = agent_writes(
        &team,
        &started.id,
        json!({"content": "Hi Tomás, Alex here. Happy to help!"}),
    )
    .await;
    let sent = setup.telegram.wait_for_sent(&token, 3).await;
    assert_eq!(sent[2].text, reply.content);
    assert_eq!(sent[2].chat_id, chat_id);
    // A note stays the team's.
    let _ = agent_writes(
        &team,
        &started.id,
        json!({"content": "VIP customer", "private": true}),
    )
    .await;
    setup
        .telegram
        .user_writes(&token, 900_003, chat_id, "Great, thanks")
        .await;
    let _ = agent_writes(&team, &started.id, json!({"content": "You're welcome!"})).await;
    let sent = setup.telegram.wait_for_sent(&token, 4).await;
    assert_eq!(sent[3].text, "You're welcome!");
    assert!(sent.iter().all(|m| m.text != "VIP customer"));
}

#[tokio::test]
async fn telegram_requests_without_the_secret_token_are_refused() {
    let setup = Setup::shared().await;
    let team = Team::new(&setup.server).await;
    let bot = demo_bot(&team).await;
    let token = setup.telegram.new_bot("refusing_bot");
    let channel = telegram_channel(&team, &bot, &token).await;
    let registered = setup.telegram.webhook(&token).unwrap();
    let update = json!({"update_id": 1, "message": {"message_id": 1, "date": 1,
        "chat": {"id": 77, "type": "private"}, "text": "forged"}});
    let status = setup
        .telegram
        .post_update(&registered, &update, "not-the-secret")
        .await;
    assert_eq!(status, 401);
    assert!(conversations_on(&team, &bot, "telegram").await.is_empty());
    // A sticker is acknowledged (so Telegram stops resending it) and ignored.
    let sticker = json!({"update_id": 2, "message": {"message_id": 2, "date": 1,
        "chat": {"id": 77, "type": "private"}, "sticker": {"file_id": "x"}}});
    let status = setup
        .telegram
        .post_update(&registered, &sticker, &registered.secret_token)
        .await;
    assert_eq!(status, 200);
    assert!(conversations_on(&team, &bot, "telegram").await.is_empty());
    let _ = channel;
}

#[tokio::test]
async fn failed_sends_are_retried_and_a_revoked_token_disconnects_the_channel() {
    let setup = Setup::shared().await;
    let team = Team::new(&setup.server).await;
    let receiver = WebhookReceiver::start(0).await;
    let _: CreatedWebhook = team
        .admin
        .post(
            "/api/webhooks",
            &json!({"url": receiver.url, "events": ["channel.disconnected"]}),
        )
        .await
        .expect_status(201);
    let bot = demo_bot(&team).await;
    let token = setup.telegram.new_bot("flaky_bot");
    let channel = telegram_channel(&team, &bot, &token).await;
    // Telegram is busy twice (a 502, then a 429 asking to wait a second): the answer still
    // arrives, once.
    setup
        .telegram
        .fail_sends(&token, &[(502, None), (429, Some(1))]);
    setup
        .telegram
        .user_writes(&token, 1, 4242, "How do I embed the widget on my site?")
        .await;
    let sent = setup.telegram.wait_for_sent(&token, 1).await;
    assert!(sent[0].text.contains("script"));
    let conversation = conversations_on(&team, &bot, "telegram").await.remove(0);

    setup.telegram.revoke(&token);
    let _ = agent_writes(
        &team,
        &conversation.id,
        json!({"content": "Are you still there?"}),
    )
    .await;
    let note = wait_for_message(&team, &conversation.id, |m| {
        m.private && m.content.contains("Not delivered")
    })
    .await;
    assert!(
        note.content.contains("Are you still there?"),
        "{}",
        note.content
    );
    assert!(note.content.contains("Unauthorized"), "{}", note.content);
    let disconnected = channel_status(&team, &channel).await;
    assert_eq!(disconnected.status, ChannelStatus::Disconnected);
    assert!(
        disconnected
            .status_reason
            .as_deref()
            .is_some_and(|r| r.contains("Unauthorized")),
        "{disconnected:?}"
    );
    let events = receiver.wait_for(1).await;
    let event = events[0].json();
    assert_eq!(event["event"], "channel.disconnected");
    assert_eq!(event["data"]["channelId"], channel.id.as_str());
    assert_eq!(setup.telegram.sent(&token).len(), 1);

    // A new token connects it again.
    let fresh = setup.telegram.new_bot("flaky_bot_2");
    let reconnected: Channel = team
        .admin
        .patch(
            &format!("/api/channels/{}", channel.id),
            &json!({"token": fresh}),
        )
        .await
        .expect_status(200);
    assert_eq!(reconnected.status, ChannelStatus::Active);
    assert_eq!(reconnected.status_reason, None);
    assert!(setup.telegram.webhook(&fresh).is_some());
}

#[tokio::test]
async fn channels_are_validated_and_stay_in_their_workspace() {
    let setup = Setup::shared().await;
    let team = Team::new(&setup.server).await;
    let bot = demo_bot(&team).await;
    let path = format!("/api/bots/{}/channels", bot.id);
    let missing = team
        .admin
        .post::<_, Value>(&path, &json!({"kind": "telegram"}))
        .await
        .expect_problem(422);
    assert_eq!(missing.code, ErrorCode::ValidationFailed);
    assert!(missing.errors.contains_key("token"));
    let no_url = team
        .admin
        .post::<_, Value>(&path, &json!({"kind": "webhook"}))
        .await
        .expect_problem(422);
    assert!(no_url.errors.contains_key("url"));
    // A well-formed token Telegram does not know.
    let unknown = team
        .admin
        .post::<_, Value>(
            &path,
            &json!({"kind": "telegram", "token": "123456:AAEunknownunknownunknownunknown12"}),
        )
        .await
        .expect_problem(422);
    assert!(
        unknown.errors["token"][0].contains("Unauthorized"),
        "{unknown:?}"
    );
    let agent_tries = team
        .agent
        .post::<_, Value>(
            &path,
            &json!({"kind": "webhook", "url": "https://example.com/h"}),
        )
        .await;
    assert_eq!(agent_tries.status(), 403);

    let token = setup.telegram.new_bot("private_bot");
    let channel = telegram_channel(&team, &bot, &token).await;
    let other = Team::new(&setup.server).await;
    let channel_path = format!("/api/channels/{}", channel.id);
    for answer in [
        other.admin.get::<Value>(&channel_path).await,
        other
            .admin
            .patch::<_, Value>(&channel_path, &json!({"name": "mine"}))
            .await,
        other.admin.delete::<Value>(&channel_path).await,
        other.admin.get::<Value>(&path).await,
    ] {
        assert_eq!(answer.status(), 404);
    }
    let listed: Page<Channel> = team.agent.get(&path).await.expect_status(200);
    assert_eq!(listed.data.len(), 1);
    let _: Value = team.admin.delete(&channel_path).await.expect_status(204);
    assert!(
        setup.telegram.webhook(&token).is_none(),
        "deleteWebhook was called"
    );
    assert_eq!(team.agent.get::<Value>(&channel_path).await.status(), 404);
}

#[tokio::test]
async fn a_webhook_channel_speaks_signed_json_both_ways() {
    let setup = Setup::shared().await;
    let team = Team::new(&setup.server).await;
    let bot = demo_bot(&team).await;
    let platform = WebhookReceiver::start(1).await;
    let channel: Channel = team
        .admin
        .post(
            &format!("/api/bots/{}/channels", bot.id),
            &json!({"kind": "webhook", "name": "In-app chat", "url": platform.url}),
        )
        .await
        .expect_status(201);
    let secret = channel.secret.clone().expect("the secret is shown once");
    let shown = channel_status(&team, &channel).await;
    assert_eq!(shown.secret, None);
    assert!(
        channel
            .inbound_url
            .ends_with(&format!("/api/channels/{}/inbound", channel.id))
    );

    let http = reqwest::Client::new();
    let send = |body: String, signature: String| {
        http.post(&channel.inbound_url)
            .header("content-type", "application/json")
            .header("Parley-Signature", signature)
            .body(body)
            .send()
    };
    let body = json!({"userId": "user-81", "name": "Mia Chen", "email": "mia@example.com",
        "text": "How do I embed the widget on my site?", "messageId": "in-1"})
    .to_string();
    let forged = send(body.clone(), sign("wrong", unix_now(), &body))
        .await
        .unwrap();
    assert_eq!(forged.status(), 401);
    let stale = send(body.clone(), sign(&secret, unix_now() - 3600, &body))
        .await
        .unwrap();
    assert_eq!(stale.status(), 401);
    let accepted = send(body.clone(), sign(&secret, unix_now(), &body))
        .await
        .unwrap();
    assert_eq!(accepted.status(), 201);
    let accepted: InboundAccepted = accepted.json().await.unwrap();
    let again = send(body.clone(), sign(&secret, unix_now(), &body))
        .await
        .unwrap();
    assert_eq!(again.status(), 200, "a repeated messageId is stored once");
    let invalid = json!({"userId": "", "text": ""}).to_string();
    let refused = send(invalid.clone(), sign(&secret, unix_now(), &invalid))
        .await
        .unwrap();
    assert_eq!(refused.status(), 422);

    // The platform's receiver fails once (500): the bot's answer is retried and arrives signed.
    let delivered = platform.wait_for(2).await;
    let reply = &delivered[1];
    assert!(reply.signed_with(&secret));
    let reply = reply.json();
    assert_eq!(reply["channelId"], channel.id.as_str());
    assert_eq!(reply["conversationId"], accepted.conversation_id.as_str());
    assert_eq!(reply["userId"], "user-81");
    assert_eq!(reply["message"]["senderType"], "ai");
    assert!(
        reply["message"]["content"]
            .as_str()
            .unwrap()
            .contains("script")
    );
    let conversation = conversations_on(&team, &bot, "webhook").await.remove(0);
    assert_eq!(conversation.id, accepted.conversation_id);

    // The receiver turns Parley away for good: the channel disconnects and the agent sees it.
    platform.answer_always(401);
    let _ = agent_writes(&team, &conversation.id, json!({"content": "Hello Mia"})).await;
    wait_for_message(&team, &conversation.id, |m| {
        m.private && m.content.contains("Not delivered")
    })
    .await;
    assert_eq!(
        channel_status(&team, &channel).await.status,
        ChannelStatus::Disconnected
    );
    let closed = send(body.clone(), sign(&secret, unix_now(), &body))
        .await
        .unwrap();
    assert_eq!(closed.status(), 409);
}

#[tokio::test]
async fn a_reply_that_never_passes_is_marked_failed() {
    let setup = Setup::shared().await;
    let team = Team::new(&setup.server).await;
    let bot = demo_bot(&team).await;
    let token = setup.telegram.new_bot("down_bot");
    let _channel = telegram_channel(&team, &bot, &token).await;
    // More failures than Parley's attempts: Telegram stays down.
    setup.telegram.fail_sends(&token, &[(500, None); 8]);
    setup.telegram.user_writes(&token, 1, 99, "Hello?").await;
    let conversation = conversations_on(&team, &bot, "telegram").await.remove(0);
    let note = wait_for_message(&team, &conversation.id, |m| {
        m.private && m.content.contains("Not delivered")
    })
    .await;
    assert!(note.content.contains("attempts"), "{}", note.content);
    assert!(setup.telegram.sent(&token).is_empty());
}
