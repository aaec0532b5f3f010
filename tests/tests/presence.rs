//! Presence in the open widget, in real headless Chromium against `wrangler dev`: an agent
//! signing in or out changes what the visitor sees without a reload.
//!
//! Its own test binary (so its own `wrangler dev`): every browser reaches the edge from one
//! address, and the widget's presence reads must not meet a per-IP quota other tests' visits
//! have spent.

use parley_tests::Server;
use parley_tests::admin_page::{inbox_ready, sign_in};
use parley_tests::fixtures::Team;
use parley_tests::widget_page::{offline_banner, open, visit};

#[tokio::test]
async fn presence_is_live_in_the_open_widget() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let (_page, visitor) = visit(&team, "").await;
    open(&visitor).await;
    offline_banner(&visitor, true).await;
    // The agent comes online while the visitor has the chat open: no reload needed.
    let agent = sign_in(server, &team.agent_user.email).await;
    inbox_ready(&agent).await;
    offline_banner(&visitor, false).await;
    // And leaves.
    agent.close().await.unwrap();
    offline_banner(&visitor, true).await;
    visitor.close().await.unwrap();
}
