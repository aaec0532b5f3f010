//! One hub connection, many conversations: `JoinConversation` subscribes a team connection
//! to any conversation of its workspace, as the ChatFlow seed describes, and the events of
//! every joined conversation arrive on it with their conversation id.

use parley_shared_types::hub::{ServerEvent, TypingStarted, methods};
use parley_shared_types::message::{Message, SenderType};
use parley_tests::fixtures::{Team, hub_for};
use parley_tests::process::{repo_root, tool_path};
use parley_tests::{HubClient, Server};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::process::Stdio;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, BufReader, Lines};
use tokio::process::{Child, ChildStdout};

/// The stock client of `tests/signalr/many_conversations.mjs`, signed in with `token`.
struct StockClient {
    node: Child,
    lines: Lines<BufReader<ChildStdout>>,
}

impl StockClient {
    fn start(server: &Server, token: &str, connect_on: &str, joins: &[&str]) -> StockClient {
        let mut node = tokio::process::Command::new("node")
            .arg(repo_root().join("tests/signalr/many_conversations.mjs"))
            .args([&server.base_url, token, connect_on])
            .args(joins)
            .env("PATH", tool_path())
            .current_dir(repo_root())
            .stdout(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .expect("node from node_modules/.bin (run `cargo xtask test`)");
        let lines = BufReader::new(node.stdout.take().unwrap()).lines();
        StockClient { node, lines }
    }

    async fn next_line(&mut self) -> Value {
        let line = self
            .lines
            .next_line()
            .await
            .unwrap()
            .expect("the SignalR client exited early");
        serde_json::from_str(&line).unwrap_or_else(|e| panic!("{e}: {line}"))
    }

    /// The messages it received, by conversation, until it exits (one from each).
    async fn received_until_done(mut self) -> HashMap<String, Message> {
        let mut received = HashMap::new();
        while let Some(line) = self.lines.next_line().await.unwrap() {
            let line: Value = serde_json::from_str(&line).unwrap();
            assert!(line.get("error").is_none(), "{line}");
            if line["event"] == "ReceiveMessage" {
                let message: Message = serde_json::from_value(line["message"].clone()).unwrap();
                received.insert(message.conversation_id.clone(), message);
            }
        }
        assert!(self.node.wait().await.unwrap().success());
        received
    }
}

/// A stock client signs in as the agent, connects on the first of two conversations (or on
/// the feed) and joins the rest; a visitor writes in each, and it receives both.
async fn a_stock_connection_receives_two_conversations(on_the_feed: bool) {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let (first, second) = (team.visitor().await, team.visitor().await);
    let token = team.agent.token.as_deref().unwrap();
    let (connect_on, joins) = if on_the_feed {
        ("-", vec![first.conversation_id(), second.conversation_id()])
    } else {
        (first.conversation_id(), vec![second.conversation_id()])
    };
    let mut client = StockClient::start(server, token, connect_on, &joins);
    let ready = client.next_line().await;
    assert_eq!(ready["ready"], true, "{ready}");

    let said_second = second.say("a question in the second conversation").await;
    let said_first = first.say("another in the first").await;
    let received = client.received_until_done().await;
    assert_eq!(received[first.conversation_id()], said_first);
    assert_eq!(received[second.conversation_id()], said_second);
}

#[tokio::test]
async fn one_stock_signalr_connection_on_a_conversation_joins_a_second_and_receives_both() {
    a_stock_connection_receives_two_conversations(false).await;
}

#[tokio::test]
async fn one_stock_signalr_connection_on_the_feed_joins_two_conversations_and_receives_both() {
    a_stock_connection_receives_two_conversations(true).await;
}

/// Joins `conversation_id` over `hub`, resuming after `last_seq`.
async fn join(
    hub: &mut HubClient,
    conversation_id: &str,
    last_seq: Option<u64>,
) -> Result<Option<Value>, String> {
    let arguments = vec![json!(conversation_id), json!(last_seq)];
    hub.call(methods::JOIN_CONVERSATION, arguments)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_joined_conversation_resumes_by_seq_takes_typing_and_messages_and_leaving_stops_it() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let visitor = team.visitor().await;
    let id = visitor.conversation_id().to_owned();
    let first = visitor.say("one").await;
    let second = visitor.say("two").await;
    let mut visitor_hub = visitor.hub(server).await;
    let mut feed = team.agent_hub(server, "").await;

    assert_eq!(join(&mut feed, &id, Some(first.seq)).await, Ok(None));
    assert_eq!(
        feed.next_event_where(|e| matches!(e, ServerEvent::ReceiveMessage(_)))
            .await
            .unwrap(),
        ServerEvent::ReceiveMessage(second.clone()),
        "what it missed after its seq comes first"
    );

    let live = visitor.say("three").await;
    let event = feed
        .next_event_where(|e| matches!(e, ServerEvent::ReceiveMessage(_)))
        .await
        .unwrap();
    assert_eq!(event, ServerEvent::ReceiveMessage(live));

    feed.invoke(methods::TYPING_START, &id, None).await.unwrap();
    assert_eq!(
        visitor_hub
            .next_event_where(|e| matches!(e, ServerEvent::TypingStarted(_)))
            .await
            .unwrap(),
        ServerEvent::TypingStarted(TypingStarted {
            sender_id: team.agent_user.id.clone(),
            sender_type: SenderType::Agent,
            conversation_id: Some(id.clone()),
        }),
        "typing on the feed connection reaches the conversation, with its id"
    );

    let reply = feed
        .send_message(&id, "sent over the feed connection", Some("feed-1"))
        .await
        .unwrap()
        .expect("a joined conversation takes SendMessage");
    assert_eq!(reply.sender_type, SenderType::Agent);
    assert_eq!(reply.sender_id, team.agent_user.id);
    assert_eq!(
        visitor_hub
            .next_event_where(|e| matches!(e, ServerEvent::ReceiveMessage(_)))
            .await
            .unwrap(),
        ServerEvent::ReceiveMessage(reply)
    );

    feed.invoke(methods::LEAVE_CONVERSATION, &id, Some("leave"))
        .await
        .unwrap();
    feed.take_pending();
    visitor.say("after the agent left").await;
    let after_leaving = feed
        .next_event_where(|e| matches!(e, ServerEvent::ReceiveMessage(_)))
        .await;
    assert!(
        after_leaving.is_err(),
        "no message after leaving: {after_leaving:?}"
    );
}

#[tokio::test]
async fn only_the_team_of_the_conversations_workspace_may_join_it() {
    let server = Server::shared().await;
    let (team, other_team) = (Team::new(server).await, Team::new(server).await);
    let visitor = team.visitor().await;
    let other_visitor = other_team.visitor().await;
    let mut stranger = other_team.agent_hub(server, "").await;
    let refused = join(&mut stranger, visitor.conversation_id(), None).await;
    assert!(
        refused
            .as_ref()
            .is_err_and(|error| error.starts_with("NOT_FOUND")),
        "another workspace's conversation: {refused:?}"
    );
    let sent = stranger
        .send_message(visitor.conversation_id(), "not joined", None)
        .await
        .unwrap();
    assert!(sent.is_err(), "{sent:?}");

    let mut visitor_hub = hub_for(
        server,
        visitor.conversation_id(),
        visitor.api.token.as_deref().unwrap(),
        None,
    )
    .await;
    let refused = join(&mut visitor_hub, other_visitor.conversation_id(), None).await;
    assert!(
        refused.is_err(),
        "a visitor joins only their own: {refused:?}"
    );
    visitor.say("still private").await;
    stranger
        .expect_silence(Duration::from_secs(2))
        .await
        .expect("nothing of the other workspace reaches the stranger");
}
