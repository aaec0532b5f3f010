//! Analytics and satisfaction against a real `wrangler dev`: a scripted week of conversations
//! (the development server's clock set to each day) gives exactly the figures its messages
//! say, at each granularity; ratings are their visitor's alone; bad ranges are problems.

use parley_shared_types::analytics::{
    AgentAnalytics, BotAnalytics, ConversationRating, Granularity, RatingCounts, TopQuestion,
};
use parley_shared_types::bot::Bot;
use parley_shared_types::conversation::Conversation;
use parley_shared_types::hub::ServerEvent;
use parley_shared_types::message::{Message, SenderType};
use parley_tests::fixtures::{REFUNDS, Team, Visitor, all_messages};
use parley_tests::webhook_receiver::WebhookReceiver;
use parley_tests::{Api, Server};
use serde_json::json;
use std::collections::BTreeMap;

const CANCEL: (&str, &str) = (
    "Can I cancel my plan?",
    "Yes, cancel any time from Settings, Billing.",
);

fn seconds(at: &str) -> f64 {
    chrono::DateTime::parse_from_rfc3339(at)
        .unwrap()
        .timestamp_millis() as f64
        / 1000.0
}

async fn rate(visitor: &Visitor, score: u8) -> ConversationRating {
    visitor
        .api
        .post(
            &format!("/api/conversations/{}/rating", visitor.conversation_id()),
            &json!({ "score": score }),
        )
        .await
        .expect_status(200)
}

/// The visitor asks; returns once the bot's answer is stored.
async fn ask(server: &Server, visitor: &Visitor, question: &str) {
    let mut hub = visitor.hub(server).await;
    visitor.say(question).await;
    hub.next_ai_answer().await.unwrap();
}

async fn take_over(by: &Api, visitor: &Visitor) {
    let _: Conversation = by
        .post_empty(&format!(
            "/api/conversations/{}/handoff",
            visitor.conversation_id()
        ))
        .await
        .expect_status(200);
}

async fn reply(by: &Api, visitor: &Visitor, content: &str) {
    let _: Message = by
        .post(&visitor.messages_path(), &json!({ "content": content }))
        .await
        .expect_status(201);
}

async fn close(by: &Api, visitor: &Visitor) -> Conversation {
    by.post_empty(&format!(
        "/api/conversations/{}/close",
        visitor.conversation_id()
    ))
    .await
    .expect_status(200)
}

/// Seconds from the first visitor message to the first message after it from `answerer`.
fn first_answer_seconds(messages: &[Message], answerer: SenderType) -> f64 {
    let asked = messages
        .iter()
        .find(|m| m.sender_type == SenderType::Visitor)
        .unwrap();
    let answered = messages
        .iter()
        .find(|m| m.sender_type == answerer && m.seq > asked.seq)
        .unwrap();
    seconds(&answered.created_at) - seconds(&asked.created_at)
}

fn close_to(actual: Option<f64>, expected: f64) -> bool {
    actual.is_some_and(|a| (a - expected).abs() <= 0.02)
}

async fn bot_report(api: &Api, bot: &Bot, granularity: Granularity) -> BotAnalytics {
    api.get(&format!(
        "/api/analytics/bots/{}?startDate=2026-11-27&endDate=2026-12-02&granularity={}",
        bot.id,
        granularity.as_str()
    ))
    .await
    .expect_status(200)
}

async fn agent_report(api: &Api, granularity: Granularity) -> AgentAnalytics {
    api.get(&format!(
        "/api/analytics/agents?startDate=2026-11-27T00:00:00Z&endDate=2026-12-02T23:59:59Z&granularity={}",
        granularity.as_str()
    ))
    .await
    .expect_status(200)
}

