//! Agent loops against `wrangler dev`: with an OpenAI-compatible integration (the fake speaks
//! Chat Completions tool calling) and with the built-in engine's planned steps; every step is
//! recorded and readable while the execution runs; an execution survives a restart, can be
//! canceled, ends on its budget or a refused host with a reason, reaches webhooks as
//! `agent_loop.completed`; a schedule fires once per period without overlapping; and nothing
//! crosses workspaces.

use parley_shared_types::agent_loop::{
    AgentLoop, AgentLoopExecution, ExecutionStatus, ExecutionTrigger, LoopEngine, StepKind,
    StepStatus,
};
use parley_shared_types::hub::ServerEvent;
use parley_shared_types::message::SenderType;
use parley_shared_types::page::Page;
use parley_shared_types::problem::ErrorCode;
use parley_tests::fake_openai::{API_KEY, FakeOpenAi};
use parley_tests::fixtures::{REFUNDS, Team, all_messages};
use parley_tests::hub::HubClient;
use parley_tests::{Api, Server, WebhookReceiver};
use serde_json::{Value, json};
use std::time::Duration;

async fn create_loop(api: &Api, body: Value) -> AgentLoop {
    api.post("/api/agent-loops", &body).await.expect_status(201)
}

async fn run(api: &Api, agent_loop: &AgentLoop) -> AgentLoopExecution {
    let started: AgentLoopExecution = api
        .post_empty(&format!("/api/agent-loops/{}/run", agent_loop.id))
        .await
        .expect_status(202);
    assert_eq!(started.status, ExecutionStatus::Queued);
    started
}

async fn execution(api: &Api, loop_id: &str, execution_id: &str) -> AgentLoopExecution {
    api.get(&format!(
        "/api/agent-loops/{loop_id}/executions/{execution_id}"
    ))
    .await
    .expect_status(200)
}

async fn cancel(api: &Api, loop_id: &str, execution_id: &str) -> AgentLoopExecution {
    api.post_empty(&format!(
        "/api/agent-loops/{loop_id}/executions/{execution_id}/cancel"
    ))
    .await
    .expect_status(200)
}

