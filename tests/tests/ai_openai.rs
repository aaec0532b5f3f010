//! Bots answering through an OpenAI-compatible integration, against a local server that
//! speaks the Chat Completions wire format (SSE) with scripted replies and enforces the
//! context window: tokens stream through `/api/chat` and into live conversations, prompts are
//! fitted to the window, failures fall back to people and are reported, keys never leak.

use parley_shared_types::bot::{Bot, BotStatus, Integration, IntegrationStatus};
use parley_shared_types::chat::{ChatResponse, ChatStreamEvent};
use parley_shared_types::conversation::Conversation;
use parley_shared_types::hub::ServerEvent;
use parley_shared_types::message::SenderType;
use parley_tests::Server;
use parley_tests::fake_openai::{API_KEY, FakeOpenAi};
use parley_tests::fixtures::{REFUNDS, Team, hub_for};
use serde_json::json;

/// The bot as the API reports it now (status, last error).
async fn bot_now(team: &Team, bot: &Bot) -> Bot {
    team.agent
        .get(&format!("/api/bots/{}", bot.id))
        .await
        .expect_status(200)
}

/// `/api/chat` with an `Accept` that streams; the body, split into its events.
async fn stream_chat(
    team: &Team,
    accept: &str,
    request: &serde_json::Value,
) -> Vec<ChatStreamEvent> {
    let response = team
        .agent
        .request(reqwest::Method::POST, "/api/chat")
        .header("accept", accept)
        .json(request)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let content_type = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(content_type.starts_with(accept), "{content_type}");
    let body = response.text().await.unwrap();
    if accept == "text/event-stream" {
        body.split("\n\n")
            .filter(|event| !event.trim().is_empty())
            .map(|event| {
                let (name, data) = event.split_once('\n').unwrap();
                let parsed: ChatStreamEvent =
                    serde_json::from_str(data.strip_prefix("data: ").unwrap()).unwrap();
                assert_eq!(name, format!("event: {}", parsed.name()));
                parsed
            })
            .collect()
    } else {
        body.lines()
            .map(|line| serde_json::from_str(line).unwrap())
            .collect()
    }
}

#[tokio::test]
async fn openai_tokens_stream_through_api_chat_as_sse_and_json_lines() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let fake = FakeOpenAi::start(4096, API_KEY).await.unwrap();
    let (bot, _) = team.openai_bot(&fake, 4096, 300).await;
    for accept in ["text/event-stream", "application/jsonl"] {
        fake.reply_with(&["Refunds ", "take ", "5 business ", "days."]);
        let events = stream_chat(
            &team,
            accept,
            &json!({ "message": "How long do refunds take?", "botId": bot.id, "sessionId": accept }),
        )
        .await;
        let tokens: Vec<&str> = events
            .iter()
            .filter_map(|e| match e {
                ChatStreamEvent::Token { text } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(
            tokens,
            ["Refunds ", "take ", "5 business ", "days."],
            "{accept}"
        );
        let Some(ChatStreamEvent::Sources { sources }) = events.iter().rev().nth(1) else {
            panic!("no sources before done: {events:?}");
        };
        assert_eq!(sources[0].title, "Refund policy");
        let Some(ChatStreamEvent::Done(done)) = events.last() else {
            panic!("the stream did not end with done: {events:?}");
        };
        assert_eq!(done.response, "Refunds take 5 business days.");
        assert_eq!(done.session_id, accept);
        assert!(!done.handoff);
    }
    let seen = fake.requests();
    let last = seen.last().unwrap();
    assert_eq!(
        last.authorization.as_deref(),
        Some(format!("Bearer {API_KEY}").as_str())
    );
    assert_eq!(last.model, "gpt-test");
    assert_eq!(last.max_tokens, 300);
    assert_eq!(last.messages[0].0, "system");
    assert!(
        last.messages[0].1.contains(REFUNDS.1),
        "knowledge is in the prompt"
    );
    assert_eq!(
        last.messages.last().unwrap(),
        &("user".to_owned(), "How long do refunds take?".to_owned())
    );
}

#[tokio::test]
async fn prompts_fit_the_context_window_keeping_the_newest_turns() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let window = 400;
    let fake = FakeOpenAi::start(window, API_KEY).await.unwrap();
    let (bot, _) = team.openai_bot(&fake, window, 150).await;
    for turn in 0..8 {
        fake.reply_with(&[&format!("Answer {turn}.")]);
        let question = format!(
            "Question {turn}: {}",
            "tell me more about refunds ".repeat(8)
        );
        let answer: ChatResponse = team
            .agent
            .post(
                "/api/chat",
                &json!({ "message": question, "botId": bot.id, "sessionId": "long" }),
            )
            .await
            .expect_status(200);
        assert_eq!(
            answer.response,
            format!("Answer {turn}."),
            "turn {turn} was refused"
        );
    }
    assert_eq!(fake.overflows(), 0, "a request exceeded the window");
    let seen = fake.requests();
    assert_eq!(seen.len(), 8);
    for request in &seen {
        assert!(request.estimated_tokens + request.max_tokens <= window);
    }
    let last = seen.last().unwrap();
    let contents: Vec<&str> = last.messages.iter().map(|(_, c)| c.as_str()).collect();
    assert!(
        contents.contains(&"Answer 6."),
        "the newest turn was dropped: {contents:?}"
    );
    assert!(
        !contents.contains(&"Answer 0."),
        "old turns should give way: {contents:?}"
    );
}

