//! A stock SignalR client (npm @microsoft/signalr, in Node and in Chromium) negotiates, connects to
//! `/hubs/chat`, invokes the seed's methods and receives `ReceiveMessage`.

use parley_shared_types::hub::{ServerEvent, TypingStarted};
use parley_shared_types::message::{Message, SendMessageRequest, SenderType};
use parley_tests::fixtures::Team;
use parley_tests::process::{repo_root, tool_path};
use parley_tests::{Browser, HostPage, Server};
use serde_json::Value;
use std::process::Stdio;
use tokio::io::{AsyncBufReadExt, BufReader};

#[tokio::test]
async fn the_microsoft_signalr_client_receives_messages() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let visitor = team.visitor().await;
    let mut visitor_hub = visitor.hub(server).await;

    let mut node = tokio::process::Command::new("node")
        .arg(repo_root().join("tests/signalr/client.mjs"))
        .args([
            &server.base_url,
            visitor.conversation_id(),
            team.agent.token.as_deref().unwrap(),
        ])
        .env("PATH", tool_path())
        .current_dir(repo_root())
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("node from node_modules/.bin (run `cargo xtask test`)");
    let mut lines = BufReader::new(node.stdout.take().unwrap()).lines();
    let mut next_line = async || -> Value {
        let line = lines
            .next_line()
            .await
            .unwrap()
            .expect("the SignalR client exited early");
        serde_json::from_str(&line).unwrap_or_else(|e| panic!("{e}: {line}"))
    };

    let ready = next_line().await;
    assert_eq!(ready["ready"], true, "{ready}");
    // Its TypingStart reached the visitor, as the agent it signed in as.
    let typing = ServerEvent::TypingStarted(TypingStarted {
        sender_id: team.agent_user.id.clone(),
        sender_type: SenderType::Agent,
        conversation_id: Some(visitor.conversation_id().to_owned()),
    });
    assert_eq!(visitor_hub.next_event().await.unwrap(), typing);

    let sent: Message = visitor
        .api
        .post(
            &visitor.messages_path(),
            &SendMessageRequest::text("hello from the widget"),
        )
        .await
        .expect_status(201);
    let received = next_line().await;
    assert_eq!(received["event"], "ReceiveMessage", "{received}");
    let message: Message = serde_json::from_value(received["message"].clone()).unwrap();
    assert_eq!(message, sent);
    assert!(node.wait().await.unwrap().success());
}

/// The same client as a browser loads it, on a page of another origin, with its default
/// options: it negotiates over CORS with `X-Requested-With`, `X-SignalR-User-Agent` and
/// credentials included, then connects and receives.
#[tokio::test]
async fn the_microsoft_signalr_client_connects_from_another_origin_in_a_browser() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let visitor = team.visitor().await;
    let bundle = repo_root().join("node_modules/@microsoft/signalr/dist/browser/signalr.min.js");
    let bundle = std::fs::read_to_string(&bundle)
        .unwrap_or_else(|e| panic!("{}: {e} (run `npm install`)", bundle.display()));
    let url = format!(
        "{}/hubs/chat?conversationId={}",
        server.base_url,
        visitor.conversation_id()
    );
    let token = visitor.api.token.as_deref().unwrap();
    let conversation_id = visitor.conversation_id();
    let html = format!(
        "<!doctype html><html><head><meta charset=utf-8><title>SignalR</title>\
         <script>{bundle}</script></head><body><script>\
         window.outcome = null; window.received = null;\
         const connection = new signalR.HubConnectionBuilder()\
           .withUrl({url:?}, {{ accessTokenFactory: () => {token:?} }}).build();\
         connection.on('ReceiveMessage', (message) => {{ window.received = message; }});\
         connection.start()\
           .then(() => connection.invoke('JoinConversation', {conversation_id:?}))\
           .then(() => {{ window.outcome = 'connected'; }},\
           (error) => {{ window.outcome = 'failed: ' + error; }});\
         </script></body></html>"
    );
    let page = HostPage::serve(html).await.unwrap();
    let browser = Browser::start().await.unwrap();
    browser.client.goto(&page.url).await.unwrap();
    let outcome = browser
        .wait_for("the connection", "return window.outcome;")
        .await
        .unwrap();
    assert_eq!(outcome, "connected");

    let sent: Message = visitor
        .api
        .post(
            &visitor.messages_path(),
            &SendMessageRequest::text("hello across origins"),
        )
        .await
        .expect_status(201);
    let received = browser
        .wait_for("the message", "return window.received;")
        .await
        .unwrap();
    let received: Message = serde_json::from_value(received).unwrap();
    assert_eq!(received, sent);
    browser.close().await.unwrap();
}
