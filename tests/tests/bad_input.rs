//! Bad input on every route gets problem JSON, never a 500, and writes nothing: a request
//! that cannot be read is 400 `BAD_REQUEST`, one whose values break the rules 422
//! `VALIDATION_FAILED` with per-field errors, a wrong method 405, a duplicate 409.

use parley_shared_types::conversation::Conversation;
use parley_shared_types::message::MAX_MESSAGE_CHARS;
use parley_shared_types::page::Page;
use parley_shared_types::problem::{ErrorCode, Problem};
use parley_shared_types::widget::Widget;
use parley_tests::fixtures::{self, PASSWORD, Team, Visitor};
use parley_tests::{Api, Server};
use serde_json::{Value, json};

async fn raw(api: &Api, method: reqwest::Method, path: &str, body: &str) -> (u16, Problem) {
    let request = api
        .request(method, path)
        .header("content-type", "application/json")
        .body(body.to_owned());
    match api.send::<Value>(request).await {
        parley_tests::Answer::Problem(status, problem) => (status, problem),
        other => panic!("{path} with {body:?}: expected problem JSON, got {other:?}"),
    }
}

/// The visitor's conversation holds no message: what was refused wrote nothing.
async fn assert_nothing_stored(visitor: &Visitor) {
    let messages: Page<Value> = visitor
        .api
        .get(&visitor.messages_path())
        .await
        .expect_status(200);
    assert_eq!(messages.total, 0);
}

#[tokio::test]
async fn malformed_bodies_are_400_with_the_reason() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let visitor = team.visitor().await;
    let post = reqwest::Method::POST;
    let cases: Vec<(&Api, reqwest::Method, String, &str)> = vec![
        (
            &team.admin,
            post.clone(),
            "/auth/v1/signup".into(),
            "{\"email\":",
        ),
        (
            &team.admin,
            post.clone(),
            "/auth/v1/signup".into(),
            "{\"workspaceName\":1,\"name\":\"a\",\"email\":\"a@b.co\",\"password\":\"12345678\"}",
        ),
        (
            &team.admin,
            post.clone(),
            "/auth/v1/token?grant_type=password".into(),
            "[]",
        ),
        (
            &team.admin,
            post.clone(),
            "/api/widgets".into(),
            "{\"name\":\"x\",\"aiEnabled\":\"yes\"}",
        ),
        (
            &team.admin,
            post.clone(),
            "/api/widgets".into(),
            "{\"nmae\":\"typo\"}",
        ),
        (
            &team.admin,
            post.clone(),
            "/api/users".into(),
            "{\"email\":\"a@b.co\"}",
        ),
        (&team.admin, post.clone(), "/api/conversations".into(), "{}"),
        (
            &visitor.api,
            post.clone(),
            visitor.messages_path(),
            "{\"content\":42}",
        ),
        (
            &visitor.api,
            post.clone(),
            visitor.messages_path(),
            "not json",
        ),
        (
            &team.agent,
            post.clone(),
            format!("/api/conversations/{}/assign", visitor.conversation_id()),
            "{\"agent\":\"x\"}",
        ),
    ];
    for (api, method, path, body) in cases {
        let (status, problem) = raw(api, method, &path, body).await;
        assert_eq!(
            (status, problem.code),
            (400, ErrorCode::BadRequest),
            "{path} with {body}: {problem:?}"
        );
        assert!(!problem.detail.is_empty());
    }
}

/// A client that sends its body a byte at a time to hold a request open (slow-loris) is cut
/// off with 408 `REQUEST_TIMEOUT` long before its body would be complete, and nothing is
/// stored.
#[tokio::test]
async fn a_trickled_body_is_cut_off_with_408() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let visitor = team.visitor().await;
    let address = server.base_url.trim_start_matches("http://").to_owned();
    let body = json!({"content": "x".repeat(300)}).to_string();
    let head = format!(
        "POST {} HTTP/1.1\r\nHost: {address}\r\nAuthorization: Bearer {}\r\n\
         CF-Connecting-IP: {}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n",
        visitor.messages_path(),
        visitor.api.token.as_deref().unwrap(),
        visitor.api.client_ip,
        body.len()
    );
    let stream = tokio::net::TcpStream::connect(&address).await.unwrap();
    let (mut reader, mut writer) = stream.into_split();
    writer.write_all(head.as_bytes()).await.unwrap();
    // One byte a second: the whole body would take five minutes.
    let trickle = tokio::spawn(async move {
        for byte in body.bytes() {
            if writer.write_all(&[byte]).await.is_err() {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_secs(1)).await;
        }
    });
    let mut answer = Vec::new();
    let mut chunk = [0u8; 4096];
    while !String::from_utf8_lossy(&answer).contains("REQUEST_TIMEOUT") {
        match reader.read(&mut chunk).await.unwrap() {
            0 => break,
            read => answer.extend_from_slice(&chunk[..read]),
        }
    }
    let answer = String::from_utf8_lossy(&answer).into_owned();
    assert!(
        !trickle.is_finished(),
        "the answer came only after the whole body: {answer}"
    );
    trickle.abort();
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("application/problem+json"), "{answer}");
    assert_nothing_stored(&visitor).await;
}

