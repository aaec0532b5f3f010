//! What an outside security test of the running service found, one test per finding, against
//! `wrangler dev`. (The host policy's every URL form is tested natively in
//! `shared-types/src/outbound.rs`; here the routes are shown to apply it.)

use parley_shared_types::api_key::{KeyEnvironment, KeyScope};
use parley_shared_types::auth::{Role, SignUpRequest, TokenResponse, UpdateUserRequest};
use parley_shared_types::conversation::{
    Conversation, StartConversationRequest, StartedConversation,
};
use parley_shared_types::hub::{HubMessage, ServerEvent};
use parley_shared_types::message::{Message, SendMessageRequest, SenderType};
use parley_shared_types::page::Page;
use parley_shared_types::problem::ErrorCode;
use parley_shared_types::widget::WidgetConfig;
use parley_tests::fake_email::FakeEmail;
use parley_tests::fixtures::{PASSWORD, Team, link_token, sign_in};
use parley_tests::{Api, HubClient, Server};
use serde_json::{Value, json};

/// Asserts the server closed `socket` and told a SignalR client whether to come back.
async fn assert_closed(socket: &mut HubClient, reconnect: bool, who: &str) {
    socket
        .expect_close()
        .await
        .unwrap_or_else(|e| panic!("{who}: {e}"));
    let close = socket
        .take_pending()
        .iter()
        .find_map(|record| match HubMessage::parse(record) {
            Ok(HubMessage::Close {
                allow_reconnect, ..
            }) => Some(allow_reconnect),
            _ => None,
        });
    assert_eq!(close, Some(reconnect), "{who}: the SignalR close record");
}

#[tokio::test]
async fn a_removed_user_loses_their_open_feed_and_room_sockets() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let visitor = team.visitor().await;
    let mut feed = team.agent_hub(server, "").await;
    let mut room = team.agent_hub(server, visitor.conversation_id()).await;
    team.admin
        .delete::<Value>(&format!("/api/users/{}", team.agent_user.id))
        .await
        .expect_status(204);
    assert_closed(&mut feed, false, "feed").await;
    assert_closed(&mut room, false, "room").await;
    visitor.say("anything private after the removal").await;
    let members: Vec<Value> = team.admin.get("/api/users").await.expect_status(200);
    assert!(members.iter().all(|m| m["online"] == json!(false)));
}

#[tokio::test]
async fn a_demoted_admin_is_asked_to_reconnect_with_their_new_role() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let path = format!("/api/users/{}", team.agent_user.id);
    let promote = UpdateUserRequest { role: Role::Admin };
    let _: Value = team.admin.patch(&path, &promote).await.expect_status(200);
    let mut feed = team.agent_hub(server, "").await;
    let demote = UpdateUserRequest { role: Role::Agent };
    let _: Value = team.admin.patch(&path, &demote).await.expect_status(200);
    assert_closed(&mut feed, true, "feed").await;
    let _again = team.agent_hub(server, "").await;
}

#[tokio::test]
async fn a_revoked_api_key_loses_its_open_sockets() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let visitor = team.visitor().await;
    let key = team.api_key(KeyEnvironment::Live, KeyScope::Full).await;
    let url = |conversation: &str| {
        let mut query = "/hubs/chat".to_owned();
        if !conversation.is_empty() {
            query += &format!("?conversationId={conversation}");
        }
        server.ws_url(&query)
    };
    let mut feed = HubClient::connect_with_api_key(&url(""), &key.secret)
        .await
        .unwrap();
    let mut room = HubClient::connect_with_api_key(&url(visitor.conversation_id()), &key.secret)
        .await
        .unwrap();
    team.admin
        .delete::<Value>(&format!("/api/keys/{}", key.key.id))
        .await
        .expect_status(204);
    assert_closed(&mut feed, false, "feed").await;
    assert_closed(&mut room, false, "room").await;
}

#[tokio::test]
async fn a_read_key_on_the_feed_is_not_an_online_agent_and_never_breaks_the_widget() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let key = team.api_key(KeyEnvironment::Live, KeyScope::Read).await;
    let _key_feed = HubClient::connect_with_api_key(&server.ws_url("/hubs/chat"), &key.secret)
        .await
        .unwrap();
    let config_path = format!("/api/widgets/{}/config", team.widget.id);
    let config: WidgetConfig = Api::new(&server.base_url)
        .get(&config_path)
        .await
        .expect_status(200);
    assert!(!config.agents_online, "an API key is nobody to talk to");
    let start = StartConversationRequest {
        widget_id: team.widget.id.clone(),
        visitor_id: None,
        metadata: None,
    };
    let started: StartedConversation = Api::new(&server.base_url)
        .post("/api/conversations", &start)
        .await
        .expect_status(201);
    assert_eq!(started.conversation.assigned_agent_id, None);

    let _agent_feed = team.agent_hub(server, "").await;
    let started: StartedConversation = Api::new(&server.base_url)
        .post("/api/conversations", &start)
        .await
        .expect_status(201);
    assert_eq!(
        started.conversation.assigned_agent_id.as_deref(),
        Some(team.agent_user.id.as_str()),
        "with a real agent online, the agent gets it, never the key"
    );
}

