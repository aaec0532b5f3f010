//! The admin UI's Agent loops screen in real headless Chromium against `wrangler dev`: an
//! admin creates a loop for a bot (tools ticked, planned steps for the built-in engine), runs
//! it, and watches its steps appear; the API agrees with what the screen made.

use parley_shared_types::agent_loop::{AgentLoop, AgentTool, ExecutionStatus};
use parley_shared_types::page::Page;
use parley_tests::Server;
use parley_tests::admin_page::{click, go, sign_in, type_into, wait_for_text};
use parley_tests::fixtures::{REFUNDS, Team};

#[tokio::test]
async fn an_admin_creates_a_loop_runs_it_and_sees_its_steps() {
    let server = Server::start().await.unwrap();
    let team = Team::new(&server).await;
    let bot = team.bot_knowing("Refund policy", &[REFUNDS]).await;

    let browser = sign_in(&server, &team.admin_user.email).await;
    wait_for_text(&browser, "the nav link", "nav.main-nav", "Agent loops").await;
    go(&browser, "#/agent-loops").await;
    wait_for_text(&browser, "the empty list", ".page", "No agent loops yet").await;
    type_into(&browser, "#loop-name", "Refund digest").await;
    type_into(
        &browser,
        "#loop-instructions",
        "Look up how long refunds take.",
    )
    .await;
    click(&browser, "input[name=loop-tool][value=search_knowledge]").await;
    type_into(&browser, "#loop-max-steps", "3").await;
    type_into(
        &browser,
        "#loop-planned-steps",
        r#"[{"tool": "search_knowledge", "input": {"query": "refunds"}}]"#,
    )
    .await;
    click(&browser, "#save-loop").await;
    wait_for_text(
        &browser,
        "the loop's screen",
        "#agent-loop-name",
        "Refund digest",
    )
    .await;

    let loops: Page<AgentLoop> = team.admin.get("/api/agent-loops").await.expect_status(200);
    assert_eq!(loops.total, 1);
    let created = &loops.data[0];
    assert_eq!(created.bot_id, bot.id);
    assert_eq!(created.tools, [AgentTool::SearchKnowledge]);
    assert_eq!(created.max_steps, 3);
    assert_eq!(created.planned_steps[0].input["query"], "refunds");

    click(&browser, "#run-loop").await;
    wait_for_text(
        &browser,
        "the run's status",
        "#execution-detail",
        "succeeded",
    )
    .await;
    wait_for_text(
        &browser,
        "the recorded step",
        "#execution-steps .execution-step[data-tool=search_knowledge]",
        "succeeded",
    )
    .await;
    wait_for_text(
        &browser,
        "what the step found",
        "#execution-steps .step-output",
        REFUNDS.1,
    )
    .await;
    wait_for_text(&browser, "the runs list", "#loop-executions", "succeeded").await;
    let executions: Page<parley_shared_types::agent_loop::AgentLoopExecution> = team
        .admin
        .get(&format!("/api/agent-loops/{}/executions", created.id))
        .await
        .expect_status(200);
    assert_eq!(executions.total, 1);
    assert_eq!(executions.data[0].status, ExecutionStatus::Succeeded);
    browser.close().await.unwrap();
}
