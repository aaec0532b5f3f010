//! Sub-accounts (ChatBotKit's Partner API) against a real `wrangler dev`: a workspace keeps its
//! child accounts through `/api/sub-accounts` and ChatBotKit's `/v1/partner/user/…`, acts in
//! one with `X-RunAs-UserId`, never sees a child's data in its own lists nor a sibling's from
//! another child; a child's key reaches only its child; and the parent's plan counts the
//! children's use.

use futures_util::future::join_all;
use parley_shared_types::api_key::{CreateApiKeyRequest, CreatedApiKey, KeyEnvironment, KeyScope};
use parley_shared_types::auth::{CreateUserRequest, Role};
use parley_shared_types::billing::BillingUsage;
use parley_shared_types::bot::Bot;
use parley_shared_types::chatbotkit::{CbkId, CbkPartnerUser};
use parley_shared_types::conversation::{StartConversationRequest, StartedConversation};
use parley_shared_types::page::Page;
use parley_shared_types::problem::ErrorCode;
use parley_shared_types::sub_account::SubAccount;
use parley_shared_types::widget::Widget;
use parley_tests::fixtures::{PASSWORD, Team};
use parley_tests::{Answer, Api, Server};
use serde_json::{Value, json};

/// A child of the workspace `api` acts for, made through the native route.
async fn child(api: &Api, name: &str) -> SubAccount {
    api.post("/api/sub-accounts", &json!({ "name": name }))
        .await
        .expect_status(201)
}

/// ChatBotKit's error envelope, `{message, code}`, with its status.
#[track_caller]
fn expect_chatbotkit_error(answer: Answer<Value>, status: u16, code: &str) {
    let body = answer.expect_status(status);
    assert_eq!(body["code"], code, "{body}");
    assert!(body["message"].is_string(), "{body}");
}

/// `Authorization: Token <key>`, as ChatBotKit's clients send it.
fn with_token_scheme(
    api: &Api,
    key: &str,
    method: reqwest::Method,
    path: &str,
) -> reqwest::RequestBuilder {
    api.anonymous()
        .request(method, path)
        .header("authorization", format!("Token {key}"))
}

async fn full_key(team: &Team) -> (String, Api) {
    let key = team.api_key(KeyEnvironment::Live, KeyScope::Full).await;
    let api = Api::new(&team.server_url).with_token(&key.secret);
    (key.secret, api)
}

async fn start_on(server_url: &str, widget_id: &str) -> Answer<StartedConversation> {
    let request = StartConversationRequest {
        widget_id: widget_id.to_owned(),
        visitor_id: None,
        metadata: None,
    };
    Api::new(server_url)
        .post("/api/conversations", &request)
        .await
}

async fn usage(api: &Api) -> BillingUsage {
    api.get("/api/v1/billing/current").await.expect_status(200)
}

fn ids<T>(items: &[T], id: fn(&T) -> &str) -> Vec<String> {
    items.iter().map(|item| id(item).to_owned()).collect()
}

