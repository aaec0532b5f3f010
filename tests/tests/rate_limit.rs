//! Rate limits from the ChatFlow contract: widget endpoints 60 a minute per IP, authenticated
//! callers 100 a minute per user. Its own test binary, so its own `wrangler dev`: exhausting
//! the limits cannot disturb other tests.

use parley_shared_types::problem::ErrorCode;
use parley_tests::fixtures::Team;
use parley_tests::{Api, Server};

/// Sends `path` until refused; returns how many were accepted and the refusal.
async fn exhaust(api: &Api, path: &str, limit: usize) -> (usize, reqwest::Response) {
    for accepted in 0..=limit + 5 {
        let response = api
            .request(reqwest::Method::GET, path)
            .send()
            .await
            .unwrap();
        if response.status() == 429 {
            return (accepted, response);
        }
        assert!(
            response.status().is_success(),
            "{path}: {}",
            response.status()
        );
    }
    panic!("{path}: the limit of {limit} was never enforced");
}

async fn assert_refusal(response: reqwest::Response) {
    assert_eq!(response.headers()["retry-after"], "60");
    let problem: parley_shared_types::problem::Problem = response.json().await.unwrap();
    assert_eq!(problem.code, ErrorCode::RateLimited);
}

#[tokio::test]
async fn a_visitor_ip_past_sixty_requests_a_minute_gets_429_with_retry_after() {
    let server = Server::start().await.unwrap();
    let team = Team::new(&server).await;
    let one_ip = Api::new(&server.base_url);
    let (accepted, refusal) = exhaust(
        &one_ip,
        &format!("/api/widgets/{}/config", team.widget.id),
        60,
    )
    .await;
    assert_eq!(accepted, 60);
    assert_refusal(refusal).await;
    let other_ip = Api::new(&server.base_url);
    assert_eq!(
        other_ip
            .get::<serde_json::Value>(&format!("/api/widgets/{}/config", team.widget.id))
            .await
            .status(),
        200,
        "other visitors are unaffected"
    );
}

#[tokio::test]
async fn a_user_past_a_hundred_requests_a_minute_gets_429() {
    let server = Server::start().await.unwrap();
    let team = Team::new(&server).await;
    // Team::new already spent a few of the admin's requests.
    let (accepted, refusal) = exhaust(&team.admin, "/api/widgets", 100).await;
    assert!((95..=100).contains(&accepted), "refused after {accepted}");
    assert_refusal(refusal).await;
    assert_eq!(
        team.agent
            .get::<serde_json::Value>("/api/widgets")
            .await
            .status(),
        200,
        "the limit is per user"
    );
}
