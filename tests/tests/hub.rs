//! The SignalR-compatible hub against `wrangler dev`: protocol, authentication, resume
//! without gaps or duplicates, and idempotent sends.

use parley_shared_types::hub::{HubMessage, NegotiateResponse, PING_FRAME, ServerEvent, methods};
use parley_shared_types::message::{Message, SendMessageRequest};
use parley_shared_types::problem::ErrorCode;
use parley_tests::fixtures::{Team, hub_for};
use parley_tests::{Api, HubClient, Server};
use std::time::Duration;

#[tokio::test]
async fn negotiate_offers_websockets_with_the_json_protocol() {
    let api = Api::new(&Server::shared().await.base_url);
    let negotiated: NegotiateResponse = api
        .post_empty("/hubs/chat/negotiate?negotiateVersion=1")
        .await
        .expect_status(200);
    assert_eq!(negotiated.negotiate_version, 1);
    assert_eq!(negotiated.available_transports[0].transport, "WebSockets");
    assert_eq!(
        negotiated.available_transports[0].transfer_formats,
        ["Text"]
    );
    assert_ne!(negotiated.connection_id, negotiated.connection_token);
}

#[tokio::test]
async fn the_hub_needs_a_token_and_a_websocket() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let visitor = team.visitor().await;
    let no_token = Api::new(&server.base_url)
        .get::<serde_json::Value>(&format!(
            "/hubs/chat?conversationId={}",
            visitor.conversation_id()
        ))
        .await;
    assert_eq!(no_token.expect_problem(401).code, ErrorCode::Unauthorized);
    let plain_http = visitor
        .api
        .get::<serde_json::Value>(&format!(
            "/hubs/chat?conversationId={}",
            visitor.conversation_id()
        ))
        .await;
    assert!(
        plain_http
            .expect_problem(400)
            .detail
            .contains("Upgrade: websocket")
    );
    let url = server.ws_url(&format!(
        "/hubs/chat?conversationId={}",
        visitor.conversation_id()
    ));
    assert!(
        HubClient::open(&url).await.is_err(),
        "an unauthenticated socket is refused before upgrading"
    );
    let feed = server.ws_url(&format!(
        "/hubs/chat?access_token={}",
        visitor.api.token.as_deref().unwrap()
    ));
    assert!(
        HubClient::open(&feed).await.is_err(),
        "visitors have no workspace feed"
    );
}

#[tokio::test]
async fn the_hub_answers_pings_and_refuses_unknown_or_foreign_calls() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let visitor = team.visitor().await;
    let mut client = visitor.hub(server).await;
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

    let other = team.visitor().await;
    client
        .invoke(
            methods::JOIN_CONVERSATION,
            other.conversation_id(),
            Some("2"),
        )
        .await
        .unwrap();
    let HubMessage::Completion {
        error: Some(error), ..
    } = client.next_message().await.unwrap()
    else {
        panic!("expected an error completion")
    };
    assert!(error.contains("this connection is for conversation"));
}

#[tokio::test]
async fn the_hub_refuses_a_protocol_it_does_not_speak() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let visitor = team.visitor().await;
    let url = server.ws_url(&format!(
        "/hubs/chat?conversationId={}&access_token={}",
        visitor.conversation_id(),
        visitor.api.token.as_deref().unwrap()
    ));
    let mut client = HubClient::open(&url).await.unwrap();
    client
        .send_raw("{\"protocol\":\"messagepack\",\"version\":1}\u{1e}")
        .await
        .unwrap();
    assert_eq!(client.expect_close().await.unwrap(), 1002);
    let records = client.take_pending();
    assert!(
        records
            .iter()
            .any(|r| r.contains("unsupported protocol messagepack")),
        "{records:?}"
    );
}

#[tokio::test]
async fn a_reconnecting_client_gets_exactly_what_it_missed() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let visitor = team.visitor().await;
    let agent_token = team.agent.token.clone().unwrap();
    let mut agent = team.agent_hub(server, visitor.conversation_id()).await;
    let first = visitor.say("one").await;
    let ServerEvent::ReceiveMessage(seen) = agent.next_event().await.unwrap() else {
        panic!("expected a message")
    };
    assert_eq!(seen, first);
    drop(agent);

    let missed = [
        visitor.say("two").await,
        visitor.say("three").await,
        visitor.say("four").await,
    ];
    let mut agent = hub_for(
        server,
        visitor.conversation_id(),
        &agent_token,
        Some(seen.seq),
    )
    .await;
    for expected in &missed {
        assert_eq!(
            agent.next_event().await.unwrap(),
            ServerEvent::ReceiveMessage(expected.clone())
        );
    }
    let live = visitor.say("five").await;
    assert_eq!(
        agent.next_event().await.unwrap(),
        ServerEvent::ReceiveMessage(live),
        "live messages follow the backlog, no duplicates between"
    );
    agent
        .expect_silence(Duration::from_millis(500))
        .await
        .unwrap();
}

#[tokio::test]
async fn a_retried_message_with_the_same_client_id_is_stored_and_delivered_once() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let visitor = team.visitor().await;
    let mut agent = team.agent_hub(server, visitor.conversation_id()).await;
    let once = SendMessageRequest {
        client_message_id: Some("client-42".into()),
        ..SendMessageRequest::text("once")
    };

    let sent: Message = visitor
        .api
        .post(&visitor.messages_path(), &once)
        .await
        .expect_status(201);
    let retried: Message = visitor
        .api
        .post(&visitor.messages_path(), &once)
        .await
        .expect_status(200);
    assert_eq!(retried, sent, "the retry returns the stored message");
    assert_eq!(
        agent.next_event().await.unwrap(),
        ServerEvent::ReceiveMessage(sent)
    );

    let next = visitor.say("twice").await;
    assert_eq!(next.seq, 2, "the retry used no seq");
    assert_eq!(
        agent.next_event().await.unwrap(),
        ServerEvent::ReceiveMessage(next),
        "no duplicate came in between"
    );
}

#[tokio::test]
async fn leaving_pauses_a_sockets_events_and_joining_resumes_them() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let visitor = team.visitor().await;
    let mut agent = team.agent_hub(server, visitor.conversation_id()).await;
    agent
        .invoke(
            methods::LEAVE_CONVERSATION,
            visitor.conversation_id(),
            Some("7"),
        )
        .await
        .unwrap();
    assert_eq!(
        agent.next_message().await.unwrap(),
        HubMessage::Completion {
            invocation_id: "7".into(),
            result: None,
            error: None
        }
    );
    visitor.say("while away").await;
    agent
        .expect_silence(Duration::from_millis(500))
        .await
        .unwrap();
    agent
        .invoke(
            methods::JOIN_CONVERSATION,
            visitor.conversation_id(),
            Some("7"),
        )
        .await
        .unwrap();
    agent.next_message().await.unwrap();
    let back = visitor.say("welcome back").await;
    assert_eq!(
        agent.next_event().await.unwrap(),
        ServerEvent::ReceiveMessage(back)
    );
}