#[tokio::test]
async fn huge_bodies_are_refused_with_problem_json() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let visitor = team.visitor().await;
    let huge = format!("{{\"content\":\"{}\"}}", "x".repeat(3 * 1024 * 1024));
    let (status, problem) = raw(
        &visitor.api,
        reqwest::Method::POST,
        &visitor.messages_path(),
        &huge,
    )
    .await;
    assert_eq!(
        (status, problem.code),
        (400, ErrorCode::BadRequest),
        "{problem:?}"
    );
    assert_nothing_stored(&visitor).await;
}

#[tokio::test]
async fn invalid_values_name_each_bad_field() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let visitor = team.visitor().await;

    let sign_up =
        json!({"workspaceName": " ", "name": "Ada", "email": "not-an-email", "password": "short"});
    let problem = team
        .admin
        .anonymous()
        .post::<_, Value>("/auth/v1/signup", &sign_up)
        .await
        .expect_problem(422);
    assert_eq!(
        problem.errors.keys().collect::<Vec<_>>(),
        ["email", "password", "workspaceName"]
    );

    let widget = json!({"name": "", "themeColor": "purple", "allowedOrigins": ["example.com"]});
    let problem = team
        .admin
        .post::<_, Value>("/api/widgets", &widget)
        .await
        .expect_problem(422);
    assert_eq!(
        problem.errors.keys().collect::<Vec<_>>(),
        ["allowedOrigins", "name", "themeColor"]
    );

    let huge = "x".repeat(MAX_MESSAGE_CHARS + 1);
    let problem = visitor
        .api
        .post::<_, Value>(&visitor.messages_path(), &json!({"content": huge}))
        .await
        .expect_problem(422);
    assert_eq!(
        problem.errors["content"],
        [format!(
            "must be at most {MAX_MESSAGE_CHARS} characters (got {})",
            MAX_MESSAGE_CHARS + 1
        )]
    );
    let problem = visitor
        .api
        .post::<_, Value>(&visitor.messages_path(), &json!({"content": "  "}))
        .await
        .expect_problem(422);
    assert_eq!(problem.errors["content"], ["must not be empty"]);

    let problem = team
        .agent
        .get::<Value>("/api/conversations?status=done&limit=1000")
        .await
        .expect_problem(422);
    assert_eq!(
        problem.errors.keys().collect::<Vec<_>>(),
        ["limit", "status"]
    );
    let problem = team
        .agent
        .get::<Value>("/api/conversations?page=abc")
        .await
        .expect_problem(400);
    assert_eq!(problem.code, ErrorCode::BadRequest);
    let problem = visitor
        .api
        .get::<Value>(&format!("{}?limit=0", visitor.messages_path()))
        .await
        .expect_problem(422);
    assert!(problem.errors.contains_key("limit"));

    let start = json!({"widgetId": "not-a-uuid", "metadata": {"page": "x".repeat(5000)}});
    let problem = Api::new(&server.base_url)
        .post::<_, Value>("/api/conversations", &start)
        .await
        .expect_problem(422);
    assert_eq!(
        problem.errors.keys().collect::<Vec<_>>(),
        ["metadata", "widgetId"]
    );
    let problem = team
        .admin
        .anonymous()
        .post::<_, Value>("/auth/v1/token?grant_type=magic", &json!({}))
        .await
        .expect_problem(422);
    assert!(problem.errors.contains_key("grant_type"));
}

#[tokio::test]
async fn unknown_and_malformed_ids_are_404() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let unknown = "3f0c3a52-6d1e-4c6b-9b1a-2f1d7e0c9a01";
    for path in [
        format!("/api/widgets/{unknown}"),
        "/api/widgets/not-a-uuid".into(),
        format!("/api/widgets/{unknown}/config"),
        format!("/api/conversations/{unknown}"),
        "/api/conversations/%27%20OR%201=1--".into(),
        format!("/api/conversations/{unknown}/messages"),
    ] {
        let problem = team.agent.get::<Value>(&path).await.expect_problem(404);
        assert_eq!(problem.code, ErrorCode::NotFound, "{path}");
    }
    let start = json!({"widgetId": unknown});
    assert_eq!(
        Api::new(&server.base_url)
            .post::<_, Value>("/api/conversations", &start)
            .await
            .expect_problem(404)
            .code,
        ErrorCode::NotFound
    );
    let visitor = team.visitor().await;
    let read = format!("{}/{unknown}/read", visitor.messages_path());
    assert_eq!(
        team.agent
            .post_empty::<Value>(&read)
            .await
            .expect_problem(404)
            .code,
        ErrorCode::NotFound
    );
}

