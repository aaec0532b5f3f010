//! The edge over HTTP and WebSocket, against a real `wrangler dev`.

use parley_shared_types::health::{HealthReport, HealthStatus};
use parley_shared_types::hub::{HubMessage, NegotiateResponse, PING_FRAME, ServerEvent};
use parley_shared_types::message::{MAX_MESSAGE_CHARS, Message, SendMessageRequest, SenderType};
use parley_shared_types::problem::ErrorCode;
use parley_tests::{Api, HubClient, Server};
use std::time::Duration;

async fn api() -> Api {
    Api::new(&Server::shared().await.base_url)
}

fn new_conversation_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

async fn hub(conversation_id: &str) -> HubClient {
    let url = Server::shared()
        .await
        .ws_url(&format!("/hubs/chat?conversationId={conversation_id}"));
    HubClient::connect(&url).await.unwrap()
}

fn visitor_message(content: &str, client_message_id: Option<&str>) -> SendMessageRequest {
    SendMessageRequest {
        content: content.to_owned(),
        sender_type: SenderType::Visitor,
        sender_id: "visitor-1".to_owned(),
        client_message_id: client_message_id.map(str::to_owned),
    }
}

fn messages_path(conversation_id: &str) -> String {
    format!("/api/conversations/{conversation_id}/messages")
}

#[tokio::test]
async fn health_reports_the_version_and_every_binding_answering() {
    let report: HealthReport = api().await.get("/api/health").await.expect_status(200);
    assert_eq!(report.status, HealthStatus::Ok);
    assert_eq!(report.version, env!("CARGO_PKG_VERSION"));
    for (name, check) in report.checks.all() {
        assert!(check.ok, "{name} failed: {:?}", check.error);
    }
}

#[tokio::test]
async fn unknown_api_routes_answer_problem_json() {
    let problem = api()
        .await
        .get::<serde_json::Value>("/api/no-such-thing")
        .await
        .expect_problem(404);
    assert_eq!(problem.code, ErrorCode::NotFound);
    assert!(problem.detail.contains("/api/no-such-thing"));
    assert!(problem.trace_id.starts_with("00-"), "{}", problem.trace_id);
}

#[tokio::test]
async fn invalid_messages_are_refused_with_field_errors() {
    let api = api().await;
    let path = messages_path(&new_conversation_id());

    let blank = api
        .post::<_, Message>(&path, &visitor_message("   ", None))
        .await
        .expect_problem(400);
    assert_eq!(blank.code, ErrorCode::ValidationFailed);
    assert_eq!(blank.errors["content"], ["must not be empty"]);

    let long = "x".repeat(MAX_MESSAGE_CHARS + 1);
    let too_long = api
        .post::<_, Message>(&path, &visitor_message(&long, None))
        .await
        .expect_problem(400);
    assert!(too_long.errors["content"][0].contains("at most 4000 characters"));

    let malformed = api
        .http
        .post(api.url(&path))
        .header("content-type", "application/json")
        .body("{\"content\":");
    let malformed = api.send::<Message>(malformed).await.expect_problem(400);
    assert_eq!(malformed.code, ErrorCode::ValidationFailed);

    let bad_id = api
        .post::<_, Message>(&messages_path("not-a-uuid"), &visitor_message("hi", None))
        .await
        .expect_problem(404);
    assert_eq!(bad_id.code, ErrorCode::NotFound);
}

#[tokio::test]
async fn a_message_travels_from_the_visitor_through_the_room_to_other_hub_clients() {
    let api = api().await;
    let conversation = new_conversation_id();
    let mut agent = hub(&conversation).await;
    let mut visitor = hub(&conversation).await;

    let first: Message = api
        .post(
            &messages_path(&conversation),
            &visitor_message("Hello, a question about pricing", None),
        )
        .await
        .expect_status(201);
    assert_eq!(
        (first.seq, first.conversation_id.as_str()),
        (1, conversation.as_str())
    );
    assert_eq!(
        agent.next_event().await.unwrap(),
        ServerEvent::ReceiveMessage(first.clone())
    );
    assert_eq!(
        visitor.next_event().await.unwrap(),
        ServerEvent::ReceiveMessage(first)
    );

    let second: Message = api
        .post(
            &messages_path(&conversation),
            &visitor_message("Are you there?", None),
        )
        .await
        .expect_status(201);
    assert_eq!(second.seq, 2, "the room numbers its log without gaps");
    assert_eq!(
        agent.next_event().await.unwrap(),
        ServerEvent::ReceiveMessage(second)
    );
}