#[tokio::test]
async fn a_scripted_week_gives_exactly_its_figures_at_each_granularity() {
    // Its own server: the clock it moves is the whole server's.
    let server = Server::start().await.unwrap();
    let mut team = Team::new(&server).await;
    let bot = team.bot_knowing("Billing", &[REFUNDS, CANCEL]).await;
    team.answer_with(&bot).await;
    let receiver = WebhookReceiver::start(0).await;
    let _: serde_json::Value = team
        .admin
        .post(
            "/api/webhooks",
            &json!({ "url": receiver.url, "events": ["conversation.rated"], "secret": "rated-secret-0123456789" }),
        )
        .await
        .expect_status(201);

    // Friday 27 November: one answered question rated 5; another answered, then the visitor
    // asks for a person, the agent gets it, replies two minutes in, closes at half past;
    // rated 4.
    server.set_clock(Some("2026-11-27T09:00:00Z")).await;
    let c1 = team.visitor().await;
    ask(&server, &c1, "How long do refunds take?").await;
    rate(&c1, 5).await;
    server.set_clock(Some("2026-11-27T10:00:00Z")).await;
    let c2 = team.visitor().await;
    ask(&server, &c2, "how long do refunds take").await;
    let mut hub = c2.hub(&server).await;
    c2.say("Can I talk to a human please?").await;
    hub.next_event_where(|e| matches!(e, ServerEvent::ConversationHandedOff(_)))
        .await
        .unwrap();
    // Nobody was online to take it: the admin gives it to the agent.
    let _: Conversation = team
        .admin
        .post(
            &format!("/api/conversations/{}/assign", c2.conversation_id()),
            &json!({ "agentId": team.agent_user.id }),
        )
        .await
        .expect_status(200);
    server.set_clock(Some("2026-11-27T10:02:00Z")).await;
    reply(&team.agent, &c2, "Hi, I'm Alex. Which order is it?").await;
    server.set_clock(Some("2026-11-27T10:30:00Z")).await;
    let c2_closed = close(&team.agent, &c2).await;
    rate(&c2, 4).await;

    // Saturday: a question the bot cannot answer, rated 1.
    server.set_clock(Some("2026-11-28T09:00:00Z")).await;
    let c3 = team.visitor().await;
    ask(&server, &c3, "What is the weather on Mars?").await;
    rate(&c3, 1).await;

    // Monday 30 November: rated 3, changed to 2 on Wednesday (it stays Monday's rating).
    server.set_clock(Some("2026-11-30T09:00:00Z")).await;
    let c4 = team.visitor().await;
    ask(&server, &c4, "Can I cancel my plan?").await;
    rate(&c4, 3).await;

    // Tuesday 1 December: the admin takes over, replies a minute in, the agent adds a line,
    // the admin closes ten minutes in.
    server.set_clock(Some("2026-12-01T09:00:00Z")).await;
    let c5 = team.visitor().await;
    ask(&server, &c5, "Refunds: how long do they take?").await;
    take_over(&team.admin, &c5).await;
    server.set_clock(Some("2026-12-01T09:01:00Z")).await;
    reply(&team.admin, &c5, "Hello, Ada here.").await;
    server.set_clock(Some("2026-12-01T09:03:00Z")).await;
    reply(&team.agent, &c5, "Alex here too.").await;
    server.set_clock(Some("2026-12-01T09:10:00Z")).await;
    let c5_closed = close(&team.admin, &c5).await;

    server.set_clock(Some("2026-12-02T09:00:00Z")).await;
    let changed = rate(&c4, 2).await;
    assert!(changed.rated_at.starts_with("2026-11-30"), "{changed:?}");
    // A week later the first rating can no longer change.
    server.set_clock(Some("2026-12-05T09:00:00Z")).await;
    c1.api
        .post::<_, ConversationRating>(
            &format!("/api/conversations/{}/rating", c1.conversation_id()),
            &json!({ "score": 1 }),
        )
        .await
        .expect_problem(409);
    // Back to the real time, in which the team's tokens were issued.
    server.set_clock(None).await;

    // What the rooms hold is the truth the rollups must match.
    let conversations = [&c1, &c2, &c3, &c4, &c5];
    let mut logs = Vec::new();
    for visitor in conversations {
        logs.push(all_messages(&team.admin, visitor.conversation_id()).await);
    }
    let mut messages_per_day: BTreeMap<String, u64> = BTreeMap::new();
    for message in logs.iter().flatten() {
        *messages_per_day
            .entry(message.created_at[..10].to_owned())
            .or_default() += 1;
    }
    assert_eq!(
        messages_per_day.keys().collect::<Vec<_>>(),
        ["2026-11-27", "2026-11-28", "2026-11-30", "2026-12-01"],
        "the rooms wrote on the server's clock"
    );
    let bot_answer_seconds: Vec<f64> = logs
        .iter()
        .map(|log| first_answer_seconds(log, SenderType::Ai))
        .collect();
    let mean = |values: &[f64]| values.iter().sum::<f64>() / values.len() as f64;

    let daily = bot_report(&team.admin, &bot, Granularity::Day).await;
    assert_eq!(daily.period.start_date, "2026-11-27T00:00:00Z");
    assert_eq!(daily.period.end_date, "2026-12-02T23:59:59Z");
    let m = &daily.metrics;
    assert_eq!(m.total_conversations, 5);
    assert_eq!(m.total_messages, messages_per_day.values().sum::<u64>());
    assert_eq!(
        m.total_questions, 5,
        "asking for a person is not a question"
    );
    assert_eq!(m.unanswered_rate, 0.2, "only the weather on Mars");
    assert_eq!(m.handoff_rate, 0.4, "c2 (asked) and c5 (taken over)");
    assert_eq!(m.ratings, RatingCounts([1, 1, 0, 1, 1]));
    assert_eq!(m.user_satisfaction, Some(3.0));
    assert!(
        close_to(m.average_response_time, mean(&bot_answer_seconds)),
        "{:?} vs {bot_answer_seconds:?}",
        m.average_response_time
    );
    assert_eq!(
        m.top_questions,
        [
            TopQuestion {
                question: "How long do refunds take?".into(),
                count: 3
            },
            TopQuestion {
                question: "Can I cancel my plan?".into(),
                count: 1
            },
            TopQuestion {
                question: "What is the weather on Mars?".into(),
                count: 1
            },
        ],
        "paraphrases are one question, other questions stay apart"
    );
    let points: Vec<(&str, u64, u64)> = daily
        .series
        .iter()
        .map(|p| (p.start.as_str(), p.conversations, p.messages))
        .collect();
    let on = |day: &str| messages_per_day.get(day).copied().unwrap_or(0);
    assert_eq!(
        points,
        [
            ("2026-11-27", 2, on("2026-11-27")),
            ("2026-11-28", 1, on("2026-11-28")),
            ("2026-11-29", 0, 0),
            ("2026-11-30", 1, on("2026-11-30")),
            ("2026-12-01", 1, on("2026-12-01")),
            ("2026-12-02", 0, 0),
        ]
    );

    let weekly = bot_report(&team.admin, &bot, Granularity::Week).await;
    let weeks: Vec<(&str, u64, Option<f64>)> = weekly
        .series
        .iter()
        .map(|p| (p.start.as_str(), p.conversations, p.user_satisfaction))
        .collect();
    assert_eq!(
        weeks,
        [("2026-11-27", 3, Some(3.33)), ("2026-11-30", 2, Some(2.0))]
    );
    assert_eq!(
        weekly.metrics, daily.metrics,
        "the totals do not depend on the cut"
    );
    let monthly = bot_report(&team.admin, &bot, Granularity::Month).await;
    let months: Vec<(&str, u64, Option<f64>)> = monthly
        .series
        .iter()
        .map(|p| (p.start.as_str(), p.conversations, p.user_satisfaction))
        .collect();
    assert_eq!(
        months,
        [("2026-11-27", 4, Some(3.0)), ("2026-12-01", 1, None)]
    );

    // People: the agent handled c2 and c5, answered c2 first and resolved it; the admin
    // answered c5 first and resolved it.
    let people = agent_report(&team.admin, Granularity::Week).await;
    let figures = |id: &str| {
        people
            .agents
            .iter()
            .find(|a| a.agent_id == id)
            .unwrap()
            .figures
            .clone()
    };
    let alex = figures(&team.agent_user.id);
    let ada = figures(&team.admin_user.id);
    let c2_first = first_answer_seconds(&logs[1], SenderType::Agent);
    let c5_first = first_answer_seconds(&logs[4], SenderType::Agent);
    let resolution = |closed: &Conversation| {
        seconds(closed.closed_at.as_deref().unwrap()) - seconds(&closed.started_at)
    };
    assert_eq!((alex.conversations_handled, alex.messages_sent), (2, 2));
    assert_eq!((ada.conversations_handled, ada.messages_sent), (1, 1));
    assert!(
        close_to(alex.average_first_response_time, c2_first),
        "{alex:?} vs {c2_first}"
    );
    assert!(
        close_to(ada.average_first_response_time, c5_first),
        "{ada:?} vs {c5_first}"
    );
    assert!((c2_first - 120.0).abs() < 60.0 && (c5_first - 60.0).abs() < 60.0);
    assert_eq!(
        (alex.conversations_resolved, ada.conversations_resolved),
        (1, 1)
    );
    assert!(close_to(
        alex.average_resolution_time,
        resolution(&c2_closed)
    ));
    assert!(close_to(
        ada.average_resolution_time,
        resolution(&c5_closed)
    ));
    assert_eq!(
        (alex.csat, ada.csat),
        (Some(4.0), None),
        "c2's rating is Alex's"
    );
    let totals = &people.totals;
    assert_eq!((totals.conversations_handled, totals.messages_sent), (3, 3));
    assert_eq!(totals.conversations_resolved, 2);
    assert_eq!(totals.ratings, RatingCounts([0, 0, 0, 1, 0]));
    let weeks: Vec<(&str, u64, u64)> = people
        .series
        .iter()
        .map(|p| (p.start.as_str(), p.conversations_handled, p.messages_sent))
        .collect();
    assert_eq!(weeks, [("2026-11-27", 1, 1), ("2026-11-30", 2, 2)]);

    // An agent reads what an admin reads.
    assert_eq!(
        bot_report(&team.agent, &bot, Granularity::Week).await,
        weekly
    );
    assert_eq!(agent_report(&team.agent, Granularity::Week).await, people);

    // Each rating and the change reached the webhook.
    let rated = receiver.wait_for(5).await;
    let mut scores: Vec<i64> = rated
        .iter()
        .map(|r| r.json()["data"]["score"].as_i64().unwrap())
        .collect();
    scores.sort();
    assert_eq!(scores, [1, 2, 3, 4, 5]);
    assert!(
        rated
            .iter()
            .all(|r| r.header("parley-event") == "conversation.rated")
    );
}