/// The execution once it has ended (within a generous bound).
async fn ended(api: &Api, loop_id: &str, execution_id: &str) -> AgentLoopExecution {
    for _ in 0..600 {
        let current = execution(api, loop_id, execution_id).await;
        if current.status.is_final() {
            return current;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("execution {execution_id} did not end");
}

async fn executions(api: &Api, loop_id: &str) -> Page<AgentLoopExecution> {
    api.get(&format!("/api/agent-loops/{loop_id}/executions"))
        .await
        .expect_status(200)
}

/// Waits until the fake has been asked `count` times.
async fn asked(fake: &FakeOpenAi, count: usize) {
    for _ in 0..600 {
        if fake.requests().len() >= count {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!(
        "the model was asked {} times, not {count}",
        fake.requests().len()
    );
}

fn tools_of(execution: &AgentLoopExecution) -> Vec<(StepKind, Option<String>)> {
    execution
        .steps
        .iter()
        .flatten()
        .map(|s| (s.kind, s.tool.clone()))
        .collect()
}

fn tool(name: &str) -> (StepKind, Option<String>) {
    (StepKind::Tool, Some(name.to_owned()))
}

const MODEL: (StepKind, Option<String>) = (StepKind::Model, None);

/// A conversation of `team` whose visitor listens on the hub.
async fn listening_visitor(server: &Server, team: &Team) -> (String, HubClient) {
    let visitor = team.visitor().await;
    let hub = visitor.hub(server).await;
    (visitor.conversation_id().to_owned(), hub)
}

async fn next_ai_message(hub: &mut HubClient) -> String {
    let event = hub
        .next_event_where(
            |e| matches!(e, ServerEvent::ReceiveMessage(m) if m.sender_type == SenderType::Ai),
        )
        .await
        .unwrap();
    match event {
        ServerEvent::ReceiveMessage(message) => message.content,
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn with_tool_calling_a_loop_searches_posts_live_and_finishes() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let fake = FakeOpenAi::start(8192, API_KEY).await.unwrap();
    let (bot, _) = team.openai_bot(&fake, 8192, 300).await;
    let (conversation_id, mut hub) = listening_visitor(server, &team).await;
    let posted = "Good news: refunds reach your card within 5 business days.";
    fake.reply_tool_call(
        "search_knowledge",
        r#"{"query":"how long do refunds take"}"#,
    );
    fake.reply_tool_call(
        "post_message",
        &json!({"conversationId": conversation_id, "content": posted}).to_string(),
    );
    fake.reply_with(&["I told the visitor about refunds."]);
    let agent_loop = create_loop(
        &team.admin,
        json!({"name": "Refund follow-up", "botId": bot.id,
            "instructions": format!("Tell the visitor of conversation {conversation_id} how long refunds take."),
            "tools": ["search_knowledge", "post_message"], "maxSteps": 5}),
    )
    .await;
    let started = run(&team.admin, &agent_loop).await;
    assert_eq!(started.engine, LoopEngine::Openai);

    assert_eq!(next_ai_message(&mut hub).await, posted, "the post is live");
    let done = ended(&team.admin, &agent_loop.id, &started.id).await;
    assert_eq!(done.status, ExecutionStatus::Succeeded, "{done:?}");
    assert_eq!(done.reason, None);
    assert_eq!(
        done.output.as_deref(),
        Some("I told the visitor about refunds.")
    );
    assert_eq!(
        tools_of(&done),
        [
            MODEL,
            tool("search_knowledge"),
            MODEL,
            tool("post_message"),
            MODEL
        ]
    );
    let steps = done.steps.clone().unwrap();
    assert!(steps.iter().all(|s| s.status == StepStatus::Succeeded));
    assert_eq!(
        steps.iter().map(|s| s.index).collect::<Vec<_>>(),
        [1, 2, 3, 4, 5]
    );
    assert!(
        steps[1].output.to_string().contains(REFUNDS.1),
        "{:?}",
        steps[1]
    );
    assert_eq!(steps[1].input["query"], "how long do refunds take");
    assert!(steps[0].tokens > 0 && done.tokens >= steps[0].tokens);

    // The wire format: tools offered as functions, each result sent back under its call's id.
    let requests = fake.requests();
    assert_eq!(requests.len(), 3);
    assert_eq!(requests[0].tools, ["search_knowledge", "post_message"]);
    assert_eq!(requests[0].tool_choice.as_deref(), Some("auto"));
    assert_eq!(requests[1].tool_results.len(), 1);
    assert_eq!(requests[1].tool_results[0].0, "call_0_search_knowledge");
    assert!(requests[1].tool_results[0].1.contains(REFUNDS.1));
    assert_eq!(requests[2].tool_results[1].0, "call_0_post_message");

    let stored = all_messages(&team.admin, &conversation_id).await;
    let from_bot: Vec<_> = stored
        .iter()
        .filter(|m| m.sender_type == SenderType::Ai)
        .collect();
    assert_eq!(from_bot.len(), 1);
    assert_eq!(from_bot[0].content, posted);
    assert_eq!(from_bot[0].sender_id, bot.id);
}

#[tokio::test]
async fn the_built_in_engine_runs_the_planned_steps_offline() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let bot = team.bot_knowing("Refund policy", &[REFUNDS]).await;
    let (conversation_id, mut hub) = listening_visitor(server, &team).await;
    let agent_loop = create_loop(
        &team.admin,
        json!({"name": "Nightly refund note", "botId": bot.id,
        "instructions": "Look up the refund policy and post it.",
        "tools": ["search_knowledge", "post_message"],
        "plannedSteps": [
            {"tool": "search_knowledge", "input": {"query": "refunds"}},
            {"tool": "post_message", "input": {"conversationId": conversation_id,
                "content": "Refunds take 5 business days."}},
        ]}),
    )
    .await;
    assert_eq!(agent_loop.max_steps, 10, "the default budget");
    let started = run(&team.admin, &agent_loop).await;
    assert_eq!(started.engine, LoopEngine::Builtin);
    assert_eq!(started.trigger, ExecutionTrigger::Manual);
    assert_eq!(
        next_ai_message(&mut hub).await,
        "Refunds take 5 business days."
    );
    let done = ended(&team.admin, &agent_loop.id, &started.id).await;
    assert_eq!(done.status, ExecutionStatus::Succeeded, "{done:?}");
    assert_eq!(
        tools_of(&done),
        [tool("search_knowledge"), tool("post_message")]
    );
    let steps = done.steps.unwrap();
    assert!(
        steps[0].output["results"][0]["content"]
            .as_str()
            .unwrap()
            .contains(REFUNDS.1)
    );
    assert_eq!(steps[1].output["conversationId"], conversation_id.as_str());
    assert!(done.started_at.is_some() && done.finished_at.is_some());

    let listed = executions(&team.admin, &agent_loop.id).await;
    assert_eq!(listed.total, 1);
    assert_eq!(listed.data[0].id, started.id);
    assert!(
        listed.data[0].steps.is_none(),
        "the list leaves the steps out"
    );
}

#[tokio::test]
async fn a_handoff_step_gives_the_conversation_to_people() {
    let server = Server::shared().await;
    let mut team = Team::new(server).await;
    let bot = team.bot_knowing("Refund policy", &[REFUNDS]).await;
    team.answer_with(&bot).await;
    let visitor = team.visitor().await;
    let agent_loop = create_loop(
        &team.admin,
        json!({"name": "Escalate", "botId": bot.id, "instructions": "Hand it over.",
            "tools": ["handoff"],
            "plannedSteps": [{"tool": "handoff", "input": {"conversationId": visitor.conversation_id()}}]}),
    )
    .await;
    let started = run(&team.admin, &agent_loop).await;
    let done = ended(&team.admin, &agent_loop.id, &started.id).await;
    assert_eq!(done.status, ExecutionStatus::Succeeded, "{done:?}");
    let conversation: Value = team
        .admin
        .get(&format!("/api/conversations/{}", visitor.conversation_id()))
        .await
        .expect_status(200);
    assert_eq!(conversation["aiActive"], false, "{conversation}");
}

#[tokio::test]
async fn a_loop_beyond_its_budget_fails_as_budget_exhausted() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let bot = team.bot_knowing("Refund policy", &[REFUNDS]).await;
    let search = json!({"tool": "search_knowledge", "input": {"query": "refunds"}});
    let agent_loop = create_loop(
        &team.admin,
        json!({"name": "Greedy", "botId": bot.id, "instructions": "Search a lot.",
            "tools": ["search_knowledge"], "maxSteps": 2,
            "plannedSteps": [search, search, search]}),
    )
    .await;
    let started = run(&team.admin, &agent_loop).await;
    let done = ended(&team.admin, &agent_loop.id, &started.id).await;
    assert_eq!(done.status, ExecutionStatus::Failed);
    assert_eq!(done.reason.as_deref(), Some("budget_exhausted"));
    assert_eq!(done.step_count, 2, "the budget's steps ran, no more");

    // The model's wishes count against the same budget.
    let fake = FakeOpenAi::start(8192, API_KEY).await.unwrap();
    let (bot, _) = team.openai_bot(&fake, 8192, 300).await;
    let query = r#"{"query":"refunds"}"#;
    fake.reply_tool_calls(&[("search_knowledge", query), ("search_knowledge", query)]);
    let agent_loop = create_loop(
        &team.admin,
        json!({"name": "Greedy model", "botId": bot.id, "instructions": "Search a lot.",
            "tools": ["search_knowledge"], "maxSteps": 1}),
    )
    .await;
    let started = run(&team.admin, &agent_loop).await;
    let done = ended(&team.admin, &agent_loop.id, &started.id).await;
    assert_eq!(done.reason.as_deref(), Some("budget_exhausted"), "{done:?}");
    assert_eq!(tools_of(&done), [MODEL, tool("search_knowledge")]);
}

#[tokio::test]
async fn http_requests_reach_only_the_allowed_hosts() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let bot = team.bot_knowing("Refund policy", &[REFUNDS]).await;
    let receiver = WebhookReceiver::start(0).await;
    let allowed = create_loop(
        &team.admin,
        json!({"name": "Notify", "botId": bot.id, "instructions": "Tell the CRM.",
            "tools": ["http_request"], "allowedHosts": ["127.0.0.1"],
            "plannedSteps": [{"tool": "http_request",
                "input": {"method": "POST", "url": receiver.url, "body": {"note": "refund asked"}}}]}),
    )
    .await;
    let started = run(&team.admin, &allowed).await;
    let done = ended(&team.admin, &allowed.id, &started.id).await;
    assert_eq!(done.status, ExecutionStatus::Succeeded, "{done:?}");
    assert_eq!(done.steps.unwrap()[0].output["status"], 200);
    assert_eq!(
        receiver.received()[0].json(),
        json!({"note": "refund asked"})
    );

    let refused = create_loop(
        &team.admin,
        json!({"name": "Wander", "botId": bot.id, "instructions": "Look around.",
            "tools": ["http_request"], "allowedHosts": ["api.example.com"],
            "plannedSteps": [{"tool": "http_request", "input": {"method": "GET", "url": receiver.url}}]}),
    )
    .await;
    let started = run(&team.admin, &refused).await;
    let done = ended(&team.admin, &refused.id, &started.id).await;
    assert_eq!(done.status, ExecutionStatus::Failed);
    assert_eq!(done.reason.as_deref(), Some("tool_failed"));
    let step = &done.steps.unwrap()[0];
    assert_eq!(step.status, StepStatus::Failed);
    let error = step.error.as_deref().unwrap();
    assert!(
        error.contains("127.0.0.1") && error.contains("not one of the loop's allowed hosts"),
        "{error}"
    );
    assert_eq!(
        receiver.received().len(),
        1,
        "the refused request was never sent"
    );
}

#[tokio::test]
async fn a_step_that_takes_too_long_fails_the_execution_as_timeout() {
    let server = Server::start_with_vars(&[("AGENT_LOOP_STEP_TIMEOUT_MS", "1500")])
        .await
        .unwrap();
    let team = Team::new(&server).await;
    let bot = team.bot_knowing("Refund policy", &[REFUNDS]).await;
    // A host that takes every connection and never answers.
    let (silent, port) = parley_tests::process::loopback_listener().await.unwrap();
    let holding = tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = silent.accept().await {
            held.push(socket);
        }
    });
    let agent_loop = create_loop(
        &team.admin,
        json!({"name": "Patient", "botId": bot.id, "instructions": "Wait for it.",
            "tools": ["http_request"], "allowedHosts": ["127.0.0.1"],
            "plannedSteps": [{"tool": "http_request",
                "input": {"method": "GET", "url": format!("http://127.0.0.1:{port}/slow")}}]}),
    )
    .await;
    let started = run(&team.admin, &agent_loop).await;
    let done = ended(&team.admin, &agent_loop.id, &started.id).await;
    assert_eq!(done.status, ExecutionStatus::Failed, "{done:?}");
    assert_eq!(done.reason.as_deref(), Some("timeout"));
    let step = &done.steps.unwrap()[0];
    assert_eq!(step.status, StepStatus::Failed);
    assert!(
        step.error.as_deref().unwrap().contains("longer than"),
        "{step:?}"
    );
    holding.abort();
}

