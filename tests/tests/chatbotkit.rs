//! ChatBotKit's dialect under `/v1`, written from its API document's own examples: a client
//! that changes only its host (`Authorization: Token …`, `GET /v1/conversation/list`, cursor
//! paging, `Accept: application/jsonl`, `POST /v1/conversation/{id}/complete {"text"}`,
//! `meta` vs `$update`) works against Parley, answered by Parley's own bots and knowledge, and
//! every failure is `{message, code}` with ChatBotKit's codes.

use parley_shared_types::api_key::{KeyEnvironment, KeyScope};
use parley_tests::fake_openai::{API_KEY, EDGE_ATTEMPTS, FakeOpenAi};
use parley_tests::fixtures::Team;
use parley_tests::{Api, Server};
use reqwest::Method;
use serde_json::{Value, json};

/// The refund policy a dataset teaches in these tests.
const POLICY: &str = "Refunds reach your card within 5 business days. \
    Our office is closed on public holidays.";
/// A question [`POLICY`] answers.
const QUESTION: &str = "When do refunds reach my card?";

/// A ChatBotKit client: `Authorization: Token <key>` on every call, from its own address.
struct Client {
    api: Api,
    token: Option<String>,
}

/// What a call answered: the status, the content type and the body.
struct Reply {
    status: u16,
    content_type: String,
    body: String,
}

impl Reply {
    #[track_caller]
    fn json(&self, status: u16) -> Value {
        assert_eq!(self.status, status, "{}", self.body);
        serde_json::from_str(&self.body).expect("a JSON body")
    }

    /// ChatBotKit's error envelope, after checking the status; nothing else is in it.
    #[track_caller]
    fn error(&self, status: u16, code: &str) -> String {
        let body = self.json(status);
        assert_eq!(body["code"], code, "{body}");
        assert_eq!(self.content_type, "application/json");
        let fields: Vec<&String> = body.as_object().unwrap().keys().collect();
        assert_eq!(fields, ["code", "message"], "{body}");
        body["message"].as_str().unwrap().to_owned()
    }

    /// The body's JSON lines.
    #[track_caller]
    fn lines(&self) -> Vec<Value> {
        assert_eq!(self.status, 200, "{}", self.body);
        assert_eq!(self.content_type, "application/jsonl");
        self.body
            .lines()
            .map(|line| serde_json::from_str(line).expect("a JSON line"))
            .collect()
    }
}

impl Client {
    async fn with_key(team: &Team, scope: KeyScope) -> Client {
        let key = team.api_key(KeyEnvironment::Live, scope).await;
        Client {
            api: Api::new(&team.server_url),
            token: Some(key.secret),
        }
    }

    fn anonymous(server: &Server) -> Client {
        Client {
            api: Api::new(&server.base_url),
            token: None,
        }
    }

    async fn call(&self, method: Method, path: &str, accept: &str, body: Option<&Value>) -> Reply {
        let mut request = self.api.request(method, path).header("accept", accept);
        if let Some(token) = &self.token {
            request = request.header("authorization", format!("Token {token}"));
        }
        if let Some(body) = body {
            request = request.json(body);
        }
        let response = request.send().await.expect("the edge answers");
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        Reply {
            status: response.status().as_u16(),
            content_type,
            body: response.text().await.unwrap_or_default(),
        }
    }

    async fn get(&self, path: &str) -> Reply {
        self.call(Method::GET, path, "application/json", None).await
    }

    async fn jsonl(&self, path: &str) -> Reply {
        self.call(Method::GET, path, "application/jsonl", None)
            .await
    }

    async fn post(&self, path: &str, body: &Value) -> Reply {
        self.call(Method::POST, path, "application/json", Some(body))
            .await
    }

    /// A create or update's `{id}`.
    async fn id_of(&self, path: &str, body: &Value) -> String {
        let answer = self.post(path, body).await.json(200);
        answer["id"].as_str().expect("{id}").to_owned()
    }
}