#[tokio::test]
async fn the_native_routes_create_list_fetch_update_and_delete_children() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let created: SubAccount = team
        .admin
        .post(
            "/api/sub-accounts",
            &json!({"name": "Northwind", "email": "Owner@Northwind.example",
                    "meta": {"customerId": "nw-1", "tier": "pro"}}),
        )
        .await
        .expect_status(201);
    assert_eq!(created.name, "Northwind");
    assert_eq!(created.email.as_deref(), Some("owner@northwind.example"));
    assert_eq!(created.meta["tier"], "pro");
    let raw: Value = team
        .admin
        .get(&format!("/api/sub-accounts/{}", created.id))
        .await
        .expect_status(200);
    for field in ["id", "name", "email", "meta", "createdAt", "updatedAt"] {
        assert!(raw.get(field).is_some(), "{field} in {raw}");
    }
    let second = child(&team.admin, "Contoso").await;

    let page: Page<SubAccount> = team
        .admin
        .get("/api/sub-accounts?limit=1")
        .await
        .expect_status(200);
    assert_eq!(
        (page.total, ids(&page.data, |c| &c.id)),
        (2, vec![created.id.clone()])
    );
    let rest: Page<SubAccount> = team
        .admin
        .get(&format!("/api/sub-accounts?cursor={}", created.id))
        .await
        .expect_status(200);
    assert_eq!(ids(&rest.data, |c| &c.id), vec![second.id.clone()]);

    let path = format!("/api/sub-accounts/{}", created.id);
    let merged: SubAccount = team
        .admin
        .patch(
            &path,
            &json!({"$update": {"tier": "scale", "region": "eu"}}),
        )
        .await
        .expect_status(200);
    assert_eq!(
        Value::Object(merged.meta),
        json!({"customerId": "nw-1", "tier": "scale", "region": "eu"}),
        "$update merges"
    );
    let replaced: SubAccount = team
        .admin
        .patch(
            &path,
            &json!({"name": "Northwind Shop", "meta": {"only": true}, "email": ""}),
        )
        .await
        .expect_status(200);
    assert_eq!(
        Value::Object(replaced.meta),
        json!({"only": true}),
        "meta replaces"
    );
    assert_eq!(
        (replaced.name.as_str(), replaced.email),
        ("Northwind Shop", None)
    );
    let invalid = team
        .admin
        .patch::<_, Value>(&path, &json!({"name": " ", "email": "nope"}))
        .await
        .expect_problem(422);
    assert!(invalid.errors.contains_key("name") && invalid.errors.contains_key("email"));

    let _: Value = team.admin.delete(&path).await.expect_status(204);
    team.admin.get::<Value>(&path).await.expect_problem(404);
    team.admin.delete::<Value>(&path).await.expect_problem(404);
    let left: Page<SubAccount> = team.admin.get("/api/sub-accounts").await.expect_status(200);
    assert_eq!(ids(&left.data, |c| &c.id), vec![second.id]);
    team.admin
        .run_as(&created.id)
        .get::<Value>("/api/bots")
        .await
        .expect_problem(404);
}

#[tokio::test]
async fn the_partner_routes_speak_chatbotkit() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let (key, api) = full_key(&team).await;
    let call = |method: reqwest::Method, path: &str| with_token_scheme(&api, &key, method, path);

    let mut made = Vec::new();
    for name in ["Alpha", "Beta", "Gamma"] {
        let created: CbkId = api
            .send(
                call(reqwest::Method::POST, "/v1/partner/user/create")
                    .json(&json!({"name": name, "meta": {"plan": "pro", "seats": 3}})),
            )
            .await
            .expect_status(200);
        made.push(created.id);
    }
    let first: Value = api
        .send(call(reqwest::Method::GET, "/v1/partner/user/list?take=2"))
        .await
        .expect_status(200);
    let first_ids: Vec<&str> = first["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["id"].as_str().unwrap())
        .collect();
    assert_eq!(first_ids, [made[0].as_str(), made[1].as_str()]);
    let next: Value = api
        .send(call(
            reqwest::Method::GET,
            &format!("/v1/partner/user/list?cursor={}", made[1]),
        ))
        .await
        .expect_status(200);
    assert_eq!(next["items"].as_array().unwrap().len(), 1);
    assert_eq!(next["items"][0]["id"], made[2].as_str());
    assert_eq!(next["items"][0]["name"], "Gamma");
    for field in ["id", "name", "meta", "createdAt", "updatedAt"] {
        assert!(next["items"][0].get(field).is_some(), "{field}");
    }

    let lines = call(reqwest::Method::GET, "/v1/partner/user/list")
        .header("accept", "application/jsonl")
        .send()
        .await
        .unwrap();
    assert_eq!(lines.headers()["content-type"], "application/jsonl");
    let lines = lines.text().await.unwrap();
    let streamed: Vec<Value> = lines
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(streamed.len(), 3);
    assert_eq!(streamed[2]["type"], "item");
    assert_eq!(streamed[2]["data"]["id"], made[2].as_str());

    let user = format!("/v1/partner/user/{}", made[0]);
    let updated: CbkId = api
        .send(
            call(reqwest::Method::POST, &format!("{user}/update"))
                .json(&json!({"$update": {"seats": 5}})),
        )
        .await
        .expect_status(200);
    assert_eq!(updated.id, made[0]);
    let fetched: CbkPartnerUser = api
        .send(call(reqwest::Method::GET, &format!("{user}/fetch")))
        .await
        .expect_status(200);
    assert_eq!(
        Value::Object(fetched.meta),
        json!({"plan": "pro", "seats": 5}),
        "$update merges"
    );
    let _: CbkId = api
        .send(
            call(reqwest::Method::POST, &format!("{user}/update"))
                .json(&json!({"meta": {"seats": 1}})),
        )
        .await
        .expect_status(200);
    let fetched: CbkPartnerUser = api
        .send(call(reqwest::Method::GET, &format!("{user}/fetch")))
        .await
        .expect_status(200);
    assert_eq!(
        Value::Object(fetched.meta),
        json!({"seats": 1}),
        "meta replaces"
    );

    let deleted: CbkId = api
        .send(call(reqwest::Method::POST, &format!("{user}/delete")))
        .await
        .expect_status(200);
    assert_eq!(deleted.id, made[0]);
    expect_chatbotkit_error(
        api.send(call(reqwest::Method::GET, &format!("{user}/fetch")))
            .await,
        404,
        "NOT_FOUND",
    );
    // Actions are POSTs: another method is told which, as everywhere.
    expect_chatbotkit_error(
        api.send(call(reqwest::Method::GET, "/v1/partner/user/create"))
            .await,
        405,
        "METHOD_NOT_ALLOWED",
    );
    // The native list sees what the partner routes did: one implementation.
    let native: Page<SubAccount> = api.get("/api/sub-accounts").await.expect_status(200);
    assert_eq!(ids(&native.data, |c| &c.id), made[1..].to_vec());
}