#[tokio::test]
async fn the_end_of_an_execution_reaches_webhooks() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let bot = team.bot_knowing("Refund policy", &[REFUNDS]).await;
    let receiver = WebhookReceiver::start(0).await;
    let _: Value = team
        .admin
        .post(
            "/api/webhooks",
            &json!({"url": receiver.url, "events": ["agent_loop.completed"]}),
        )
        .await
        .expect_status(201);
    let agent_loop = create_loop(
        &team.admin,
        json!({"name": "Report", "botId": bot.id, "instructions": "Search once.",
            "tools": ["search_knowledge"],
            "plannedSteps": [{"tool": "search_knowledge", "input": {"query": "refunds"}}]}),
    )
    .await;
    let started = run(&team.admin, &agent_loop).await;
    let delivered = receiver.wait_for(1).await;
    let payload = delivered[0].json();
    assert_eq!(delivered[0].header("parley-event"), "agent_loop.completed");
    assert_eq!(payload["event"], "agent_loop.completed");
    let data = &payload["data"];
    assert_eq!(data["loopId"], agent_loop.id.as_str());
    assert_eq!(data["executionId"], started.id.as_str());
    assert_eq!(data["status"], "succeeded");
    assert_eq!(data["reason"], Value::Null);
    assert_eq!(data["steps"], 1);
}