#[tokio::test]
async fn a_cursor_from_another_workspace_reveals_nothing() {
    let server = Server::shared().await;
    let ours = Team::new(server).await;
    let _older = ours.visitor().await;
    let theirs = Team::new(server).await;
    let their_conversation = theirs.visitor().await;
    let list = |cursor: &str| format!("/api/conversations?limit=10&cursor={cursor}");
    let foreign: Page<Conversation> = ours
        .admin
        .get(&list(their_conversation.conversation_id()))
        .await
        .expect_status(200);
    let unknown: Page<Conversation> = ours
        .admin
        .get(&list(&uuid::Uuid::new_v4().to_string()))
        .await
        .expect_status(200);
    assert!(foreign.data.is_empty(), "{:?}", foreign.data);
    assert_eq!(
        (foreign.data.len(), foreign.next_cursor),
        (unknown.data.len(), unknown.next_cursor)
    );
}

#[tokio::test]
async fn a_client_message_id_dedupes_one_senders_retries_only() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let visitor = team.visitor().await;
    let send = |content: &str| SendMessageRequest {
        client_message_id: Some("same-id".into()),
        ..SendMessageRequest::text(content)
    };
    let from_visitor: Message = visitor
        .api
        .post(&visitor.messages_path(), &send("from the visitor"))
        .await
        .expect_status(201);
    let from_agent: Message = team
        .agent
        .post(&visitor.messages_path(), &send("from the agent"))
        .await
        .expect_status(201);
    assert_ne!(from_agent.id, from_visitor.id);
    assert_eq!(
        (from_agent.sender_type, from_agent.content.as_str()),
        (SenderType::Agent, "from the agent")
    );
    let retried: Message = team
        .agent
        .post(&visitor.messages_path(), &send("from the agent"))
        .await
        .expect_status(200);
    assert_eq!(retried.id, from_agent.id);
}

#[tokio::test]
async fn an_integrations_key_goes_nowhere_new_without_being_sent_again() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let bot: Value = team
        .admin
        .post("/api/bots", &json!({"name": "Keyed"}))
        .await
        .expect_status(201);
    let integration: Value = team
        .admin
        .post(
            &format!("/api/bots/{}/integrations", bot["id"].as_str().unwrap()),
            &json!({"kind": "openai", "baseUrl": "http://127.0.0.1:9/v1", "model": "m",
                    "apiKey": "sk-secret-value"}),
        )
        .await
        .expect_status(201);
    let path = format!("/api/integrations/{}", integration["id"].as_str().unwrap());
    let moved = json!({"baseUrl": "http://127.0.0.1:8/attacker"});
    let refused = team
        .admin
        .patch::<_, Value>(&path, &moved)
        .await
        .expect_problem(422);
    assert!(refused.errors.contains_key("apiKey"), "{refused:?}");
    let same_place: Value = team
        .admin
        .patch(
            &path,
            &json!({"baseUrl": "http://127.0.0.1:9/v1", "model": "m2"}),
        )
        .await
        .expect_status(200);
    assert_eq!(same_place["hasApiKey"], json!(true));
    let rekeyed: Value = team
        .admin
        .patch(
            &path,
            &json!({"baseUrl": "http://127.0.0.1:8/v1", "apiKey": "sk-new"}),
        )
        .await
        .expect_status(200);
    assert_eq!(rekeyed["baseUrl"], json!("http://127.0.0.1:8/v1"));
}

#[tokio::test]
async fn an_account_backs_off_after_wrong_passwords_from_any_address() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let grant = |password: &str| json!({"email": team.admin_user.email, "password": password});
    let path = "/auth/v1/token?grant_type=password";
    for _ in 0..5 {
        // Each guess from a new address: the per-IP limit alone would never stop them.
        let refused = Api::new(&server.base_url)
            .post::<_, Value>(path, &grant("wrong"))
            .await
            .status();
        assert!(refused == 401 || refused == 429, "{refused}");
    }
    let answer = Api::new(&server.base_url)
        .post::<_, TokenResponse>(path, &grant(PASSWORD))
        .await;
    assert_eq!(answer.status(), 429, "locked even for the right password");
    let problem = answer.expect_problem(429);
    assert_eq!(problem.code, ErrorCode::RateLimited);
    // Another account is not affected.
    sign_in(
        &Api::new(&server.base_url),
        &team.agent_user.email,
        PASSWORD,
    )
    .await;
}