#[tokio::test]
async fn rooms_are_separate_conversations() {
    let api = api().await;
    let (mine, other) = (new_conversation_id(), new_conversation_id());
    let mut watcher = hub(&other).await;
    let message: Message = api
        .post(
            &messages_path(&mine),
            &visitor_message("only for mine", None),
        )
        .await
        .expect_status(201);
    assert_eq!(message.seq, 1);
    watcher
        .expect_silence(Duration::from_secs(1))
        .await
        .unwrap();
}

#[tokio::test]
async fn a_retried_message_with_the_same_client_id_is_stored_and_delivered_once() {
    let api = api().await;
    let conversation = new_conversation_id();
    let mut agent = hub(&conversation).await;
    let path = messages_path(&conversation);

    let sent: Message = api
        .post(&path, &visitor_message("once", Some("client-42")))
        .await
        .expect_status(201);
    let retried: Message = api
        .post(&path, &visitor_message("once", Some("client-42")))
        .await
        .expect_status(200);
    assert_eq!(retried, sent, "the retry returns the stored message");
    assert_eq!(
        agent.next_event().await.unwrap(),
        ServerEvent::ReceiveMessage(sent)
    );

    let next: Message = api
        .post(&path, &visitor_message("twice", Some("client-43")))
        .await
        .expect_status(201);
    assert_eq!(next.seq, 2, "the retry used no seq");
    assert_eq!(
        agent.next_event().await.unwrap(),
        ServerEvent::ReceiveMessage(next),
        "no duplicate came in between"
    );
}

#[tokio::test]
async fn negotiate_offers_websockets_with_the_json_protocol() {
    let api = api().await;
    let negotiated = api
        .http
        .post(api.url("/hubs/chat/negotiate?negotiateVersion=1"));
    let negotiated: NegotiateResponse = api.send(negotiated).await.expect_status(200);
    assert_eq!(negotiated.negotiate_version, 1);
    assert_eq!(negotiated.available_transports[0].transport, "WebSockets");
    assert_eq!(
        negotiated.available_transports[0].transfer_formats,
        ["Text"]
    );
    assert_ne!(negotiated.connection_id, negotiated.connection_token);
}

#[tokio::test]
async fn the_hub_needs_a_conversation_and_a_websocket() {
    let api = api().await;
    let no_id = api
        .get::<serde_json::Value>("/hubs/chat")
        .await
        .expect_problem(400);
    assert_eq!(no_id.code, ErrorCode::ValidationFailed);
    let plain_http = api
        .get::<serde_json::Value>(&format!(
            "/hubs/chat?conversationId={}",
            new_conversation_id()
        ))
        .await;
    assert!(
        plain_http
            .expect_problem(400)
            .detail
            .contains("Upgrade: websocket")
    );
}

#[tokio::test]
async fn the_hub_answers_pings_and_refuses_unknown_methods() {
    let mut client = hub(&new_conversation_id()).await;
    client.send_raw(PING_FRAME).await.unwrap();
    assert_eq!(client.next_record().await.unwrap(), "{\"type\":6}");

    client.send_raw("{\"type\":1,\"invocationId\":\"1\",\"target\":\"NoSuchMethod\",\"arguments\":[]}\u{1e}").await.unwrap();
    let answer = client.next_message().await.unwrap();
    assert_eq!(
        answer,
        HubMessage::Completion {
            invocation_id: "1".into(),
            result: None,
            error: Some("Unknown hub method 'NoSuchMethod'".into())
        }
    );
}

#[tokio::test]
async fn the_hub_refuses_a_protocol_it_does_not_speak() {
    let url = Server::shared().await.ws_url(&format!(
        "/hubs/chat?conversationId={}",
        new_conversation_id()
    ));
    let mut client = HubClient::open(&url).await.unwrap();
    client
        .send_raw("{\"protocol\":\"messagepack\",\"version\":1}\u{1e}")
        .await
        .unwrap();
    let code = client.expect_close().await.unwrap();
    assert_eq!(code, 1002);
    let records = client.take_pending();
    assert!(
        records
            .iter()
            .any(|r| r.contains("unsupported protocol messagepack")),
        "{records:?}"
    );
}