#[tokio::test]
async fn only_its_visitor_rates_a_conversation() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let visitor = team.visitor().await;
    let other = team.visitor().await;
    let path = format!("/api/conversations/{}/rating", visitor.conversation_id());
    let body = json!({ "score": 4, "comment": "Quick and kind" });
    other
        .api
        .post::<_, ConversationRating>(&path, &body)
        .await
        .expect_problem(404);
    team.agent
        .post::<_, ConversationRating>(&path, &body)
        .await
        .expect_problem(403);
    Api::new(&server.base_url)
        .post::<_, ConversationRating>(&path, &body)
        .await
        .expect_problem(401);
    for bad in [
        json!({ "score": 0 }),
        json!({ "score": 6 }),
        json!({ "score": 3, "comment": "x".repeat(1001) }),
    ] {
        visitor
            .api
            .post::<_, ConversationRating>(&path, &bad)
            .await
            .expect_problem(422);
    }
    let mut feed = team.agent_hub(server, "").await;
    let rating: ConversationRating = visitor.api.post(&path, &body).await.expect_status(200);
    assert_eq!(
        (rating.score, rating.comment.as_deref()),
        (4, Some("Quick and kind"))
    );
    // The agents' feed hears of it.
    let id = visitor.conversation_id().to_owned();
    feed.next_event_where(
        |e| matches!(e, ServerEvent::ConversationUpdated(c) if c.id == id && c.rating == Some(4)),
    )
    .await
    .unwrap();
    let changed: ConversationRating = visitor
        .api
        .post(&path, &json!({ "score": 5 }))
        .await
        .expect_status(200);
    assert_eq!((changed.score, changed.rated_at), (5, rating.rated_at));
    let seen: Conversation = team
        .agent
        .get(&format!("/api/conversations/{}", visitor.conversation_id()))
        .await
        .expect_status(200);
    assert_eq!(
        (seen.rating, seen.rating_comment),
        (Some(5), None),
        "the change replaced the comment too"
    );
}

