//! Nothing crosses workspaces, agents do not reach admin routes, visitors reach only their own
//! conversation, and nothing answers without credentials: 401/403/404, never data.

use parley_shared_types::auth::{CreateUserRequest, Role};
use parley_shared_types::conversation::AssignRequest;
use parley_shared_types::message::SendMessageRequest;
use parley_shared_types::problem::ErrorCode;
use parley_shared_types::widget::WidgetInput;
use parley_tests::fixtures::{Team, Visitor};
use parley_tests::{Answer, Api, Server};
use serde_json::{Value, json};

enum Call {
    Get(String),
    Post(String, Value),
    Put(String, Value),
    Patch(String, Value),
    Delete(String),
}

async fn call(api: &Api, call: &Call) -> Answer<Value> {
    match call {
        Call::Get(path) => api.get(path).await,
        Call::Post(path, body) => api.post(path, body).await,
        Call::Put(path, body) => api.put(path, body).await,
        Call::Patch(path, body) => api.patch(path, body).await,
        Call::Delete(path) => api.delete(path).await,
    }
}

/// Every authenticated route, aimed at `team`'s resources: `visitor`'s conversation (and
/// contact) and one of its messages.
fn routes(team: &Team, visitor: &Visitor, message_id: &str) -> Vec<Call> {
    let widget = &team.widget.id;
    let conversation = format!("/api/conversations/{}", visitor.conversation_id());
    let contact = format!(
        "/api/contacts/{}",
        visitor
            .started
            .conversation
            .contact_id
            .as_deref()
            .expect("a contact")
    );
    vec![
        Call::Get("/api/users".into()),
        Call::Get("/api/widgets".into()),
        Call::Get(format!("/api/widgets/{widget}")),
        Call::Put(
            format!("/api/widgets/{widget}"),
            json!(WidgetInput {
                name: Some("x".into()),
                ..Default::default()
            }),
        ),
        Call::Get("/api/conversations".into()),
        Call::Get(conversation.clone()),
        Call::Post(format!("{conversation}/close"), json!({})),
        Call::Post(format!("{conversation}/reopen"), json!({})),
        Call::Post(
            format!("{conversation}/assign"),
            json!(AssignRequest {
                agent_id: team.agent_user.id.clone()
            }),
        ),
        Call::Get(format!("{conversation}/messages")),
        Call::Post(
            format!("{conversation}/messages"),
            json!(SendMessageRequest::text("hi")),
        ),
        Call::Post(
            format!("{conversation}/messages/{message_id}/read"),
            json!({}),
        ),
        Call::Get("/api/admin/conversations".into()),
        Call::Get("/api/admin/conversations/stats".into()),
        Call::Get("/api/admin/messages/stats".into()),
        Call::Get("/api/admin/widgets".into()),
        Call::Get("/api/admin/widgets/stats".into()),
        Call::Get("/api/admin/stats/daily".into()),
        Call::Patch(
            format!("/api/users/{}", team.agent_user.id),
            json!({"role": "admin"}),
        ),
        Call::Delete(format!("/api/users/{}", team.agent_user.id)),
        Call::Get("/api/contacts".into()),
        Call::Get(contact.clone()),
        Call::Get(format!("{contact}/export")),
        Call::Patch(contact.clone(), json!({"attributes": {"plan": "stolen"}})),
        Call::Delete(contact),
        Call::Delete(conversation),
    ]
}

fn path(call: &Call) -> &str {
    match call {
        Call::Get(path)
        | Call::Post(path, _)
        | Call::Put(path, _)
        | Call::Patch(path, _)
        | Call::Delete(path) => path,
    }
}

#[tokio::test]
async fn without_credentials_every_route_is_401() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let visitor = team.visitor().await;
    let message = visitor.say("hi").await;
    let anonymous = Api::new(&server.base_url);
    for route in routes(&team, &visitor, &message.id) {
        let problem = call(&anonymous, &route).await.expect_problem(401);
        assert_eq!(problem.code, ErrorCode::Unauthorized, "{}", path(&route));
    }
    let forged = anonymous.with_token("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.");
    assert_eq!(
        forged
            .get::<Value>("/api/conversations")
            .await
            .expect_problem(401)
            .code,
        ErrorCode::Unauthorized
    );
}