#[tokio::test]
async fn a_cancel_stops_the_execution_before_its_next_step() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let fake = FakeOpenAi::start(8192, API_KEY).await.unwrap();
    let (bot, _) = team.openai_bot(&fake, 8192, 300).await;
    let release = fake.reply_tool_call_held("search_knowledge", r#"{"query":"refunds"}"#);
    let agent_loop = create_loop(
        &team.admin,
        json!({"name": "Slow", "botId": bot.id, "instructions": "Search.",
            "tools": ["search_knowledge"]}),
    )
    .await;
    let started = run(&team.admin, &agent_loop).await;
    asked(&fake, 1).await;
    let running = execution(&team.admin, &agent_loop.id, &started.id).await;
    assert_eq!(running.status, ExecutionStatus::Running);

    let canceled = cancel(&team.admin, &agent_loop.id, &started.id).await;
    assert_eq!(canceled.status, ExecutionStatus::Canceled);
    assert_eq!(canceled.reason.as_deref(), Some("canceled"));

    // The model's answer arrives after the cancel: the step it ends is recorded, no other
    // step follows, and the execution stays canceled.
    release.notify_one();
    let mut after = execution(&team.admin, &agent_loop.id, &started.id).await;
    for _ in 0..300 {
        if after.steps.as_ref().is_some_and(|s| !s.is_empty()) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        after = execution(&team.admin, &agent_loop.id, &started.id).await;
    }
    assert_eq!(tools_of(&after), [MODEL]);
    assert_eq!(after.status, ExecutionStatus::Canceled);
    assert_eq!(fake.requests().len(), 1);
    // Canceling again answers it as it ended.
    let again = cancel(&team.admin, &agent_loop.id, &started.id).await;
    assert_eq!(again.status, ExecutionStatus::Canceled);
}

