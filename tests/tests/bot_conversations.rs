//! ChatbotPlatform's conversations of a bot against a real `wrangler dev`: `GET
//! /api/bots/{id}/conversations` pages and filters (status, channel) the bot's conversations
//! only, and `DELETE /api/conversations/{id}` (admins) deletes one everywhere it lives: after
//! it, its visitor token, the hub, its routes, the search and the bot's top questions know
//! nothing of it, while the workspace's other conversations stay whole.

use parley_shared_types::conversation::Conversation;
use parley_shared_types::hub::{ConversationClosed, ServerEvent};
use parley_shared_types::message::{Message, SendMessageRequest};
use parley_shared_types::page::Page;
use parley_shared_types::problem::ErrorCode;
use parley_tests::Server;
use parley_tests::fixtures::{DEMO_QUESTION, Team, Visitor, assert_conversation_gone};
use serde_json::{Value, json};
use std::time::Duration;

fn unique_word(prefix: &str) -> String {
    format!(
        "{prefix}{}",
        &uuid::Uuid::new_v4().simple().to_string()[..10]
    )
}

fn ids(page: &Page<Conversation>) -> Vec<&str> {
    page.data.iter().map(|c| c.id.as_str()).collect()
}

/// How many rows `sql` (a `SELECT COUNT(*) AS n …`) counts in the server's D1.
async fn count(server: &Server, sql: &str) -> u64 {
    let rows = server.query_d1_async(sql).await.unwrap();
    rows[0]["n"]
        .as_u64()
        .unwrap_or_else(|| panic!("{sql}: {rows:?}"))
}

#[tokio::test]
async fn a_bots_conversations_are_listed_filtered_and_paged() {
    let server = Server::shared().await;
    let mut team = Team::new(server).await;
    let before_the_bot = team.visitor().await;
    let bot = team
        .bot_knowing("FAQ", &[("Hours?", "Nine to five.")])
        .await;
    team.answer_with(&bot).await;
    let mut visitors: Vec<Visitor> = Vec::new();
    for _ in 0..3 {
        visitors.push(team.visitor().await);
    }
    let closed = &visitors[0];
    let _: Conversation = team
        .agent
        .post_empty(&format!(
            "/api/conversations/{}/close",
            closed.conversation_id()
        ))
        .await
        .expect_status(200);
    let path = format!("/api/bots/{}/conversations", bot.id);

    let all: Page<Conversation> = team.agent.get(&path).await.expect_status(200);
    assert_eq!(all.total, 3);
    let newest_first: Vec<&str> = visitors.iter().rev().map(|v| v.conversation_id()).collect();
    assert_eq!(ids(&all), newest_first);
    assert!(!ids(&all).contains(&before_the_bot.conversation_id()));
    for conversation in &all.data {
        assert_eq!(conversation.bot_id.as_deref(), Some(bot.id.as_str()));
        assert_eq!(conversation.channel, "widget");
    }

    let only_closed: Page<Conversation> = team
        .agent
        .get(&format!("{path}?status=closed"))
        .await
        .expect_status(200);
    assert_eq!(ids(&only_closed), [closed.conversation_id()]);
    let open: Page<Conversation> = team
        .agent
        .get(&format!("{path}?status=open&channel=widget"))
        .await
        .expect_status(200);
    assert_eq!(open.total, 2);
    let elsewhere: Page<Conversation> = team
        .agent
        .get(&format!("{path}?channel=telegram"))
        .await
        .expect_status(200);
    assert_eq!(elsewhere.total, 0);
    let bad = team
        .agent
        .get::<Value>(&format!("{path}?channel=Not%20a%20kind"))
        .await
        .expect_problem(422);
    assert!(bad.errors.contains_key("channel"), "{bad:?}");

    let first: Page<Conversation> = team
        .agent
        .get(&format!("{path}?per_page=2&page=1"))
        .await
        .expect_status(200);
    let second: Page<Conversation> = team
        .agent
        .get(&format!("{path}?per_page=2&page=2"))
        .await
        .expect_status(200);
    assert_eq!((first.total, first.limit, first.data.len()), (3, 2, 2));
    assert_eq!(second.data.len(), 1);
    assert_eq!([ids(&first), ids(&second)].concat(), newest_first);

    let outsider = Team::new(server).await;
    let refused = outsider.admin.get::<Value>(&path).await.expect_problem(404);
    assert_eq!(refused.code, ErrorCode::NotFound);
    let nobody = format!("/api/bots/{}/conversations", uuid::Uuid::new_v4());
    team.admin.get::<Value>(&nobody).await.expect_problem(404);
}