#[tokio::test]
async fn run_as_acts_in_the_child_isolated_from_the_parent_and_its_siblings() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let (_, parent) = full_key(&team).await;
    let a = child(&parent, "A").await;
    let b = child(&parent, "B").await;
    let in_a = parent.run_as(&a.id);
    let in_b = parent.run_as(&b.id);

    let bot: Bot = in_a
        .post("/api/bots", &json!({"name": "A's bot"}))
        .await
        .expect_status(201);
    let widget: Widget = in_a
        .post("/api/widgets", &json!({"name": "A's widget"}))
        .await
        .expect_status(201);
    let started = start_on(&team.server_url, &widget.id)
        .await
        .expect_status(201);
    let conversation = started.conversation.id.clone();
    assert_eq!(started.conversation.widget_id, widget.id);

    let bots_of = |api: Api| async move {
        let page: Page<Bot> = api.get("/api/bots").await.expect_status(200);
        ids(&page.data, |b| &b.id)
    };
    assert_eq!(bots_of(in_a.clone()).await, vec![bot.id.clone()]);
    assert!(
        !bots_of(parent.clone()).await.contains(&bot.id),
        "the parent's own list"
    );
    assert!(
        !bots_of(in_b.clone()).await.contains(&bot.id),
        "a sibling's list"
    );
    let conversations_of = |api: Api| async move {
        let page: Page<Value> = api
            .get("/api/conversations?status=open")
            .await
            .expect_status(200);
        page.data
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        conversations_of(in_a.clone()).await,
        vec![conversation.clone()]
    );
    assert!(
        !conversations_of(parent.clone())
            .await
            .contains(&conversation)
    );
    assert!(
        !conversations_of(team.admin.clone())
            .await
            .contains(&conversation)
    );
    assert!(conversations_of(in_b.clone()).await.is_empty());

    for api in [&parent, &in_b, &team.admin] {
        api.get::<Value>(&format!("/api/bots/{}", bot.id))
            .await
            .expect_problem(404);
        api.get::<Value>(&format!("/api/conversations/{conversation}"))
            .await
            .expect_problem(404);
    }
    let seen: Value = in_a
        .get(&format!("/api/conversations/{conversation}"))
        .await
        .expect_status(200);
    assert_eq!(seen["id"], conversation.as_str());
    // An admin's own token acts in the child too.
    let by_admin: Page<Bot> = team
        .admin
        .run_as(&a.id)
        .get("/api/bots")
        .await
        .expect_status(200);
    assert_eq!(ids(&by_admin.data, |b| &b.id), vec![bot.id.clone()]);

    // Deleting the child erases it: its conversation is gone for its own visitor too.
    let _: Value = parent
        .delete(&format!("/api/sub-accounts/{}", a.id))
        .await
        .expect_status(204);
    Api::new(&team.server_url)
        .with_token(&started.visitor_token)
        .get::<Value>(&format!("/api/conversations/{conversation}"))
        .await
        .expect_problem(404);
    start_on(&team.server_url, &widget.id)
        .await
        .expect_problem(404);
}