#[tokio::test]
async fn refused_requests_write_nothing() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let visitor = team.visitor().await;
    let _ = visitor
        .api
        .post::<_, Value>(&visitor.messages_path(), &json!({"content": ""}))
        .await;
    let _ = team
        .admin
        .post::<_, Value>("/api/widgets", &json!({"name": "ok", "themeColor": "bad"}))
        .await;
    let duplicate = json!({"email": team.agent_user.email, "name": "Again", "password": "long-enough", "role": "agent"});
    let conflict = team
        .admin
        .post::<_, Value>("/api/users", &duplicate)
        .await
        .expect_problem(409);
    assert_eq!(conflict.code, ErrorCode::Conflict);

    assert_nothing_stored(&visitor).await;
    let widgets: Vec<Widget> = team.admin.get("/api/widgets").await.expect_status(200);
    assert_eq!(widgets.len(), 1);
    let users: Vec<Value> = team.admin.get("/api/users").await.expect_status(200);
    assert_eq!(users.len(), 2);
    let conversation: Conversation = visitor
        .api
        .get(&format!("/api/conversations/{}", visitor.conversation_id()))
        .await
        .expect_status(200);
    assert_eq!(conversation.message_count, 0);
}

#[tokio::test]
async fn a_wrong_method_is_405_naming_the_allowed_ones() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let response = team
        .admin
        .request(reqwest::Method::DELETE, "/api/widgets")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 405);
    let allow = response.headers()["allow"].to_str().unwrap().to_owned();
    assert!(allow.contains("GET") && allow.contains("POST"), "{allow}");
    let problem: Problem = response.json().await.unwrap();
    assert_eq!(problem.code, ErrorCode::MethodNotAllowed);
}

/// Sign-up answers the same whether or not the email has an account, so it tells nobody
/// which emails are registered; the email itself says what happened.
#[tokio::test]
async fn signing_up_with_a_registered_email_reveals_nothing() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let fresh = format!("fresh-{}@test.parley.dev", uuid::Uuid::new_v4().simple());
    let attempt = |email: &str| json!({"workspaceName": "Again", "name": "Ada", "email": email, "password": "long-enough-pass"});
    let api = Api::new(&server.base_url);
    let taken = api
        .request(reqwest::Method::POST, "/auth/v1/signup")
        .json(&attempt(&team.admin_user.email))
        .send()
        .await
        .unwrap();
    let new = api
        .request(reqwest::Method::POST, "/auth/v1/signup")
        .json(&attempt(&fresh))
        .send()
        .await
        .unwrap();
    assert_eq!((taken.status().as_u16(), new.status().as_u16()), (202, 202));
    let shape = |body: Value| {
        let mut body = body;
        body["email"] = json!("…");
        body
    };
    assert_eq!(
        shape(taken.json().await.unwrap()),
        shape(new.json().await.unwrap()),
        "the same answer either way"
    );
    let told = fixtures::outbox(&api, &team.admin_user.email).await;
    assert!(told[0].subject.contains("already have"), "{:?}", told[0]);
    assert!(
        fixtures::link_token(&told[0].text).is_none(),
        "no workspace link"
    );
    assert!(fixtures::confirmation_token(&api, &fresh).await.is_some());
    let signed_in = fixtures::sign_in(&api, &team.admin_user.email, PASSWORD).await;
    assert_eq!(
        signed_in.user.id, team.admin_user.id,
        "the account is unchanged"
    );
}

#[tokio::test]
async fn a_confirmation_link_works_once() {
    let server = Server::shared().await;
    let api = Api::new(&server.base_url);
    let email = format!("once-{}@test.parley.dev", uuid::Uuid::new_v4().simple());
    let request = json!({"workspaceName": "Once", "name": "Olga", "email": email, "password": "long-enough-pass"});
    let _: Value = api
        .post("/auth/v1/signup", &request)
        .await
        .expect_status(202);
    let token = fixtures::confirmation_token(&api, &email).await.unwrap();
    let verify = json!({"type": "signup", "token": token});
    let session: Value = api
        .post("/auth/v1/verify", &verify)
        .await
        .expect_status(201);
    assert_eq!(session["user"]["email"], json!(email));
    let again = api
        .post::<_, Value>("/auth/v1/verify", &verify)
        .await
        .expect_problem(401);
    assert_eq!(again.code, ErrorCode::Unauthorized);
    let forged = json!({"type": "signup", "token": "not-a-token"});
    api.post::<_, Value>("/auth/v1/verify", &forged)
        .await
        .expect_problem(401);
}

#[tokio::test]
async fn every_error_is_logged_with_its_trace_id() {
    let server = Server::shared().await;
    let problem = Api::new(&server.base_url)
        .get::<Value>("/api/widgets")
        .await
        .expect_problem(401);
    for _ in 0..50 {
        let log = std::fs::read_to_string(&server.log).unwrap_or_default();
        if log.contains(&problem.trace_id) {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("traceId {} is not in the Worker's log", problem.trace_id);
}
