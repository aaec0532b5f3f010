//! Plan limits against a real `wrangler dev`, each hit exactly at its number under concurrent
//! requests: seats, AI responses (the bot hands off, `/api/chat` answers 429), conversations
//! per billing period (after the sign-up trial ends, on Free), and the period rolling over on
//! the workspace's own date. Sandbox traffic is neither counted nor refused, seats included.

use futures_util::future::join_all;
use parley_shared_types::api_key::{KeyEnvironment, KeyScope};
use parley_shared_types::billing::{BillingUsage, Plan, SubscriptionStatus};
use parley_shared_types::bot::Bot;
use parley_shared_types::conversation::{StartConversationRequest, StartedConversation};
use parley_shared_types::message::SenderType;
use parley_shared_types::problem::ErrorCode;
use parley_tests::fixtures::{DEMO_FAQ, DEMO_QUESTION, PASSWORD, Team, all_messages};
use parley_tests::{Answer, Api, Server};
use serde_json::{Value, json};

async fn usage(api: &Api) -> BillingUsage {
    api.get("/api/v1/billing/current").await.expect_status(200)
}

/// How many answers succeeded, and each refusal's status and code.
fn tally<T: std::fmt::Debug>(answers: Vec<Answer<T>>) -> (usize, Vec<(u16, ErrorCode)>) {
    let mut ok = 0;
    let mut refused = Vec::new();
    for answer in answers {
        match answer {
            Answer::Ok(..) => ok += 1,
            Answer::Problem(status, problem) => refused.push((status, problem.code)),
        }
    }
    (ok, refused)
}

async fn start_conversations(team: &Team, n: usize) -> Vec<Answer<StartedConversation>> {
    let request = StartConversationRequest {
        widget_id: team.widget.id.clone(),
        visitor_id: None,
        metadata: None,
    };
    // Each visitor from their own address, as on the web.
    join_all((0..n).map(|_| {
        let api = Api::new(&team.server_url);
        let request = request.clone();
        async move { api.post("/api/conversations", &request).await }
    }))
    .await
}

#[tokio::test]
async fn the_plans_are_public_with_the_seeds_figures() {
    let server = Server::shared().await;
    let plans: Vec<Plan> = Api::new(&server.base_url)
        .get("/api/v1/billing/plans")
        .await
        .expect_status(200);
    let ids: Vec<&str> = plans.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(
        ids,
        ["plan-free", "plan-starter", "plan-growth", "plan-scale"]
    );
    let starter = &plans[1];
    assert_eq!(
        (
            starter.monthly_price,
            starter.annual_price,
            starter.max_agents,
            starter.max_conversations,
            starter.max_ai_responses
        ),
        (29, 278, 3, 1000, 500)
    );
    let free = &plans[0];
    assert_eq!(
        (
            free.max_agents,
            free.max_conversations,
            free.max_ai_responses
        ),
        (1, 100, 0)
    );
    assert_eq!(
        plans
            .iter()
            .map(|p| p.api_requests_per_minute)
            .collect::<Vec<_>>(),
        [60, 300, 1000, 1000]
    );
}

#[tokio::test]
async fn a_new_workspace_tries_starter_and_every_user_holds_a_seat_exactly() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let start = usage(&team.agent).await;
    assert_eq!(
        (
            start.plan_id.as_str(),
            start.status,
            start.agents_used,
            start.agents_limit
        ),
        ("plan-starter", SubscriptionStatus::Trialing, 2, 3)
    );
    assert!(start.ends_at.is_some(), "the trial ends: {start:?}");
    let _ = team.visitor().await;
    assert_eq!(usage(&team.admin).await.conversations_used, 1);

    // Five admins' requests at once for the one seat left: exactly one gets it.
    let adds = join_all((0..5).map(|i| {
        let admin = team.admin.clone();
        async move {
            admin
                .post::<_, Value>(
                    "/api/users",
                    &json!({"email": format!("seat-{i}-{}@test.parley.dev", uuid::Uuid::new_v4().simple()),
                            "name": format!("Seat {i}"), "password": PASSWORD, "role": "agent"}),
                )
                .await
        }
    }))
    .await;
    let (added, refused) = tally(adds);
    assert_eq!(added, 1, "{refused:?}");
    assert!(
        refused
            .iter()
            .all(|r| *r == (429, ErrorCode::LimitsReached)),
        "{refused:?}"
    );
    let after = usage(&team.admin).await;
    assert_eq!((after.agents_used, after.agents_limit), (3, 3));
    let refusal = team
        .admin
        .post::<_, Value>(
            "/api/users",
            &json!({"email": "one-more@test.parley.dev", "name": "One more", "password": PASSWORD, "role": "agent"}),
        )
        .await
        .expect_problem(429);
    assert!(refusal.detail.contains("add-agent"), "{}", refusal.detail);
}

