//! The demo's first question, asked by ten fresh visitors in a row (each a new browser
//! profile, so a new conversation): every one sees the bot's answer in the widget. Before, the
//! widget's socket joined after the answer was stored and nothing replayed it.
//!
//! Its own test binary (so its own `wrangler dev`): every browser reaches the edge from one
//! address, so all visits share one per-IP quota, which other tests' visits would spend too.

use parley_tests::Server;
use parley_tests::fixtures::{DEMO_FAQ, DEMO_QUESTION, Team};
use parley_tests::widget_page::{js, open, type_message, visit};
use std::time::Duration;

/// What one visit asks of the per-IP quota, with room to spare: the config, the conversation,
/// the message, the hub, the conversation's state and the answer's read receipt.
const VISIT_REQUESTS: u64 = 8;

/// Waits for the shared per-IP quota to have room for a visit, as the edge's own
/// `X-RateLimit-*` headers say (real visitors each have their own).
async fn room_for_a_visit(server: &Server, widget_id: &str) {
    let url = format!("{}/api/widgets/{widget_id}/config", server.base_url);
    let response = reqwest::get(&url).await.unwrap();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or(0)
    };
    if header("x-ratelimit-remaining") < VISIT_REQUESTS {
        tokio::time::sleep(Duration::from_secs(header("x-ratelimit-reset") + 1)).await;
    }
}

#[tokio::test]
async fn ten_fresh_visitors_each_see_the_first_answer() {
    let server = Server::shared().await;
    let (team, _) = Team::with_demo_bot(server).await;
    let answer = js(
        "const a = root.querySelector('.parley-message.parley-theirs:not(.parley-streaming) .parley-text');
         return a ? a.textContent : null;",
    );
    for visit_no in 1..=10 {
        room_for_a_visit(server, &team.widget.id).await;
        let (_page, visitor) = visit(&team, "").await;
        open(&visitor).await;
        type_message(&visitor, DEMO_QUESTION).await;
        match visitor.wait_for("the first answer", &answer).await {
            Ok(text) => assert_eq!(text, DEMO_FAQ[0].1, "visit {visit_no}"),
            Err(e) => {
                let seen = visitor
                    .client
                    .execute(
                        &js("return root.querySelector('.parley-chat').innerText;"),
                        vec![],
                    )
                    .await
                    .unwrap();
                panic!("visit {visit_no}: {e}; the widget showed: {seen}");
            }
        }
        visitor.close().await.unwrap();
    }
}
