//! `SendMessage` over the hub: the REST send's rules (identity, `seq`, `clientMessageId`,
//! closed conversations, bots, limits, the conversation list, webhooks) without a request.

use parley_shared_types::conversation::Conversation;
use parley_shared_types::hub::ServerEvent;
use parley_shared_types::message::SenderType;
use parley_shared_types::widget::WidgetInput;
use parley_tests::fixtures::{Team, all_messages};
use parley_tests::{HubClient, Server};
use std::time::Duration;

/// Sends over `hub` and expects the message stored.
async fn sent(
    hub: &mut HubClient,
    conversation_id: &str,
    content: &str,
) -> parley_shared_types::message::Message {
    hub.send_message(conversation_id, content, None)
        .await
        .unwrap()
        .unwrap_or_else(|error| panic!("SendMessage({content:?}) refused: {error}"))
}

#[tokio::test]
async fn a_message_sent_over_the_hub_is_stored_delivered_listed_and_deduplicated() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let visitor = team.visitor().await;
    let id = visitor.conversation_id().to_owned();
    let mut agent = team.agent_hub(server, &id).await;
    let mut socket = visitor.hub(server).await;

    let first = socket
        .send_message(&id, "Hello over the socket", Some("c-1"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!((first.seq, first.sender_type), (1, SenderType::Visitor));
    assert_eq!(first.sender_id, visitor.started.conversation.visitor_id);
    assert_eq!(
        agent.next_event().await.unwrap(),
        ServerEvent::ReceiveMessage(first.clone())
    );

    let retried = socket
        .send_message(&id, "Hello over the socket", Some("c-1"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        retried, first,
        "a repeated clientMessageId answers the stored message"
    );
    agent
        .expect_silence(Duration::from_millis(500))
        .await
        .unwrap();

    let reply = sent(&mut agent, &id, "Hi! How can I help?").await;
    assert_eq!((reply.seq, reply.sender_type), (2, SenderType::Agent));
    assert_eq!(reply.sender_id, team.agent_user.id);
    assert_eq!(
        all_messages(&visitor.api, &id).await,
        [first, reply.clone()],
        "REST lists what the hub stored, in order"
    );
    let listed: Conversation = team
        .agent
        .get(&format!("/api/conversations/{id}"))
        .await
        .expect_status(200);
    assert_eq!(listed.last_message.as_deref(), Some(reply.content.as_str()));
    assert_eq!(listed.message_count, 2);
}

#[tokio::test]
async fn the_hub_refuses_what_rest_refuses_with_a_stable_code() {
    let server = Server::shared().await;
    let mut team = Team::new(server).await;
    let visitor = team.visitor().await;
    let id = visitor.conversation_id().to_owned();
    let mut socket = visitor.hub(server).await;

    let empty = socket.send_message(&id, "  ", None).await.unwrap();
    assert!(
        empty
            .as_ref()
            .is_err_and(|e| e.starts_with("VALIDATION_FAILED: content")),
        "{empty:?}"
    );
    let long = "x".repeat(20_000);
    let too_long = socket.send_message(&id, &long, None).await.unwrap();
    assert!(
        too_long
            .as_ref()
            .is_err_and(|e| e.starts_with("VALIDATION_FAILED")),
        "{too_long:?}"
    );

    team.update_widget(WidgetInput {
        reopen_on_reply: Some(false),
        ..WidgetInput::default()
    })
    .await;
    let _: Conversation = team
        .agent
        .post_empty(&format!("/api/conversations/{id}/close"))
        .await
        .expect_status(200);
    let closed = socket
        .send_message(&id, "Still there?", None)
        .await
        .unwrap();
    assert!(
        closed.as_ref().is_err_and(|e| e.starts_with("CONFLICT: ")),
        "a closed conversation takes no messages: {closed:?}"
    );
    assert!(all_messages(&visitor.api, &id).await.is_empty());
}

#[tokio::test]
async fn a_visitor_reply_over_the_hub_reopens_a_closed_conversation() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let visitor = team.visitor().await;
    let id = visitor.conversation_id().to_owned();
    let mut socket = visitor.hub(server).await;
    sent(&mut socket, &id, "First question").await;
    let _: Conversation = team
        .agent
        .post_empty(&format!("/api/conversations/{id}/close"))
        .await
        .expect_status(200);
    let mut agent = team.agent_hub(server, &id).await;

    let again = sent(&mut socket, &id, "One more thing").await;
    assert_eq!(again.seq, 2);
    agent
        .next_event_where(|e| matches!(e, ServerEvent::ConversationReopened(_)))
        .await
        .unwrap();
    let reopened: Conversation = team
        .agent
        .get(&format!("/api/conversations/{id}"))
        .await
        .expect_status(200);
    assert_eq!(reopened.status.as_str(), "open");
}

#[tokio::test]
async fn an_agent_writing_over_the_hub_takes_over_from_the_bot() {
    let server = Server::shared().await;
    let mut team = Team::new(server).await;
    let bot = team
        .bot_knowing(
            "Refund policy",
            &[("How long do refunds take?", "Five days.")],
        )
        .await;
    team.answer_with(&bot).await;
    let visitor = team.visitor().await;
    let id = visitor.conversation_id().to_owned();
    let mut watcher = visitor.hub(server).await;
    let mut agent = team.agent_hub(server, &id).await;

    let mine = sent(&mut agent, &id, "I'll take it from here.").await;
    assert_eq!(mine.sender_type, SenderType::Agent);
    watcher
        .next_event_where(|e| matches!(e, ServerEvent::ConversationHandedOff(_)))
        .await
        .unwrap();
    let taken: Conversation = team
        .agent
        .get(&format!("/api/conversations/{id}"))
        .await
        .expect_status(200);
    assert!(!taken.ai_active);
    assert_eq!(
        taken.assigned_agent_id.as_deref(),
        Some(team.agent_user.id.as_str())
    );
}

#[tokio::test]
async fn hub_sends_count_against_a_window_the_size_of_rest() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let visitor = team.visitor().await;
    let id = visitor.conversation_id().to_owned();
    let mut socket = visitor.hub(server).await;
    for n in 0..60 {
        sent(&mut socket, &id, &format!("message {n}")).await;
    }
    let refused = socket
        .send_message(&id, "one too many", None)
        .await
        .unwrap();
    assert!(
        refused
            .as_ref()
            .is_err_and(|e| e.starts_with("RATE_LIMITED: ")),
        "{refused:?}"
    );
    assert_eq!(all_messages(&visitor.api, &id).await.len(), 60);
}