/// A bot that knows [`POLICY`] through a dataset, all made through the dialect.
async fn bot_with_dataset(client: &Client) -> (String, String) {
    let bot_id = client
        .id_of(
            "/v1/bot/create",
            &json!({"name": "Support", "description": "Answers customers",
                    "backstory": "You are the support assistant."}),
        )
        .await;
    let dataset_id = client
        .id_of(
            "/v1/dataset/create",
            &json!({"name": "Refund policy", "botId": bot_id, "text": POLICY}),
        )
        .await;
    (bot_id, dataset_id)
}

#[tokio::test]
async fn bots_conversations_and_datasets_take_chatbotkit_actions() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let client = Client::with_key(&team, KeyScope::Full).await;
    let (bot_id, dataset_id) = bot_with_dataset(&client).await;

    let bot = client
        .get(&format!("/v1/bot/{bot_id}/fetch"))
        .await
        .json(200);
    assert_eq!(bot["id"], bot_id);
    assert_eq!(bot["name"], "Support");
    assert_eq!(bot["description"], "Answers customers");
    assert_eq!(bot["backstory"], "You are the support assistant.");
    assert!(
        bot["createdAt"].as_i64().unwrap() > 1_700_000_000_000,
        "{bot}"
    );
    // The same bot, seen through Parley's own API.
    let native: Value = team
        .admin
        .get(&format!("/api/bots/{bot_id}"))
        .await
        .expect_status(200);
    assert_eq!(
        native["settings"]["systemPrompt"],
        "You are the support assistant."
    );
    assert_eq!(native["knowledgeSources"][0]["id"], dataset_id);

    // The document's metadata examples: `meta` replaces, `$update` merges.
    let update = format!("/v1/bot/{bot_id}/update");
    let replaced = json!({ "meta": { "field1": "string", "field2": true } });
    assert_eq!(client.id_of(&update, &replaced).await, bot_id);
    let merged = json!({ "$update": { "field2": false } });
    assert_eq!(client.id_of(&update, &merged).await, bot_id);
    let bot = client
        .get(&format!("/v1/bot/{bot_id}/fetch"))
        .await
        .json(200);
    assert_eq!(bot["meta"], json!({"field1": "string", "field2": false}));
    assert_eq!(bot["name"], "Support", "what is not sent stays");
    assert_eq!(
        client.id_of(&update, &json!({"meta": {"only": 1}})).await,
        bot_id
    );
    let bot = client
        .get(&format!("/v1/bot/{bot_id}/fetch"))
        .await
        .json(200);
    assert_eq!(bot["meta"], json!({"only": 1}));
    let bots = client.get("/v1/bot/list").await.json(200);
    assert_eq!(bots["items"][0]["id"], bot_id);

    let dataset = client
        .get(&format!("/v1/dataset/{dataset_id}/fetch"))
        .await
        .json(200);
    assert_eq!(dataset["name"], "Refund policy");
    assert_eq!(dataset["botId"], bot_id);
    assert!(dataset["records"].as_u64().unwrap() >= 1, "{dataset}");
    let dataset_update = format!("/v1/dataset/{dataset_id}/update");
    let renamed = json!({"name": "Refunds", "meta": {"lang": "en"}});
    assert_eq!(client.id_of(&dataset_update, &renamed).await, dataset_id);
    let dataset = client
        .get(&format!("/v1/dataset/{dataset_id}/fetch"))
        .await
        .json(200);
    assert_eq!(
        (&dataset["name"], &dataset["meta"]),
        (&json!("Refunds"), &json!({"lang": "en"}))
    );
    let datasets = client.get("/v1/dataset/list").await.json(200);
    assert_eq!(datasets["items"][0]["id"], dataset_id);

    // Conversations, listed as the document shows: a first page, then `?cursor=<last id>`.
    let first = client
        .id_of(
            "/v1/conversation/create",
            &json!({"botId": bot_id, "name": "First", "meta": {"crm": "A-1"}}),
        )
        .await;
    let second = client
        .id_of("/v1/conversation/create", &json!({"botId": bot_id}))
        .await;
    let page = client.get("/v1/conversation/list?take=1").await.json(200);
    assert_eq!(page["items"].as_array().unwrap().len(), 1);
    let cursor = page["cursor"]
        .as_str()
        .expect("a full page names its cursor");
    let next = client
        .get(&format!("/v1/conversation/list?cursor={cursor}"))
        .await
        .json(200);
    let mut seen: Vec<&str> = [&page, &next]
        .iter()
        .flat_map(|p| p["items"].as_array().unwrap())
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    seen.sort_unstable();
    let mut made = vec![first.as_str(), second.as_str()];
    made.sort_unstable();
    assert_eq!(seen, made, "each conversation once across the pages");
    let everything = client.get("/v1/conversation/list").await.json(200);
    assert!(everything.get("cursor").is_none(), "{everything}");
    // Streamed as JSON lines, one resource per line.
    let lines = client.jsonl("/v1/conversation/list").await.lines();
    assert_eq!(lines.len(), 2);
    for line in &lines {
        assert_eq!(line["type"], "item");
        assert_eq!(line["data"]["botId"], bot_id);
    }

    let conversation_update = format!("/v1/conversation/{first}/update");
    let change = json!({"name": "Renamed", "$update": {"stage": "lead"}});
    assert_eq!(client.id_of(&conversation_update, &change).await, first);
    let conversation = client
        .get(&format!("/v1/conversation/{first}/fetch"))
        .await
        .json(200);
    assert_eq!(conversation["name"], "Renamed");
    assert_eq!(conversation["meta"], json!({"crm": "A-1", "stage": "lead"}));

    // One round without streaming: the result object alone, then both messages listed.
    let result = client
        .post(
            &format!("/v1/conversation/{first}/complete"),
            &json!({ "text": QUESTION }),
        )
        .await
        .json(200);
    assert!(
        result["text"].as_str().unwrap().contains("5 business days"),
        "{result}"
    );
    assert_eq!(result["end"]["reason"], "stop");
    assert!(result["usage"]["token"].as_u64().unwrap() > 0);
    let messages = client
        .get(&format!("/v1/conversation/{first}/message/list"))
        .await
        .json(200);
    let items = messages["items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "{messages}");
    assert_eq!(
        (&items[0]["type"], &items[0]["text"]),
        (&json!("user"), &json!(QUESTION))
    );
    assert_eq!(items[1]["type"], "bot");
    assert_eq!(items[1]["id"], result["id"]);
    assert_eq!(items[1]["meta"]["sources"][0]["title"], "Refunds");
    let streamed = client
        .jsonl(&format!("/v1/conversation/{first}/message/list"))
        .await
        .lines();
    assert_eq!(streamed.len(), 2);
    assert_eq!(streamed[1]["data"]["id"], result["id"]);

    // Deletes answer `{id}`; what is gone is NOT_FOUND.
    for (resource, id) in [
        ("conversation", &second),
        ("dataset", &dataset_id),
        ("bot", &bot_id),
    ] {
        let deleted = client
            .post(&format!("/v1/{resource}/{id}/delete"), &json!({}))
            .await
            .json(200);
        assert_eq!(deleted, json!({ "id": id }));
        client
            .get(&format!("/v1/{resource}/{id}/fetch"))
            .await
            .error(404, "NOT_FOUND");
    }
    // The bot took its conversations with it.
    client
        .get(&format!("/v1/conversation/{first}/fetch"))
        .await
        .error(404, "NOT_FOUND");
}