#[tokio::test]
async fn bad_ranges_and_foreign_bots_are_problems() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let bot = team.bot_knowing("Billing", &[REFUNDS]).await;
    let outsider = Team::new(server).await;
    let bot_path = format!("/api/analytics/bots/{}", bot.id);
    for query in [
        "granularity=hour",
        "startDate=2026-12-02&endDate=2026-12-01",
        "startDate=2025-01-01&endDate=2026-06-01",
        "startDate=yesterday",
        "endDate=2026-02-30",
    ] {
        for path in [&bot_path, "/api/analytics/agents"] {
            let problem = team
                .admin
                .get::<serde_json::Value>(&format!("{path}?{query}"))
                .await
                .expect_problem(400);
            assert!(!problem.detail.is_empty(), "{query}");
        }
    }
    outsider
        .admin
        .get::<BotAnalytics>(&bot_path)
        .await
        .expect_problem(404);
    Api::new(&server.base_url)
        .get::<AgentAnalytics>("/api/analytics/agents")
        .await
        .expect_problem(401);

    // By default: the last 30 days, by day, every day present.
    let report: BotAnalytics = team.agent.get(&bot_path).await.expect_status(200);
    assert_eq!(report.series.len(), 30);
    assert_eq!(report.metrics.total_conversations, 0);
    assert_eq!(report.metrics.user_satisfaction, None);
    let people: AgentAnalytics = team
        .agent
        .get("/api/analytics/agents")
        .await
        .expect_status(200);
    assert_eq!(people.agents.len(), 2, "the admin and the agent");
}