#[tokio::test]
async fn bad_loops_are_refused_with_the_field_that_is_wrong() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let bot = team.bot_knowing("Refund policy", &[REFUNDS]).await;
    let other = Team::new(server).await;
    let other_bot = other.bot_knowing("Theirs", &[REFUNDS]).await;
    let valid = json!({"name": "Loop", "botId": bot.id, "instructions": "Do it."});
    let with = |change: Value| {
        let mut body = valid.clone();
        body.as_object_mut()
            .unwrap()
            .extend(change.as_object().unwrap().clone());
        body
    };
    let cases = [
        (with(json!({"instructions": "  "})), "instructions"),
        (with(json!({"botId": other_bot.id})), "botId"),
        (with(json!({"botId": "not-a-uuid"})), "botId"),
        (with(json!({"maxSteps": 0})), "maxSteps"),
        (with(json!({"maxSteps": 51})), "maxSteps"),
        (
            with(json!({"tools": ["search_knowledge", "teleport"]})),
            "tools[1]",
        ),
        (with(json!({"tools": ["http_request"]})), "allowedHosts"),
        (
            with(json!({"tools": ["http_request"], "allowedHosts": ["https://x.io/a"]})),
            "allowedHosts[0]",
        ),
        (
            with(json!({"schedule": {"everyMinutes": 0}})),
            "schedule.everyMinutes",
        ),
        (
            with(json!({"plannedSteps": [{"tool": "handoff", "input": {}}]})),
            "plannedSteps[0].tool",
        ),
    ];
    for (body, field) in cases {
        let problem = team
            .admin
            .post::<_, Value>("/api/agent-loops", &body)
            .await
            .expect_problem(422);
        assert_eq!(problem.code, ErrorCode::ValidationFailed, "{body}");
        assert!(problem.errors.contains_key(field), "{field}: {problem:?}");
    }
    let no_name = team
        .admin
        .post::<_, Value>("/api/agent-loops", &json!({"botId": bot.id}))
        .await
        .expect_problem(422);
    for field in ["name", "instructions"] {
        assert!(no_name.errors.contains_key(field), "{no_name:?}");
    }
    let shapeless = team
        .admin
        .post::<_, Value>("/api/agent-loops", &with(json!({"schedule": "daily"})))
        .await;
    assert!(matches!(shapeless.status(), 400 | 422));

    // A change is checked against the loop it makes.
    let agent_loop = create_loop(&team.admin, valid.clone()).await;
    let path = format!("/api/agent-loops/{}", agent_loop.id);
    let problem = team
        .admin
        .patch::<_, Value>(&path, &json!({"tools": ["http_request"]}))
        .await
        .expect_problem(422);
    assert!(problem.errors.contains_key("allowedHosts"));
    let changed: AgentLoop = team
        .admin
        .patch(
            &path,
            &json!({"tools": ["http_request"], "allowedHosts": ["API.example.com"],
                "schedule": {"everyMinutes": 30}}),
        )
        .await
        .expect_status(200);
    assert_eq!(changed.allowed_hosts, ["api.example.com"]);
    assert_eq!(changed.schedule.map(|s| s.every_minutes), Some(30));
    let unscheduled: AgentLoop = team
        .admin
        .patch(&path, &json!({"schedule": null}))
        .await
        .expect_status(200);
    assert_eq!(unscheduled.schedule, None);
    assert_eq!(unscheduled.allowed_hosts, ["api.example.com"]);
    // Agents read loops; only admins change or run them.
    let _: AgentLoop = team.agent.get(&path).await.expect_status(200);
    let refused = team
        .agent
        .post_empty::<Value>(&format!("{path}/run"))
        .await
        .expect_problem(403);
    assert_eq!(refused.code, ErrorCode::Forbidden);
    let _: Value = team.admin.delete(&path).await.expect_status(204);
    let _ = team.admin.get::<Value>(&path).await.expect_problem(404);
}