#[tokio::test]
async fn complete_streams_tokens_then_the_result_from_the_bots_knowledge() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let client = Client::with_key(&team, KeyScope::Full).await;
    let (bot_id, _) = bot_with_dataset(&client).await;
    let conversation_id = client
        .id_of("/v1/conversation/create", &json!({"botId": bot_id}))
        .await;
    let complete = format!("/v1/conversation/{conversation_id}/complete");

    let events = client
        .call(
            Method::POST,
            &complete,
            "application/jsonl",
            Some(&json!({ "text": QUESTION })),
        )
        .await
        .lines();
    let (result, tokens) = events.split_last().expect("events");
    assert!(tokens.len() > 1, "the answer streams in pieces: {events:?}");
    let mut written = String::new();
    for token in tokens {
        assert_eq!(token["type"], "token", "{token}");
        written.push_str(token["data"]["token"].as_str().unwrap());
    }
    assert_eq!(result["type"], "result");
    let text = result["data"]["text"].as_str().unwrap();
    assert_eq!(written.trim_end(), text);
    assert!(text.contains("5 business days"), "{text}");
    assert_eq!(result["data"]["usage"]["token"], tokens.len());

    // The document's own request: a question the knowledge does not answer still completes.
    let events = client
        .call(
            Method::POST,
            &complete,
            "application/jsonl",
            Some(&json!({ "text": "User input goes here" })),
        )
        .await
        .lines();
    assert_eq!(events.last().unwrap()["type"], "result");
    let messages = client
        .get(&format!("/v1/conversation/{conversation_id}/message/list"))
        .await
        .json(200);
    assert_eq!(messages["items"].as_array().unwrap().len(), 4);
}