#[tokio::test]
async fn a_childs_key_reaches_only_its_child() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let (_, parent) = full_key(&team).await;
    let a = child(&parent, "A").await;
    let b = child(&parent, "B").await;
    let request = CreateApiKeyRequest {
        name: "A's own".into(),
        environment: KeyEnvironment::Live,
        scope: KeyScope::Full,
    };
    let a_key: CreatedApiKey = parent
        .run_as(&a.id)
        .post("/api/keys", &request)
        .await
        .expect_status(201);
    let own = Api::new(&team.server_url).with_token(&a_key.secret);
    let bot: Bot = own
        .post("/api/bots", &json!({"name": "Made by A"}))
        .await
        .expect_status(201);
    let seen: Page<Bot> = parent
        .run_as(&a.id)
        .get("/api/bots")
        .await
        .expect_status(200);
    assert_eq!(
        ids(&seen.data, |b| &b.id),
        vec![bot.id.clone()],
        "the key acts in A"
    );
    let parents_bots: Page<Bot> = parent.get("/api/bots").await.expect_status(200);
    assert!(parents_bots.data.is_empty());

    let parent_id = team.admin_user.workspace_id.clone();
    for (target, what) in [
        (&parent_id, "its parent"),
        (&b.id, "a sibling"),
        (&a.id, "itself"),
    ] {
        let refused = own
            .run_as(target)
            .get::<Value>("/api/bots")
            .await
            .expect_problem(404);
        assert_eq!(refused.code, ErrorCode::NotFound, "{what}");
    }
    own.get::<Value>(&format!("/api/sub-accounts/{}", b.id))
        .await
        .expect_problem(404);
    let childless = own
        .post::<_, Value>("/api/sub-accounts", &json!({"name": "grandchild"}))
        .await
        .expect_problem(403);
    assert!(
        childless.detail.contains("cannot have sub-accounts"),
        "{}",
        childless.detail
    );

    // Deleting A revokes its keys at once.
    let _: Value = parent
        .delete(&format!("/api/sub-accounts/{}", a.id))
        .await
        .expect_status(204);
    own.get::<Value>("/api/bots").await.expect_problem(401);
}

#[tokio::test]
async fn strangers_agents_and_read_keys_are_refused() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let outsider = Team::new(server).await;
    let mine = child(&team.admin, "Mine").await;
    let theirs = child(&outsider.admin, "Theirs").await;

    for id in [
        theirs.id.as_str(),
        "00000000-0000-4000-8000-000000000000",
        "not-an-id",
    ] {
        let refused = team
            .admin
            .run_as(id)
            .get::<Value>("/api/bots")
            .await
            .expect_problem(404);
        assert_eq!(refused.code, ErrorCode::NotFound);
        team.admin
            .get::<Value>(&format!("/api/sub-accounts/{id}"))
            .await
            .expect_problem(404);
    }
    expect_chatbotkit_error(
        outsider
            .admin
            .get(&format!("/v1/partner/user/{}/fetch", mine.id))
            .await,
        404,
        "NOT_FOUND",
    );
    outsider
        .admin
        .run_as(&mine.id)
        .get::<Value>("/api/bots")
        .await
        .expect_problem(404);
    // A sandbox (test) key has no children: run-as from it finds none.
    let sandbox = team.key_client(KeyEnvironment::Test, KeyScope::Full).await;
    sandbox
        .run_as(&mine.id)
        .get::<Value>("/api/bots")
        .await
        .expect_problem(404);

    team.agent
        .get::<Value>("/api/sub-accounts")
        .await
        .expect_problem(403);
    team.agent
        .run_as(&mine.id)
        .get::<Value>("/api/bots")
        .await
        .expect_problem(403);

    let read = team.key_client(KeyEnvironment::Live, KeyScope::Read).await;
    let listed: Page<SubAccount> = read.get("/api/sub-accounts").await.expect_status(200);
    assert_eq!(ids(&listed.data, |c| &c.id), vec![mine.id.clone()]);
    read.post::<_, Value>("/api/sub-accounts", &json!({"name": "x"}))
        .await
        .expect_problem(403);
    expect_chatbotkit_error(
        read.post("/v1/partner/user/create", &json!({"name": "x"}))
            .await,
        401,
        "NOT_AUTHORIZED",
    );
    let in_mine = read.run_as(&mine.id);
    let _: Page<Bot> = in_mine.get("/api/bots").await.expect_status(200);
    in_mine
        .post::<_, Value>("/api/bots", &json!({"name": "x"}))
        .await
        .expect_problem(403);
}

