//! Rate limits from the ChatFlow contract: widget endpoints 60 a minute per IP, authenticated
//! callers 100 a minute per user or API key, each answer saying what is left. Its own test
//! binary, so its own `wrangler dev`: exhausting the limits cannot disturb other tests.

use parley_shared_types::api_key::{KeyEnvironment, KeyScope};
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

fn header(response: &reqwest::Response, name: &str) -> u64 {
    response.headers()[name]
        .to_str()
        .unwrap()
        .parse()
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// A refusal says when to come back: within the one-minute window, and no sooner than reset.
async fn assert_refusal(response: reqwest::Response) {
    let retry_after = header(&response, "retry-after");
    assert!(
        (1..=60).contains(&retry_after),
        "Retry-After: {retry_after}"
    );
    assert_eq!(header(&response, "x-ratelimit-remaining"), 0);
    assert_eq!(header(&response, "x-ratelimit-reset"), retry_after);
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

#[tokio::test]
async fn every_answer_to_a_key_says_what_is_left_until_a_burst_is_refused() {
    let server = Server::start().await.unwrap();
    let team = Team::new(&server).await;
    let key = team.key_client(KeyEnvironment::Live, KeyScope::Read).await;
    // A live key's rate is its workspace plan's (the sign-up trial's Starter: 300 a minute).
    let plan: serde_json::Value = team
        .admin
        .get("/api/v1/billing/current")
        .await
        .expect_status(200);
    let per_minute = plan["apiRequestsPerMinute"].as_u64().unwrap();
    assert_eq!(per_minute, 300);
    let mut last_remaining = None;
    for _ in 0..per_minute {
        let response = key
            .request(reqwest::Method::GET, "/api/widgets")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(header(&response, "x-ratelimit-limit"), per_minute);
        let remaining = header(&response, "x-ratelimit-remaining");
        if let Some(last) = last_remaining {
            assert_eq!(remaining, last - 1, "each request counts exactly once");
        }
        assert!((1..=60).contains(&header(&response, "x-ratelimit-reset")));
        last_remaining = Some(remaining);
    }
    assert_eq!(last_remaining, Some(0));
    let refusal = key
        .request(reqwest::Method::GET, "/api/widgets")
        .send()
        .await
        .unwrap();
    assert_eq!(refusal.status(), 429);
    assert_refusal(refusal).await;
    let admin = team
        .admin
        .request(reqwest::Method::GET, "/api/widgets")
        .send()
        .await
        .unwrap();
    assert_eq!(admin.status(), 200, "the limit is per key");
    assert!(header(&admin, "x-ratelimit-remaining") > 0);
}