#[tokio::test]
async fn failures_answer_in_chatbotkits_envelope_with_its_codes() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let client = Client::with_key(&team, KeyScope::Full).await;
    let (bot_id, _) = bot_with_dataset(&client).await;

    let anonymous = Client::anonymous(server);
    anonymous
        .get("/v1/conversation/list")
        .await
        .error(401, "NOT_AUTHENTICATED");
    let stranger = Client {
        api: Api::new(&server.base_url),
        token: Some("pk_live_not_a_key_of_anyone_0000000000".into()),
    };
    stranger
        .get("/v1/conversation/list")
        .await
        .error(401, "NOT_AUTHENTICATED");

    // A read-only key may list but not write; an agent may not change bots.
    let reader = Client::with_key(&team, KeyScope::Read).await;
    reader.get("/v1/bot/list").await.json(200);
    reader
        .post("/v1/bot/create", &json!({"name": "Nope"}))
        .await
        .error(401, "NOT_AUTHORIZED");
    let agent = team
        .agent
        .request(Method::POST, "/v1/bot/create")
        .json(&json!({"name": "Nope"}))
        .send()
        .await
        .unwrap();
    assert_eq!(agent.status(), 401);
    let body: Value = agent.json().await.unwrap();
    assert_eq!(body["code"], "NOT_AUTHORIZED");

    // Bad input: a body that is not JSON, a missing field, a wrong type, a bad cursor.
    let malformed = client
        .api
        .request(Method::POST, "/v1/bot/create")
        .header(
            "authorization",
            format!("Token {}", client.token.as_deref().unwrap()),
        )
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(malformed.status(), 400);
    let body: Value = malformed.json().await.unwrap();
    assert_eq!(body["code"], "BAD_REQUEST");
    let message = client
        .post("/v1/conversation/create", &json!({"name": "No bot"}))
        .await
        .error(400, "BAD_REQUEST");
    assert!(message.contains("botId is required"), "{message}");
    client
        .post("/v1/bot/create", &json!({"name": 42}))
        .await
        .error(400, "BAD_REQUEST");
    client
        .post(
            "/v1/dataset/create",
            &json!({"name": "Empty", "botId": bot_id}),
        )
        .await
        .error(400, "BAD_REQUEST");
    client
        .get("/v1/bot/list?cursor=nope")
        .await
        .error(400, "BAD_REQUEST");

    // Unknown ids, and the wrong method on an action.
    let unknown = "00000000-0000-4000-8000-000000000000";
    for path in [
        format!("/v1/bot/{unknown}/fetch"),
        format!("/v1/conversation/{unknown}/fetch"),
        format!("/v1/dataset/{unknown}/fetch"),
        format!("/v1/conversation/{unknown}/message/list"),
    ] {
        client.get(&path).await.error(404, "NOT_FOUND");
    }
    client
        .post(
            &format!("/v1/conversation/{unknown}/complete"),
            &json!({"text": "Hello"}),
        )
        .await
        .error(404, "NOT_FOUND");
    let wrong = client.get("/v1/bot/create").await;
    wrong.error(405, "METHOD_NOT_ALLOWED");
    let wrong = client
        .post(&format!("/v1/bot/{bot_id}/fetch"), &json!({}))
        .await;
    wrong.error(405, "METHOD_NOT_ALLOWED");
}

