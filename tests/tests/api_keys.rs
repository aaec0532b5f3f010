//! API keys: created by admins, shown once, accepted in all three header styles wherever a
//! user is, limited by scope, refused once revoked; `test` keys act on a separate sandbox.

use parley_shared_types::api_key::{ApiKey, KeyEnvironment, KeyScope};
use parley_shared_types::page::Page;
use parley_shared_types::problem::{ErrorCode, Problem};
use parley_shared_types::widget::{Widget, WidgetInput};
use parley_tests::fixtures::Team;
use parley_tests::{Api, Server};
use reqwest::Method;
use serde_json::{Value, json};

/// `GET /api/widgets` with the key in one header style: the status and, on success, the widgets.
async fn widgets_with(api: &Api, header: &str, value: &str) -> (u16, Vec<Widget>) {
    let response = api
        .request(Method::GET, "/api/widgets")
        .header(header, value)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let widgets = if status == 200 {
        response.json().await.unwrap()
    } else {
        Vec::new()
    };
    (status, widgets)
}

#[tokio::test]
async fn a_key_works_in_every_header_style_until_it_is_revoked() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let key = team.api_key(KeyEnvironment::Live, KeyScope::Full).await;
    assert!(key.secret.starts_with("pk_live_"));
    assert!(key.secret.starts_with(&key.key.prefix));
    assert!(key.key.last_used_at.is_none());

    let caller = Api::new(&server.base_url);
    let styles = [
        ("authorization", format!("Bearer {}", key.secret)),
        ("authorization", format!("Token {}", key.secret)),
        ("x-api-key", key.secret.clone()),
    ];
    for (header, value) in &styles {
        let (status, widgets) = widgets_with(&caller, header, value).await;
        assert_eq!(status, 200, "{header}: {value}");
        assert_eq!(
            widgets,
            std::slice::from_ref(&team.widget),
            "the key sees its workspace"
        );
    }

    let listed: Page<ApiKey> = team.admin.get("/api/keys").await.expect_status(200);
    assert_eq!(listed.total, 1);
    assert_eq!(listed.data[0].id, key.key.id);
    assert!(listed.data[0].last_used_at.is_some(), "use is recorded");
    let raw: Value = team.admin.get("/api/keys").await.expect_status(200);
    assert!(
        !raw.to_string().contains(&key.secret),
        "the secret is never listed"
    );

    team.admin
        .delete::<Value>(&format!("/api/keys/{}", key.key.id))
        .await
        .expect_status(204);
    for (header, value) in &styles {
        assert_eq!(
            widgets_with(&caller, header, value).await.0,
            401,
            "revoked: {header}"
        );
    }
    let listed: Page<ApiKey> = team.admin.get("/api/keys").await.expect_status(200);
    assert!(listed.data.is_empty());
}

#[tokio::test]
async fn only_admins_manage_keys_and_unknown_keys_are_refused() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let problem = team
        .agent
        .post::<_, Value>("/api/keys", &json!({"name": "mine"}))
        .await
        .expect_problem(403);
    assert_eq!(problem.code, ErrorCode::Forbidden);
    let problem = team
        .admin
        .post::<_, Value>("/api/keys", &json!({"name": " "}))
        .await
        .expect_problem(422);
    assert!(problem.errors.contains_key("name"));
    let forged = Api::new(&server.base_url).with_token("pk_live_0123456789abcdef");
    let problem = forged
        .get::<Value>("/api/widgets")
        .await
        .expect_problem(401);
    assert_eq!(problem.code, ErrorCode::Unauthorized);
}

#[tokio::test]
async fn a_read_only_key_reads_but_cannot_write() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let reader = team.key_client(KeyEnvironment::Live, KeyScope::Read).await;
    let widgets: Vec<Widget> = reader.get("/api/widgets").await.expect_status(200);
    assert_eq!(widgets.len(), 1);
    let problem: Problem = reader
        .post::<_, Value>(
            "/api/widgets",
            &WidgetInput {
                name: Some("Nope".into()),
                ..WidgetInput::default()
            },
        )
        .await
        .expect_problem(403);
    assert_eq!(problem.code, ErrorCode::Forbidden);
    let widgets: Vec<Widget> = team.admin.get("/api/widgets").await.expect_status(200);
    assert_eq!(widgets.len(), 1, "nothing was written");

    let writer = team.key_client(KeyEnvironment::Live, KeyScope::Full).await;
    let made: Widget = writer
        .post(
            "/api/widgets",
            &WidgetInput {
                name: Some("By key".into()),
                ..WidgetInput::default()
            },
        )
        .await
        .expect_status(201);
    let widgets: Vec<Widget> = team.admin.get("/api/widgets").await.expect_status(200);
    assert!(
        widgets.contains(&made),
        "a full key writes to the workspace"
    );
}

#[tokio::test]
async fn test_keys_act_on_a_sandbox_that_live_data_never_sees() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let sandbox = team.key_client(KeyEnvironment::Test, KeyScope::Full).await;
    let live = team.key_client(KeyEnvironment::Live, KeyScope::Full).await;

    let sandbox_widgets: Vec<Widget> = sandbox.get("/api/widgets").await.expect_status(200);
    assert!(sandbox_widgets.is_empty(), "the sandbox starts empty");
    let test_widget: Widget = sandbox
        .post(
            "/api/widgets",
            &WidgetInput {
                name: Some("Sandbox".into()),
                ..WidgetInput::default()
            },
        )
        .await
        .expect_status(201);
    assert_ne!(test_widget.workspace_id, team.widget.workspace_id);

    let live_widgets: Vec<Widget> = live.get("/api/widgets").await.expect_status(200);
    assert_eq!(
        live_widgets,
        std::slice::from_ref(&team.widget),
        "live never sees test data"
    );
    let sandbox_widgets: Vec<Widget> = sandbox.get("/api/widgets").await.expect_status(200);
    assert_eq!(
        sandbox_widgets,
        std::slice::from_ref(&test_widget),
        "test never sees live data"
    );
    sandbox
        .get::<Value>(&format!("/api/widgets/{}", team.widget.id))
        .await
        .expect_problem(404);

    let second_test_key = team.key_client(KeyEnvironment::Test, KeyScope::Read).await;
    let shared: Vec<Widget> = second_test_key.get("/api/widgets").await.expect_status(200);
    assert_eq!(shared, [test_widget], "all test keys share one sandbox");
}