#[tokio::test]
async fn a_failing_integration_hands_off_and_is_reported_on_the_bot() {
    let server = Server::shared().await;
    let mut team = Team::new(server).await;
    let fake = FakeOpenAi::start(4096, API_KEY).await.unwrap();
    let (bot, integration) = team.openai_bot(&fake, 4096, 200).await;
    fake.fail_next(500);
    let answer = team.ask(&bot, "How long do refunds take?", None).await;
    assert!(answer.handoff);
    assert_eq!(answer.response, bot.settings.handoff.message);
    let failed = bot_now(&team, &bot).await;
    assert_eq!(failed.status, BotStatus::Error);
    assert!(
        failed
            .last_error
            .as_deref()
            .unwrap_or_default()
            .contains("500"),
        "{failed:?}"
    );
    let reported: Integration = team
        .agent
        .get(&format!("/api/integrations/{}", integration.id))
        .await
        .expect_status(200);
    assert_eq!(reported.status, IntegrationStatus::Error);

    fake.reply_with(&["Back ", "again."]);
    let recovered = team.ask(&bot, "How long do refunds take?", None).await;
    assert_eq!(recovered.response, "Back again.");
    let healthy = bot_now(&team, &bot).await;
    assert_eq!(
        (healthy.status, healthy.last_error),
        (BotStatus::Active, None)
    );

    // In a live conversation the failure hands the visitor to people.
    team.answer_with(&bot).await;
    let visitor = team.visitor().await;
    let mut hub = visitor.hub(server).await;
    fake.fail_next(503);
    visitor.say("How long do refunds take?").await;
    let said = hub
        .next_event_where(
            |e| matches!(e, ServerEvent::ReceiveMessage(m) if m.sender_type == SenderType::Ai),
        )
        .await
        .unwrap();
    assert!(
        matches!(said, ServerEvent::ReceiveMessage(m) if m.content == bot.settings.handoff.message)
    );
    hub.next_event_where(|e| matches!(e, ServerEvent::ConversationHandedOff(_)))
        .await
        .unwrap();
    let conversation: Conversation = visitor
        .api
        .get(&format!("/api/conversations/{}", visitor.conversation_id()))
        .await
        .expect_status(200);
    assert!(!conversation.ai_active);
}

#[tokio::test]
async fn transient_failures_are_retried_before_the_integration_counts_as_failed() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let fake = FakeOpenAi::start(4096, API_KEY).await.unwrap();
    let (bot, _) = team.openai_bot(&fake, 4096, 200).await;
    fake.rate_limit_next(1);
    fake.fail_times(503, 1);
    fake.reply_with(&["Within ", "5 days."]);
    let answer = team.ask(&bot, "How long do refunds take?", None).await;
    assert_eq!(answer.response, "Within 5 days.");
    assert!(!answer.handoff);
    assert_eq!(fake.requests().len(), 3, "two refusals, then the answer");
    let healthy = bot_now(&team, &bot).await;
    assert_eq!(
        (healthy.status, healthy.last_error),
        (BotStatus::Active, None)
    );

    // A refusal that no retry changes fails at once.
    fake.fail_times(401, 1);
    let refused = team.ask(&bot, "How long do refunds take?", None).await;
    assert!(refused.handoff);
    assert_eq!(fake.requests().len(), 4, "a 401 is not retried");
}