#[tokio::test]
async fn a_model_providers_rate_limit_is_openai_too_many_requests() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let fake = FakeOpenAi::start(4096, API_KEY).await.unwrap();
    let (bot, _) = team.openai_bot(&fake, 4096, 200).await;
    let client = Client::with_key(&team, KeyScope::Full).await;
    let conversation_id = client
        .id_of("/v1/conversation/create", &json!({"botId": bot.id}))
        .await;
    let complete = format!("/v1/conversation/{conversation_id}/complete");
    let question = json!({ "text": QUESTION });

    for accept in ["application/json", "application/jsonl"] {
        fake.fail_times(429, EDGE_ATTEMPTS);
        let message = client
            .call(Method::POST, &complete, accept, Some(&question))
            .await
            .error(429, "OPENAI_TOO_MANY_REQUESTS");
        assert!(message.contains("429"), "{message}");
    }
    assert_eq!(
        fake.requests().len(),
        2 * EDGE_ATTEMPTS,
        "each retried by Parley first"
    );

    // Once the provider answers again, so does the conversation, token by token.
    fake.reply_with(&["Within ", "5 days."]);
    let events = client
        .call(
            Method::POST,
            &complete,
            "application/jsonl",
            Some(&question),
        )
        .await
        .lines();
    let tokens: Vec<&Value> = events.iter().filter(|e| e["type"] == "token").collect();
    assert_eq!(tokens.len(), 2);
    let result = events.last().unwrap();
    assert_eq!(result["data"]["text"], "Within 5 days.");
    assert_eq!(result["data"]["end"]["reason"], "stop");
}

#[tokio::test]
async fn another_workspaces_ids_are_not_found() {
    let server = Server::shared().await;
    let owner = Team::new(server).await;
    let owner_client = Client::with_key(&owner, KeyScope::Full).await;
    let (bot_id, dataset_id) = bot_with_dataset(&owner_client).await;
    let conversation_id = owner_client
        .id_of("/v1/conversation/create", &json!({"botId": bot_id}))
        .await;

    let outsider = Team::new(server).await;
    let client = Client::with_key(&outsider, KeyScope::Full).await;
    for (resource, id) in [
        ("bot", &bot_id),
        ("dataset", &dataset_id),
        ("conversation", &conversation_id),
    ] {
        client
            .get(&format!("/v1/{resource}/{id}/fetch"))
            .await
            .error(404, "NOT_FOUND");
        client
            .post(
                &format!("/v1/{resource}/{id}/update"),
                &json!({"$update": {"taken": true}}),
            )
            .await
            .error(404, "NOT_FOUND");
        client
            .post(&format!("/v1/{resource}/{id}/delete"), &json!({}))
            .await
            .error(404, "NOT_FOUND");
        let listed = client.get(&format!("/v1/{resource}/list")).await.json(200);
        assert_eq!(listed["items"], json!([]), "{resource}");
    }
    client
        .get(&format!("/v1/conversation/{conversation_id}/message/list"))
        .await
        .error(404, "NOT_FOUND");
    client
        .post(
            &format!("/v1/conversation/{conversation_id}/complete"),
            &json!({ "text": QUESTION }),
        )
        .await
        .error(404, "NOT_FOUND");
    // Nor may a conversation or dataset of the outsider name the owner's bot.
    client
        .post("/v1/conversation/create", &json!({"botId": bot_id}))
        .await
        .error(404, "NOT_FOUND");
    client
        .post(
            "/v1/dataset/create",
            &json!({"name": "Mine", "botId": bot_id, "text": "Taken."}),
        )
        .await
        .error(404, "NOT_FOUND");
    // The owner's data is as it was.
    let bot = owner_client
        .get(&format!("/v1/bot/{bot_id}/fetch"))
        .await
        .json(200);
    assert_eq!(bot["meta"], json!({}));
}

#[tokio::test]
async fn the_spec_is_served_with_chatbotkits_operations() {
    let server = Server::shared().await;
    let spec = Client::anonymous(server)
        .get("/v1/spec.json")
        .await
        .json(200);
    for path in [
        "/v1/bot/list",
        "/v1/conversation/{conversationId}/complete",
        "/v1/conversation/{conversationId}/message/list",
        "/v1/dataset/{datasetId}/update",
    ] {
        assert!(spec["paths"][path].is_object(), "{path}");
    }
    let complete = &spec["paths"]["/v1/conversation/{conversationId}/complete"]["post"];
    assert_eq!(complete["tags"], json!(["ChatBotKit"]));
    assert!(complete["responses"]["429"].is_object());
}