#[tokio::test]
async fn another_workspace_sees_nothing_of_this_one() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let outsider = Team::new(server).await;
    let visitor = team.visitor().await;
    let message = visitor.say("private").await;
    for route in routes(&team, &visitor, &message.id) {
        match call(&outsider.admin, &route).await {
            Answer::Problem(404, _) => {}
            // Lists and stats answer for the caller's own workspace, which holds none of this.
            Answer::Ok(200, body) => {
                assert!(
                    matches!(route, Call::Get(_)),
                    "{} wrote across workspaces",
                    path(&route)
                );
                let body = body.to_string();
                let leaked = [
                    visitor.conversation_id(),
                    team.widget.id.as_str(),
                    "private",
                    team.admin_user.id.as_str(),
                ];
                assert!(
                    !leaked.iter().any(|secret| body.contains(secret)),
                    "{} leaked: {body}",
                    path(&route)
                );
            }
            other => panic!("{}: unexpected {other:?}", path(&route)),
        }
    }
    let steal = AssignRequest {
        agent_id: outsider.agent_user.id.clone(),
    };
    let refused = team
        .admin
        .post::<_, Value>(
            &format!("/api/conversations/{}/assign", visitor.conversation_id()),
            &steal,
        )
        .await
        .expect_problem(422);
    assert!(
        refused.errors.contains_key("agentId"),
        "agents of other workspaces cannot be assigned"
    );
}

#[tokio::test]
async fn agents_are_refused_admin_routes() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let visitor = team.visitor().await;
    let contact = visitor
        .started
        .conversation
        .contact_id
        .clone()
        .expect("a contact");
    let admin_only = [
        Call::Post(
            "/api/widgets".into(),
            json!(WidgetInput {
                name: Some("x".into()),
                ..Default::default()
            }),
        ),
        Call::Post(
            "/api/admin/widgets".into(),
            json!(WidgetInput {
                name: Some("x".into()),
                ..Default::default()
            }),
        ),
        Call::Put(
            format!("/api/widgets/{}", team.widget.id),
            json!(WidgetInput {
                name: Some("x".into()),
                ..Default::default()
            }),
        ),
        Call::Post(
            "/api/users".into(),
            json!(CreateUserRequest {
                email: "new@test.parley.dev".into(),
                name: "N".into(),
                password: "long-enough".into(),
                role: Role::Admin
            }),
        ),
        Call::Get("/api/admin/conversations".into()),
        Call::Get("/api/admin/conversations/stats".into()),
        Call::Get("/api/admin/messages/stats".into()),
        Call::Get("/api/admin/widgets".into()),
        Call::Get("/api/admin/widgets/stats".into()),
        Call::Get("/api/admin/stats/daily".into()),
        Call::Patch(
            format!("/api/users/{}", team.admin_user.id),
            json!({"role": "agent"}),
        ),
        Call::Delete(format!("/api/users/{}", team.admin_user.id)),
        Call::Delete(format!("/api/contacts/{contact}")),
        Call::Get(format!("/api/contacts/{contact}/export")),
        Call::Delete(format!("/api/conversations/{}", visitor.conversation_id())),
    ];
    for route in &admin_only {
        let problem = call(&team.agent, route).await.expect_problem(403);
        assert_eq!(problem.code, ErrorCode::Forbidden, "{}", path(route));
    }
}

#[tokio::test]
async fn a_visitor_reaches_only_their_own_conversation() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let alice = team.visitor().await;
    let bob = team.visitor().await;
    let secret = bob.say("bob's secret").await;
    for route in routes(&team, &bob, &secret.id) {
        let answer = call(&alice.api, &route).await;
        assert!(
            matches!(answer.status(), 403 | 404),
            "{}: {answer:?}",
            path(&route)
        );
        assert!(!format!("{answer:?}").contains("bob's secret"));
    }
    let impersonation = SendMessageRequest {
        sender_type: Some(parley_shared_types::message::SenderType::Agent),
        ..SendMessageRequest::text("I am staff")
    };
    let refused = alice
        .api
        .post::<_, Value>(&alice.messages_path(), &impersonation)
        .await
        .expect_problem(403);
    assert!(
        refused
            .detail
            .contains("senderType and senderId must match")
    );
}