#[tokio::test]
async fn a_changed_rating_stays_with_the_agent_the_first_was_credited_to() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let assign = async |visitor: &Visitor, agent_id: &str| {
        let _: Conversation = team
            .admin
            .post(
                &format!("/api/conversations/{}/assign", visitor.conversation_id()),
                &json!({ "agentId": agent_id }),
            )
            .await
            .expect_status(200);
    };
    // Rated with nobody assigned: nobody's, even once the agent is assigned.
    let unassigned = team.visitor().await;
    assert_eq!(unassigned.started.conversation.assigned_agent_id, None);
    rate(&unassigned, 3).await;
    assign(&unassigned, &team.agent_user.id).await;
    rate(&unassigned, 5).await;
    // Rated while the agent had it: still the agent's after it moves to the admin.
    let handled = team.visitor().await;
    assign(&handled, &team.agent_user.id).await;
    rate(&handled, 4).await;
    assign(&handled, &team.admin_user.id).await;
    rate(&handled, 2).await;

    let people: AgentAnalytics = team
        .admin
        .get("/api/analytics/agents")
        .await
        .expect_status(200);
    let ratings = |id: &str| {
        people
            .agents
            .iter()
            .find(|a| a.agent_id == id)
            .unwrap()
            .figures
            .ratings
    };
    assert_eq!(ratings(&team.agent_user.id), RatingCounts([0, 1, 0, 0, 0]));
    assert_eq!(ratings(&team.admin_user.id), RatingCounts::default());
    assert_eq!(people.totals.ratings, RatingCounts([0, 1, 0, 0, 0]));
}
