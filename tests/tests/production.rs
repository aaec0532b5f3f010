//! A deployed Worker (ENVIRONMENT=production) without a configured JWT_SECRET fails closed:
//! it signs no tokens instead of using the development fallback. Its own binary, because it
//! needs its own `wrangler dev`.

use parley_shared_types::auth::SignUpRequest;
use parley_shared_types::problem::ErrorCode;
use parley_tests::{Api, Server};

#[tokio::test]
async fn without_a_jwt_secret_production_issues_no_tokens() {
    let server = Server::start_in("production").await.unwrap();
    let api = Api::new(&server.base_url);
    let sign_up = SignUpRequest {
        workspace_name: "Acme".into(),
        name: "Ada".into(),
        email: "ada@test.parley.dev".into(),
        password: "correct-horse-battery".into(),
    };
    let refused = api
        .post::<_, serde_json::Value>("/auth/v1/signup", &sign_up)
        .await
        .expect_problem(500);
    assert_eq!(refused.code, ErrorCode::ServerError);
    assert!(
        !refused.detail.contains("JWT_SECRET"),
        "internals stay in the log: {}",
        refused.detail
    );
    let forged = api
        .with_token("eyJhbGciOiJIUzI1NiJ9.e30.x")
        .get::<serde_json::Value>("/api/conversations")
        .await;
    assert_eq!(
        forged.status(),
        500,
        "no token is checked against a fallback secret either"
    );
}