#[tokio::test]
async fn another_workspace_sees_no_loop_and_no_execution() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let bot = team.bot_knowing("Refund policy", &[REFUNDS]).await;
    let agent_loop = create_loop(
        &team.admin,
        json!({"name": "Private", "botId": bot.id, "instructions": "Search.",
            "tools": ["search_knowledge"],
            "plannedSteps": [{"tool": "search_knowledge", "input": {"query": "refunds"}}]}),
    )
    .await;
    let started = run(&team.admin, &agent_loop).await;
    ended(&team.admin, &agent_loop.id, &started.id).await;

    let stranger = Team::new(server).await;
    let base = format!("/api/agent-loops/{}", agent_loop.id);
    let execution_path = format!("{base}/executions/{}", started.id);
    for path in [
        base.clone(),
        format!("{base}/executions"),
        execution_path.clone(),
    ] {
        let problem = stranger.admin.get::<Value>(&path).await.expect_problem(404);
        assert_eq!(problem.code, ErrorCode::NotFound, "{path}");
    }
    for path in [format!("{base}/run"), format!("{execution_path}/cancel")] {
        let _ = stranger
            .admin
            .post_empty::<Value>(&path)
            .await
            .expect_problem(404);
    }
    let _ = stranger
        .admin
        .patch::<_, Value>(&base, &json!({"name": "Mine now"}))
        .await
        .expect_problem(404);
    let _ = stranger
        .admin
        .delete::<Value>(&base)
        .await
        .expect_problem(404);
    let theirs: Page<AgentLoop> = stranger
        .admin
        .get("/api/agent-loops")
        .await
        .expect_status(200);
    assert_eq!(theirs.total, 0);
    // The loop is untouched, and an execution id is found only under its own loop.
    let other_loop = create_loop(
        &team.admin,
        json!({"name": "Sibling", "botId": bot.id, "instructions": "Nothing."}),
    )
    .await;
    let _ = team
        .admin
        .get::<Value>(&format!(
            "/api/agent-loops/{}/executions/{}",
            other_loop.id, started.id
        ))
        .await
        .expect_problem(404);
    let mine: AgentLoop = team.admin.get(&base).await.expect_status(200);
    assert_eq!(mine.name, "Private");
}

