//! Every list pages the same way: `page`/`limit` (or `per_page`), `cursor` for lists that grow
//! while they are read, and `Accept: application/jsonl` for the whole list as JSON lines.

use parley_shared_types::conversation::Conversation;
use parley_shared_types::message::Message;
use parley_shared_types::page::Page;
use parley_tests::fixtures::{Team, Visitor};
use parley_tests::{Api, Server};
use serde::de::DeserializeOwned;
use std::collections::HashSet;

/// Follows `nextCursor` from the first page to the last, calling `between` after each page
/// (to change the list while it is read); returns every id seen, in order.
async fn walk<T: DeserializeOwned + std::fmt::Debug>(
    api: &Api,
    path: &str,
    id_of: fn(&T) -> &str,
    mut between: impl AsyncFnMut(),
) -> Vec<String> {
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let url = match &cursor {
            Some(cursor) => format!("{path}?limit=2&cursor={cursor}"),
            None => format!("{path}?per_page=2"),
        };
        let page: Page<T> = api.get(&url).await.expect_status(200);
        assert_eq!(page.limit, 2, "per_page is limit");
        seen.extend(page.data.iter().map(|item| id_of(item).to_owned()));
        between().await;
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => return seen,
        }
    }
}

fn assert_each_once(seen: &[String]) {
    let unique: HashSet<&String> = seen.iter().collect();
    assert_eq!(unique.len(), seen.len(), "duplicates in {seen:?}");
}

async fn json_lines<T: DeserializeOwned>(api: &Api, path: &str) -> Vec<T> {
    let response = api
        .request(reqwest::Method::GET, path)
        .header("accept", "application/jsonl")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/jsonl");
    let body = response.text().await.unwrap();
    body.lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect()
}

#[tokio::test]
async fn a_cursor_walk_sees_each_conversation_once_while_new_ones_start() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let mut before = Vec::new();
    for _ in 0..5 {
        before.push(team.visitor().await.conversation_id().to_owned());
    }
    let mut started_during = Vec::new();
    let seen = walk(
        &team.agent,
        "/api/conversations",
        |c: &Conversation| &c.id,
        async || started_during.push(team.visitor().await),
    )
    .await;
    assert_each_once(&seen);
    let mut expected = before.clone();
    expected.reverse();
    assert_eq!(
        seen, expected,
        "newest first, each existing one exactly once"
    );
    assert!(!started_during.is_empty());

    let all: Vec<Conversation> = json_lines(&team.agent, "/api/conversations").await;
    assert_eq!(all.len(), before.len() + started_during.len());
    assert_each_once(&all.iter().map(|c| c.id.clone()).collect::<Vec<_>>());
}

#[tokio::test]
async fn a_cursor_walk_sees_each_message_once_including_ones_added_meanwhile() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let visitor: Visitor = team.visitor().await;
    let mut said = Vec::new();
    for n in 0..5 {
        said.push(visitor.say(&format!("before {n}")).await.id);
    }
    let mut added = 0;
    let seen = walk(
        &team.agent,
        &visitor.messages_path(),
        |m: &Message| &m.id,
        async || {
            if added < 3 {
                added += 1;
                said.push(visitor.say(&format!("meanwhile {added}")).await.id);
            }
        },
    )
    .await;
    assert_each_once(&seen);
    assert_eq!(
        seen, said,
        "oldest first, including what arrived during the walk"
    );

    let lines: Vec<Message> = json_lines(&visitor.api, &visitor.messages_path()).await;
    assert_eq!(lines.iter().map(|m| m.id.clone()).collect::<Vec<_>>(), said);
    let after_second: Vec<Message> = json_lines(
        &visitor.api,
        &format!("{}?cursor={}", visitor.messages_path(), said[1]),
    )
    .await;
    assert_eq!(
        after_second.len(),
        said.len() - 2,
        "JSON lines continue after a cursor"
    );
}

#[tokio::test]
async fn short_lists_stay_arrays_and_stream_as_json_lines_too() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let users: Vec<serde_json::Value> = team.admin.get("/api/users").await.expect_status(200);
    let lines: Vec<serde_json::Value> = json_lines(&team.admin, "/api/users").await;
    assert_eq!(lines, users);
    let widgets: Vec<serde_json::Value> = json_lines(&team.admin, "/api/widgets").await;
    assert_eq!(widgets.len(), 1);
}

#[tokio::test]
async fn a_cursor_with_a_later_page_is_refused() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let visitor = team.visitor().await;
    let problem = team
        .agent
        .get::<serde_json::Value>(&format!(
            "/api/conversations?page=2&cursor={}",
            visitor.conversation_id()
        ))
        .await
        .expect_problem(422);
    assert!(problem.errors.contains_key("page"));
}