#[tokio::test]
async fn guessing_api_keys_from_one_address_is_cut_off() {
    let server = Server::shared().await;
    let guesser = Api::new(&server.base_url);
    let mut statuses = Vec::new();
    for _ in 0..25 {
        let guess = format!("pk_live_{}", uuid::Uuid::new_v4().simple());
        statuses.push(
            guesser
                .with_token(&guess)
                .get::<Value>("/api/conversations")
                .await
                .status(),
        );
    }
    assert!(statuses[..20].iter().all(|s| *s == 401), "{statuses:?}");
    assert!(statuses[20..].iter().all(|s| *s == 429), "{statuses:?}");
}

#[tokio::test]
async fn the_admin_ui_cannot_be_framed_and_runs_only_its_own_scripts() {
    let server = Server::shared().await;
    let response = reqwest::get(format!("{}/admin/", server.base_url))
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let csp = header("content-security-policy");
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert!(csp.contains("script-src 'self'"), "{csp}");
    let scripts = csp
        .split(';')
        .find(|directive| directive.trim().starts_with("script-src"))
        .unwrap_or_default();
    assert!(!scripts.contains("unsafe-inline"), "{scripts}");
    assert_eq!(header("x-frame-options"), "DENY");
    let page = response.text().await.unwrap();
    assert!(
        !page.contains("<script type=\"module\">"),
        "no inline script"
    );
}

/// Production refuses every URL that would aim the Worker inside a network, whatever its
/// spelling, for knowledge pages, model endpoints and webhooks alike.
#[tokio::test]
async fn production_refuses_internal_urls_everywhere_a_url_is_taken() {
    let mail = FakeEmail::start().await.unwrap();
    let settings = [
        ("JWT_SECRET", "production-test-secret-0123456789"),
        ("EMAIL_API_KEY", mail.api_key.as_str()),
        ("EMAIL_API_URL", mail.base_url.as_str()),
    ];
    let server = Server::start_with_secrets("production", &settings)
        .await
        .unwrap();
    let api = Api::new(&server.base_url);
    let sign_up = SignUpRequest {
        workspace_name: "Prod".into(),
        name: "Pat".into(),
        email: format!("pat-{}@test.parley.dev", uuid::Uuid::new_v4().simple()),
        password: PASSWORD.into(),
    };
    let accepted: Value = api
        .post("/auth/v1/signup", &sign_up)
        .await
        .expect_status(202);
    assert_eq!(
        accepted.get("devOutbox"),
        None,
        "production sends its emails"
    );
    let sent = mail.sent_to(&sign_up.email);
    let token = link_token(sent[0].text.as_deref().unwrap_or_default()).unwrap();
    let session: TokenResponse = api
        .post(
            "/auth/v1/verify",
            &json!({"type": "signup", "token": token}),
        )
        .await
        .expect_status(201);
    let admin = api.with_token(&session.access_token);
    let bot: Value = admin
        .post("/api/bots", &json!({"name": "Prod bot"}))
        .await
        .expect_status(201);
    let bot_id = bot["id"].as_str().unwrap();
    for url in [
        "http://127.1/",
        "http://0x7f.0.0.1/",
        "http://2130706433./",
        "http://localhost./",
        "http://169.254.169.254/latest/meta-data/",
        "http://metadata.google.internal./",
        "http://user:pw@example.com/",
        "http://[::1]/",
    ] {
        let https = url.replacen("http://", "https://", 1);
        for (path, body, field) in [
            (
                format!("/api/bots/{bot_id}/knowledge-sources"),
                json!({"type": "website", "url": url}),
                "url",
            ),
            (
                format!("/api/bots/{bot_id}/integrations"),
                json!({"kind": "openai", "baseUrl": url, "model": "m"}),
                "baseUrl",
            ),
            (
                "/api/webhooks".to_owned(),
                json!({"url": https, "events": ["message.received"]}),
                "url",
            ),
        ] {
            let refused = admin
                .post::<_, Value>(&path, &body)
                .await
                .expect_problem(422);
            assert!(
                refused.errors.contains_key(field),
                "{path} {url}: {refused:?}"
            );
        }
    }
    let accepted: Value = admin
        .post(
            &format!("/api/bots/{bot_id}/integrations"),
            &json!({"kind": "openai", "baseUrl": "https://api.example.com/v1", "model": "m"}),
        )
        .await
        .expect_status(201);
    assert_eq!(accepted["baseUrl"], json!("https://api.example.com/v1"));
}

#[tokio::test]
async fn hub_sockets_of_a_visitor_still_receive_after_team_changes() {
    // The removal closes team sockets only: the visitor's own socket is untouched.
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let visitor = team.visitor().await;
    let mut visitor_socket = visitor.hub(server).await;
    team.admin
        .delete::<Value>(&format!("/api/users/{}", team.agent_user.id))
        .await
        .expect_status(204);
    let said = visitor.say("still here").await;
    let event = visitor_socket
        .next_event_where(|e| matches!(e, ServerEvent::ReceiveMessage(_)))
        .await
        .unwrap();
    assert!(matches!(event, ServerEvent::ReceiveMessage(m) if m.id == said.id));
}