#[tokio::test]
async fn an_execution_survives_a_restart_and_resumes_at_its_step() {
    let server = Server::start().await.unwrap();
    let team = Team::new(&server).await;
    let fake = FakeOpenAi::start(8192, API_KEY).await.unwrap();
    let (bot, _) = team.openai_bot(&fake, 8192, 300).await;
    let visitor = team.visitor().await;
    let conversation_id = visitor.conversation_id().to_owned();
    let post = json!({"conversationId": conversation_id, "content": "Refunds take 5 days."});
    fake.reply_tool_call("search_knowledge", r#"{"query":"refunds"}"#);
    // The second request is cut off by the crash (its answer never comes).
    let _never = fake.reply_tool_call_held("post_message", &post.to_string());
    fake.reply_tool_call("post_message", &post.to_string());
    fake.reply_with(&["Posted."]);
    let agent_loop = create_loop(
        &team.admin,
        json!({"name": "Survivor", "botId": bot.id, "instructions": "Post the refund policy.",
            "tools": ["search_knowledge", "post_message"]}),
    )
    .await;
    let started = run(&team.admin, &agent_loop).await;
    asked(&fake, 2).await;
    // Readable while it runs: the steps so far.
    let midway = execution(&team.admin, &agent_loop.id, &started.id).await;
    assert_eq!(midway.status, ExecutionStatus::Running);
    assert_eq!(tools_of(&midway), [MODEL, tool("search_knowledge")]);

    server.crash_and_restart().await.unwrap();

    let done = ended(&team.admin, &agent_loop.id, &started.id).await;
    assert_eq!(done.status, ExecutionStatus::Succeeded, "{done:?}");
    assert_eq!(
        tools_of(&done),
        [
            MODEL,
            tool("search_knowledge"),
            MODEL,
            tool("post_message"),
            MODEL
        ]
    );
    assert_eq!(
        fake.requests().len(),
        4,
        "the cut-off request was asked again"
    );
    let posted: Vec<_> = all_messages(&team.admin, &conversation_id)
        .await
        .into_iter()
        .filter(|m| m.sender_type == SenderType::Ai)
        .collect();
    assert_eq!(posted.len(), 1);
}

#[tokio::test]
async fn a_schedule_runs_once_per_period_and_never_over_a_running_execution() {
    let server = Server::start_with_vars(&[("AGENT_LOOP_SCHEDULE_TICK_MS", "300")])
        .await
        .unwrap();
    let team = Team::new(&server).await;
    let fake = FakeOpenAi::start(8192, API_KEY).await.unwrap();
    let (bot, _) = team.openai_bot(&fake, 8192, 300).await;
    let release = fake.reply_tool_call_held("search_knowledge", r#"{"query":"refunds"}"#);
    let agent_loop = create_loop(
        &team.admin,
        json!({"name": "Hourly", "botId": bot.id, "instructions": "Search.",
            "tools": ["search_knowledge"], "schedule": {"everyMinutes": 60}}),
    )
    .await;
    let start = now_ms();
    assert_eq!(executions(&team.admin, &agent_loop.id).await.total, 0);

    // One period on: the schedule starts a run (held while the model thinks).
    server.set_clock(Some(&at(start, 61))).await;
    asked(&fake, 1).await;
    let admin = team.admin_again().await;
    let first = executions(&admin, &agent_loop.id).await;
    assert_eq!(first.total, 1);
    assert_eq!(first.data[0].trigger, ExecutionTrigger::Schedule);

    // Another period passes while it runs: that period's run is skipped, not overlapped.
    server.set_clock(Some(&at(start, 121))).await;
    release.notify_one();
    let admin = team.admin_again().await;
    let done = ended(&admin, &agent_loop.id, &first.data[0].id).await;
    assert_eq!(done.status, ExecutionStatus::Succeeded, "{done:?}");
    assert_eq!(executions(&admin, &agent_loop.id).await.total, 1);

    // The next period runs again, once.
    server.set_clock(Some(&at(start, 181))).await;
    asked(&fake, 3).await;
    let admin = team.admin_again().await;
    let mut second = executions(&admin, &agent_loop.id).await;
    assert_eq!(second.total, 2);
    ended(&admin, &agent_loop.id, &second.data[0].id).await;
    // Several ticks later, still once for this period.
    for _ in 0..10 {
        tokio::time::sleep(Duration::from_millis(300)).await;
        second = executions(&admin, &agent_loop.id).await;
    }
    assert_eq!(second.total, 2);
    assert_eq!(fake.requests().len(), 3);
    server.set_clock(None).await;
}

/// Now, in Unix milliseconds.
fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

/// `minutes` after `start_ms`, as RFC 3339 (what the dev clock takes).
fn at(start_ms: i64, minutes: i64) -> String {
    chrono::DateTime::from_timestamp_millis(start_ms + minutes * 60_000)
        .unwrap()
        .to_rfc3339()
}
