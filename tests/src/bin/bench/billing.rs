//! What metering adds to a counted request: a conversation started on a live workspace (its
//! plan read, then one conditional D1 upsert counting it) against one started in the
//! workspace's sandbox (the plan read only: sandboxes are never counted).

use parley_shared_types::api_key::{KeyEnvironment, KeyScope};
use parley_shared_types::conversation::{StartConversationRequest, StartedConversation};
use parley_shared_types::widget::Widget;
use parley_tests::fixtures::Team;
use parley_tests::{Api, Server};
use serde_json::json;
use std::time::{Duration, Instant};

const STARTS: usize = 150;

async fn starts(server: &Server, widget_id: &str) -> Vec<Duration> {
    let request = StartConversationRequest {
        widget_id: widget_id.to_owned(),
        visitor_id: None,
        metadata: None,
    };
    let mut samples = Vec::with_capacity(STARTS);
    for _ in 0..STARTS {
        // Each from its own address, under the per-IP limit.
        let visitor = Api::new(&server.base_url);
        let started = Instant::now();
        let _: StartedConversation = visitor
            .post("/api/conversations", &request)
            .await
            .expect_status(201);
        samples.push(started.elapsed());
    }
    samples
}

fn p50(samples: &[Duration]) -> f64 {
    let mut sorted = samples.to_vec();
    sorted.sort();
    sorted[sorted.len() / 2].as_secs_f64() * 1000.0
}

pub async fn run(server: &Server) {
    println!("\nMetering (POST /api/conversations, one at a time, {STARTS} each, alternating)");
    let team = Team::new(server).await;
    let sandbox = team.key_client(KeyEnvironment::Test, KeyScope::Full).await;
    let sandbox_widget: Widget = sandbox
        .post("/api/widgets", &json!({"name": "Sandbox widget"}))
        .await
        .expect_status(201);
    // Warm both paths, then alternate halves so drift falls on both alike.
    starts(server, &team.widget.id).await;
    starts(server, &sandbox_widget.id).await;
    let (mut metered, mut unmetered) = (Vec::new(), Vec::new());
    for _ in 0..2 {
        metered.extend(starts(server, &team.widget.id).await);
        unmetered.extend(starts(server, &sandbox_widget.id).await);
    }
    let added = p50(&metered) - p50(&unmetered);
    super::report("metered (live workspace: counted)", metered);
    super::report("unmetered (sandbox: plan read, not counted)", unmetered);
    println!("  added by counting, p50                         {added:>7.2} ms");
}
