//! The widget when the workspace's plan takes no more conversations this period (its own
//! binary: it moves the server's clock, and browsers share 127.0.0.1's per-IP limit): the
//! visitor reads the widget's offline message, and their message waits, never lost.

use futures_util::future::join_all;
use parley_shared_types::billing::BillingUsage;
use parley_shared_types::conversation::{StartConversationRequest, StartedConversation};
use parley_tests::fixtures::Team;
use parley_tests::widget_page::{js, open, type_message, visit};
use parley_tests::{Api, Server};

#[tokio::test]
async fn past_the_plans_conversations_the_widget_shows_its_offline_message() {
    let server = Server::start().await.unwrap();
    let team = Team::new(&server).await;
    let trial: BillingUsage = team
        .admin
        .get("/api/v1/billing/current")
        .await
        .expect_status(200);
    let trial_end = chrono::DateTime::parse_from_rfc3339(&trial.ends_at.unwrap()).unwrap();
    server
        .set_clock(Some(&(trial_end + chrono::TimeDelta::days(1)).to_rfc3339()))
        .await;
    // On Free: its 100 conversations used by other visitors.
    let request = StartConversationRequest {
        widget_id: team.widget.id.clone(),
        visitor_id: None,
        metadata: None,
    };
    let started = join_all((0..100).map(|_| {
        let visitor = Api::new(&server.base_url);
        let request = request.clone();
        async move {
            visitor
                .post::<_, StartedConversation>("/api/conversations", &request)
                .await
                .status()
        }
    }))
    .await;
    assert!(started.iter().all(|status| *status == 201), "{started:?}");

    let (_page, browser) = visit(&team, "").await;
    open(&browser).await;
    type_message(&browser, "is anyone there?").await;
    let shown = browser
        .wait_for(
            "the offline message",
            &js("const e = root.querySelector('.parley-error'); return e ? e.textContent : null;"),
        )
        .await
        .unwrap();
    assert_eq!(shown.as_str(), Some(team.widget.offline_message.as_str()));
    let waiting = browser
        .wait_for(
            "the message waiting",
            &js("const m = root.querySelector('.parley-message.parley-pending'); return m ? m.textContent : null;"),
        )
        .await
        .unwrap();
    let waiting = waiting.as_str().unwrap_or_default();
    assert!(
        waiting.contains("is anyone there?") && !waiting.contains("Not sent:"),
        "kept in the outbox to send later, not refused: {waiting}"
    );
    server.set_clock(None).await;
}
