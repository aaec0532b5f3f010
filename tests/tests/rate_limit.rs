//! The widget endpoints' per-IP limit (ChatFlow: 60 requests a minute). Its own test binary,
//! so its own `wrangler dev`: exhausting the limit cannot disturb other tests.

use parley_shared_types::message::{Message, SendMessageRequest, SenderType};
use parley_shared_types::problem::ErrorCode;
use parley_tests::{Answer, Api, Server};

const VISITOR_LIMIT_PER_MINUTE: usize = 60;

#[tokio::test]
async fn visitors_past_sixty_requests_a_minute_get_429_with_retry_after() {
    let server = Server::start().await.unwrap();
    let api = Api::new(&server.base_url);
    let path = format!("/api/conversations/{}/messages", uuid::Uuid::new_v4());
    let message = SendMessageRequest {
        content: "hi".into(),
        sender_type: SenderType::Visitor,
        sender_id: "v".into(),
        client_message_id: None,
    };
    let mut accepted = 0;
    let mut refused = None;
    for _ in 0..=VISITOR_LIMIT_PER_MINUTE + 5 {
        let request = api.http.post(api.url(&path)).json(&message);
        let response = request.send().await.unwrap();
        if response.status() == 429 {
            let retry_after = response
                .headers()
                .get("retry-after")
                .map(|v| v.to_str().unwrap().to_owned());
            refused = Some((
                retry_after,
                api.send::<Message>(api.http.post(api.url(&path)).json(&message))
                    .await,
            ));
            break;
        }
        assert_eq!(response.status(), 201);
        accepted += 1;
    }
    let (retry_after, again) = refused.expect("the limit was never enforced");
    assert!(
        accepted >= VISITOR_LIMIT_PER_MINUTE,
        "refused after only {accepted}"
    );
    assert_eq!(retry_after.as_deref(), Some("60"));
    match again {
        Answer::Problem(429, problem) => assert_eq!(problem.code, ErrorCode::RateLimited),
        other => panic!("expected a RATE_LIMITED problem, got {other:?}"),
    }
}