#[tokio::test]
async fn the_parents_plan_counts_its_childrens_seats_and_conversations() {
    let server = Server::start().await.unwrap();
    let team = Team::new(&server).await;
    let child_a = child(&team.admin, "A").await;
    let in_a = team.admin.run_as(&child_a.id);

    // Seats: the trial's Starter has 3; the parent holds 2 (admin, agent).
    let person = |n: u32| CreateUserRequest {
        email: format!(
            "child-{n}-{}@test.parley.dev",
            uuid::Uuid::new_v4().simple()
        ),
        name: format!("Child person {n}"),
        password: PASSWORD.into(),
        role: Role::Agent,
    };
    let _: Value = in_a.post("/api/users", &person(1)).await.expect_status(201);
    let full = in_a
        .post::<_, Value>("/api/users", &person(2))
        .await
        .expect_problem(429);
    assert_eq!(full.code, ErrorCode::LimitsReached);
    team.admin
        .post::<_, Value>("/api/users", &person(3))
        .await
        .expect_problem(429);

    // Conversations: past the trial the family is on Free, 100 a period for all of it.
    let trial_end = usage(&team.admin).await.ends_at.unwrap();
    let day_after =
        chrono::DateTime::parse_from_rfc3339(&trial_end).unwrap() + chrono::TimeDelta::days(1);
    server.set_clock(Some(&day_after.to_rfc3339())).await;
    let admin = team.admin_again().await;
    let in_a = admin.run_as(&child_a.id);
    let widget: Widget = in_a
        .post("/api/widgets", &json!({"name": "A's site"}))
        .await
        .expect_status(201);
    let starts = (0..104).map(|n| {
        let widget_id = if n % 2 == 0 {
            &widget.id
        } else {
            &team.widget.id
        };
        start_on(&team.server_url, widget_id)
    });
    let answers = join_all(starts).await;
    let mut started_in_a = 0;
    let mut refused = Vec::new();
    for (n, answer) in answers.into_iter().enumerate() {
        match answer {
            Answer::Ok(201, _) => started_in_a += u32::from(n % 2 == 0),
            Answer::Problem(status, problem) => refused.push((status, problem.code)),
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(
        refused,
        vec![(429, ErrorCode::LimitsReached); 4],
        "exactly the plan's 100"
    );
    start_on(&team.server_url, &widget.id)
        .await
        .expect_problem(429);

    let parent = usage(&admin).await;
    assert_eq!(
        (
            parent.plan_id.as_str(),
            parent.conversations_used,
            parent.agents_used
        ),
        ("plan-free", 100, 3)
    );
    assert!(!parent.covered_by_parent);
    assert_eq!(parent.sub_accounts.len(), 1);
    let share = &parent.sub_accounts[0];
    assert_eq!(
        (
            share.id.as_str(),
            share.name.as_str(),
            share.conversations_used,
            share.agents_used
        ),
        (child_a.id.as_str(), "A", started_in_a, 1)
    );

    let own = usage(&in_a).await;
    assert!(own.covered_by_parent);
    assert_eq!(
        (
            own.plan_id.as_str(),
            own.conversations_limit,
            own.conversations_used
        ),
        ("plan-free", 100, started_in_a)
    );
    assert!(own.sub_accounts.is_empty(), "a child sees no siblings");
    let checkout = in_a
        .post::<_, Value>(
            "/api/v1/billing/checkout",
            &json!({"planId": "plan-growth", "interval": "monthly"}),
        )
        .await
        .expect_problem(403);
    assert!(
        checkout.detail.contains("billed to its parent"),
        "{}",
        checkout.detail
    );
    server.set_clock(None).await;
}