#[tokio::test]
async fn openai_answers_stream_into_a_live_widget_conversation() {
    let server = Server::shared().await;
    let mut team = Team::new(server).await;
    let fake = FakeOpenAi::start(4096, API_KEY).await.unwrap();
    let (bot, _) = team.openai_bot(&fake, 4096, 200).await;
    team.answer_with(&bot).await;
    let visitor = team.visitor().await;
    let mut hub = visitor.hub(server).await;
    let mut agent_hub = team.agent_hub(server, visitor.conversation_id()).await;
    fake.reply_with(&["Within ", "five ", "days."]);
    visitor.say("How long do refunds take?").await;
    let (deltas, answer) = hub.next_ai_answer().await.unwrap();
    let texts: Vec<&str> = deltas.iter().map(|d| d.delta.as_str()).collect();
    assert_eq!(texts, ["Within ", "five ", "days."]);
    assert!(
        deltas.iter().all(|d| d.message_id == answer.id),
        "one message id for the stream and the message"
    );
    assert_eq!(answer.content, "Within five days.");
    assert_eq!(answer.sender_id, bot.id);
    let seen_by_agent = agent_hub
        .next_event_where(
            |e| matches!(e, ServerEvent::ReceiveMessage(m) if m.sender_type == SenderType::Ai),
        )
        .await
        .unwrap();
    assert!(matches!(seen_by_agent, ServerEvent::ReceiveMessage(m) if m.id == answer.id));
}

#[tokio::test]
async fn integration_keys_never_appear_in_any_response() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let fake = FakeOpenAi::start(4096, API_KEY).await.unwrap();
    let (bot, integration) = team.openai_bot(&fake, 4096, 200).await;
    assert!(integration.has_api_key);
    let raw = |method: reqwest::Method, path: String, body: Option<serde_json::Value>| {
        let request = team.admin.request(method, &path);
        let request = match body {
            Some(body) => request.json(&body),
            None => request,
        };
        async move { request.send().await.unwrap().text().await.unwrap() }
    };
    let integration_path = format!("/api/integrations/{}", integration.id);
    let bodies = [
        raw(reqwest::Method::GET, integration_path.clone(), None).await,
        raw(
            reqwest::Method::GET,
            format!("/api/bots/{}/integrations", bot.id),
            None,
        )
        .await,
        raw(reqwest::Method::GET, format!("/api/bots/{}", bot.id), None).await,
        raw(
            reqwest::Method::PATCH,
            integration_path.clone(),
            Some(json!({ "name": "Renamed" })),
        )
        .await,
        raw(
            reqwest::Method::PATCH,
            integration_path.clone(),
            Some(json!({ "apiKey": format!("{API_KEY}-rotated"), "contextWindow": 1 })),
        )
        .await,
        raw(
            reqwest::Method::POST,
            format!("/api/bots/{}/integrations", bot.id),
            Some(json!({ "kind": "openai", "apiKey": API_KEY })),
        )
        .await,
    ];
    for body in &bodies {
        assert!(!body.contains("sk-parley-test"), "a key leaked: {body}");
    }
    assert!(
        bodies[4].contains("contextWindow"),
        "the invalid patch is a validation problem: {}",
        bodies[4]
    );
    let still: Integration = team.admin.get(&integration_path).await.expect_status(200);
    assert!(still.has_api_key);
    assert_eq!(still.name, "Renamed");
}

#[tokio::test]
async fn a_socket_joining_while_the_bot_writes_gets_the_whole_answer() {
    let server = Server::shared().await;
    let mut team = Team::new(server).await;
    let fake = FakeOpenAi::start(4096, API_KEY).await.unwrap();
    let (bot, _) = team.openai_bot(&fake, 4096, 200).await;
    team.answer_with(&bot).await;
    let visitor = team.visitor().await;
    let mut watching = visitor.hub(server).await;
    let release = fake.reply_held(&["Within ", "five "], &["days."]);
    visitor.say("How long do refunds take?").await;
    // The answer has begun: both first pieces reached the socket that was already there.
    for piece in ["Within ", "five "] {
        let event = watching
            .next_event_where(|e| matches!(e, ServerEvent::ReceiveMessageDelta(_)))
            .await
            .unwrap();
        assert!(matches!(event, ServerEvent::ReceiveMessageDelta(d) if d.delta == piece));
    }

    // A widget opening now (its first connect, from seq 0) sees the question, then the
    // answer from its first word.
    let token = visitor.api.token.clone().unwrap_or_default();
    let mut joining = hub_for(server, visitor.conversation_id(), &token, Some(0)).await;
    release.notify_one();
    let (deltas, answer) = joining.next_ai_answer().await.unwrap();
    assert_eq!(answer.content, "Within five days.");
    assert_eq!(
        deltas.iter().map(|d| d.delta.as_str()).collect::<String>(),
        answer.content,
        "the pieces it was sent make the whole answer: {deltas:?}"
    );
}