#[tokio::test]
async fn ai_responses_stop_exactly_at_the_plan_then_people_answer_and_the_sandbox_is_free() {
    let server = Server::shared().await;
    let (team, bot) = Team::with_demo_bot(server).await;
    let limit = usage(&team.admin).await.ai_responses_limit as usize;
    assert_eq!(limit, 500);
    // Two live keys (the plan gives each 300 requests a minute) ask 10 more than the limit.
    let keys = [
        team.key_client(KeyEnvironment::Live, KeyScope::Full).await,
        team.key_client(KeyEnvironment::Live, KeyScope::Full).await,
    ];
    let asked = join_all((0..limit + 10).map(|i| {
        let key = keys[i % 2].clone();
        let bot_id = bot.id.clone();
        async move {
            key.post::<_, Value>(
                "/api/chat",
                &json!({"message": DEMO_FAQ[0].0, "botId": bot_id}),
            )
            .await
        }
    }))
    .await;
    let (answered, refused) = tally(asked);
    assert_eq!(answered, limit, "{:?}", &refused[..refused.len().min(5)]);
    assert_eq!(refused.len(), 10);
    assert!(
        refused
            .iter()
            .all(|r| *r == (429, ErrorCode::LimitsReached)),
        "{refused:?}"
    );
    assert_eq!(usage(&team.admin).await.ai_responses_used as usize, limit);

    // In the widget the visitor never sees an error: the bot hands them to people.
    let visitor = team.visitor().await;
    let mut hub = visitor.hub(server).await;
    visitor.say(DEMO_QUESTION).await;
    let (_, answer) = hub.next_ai_answer().await.unwrap();
    let conversation: Value = team
        .agent
        .get(&format!("/api/conversations/{}", visitor.conversation_id()))
        .await
        .expect_status(200);
    assert_eq!(
        conversation["aiActive"], false,
        "handed to people: {conversation}"
    );
    let messages = all_messages(&team.agent, visitor.conversation_id()).await;
    assert_eq!(
        messages.last().map(|m| (m.sender_type, m.content.clone())),
        Some((SenderType::Ai, answer.content.clone()))
    );

    // The sandbox's bot answers, and nothing of it is counted.
    let sandbox = team.key_client(KeyEnvironment::Test, KeyScope::Full).await;
    let sandbox_bot: Bot = sandbox
        .post("/api/bots", &json!({"name": "Sandbox bot"}))
        .await
        .expect_status(201);
    for _ in 0..3 {
        let _: Value = sandbox
            .post(
                "/api/chat",
                &json!({"message": "hello", "botId": sandbox_bot.id}),
            )
            .await
            .expect_status(200);
    }
    let sandbox_usage = usage(&sandbox).await;
    assert_eq!(sandbox_usage.ai_responses_used, 0, "{sandbox_usage:?}");
    // Nor does it run out of seats (on its own it would be on Free: one).
    for i in 0..3 {
        let _: Value = sandbox
            .post(
                "/api/users",
                &json!({"email": format!("sandbox-{i}-{}@test.parley.dev", uuid::Uuid::new_v4().simple()),
                        "name": format!("Sandbox {i}"), "password": PASSWORD, "role": "agent"}),
            )
            .await
            .expect_status(201);
    }
    assert_eq!(usage(&team.admin).await.ai_responses_used as usize, limit);
}

#[tokio::test]
async fn after_the_trial_free_counts_conversations_exactly_and_the_period_rolls_over() {
    let server = Server::start().await.unwrap();
    let team = Team::new(&server).await;
    let bot = team.bot_knowing("Parley FAQ", &DEMO_FAQ).await;
    let trial = usage(&team.admin).await;
    let trial_end = chrono::DateTime::parse_from_rfc3339(trial.ends_at.as_deref().unwrap())
        .unwrap()
        .with_timezone(&chrono::Utc);

    // A day after the trial: Free, its months counted from the trial's end.
    let day_after = trial_end + chrono::TimeDelta::days(1);
    server.set_clock(Some(&day_after.to_rfc3339())).await;
    let admin = team.admin_again().await;
    let free = usage(&admin).await;
    assert_eq!(
        (
            free.plan_id.as_str(),
            free.status,
            free.conversations_limit,
            free.ai_responses_limit
        ),
        ("plan-free", SubscriptionStatus::Free, 100, 0)
    );
    assert_eq!(
        free.billing_period_start,
        trial_end.format("%Y-%m-%d").to_string()
    );
    let started = start_conversations(&team, 104).await;
    let (ok, refused) = tally(started);
    assert_eq!(ok, 100, "{:?}", &refused[..refused.len().min(5)]);
    assert_eq!(
        refused,
        vec![(429, ErrorCode::LimitsReached); 4],
        "exactly the plan's 100"
    );
    assert_eq!(usage(&admin).await.conversations_used, 100);
    let no_ai = admin
        .post::<_, Value>("/api/chat", &json!({"message": "hello", "botId": bot.id}))
        .await
        .expect_problem(429);
    assert_eq!(no_ai.code, ErrorCode::LimitsReached);

    // A month on, a new period: counted from zero again.
    let next_month = trial_end
        .checked_add_months(chrono::Months::new(1))
        .unwrap()
        + chrono::TimeDelta::hours(1);
    server.set_clock(Some(&next_month.to_rfc3339())).await;
    let admin = team.admin_again().await;
    let rolled = usage(&admin).await;
    assert_eq!(rolled.conversations_used, 0, "{rolled:?}");
    let (ok, _) = tally(start_conversations(&team, 1).await);
    assert_eq!(ok, 1);
    server.set_clock(None).await;
}
