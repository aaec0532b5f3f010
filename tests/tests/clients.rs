//! The SDKs in `clients/` against a real `wrangler dev`: the Rust crate (typed problems, a
//! paging stream, a streamed chat answer), and the generated TypeScript and Python clients,
//! each signing in, creating a widget and bots with an API key, paging through the bots and
//! meeting typed problems. What the scripts report is checked against the server here.

use futures_util::{StreamExt, TryStreamExt};
use parley_client::{Client, Error, ErrorCode};
use parley_shared_types::api_key::{KeyEnvironment, KeyScope};
use parley_shared_types::bot::{Bot, BotInput};
use parley_shared_types::chat::{ChatRequest, ChatStreamEvent};
use parley_shared_types::widget::Widget;
use parley_tests::Server;
use parley_tests::client_tools::{python_round_trip, typescript_round_trip};
use parley_tests::fixtures::{PASSWORD, REFUNDS, Team};
use serde_json::{Value, json};

fn named(name: &str) -> BotInput {
    BotInput {
        name: Some(name.into()),
        ..BotInput::default()
    }
}

#[tokio::test]
async fn the_rust_client_signs_in_pages_and_reads_problems() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let parley = Client::new(&server.base_url);

    let session = parley
        .sign_in(&team.admin_user.email, PASSWORD)
        .await
        .unwrap();
    let admin = parley.with_token(&session.access_token);
    assert_eq!(admin.me().await.unwrap().id, team.admin_user.id);

    let key = team.api_key(KeyEnvironment::Live, KeyScope::Full).await;
    let parley = parley.with_token(&key.secret);
    let mut created = Vec::new();
    for name in ["Rust bot 1", "Rust bot 2", "Rust bot 3"] {
        created.push(parley.create_bot(&named(name)).await.unwrap().id);
    }
    let pages: Vec<_> = parley
        .pages::<Bot>("/api/bots", 2)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(
        pages.iter().map(|page| page.data.len()).collect::<Vec<_>>(),
        [2, 1]
    );
    let listed: Vec<String> = parley
        .bots(2)
        .map_ok(|bot| bot.id)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(listed, created, "every bot once, oldest first");

    let Err(Error::Problem(invalid)) = parley.create_bot(&named("")).await else {
        panic!("an empty name is refused with a problem");
    };
    assert_eq!(
        (invalid.code, invalid.status),
        (ErrorCode::ValidationFailed, 422)
    );
    assert!(invalid.errors.contains_key("name"), "{invalid:?}");
    let missing = parley
        .bot(&uuid::Uuid::new_v4().to_string())
        .await
        .unwrap_err();
    assert_eq!(missing.code(), Some(ErrorCode::NotFound));
    let refused = Client::new(&server.base_url)
        .with_token("pk_live_not-a-key")
        .bots(10)
        .try_collect::<Vec<_>>()
        .await
        .unwrap_err();
    assert_eq!(refused.code(), Some(ErrorCode::Unauthorized));
}

#[tokio::test]
async fn the_rust_client_streams_a_chat_answer() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let bot = team.bot_knowing("Refunds", &[REFUNDS]).await;
    let key = team.api_key(KeyEnvironment::Live, KeyScope::Full).await;
    let parley = Client::new(&server.base_url).with_token(&key.secret);
    let request = ChatRequest {
        message: REFUNDS.0.into(),
        bot_id: bot.id.clone(),
        session_id: None,
        user_id: None,
        context: None,
    };

    let events: Vec<ChatStreamEvent> = parley
        .chat_stream(&request)
        .await
        .unwrap()
        .map(Result::unwrap)
        .collect()
        .await;
    let written: String = events
        .iter()
        .filter_map(|event| match event {
            ChatStreamEvent::Token { text } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    let Some(ChatStreamEvent::Done(answer)) = events.last() else {
        panic!("the stream ends with its answer: {events:?}");
    };
    assert!(events.len() > 2, "the answer came in pieces: {events:?}");
    assert_eq!(written, answer.response);
    assert!(answer.response.contains("5 business days"), "{answer:?}");

    let whole = parley.chat(&request).await.unwrap();
    assert_eq!(whole.response, answer.response);
    let unknown_bot = ChatRequest {
        bot_id: uuid::Uuid::new_v4().to_string(),
        ..request
    };
    let Err(refused) = parley.chat_stream(&unknown_bot).await else {
        panic!("an unknown bot is refused before streaming");
    };
    assert_eq!(refused.code(), Some(ErrorCode::NotFound));
}

/// What the TypeScript and Python round-trip scripts report, checked against the server:
/// the admin signed in, the widget exists in the workspace, the bots made with the key are
/// the ones listed, in two pages, and the problems carry their codes.
async fn check_round_trip(team: &Team, report: &Value) {
    assert_eq!(report["me"], team.admin_user.email.as_str(), "{report}");
    let widgets: Vec<Widget> = team.admin.get("/api/widgets").await.expect_status(200);
    assert!(widgets.iter().any(|w| w.id == report["widget"]), "{report}");
    let bots: Value = team.admin.get("/api/bots").await.expect_status(200);
    let stored: Vec<&Value> = bots["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| &b["id"])
        .collect();
    let created: Vec<&Value> = report["created"].as_array().unwrap().iter().collect();
    assert_eq!(created.len(), 3, "{report}");
    assert_eq!(stored, created, "{report}");
    assert_eq!(report["listed"], report["created"], "{report}");
    assert_eq!(report["pages"], 2, "{report}");
    assert_eq!(
        report["invalid"],
        json!({"code": "VALIDATION_FAILED", "status": 422, "fields": ["name"]})
    );
    assert_eq!(
        report["missing"],
        json!({"code": "NOT_FOUND", "status": 404})
    );
}

/// Runs a client's round-trip script (`run`) for a new team and checks what it reports.
async fn round_trip(run: fn(&[&str]) -> Value) {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let key = team.api_key(KeyEnvironment::Live, KeyScope::Full).await;
    let report = run(&[
        &server.base_url,
        &team.admin_user.email,
        PASSWORD,
        &key.secret,
    ]);
    check_round_trip(&team, &report).await;
}

#[tokio::test]
async fn the_typescript_client_round_trips() {
    round_trip(typescript_round_trip).await;
}

#[tokio::test]
async fn the_python_client_round_trips() {
    round_trip(python_round_trip).await;
}