#[tokio::test]
async fn a_deleted_conversation_leaves_nothing_readable() {
    let server = Server::shared().await;
    let (team, bot) = Team::with_demo_bot(server).await;
    let word = unique_word("forgettable");
    let question = format!("{DEMO_QUESTION} {word}");
    let doomed = team.visitor().await;
    let kept = team.visitor().await;
    let mut visitor_socket = doomed.hub(server).await;
    let asked = doomed.say(&question).await;
    visitor_socket.next_ai_answer().await.unwrap();
    kept.say(&format!("I also say {word}")).await;
    let conversation = format!("/api/conversations/{}", doomed.conversation_id());
    let _: Message = team
        .agent
        .post(
            &format!("{conversation}/messages"),
            &SendMessageRequest::note(format!("note on {word}")),
        )
        .await
        .expect_status(201);
    let label = team.label(&unique_word("label"), None).await;
    let _: Value = team
        .agent
        .post(
            &format!("{conversation}/labels"),
            &json!({"labelId": label.id}),
        )
        .await
        .expect_status(200);
    // The bot's turn records the question a moment after its answer is out.
    let question_rows = format!(
        "SELECT COUNT(*) AS n FROM bot_question_days WHERE bot_id = '{}' AND wording = '{question}'",
        bot.id
    );
    for _ in 0..40 {
        if count(server, &question_rows).await > 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert_eq!(
        count(server, &question_rows).await,
        1,
        "the question was recorded"
    );
    let searched = format!("/api/conversations?search={word}");
    let found: Page<Conversation> = team.agent.get(&searched).await.expect_status(200);
    assert_eq!(found.total, 2);

    let mut agent_socket = team.agent_hub(server, doomed.conversation_id()).await;
    let mut feed = team.agent_hub(server, "").await;

    let by_agent = team.agent.delete::<Value>(&conversation).await;
    assert_eq!(by_agent.expect_problem(403).code, ErrorCode::Forbidden);
    let outsider = Team::new(server).await;
    let by_outsider = outsider.admin.delete::<Value>(&conversation).await;
    assert_eq!(by_outsider.expect_problem(404).code, ErrorCode::NotFound);
    let still: Conversation = team.agent.get(&conversation).await.expect_status(200);
    assert_eq!(still.id, doomed.conversation_id());

    let deleted = team
        .admin
        .request(reqwest::Method::DELETE, &conversation)
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.status(), 204);
    visitor_socket.expect_close().await.unwrap();
    agent_socket.expect_close().await.unwrap();
    let gone = feed
        .next_event_where(|e| matches!(e, ServerEvent::ConversationDeleted(_)))
        .await
        .unwrap();
    assert_eq!(
        gone,
        ServerEvent::ConversationDeleted(ConversationClosed {
            conversation_id: doomed.conversation_id().to_owned()
        })
    );

    for api in [&team.admin, &team.agent, &doomed.api] {
        assert_conversation_gone(server, api, &doomed, &asked.id).await;
    }
    assert_eq!(
        team.admin.delete::<Value>(&conversation).await.status(),
        404
    );
    let found: Page<Conversation> = team.agent.get(&searched).await.expect_status(200);
    assert_eq!(ids(&found), [kept.conversation_id()]);
    let listed: Page<Conversation> = team
        .agent
        .get(&format!("/api/bots/{}/conversations", bot.id))
        .await
        .expect_status(200);
    assert_eq!(ids(&listed), [kept.conversation_id()]);
    let kept_messages: Page<Message> = kept.api.get(&kept.messages_path()).await.expect_status(200);
    assert!(kept_messages.data[0].content.contains(&word));

    let id = doomed.conversation_id();
    for sql in [
        format!("SELECT COUNT(*) AS n FROM conversations WHERE id = '{id}'"),
        format!("SELECT COUNT(*) AS n FROM message_search WHERE conversation_id = '{id}'"),
        format!("SELECT COUNT(*) AS n FROM conversation_labels WHERE conversation_id = '{id}'"),
        question_rows,
    ] {
        assert_eq!(count(server, &sql).await, 0, "{sql}");
    }
}
