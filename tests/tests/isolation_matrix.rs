//! The isolation matrix, generated from the served spec: every operation of
//! `/api/openapi.json` is called, aimed at one workspace's resources, by every principal that
//! must not reach them (another workspace's admin token, API key and visitor token, the
//! workspace's own sandbox key, its own admin acting in one of its sub-accounts with
//! `X-RunAs-UserId`, no credential), by its agent on admin routes and by its read
//! key on writes. None gets a 2xx that names the workspace's data, and no answer of the whole
//! matrix (nor any answer its owner gets) carries a secret after its creation. An operation
//! the tables below do not classify fails the test, so a new route cannot go unchecked.

use parley_shared_types::api_key::{KeyEnvironment, KeyScope};
use parley_tests::fixtures::{PASSWORD, PNG_1X1, Team, Visitor};
use parley_tests::{Api, Server};
use reqwest::Method;
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// Operations anyone may call (the spec marks them `security: [{}]`); the widget's config and
/// a conversation's start are public by design.
const PUBLIC: &[&str] = &[
    "resumeConversation",
    "unsubscribePage",
    "unsubscribe",
    "signUp",
    "verify",
    "token",
    "devOutbox",
    "health",
    "startConversation",
    "widgetConfig",
    // Proves a visitor with the widget's identity secret (its own tests: embed_api).
    "checkVisitorIdentity",
    "negotiateHub",
    "openApiSpec",
    "apiDocs",
    "listPlans",
    // Payment providers' notifications: signed by the provider, not by a Parley credential.
    "stripeWebhook",
    "paymobCallback",
    "fawryNotification",
    "chatbotkitSpec",
    // A channel's platform: Telegram proves itself with the secret token, a webhook channel's
    // platform with the channel's signature.
    "telegramUpdate",
    "channelInbound",
];

/// Operations for admins only: an agent of the same workspace is refused (403).
const ADMIN_ONLY: &[&str] = &[
    "conversationStats",
    "messageStats",
    "widgetStats",
    "dailyStats",
    "listApiKeys",
    "createApiKey",
    "revokeApiKey",
    "createBot",
    "updateBot",
    "deleteBot",
    "adminListConversations",
    "deleteContact",
    "deleteConversation",
    "exportContact",
    "createIntegration",
    "updateIntegration",
    "deleteIntegration",
    "createChannel",
    "rotateIdentitySecret",
    "removeIdentitySecret",
    "updateChannel",
    "deleteChannel",
    "createKnowledgeSource",
    "deleteKnowledgeSource",
    "replaceKnowledgeSource",
    "createUser",
    "updateUser",
    "deleteUser",
    "listWebhooks",
    "createWebhook",
    "getWebhook",
    "updateWebhook",
    "deleteWebhook",
    "listWebhookDeliveries",
    "sendWebhookTest",
    "rotateWebhookSecret",
    "createWidget",
    "adminCreateWidget",
    "updateWidget",
    "adminListWidgets",
    "addAgentSeat",
    "removeAgentSeat",
    "createLabel",
    "updateLabel",
    "deleteLabel",
    "rocketflowCreateWebhook",
    "chatbotkitCreateBot",
    "chatbotkitUpdateBot",
    "chatbotkitDeleteBot",
    "chatbotkitCreateDataset",
    "chatbotkitUpdateDataset",
    "chatbotkitDeleteDataset",
    // Sub-accounts, natively and as ChatBotKit's Partner API (read keys read them).
    "listSubAccounts",
    "createSubAccount",
    "getSubAccount",
    "updateSubAccount",
    "deleteSubAccount",
    "partnerUserList",
    "partnerUserCreate",
    "partnerUserFetch",
    "partnerUserUpdate",
    "partnerUserDelete",
    "createAgentLoop",
    "updateAgentLoop",
    "deleteAgentLoop",
    "runAgentLoop",
    "cancelAgentLoopExecution",
];

/// Operations any member (agent or admin) of the workspace may call.
const MEMBERS: &[&str] = &[
    "currentUser",
    "listBots",
    "listBotConversations",
    "listChannels",
    "getChannel",
    "getBot",
    "chat",
    "chatHistory",
    "listChats",
    "createChat",
    "getChat",
    "deleteChat",
    "listChatMessages",
    "sendChatMessage",
    "sendChatInput",
    "listConversations",
    "listContacts",
    "getContact",
    "updateContact",
    "getConversation",
    "closeConversation",
    "reopenConversation",
    "assignConversation",
    "handOffConversation",
    "connectHub",
    "listIntegrations",
    "getIntegration",
    "listKnowledgeSources",
    "getKnowledgeSource",
    "getKnowledgeChunks",
    "sendMessage",
    "listMessages",
    "markMessageRead",
    "uploadAttachment",
    "getAttachment",
    // The conversation's visitor's alone: a member is refused (403), as is everyone else.
    "followUpByEmail",
    "listUsers",
    "listWidgets",
    "getWidget",
    "botAnalytics",
    "agentAnalytics",
    "currentBilling",
    "listInvoices",
    "openBillingPortal",
    // Without a body: a member may start a payment for their own workspace only.
    "startCheckout",
    "startPaymobPayment",
    "startFawryPayment",
    // Its visitor's alone: members are refused (403) like everyone else.
    "rateConversation",
    "listLabels",
    "getLabel",
    "attachLabel",
    "detachLabel",
    // Personal ones are their owner's; the workspace's are written by admins (403 to an
    // agent on the matrix's workspace response, checked in tests/tests/agent_tools.rs).
    "listCannedResponses",
    "createCannedResponse",
    "getCannedResponse",
    "updateCannedResponse",
    "deleteCannedResponse",
    // RocketFlow's dialect under /v1.
    "rocketflowSendMessage",
    "rocketflowChatHistory",
    "rocketflowListChatbots",
    "rocketflowGetChatbot",
    "rocketflowChatbotAnalytics",
    // ChatBotKit's dialect under /v1.
    "chatbotkitListBots",
    "chatbotkitFetchBot",
    "chatbotkitListConversations",
    "chatbotkitCreateConversation",
    "chatbotkitFetchConversation",
    "chatbotkitUpdateConversation",
    "chatbotkitDeleteConversation",
    "chatbotkitListMessages",
    "chatbotkitCompleteConversation",
    "chatbotkitListDatasets",
    "chatbotkitFetchDataset",
    "listAgentLoops",
    "getAgentLoop",
    "listAgentLoopExecutions",
    "getAgentLoopExecution",
];

/// ChatBotKit has no 403: a role or a read-only key short of the call is its
/// `NOT_AUTHORIZED`, a 401.
fn refused_role_status(operation: &Operation) -> u16 {
    if operation.id.starts_with("chatbotkit") || operation.id.starts_with("partnerUser") {
        401
    } else {
        403
    }
}

struct Operation {
    id: String,
    method: Method,
    path: String,
    public: bool,
}

/// Every operation the served spec describes.
fn operations(spec: &Value) -> Vec<Operation> {
    let mut operations = Vec::new();
    for (path, item) in spec["paths"].as_object().expect("paths") {
        for (method, operation) in item.as_object().expect("path item") {
            let Ok(method) = method.to_uppercase().parse::<Method>() else {
                continue;
            };
            let public = operation["security"]
                .as_array()
                .is_some_and(|schemes| schemes.iter().all(|s| s.as_object().unwrap().is_empty()));
            operations.push(Operation {
                id: operation["operationId"]
                    .as_str()
                    .expect("operationId")
                    .into(),
                method,
                path: path.clone(),
                public,
            });
        }
    }
    operations
}

/// One workspace full of resources, and what must never leave it.
struct Victim {
    team: Team,
    visitor: Visitor,
    /// A path parameter's value, by the collection it follows (`conversations` → the id).
    resources: BTreeMap<&'static str, String>,
    /// Ids and contents that only this workspace's members may see.
    markers: Vec<String>,
    /// What no answer may carry after its creation.
    secrets: Vec<String>,
    agent_id: String,
    bot_id: String,
    read_key: String,
    sandbox_key: String,
    /// A sub-account the workspace's admin acts in as a principal of the matrix.
    sibling_id: String,
}

async fn created(api: &Api, path: &str, body: Value) -> Value {
    api.post(path, &body).await.expect_status(201)
}

impl Victim {
    async fn new(server: &Server) -> Victim {
        let tag = uuid::Uuid::new_v4().simple().to_string();
        let team = Team::new(server).await;
        let visitor = team.visitor().await;
        let message = visitor.say(&format!("victim message {tag}")).await;
        let upload = visitor
            .api
            .request(
                Method::POST,
                &format!(
                    "/api/conversations/{}/attachments?name=victim.png",
                    visitor.conversation_id()
                ),
            )
            .body(PNG_1X1.to_vec());
        let attachment: Value = visitor.api.send(upload).await.expect_status(201);
        let bot = team
            .bot_knowing(
                &format!("victim knowledge {tag}"),
                &[("What are the hours?", "Nine to five.")],
            )
            .await;
        let knowledge: Value = team
            .admin
            .get(&format!("/api/bots/{}/knowledge-sources", bot.id))
            .await
            .expect_status(200);
        let integration_key = format!("sk-victim-{tag}");
        let integration = created(
            &team.admin,
            &format!("/api/bots/{}/integrations", bot.id),
            json!({"kind": "openai", "baseUrl": "https://api.openai.com/v1", "model": "gpt-test",
                   "apiKey": integration_key}),
        )
        .await;
        let channel = created(
            &team.admin,
            &format!("/api/bots/{}/channels", bot.id),
            json!({"kind": "webhook", "name": format!("victim channel {tag}"),
                   "url": "https://example.com/victim-platform"}),
        )
        .await;
        let webhook_secret = format!("whsec-victim-{tag}");
        let webhook = created(
            &team.admin,
            "/api/webhooks",
            json!({"url": "https://example.com/parley", "events": ["conversation.ended"],
                   "secret": webhook_secret}),
        )
        .await;
        let label = created(
            &team.admin,
            "/api/labels",
            json!({"name": format!("victim {tag}")}),
        )
        .await;
        let conversation_path = format!("/api/conversations/{}/labels", visitor.conversation_id());
        let _: Value = team
            .agent
            .post(&conversation_path, &json!({"labelId": label["id"]}))
            .await
            .expect_status(200);
        let canned = created(
            &team.admin,
            "/api/canned-responses",
            json!({"shortcut": format!("victim{}", &tag[..16]), "content": format!("victim canned {tag}"),
                   "scope": "workspace"}),
        )
        .await;
        let chat = created(
            &team.agent,
            "/api/chats",
            json!({"botId": bot.id, "name": format!("victim chat {tag}")}),
        )
        .await;
        let asked = team.ask(&bot, "What are the hours?", None).await;
        let sub_account = created(
            &team.admin,
            "/api/sub-accounts",
            json!({"name": format!("victim child {tag}")}),
        )
        .await;
        let sibling = created(&team.admin, "/api/sub-accounts", json!({"name": "sibling"})).await;
        let agent_loop = created(
            &team.admin,
            "/api/agent-loops",
            json!({"name": format!("victim loop {tag}"), "botId": bot.id,
                   "instructions": format!("victim instructions {tag}"),
                   "tools": ["search_knowledge"]}),
        )
        .await;
        let loop_execution: Value = team
            .admin
            .post_empty(&format!(
                "/api/agent-loops/{}/run",
                agent_loop["id"].as_str().unwrap()
            ))
            .await
            .expect_status(202);
        let live_key = team.api_key(KeyEnvironment::Live, KeyScope::Full).await;
        let read_key = team.api_key(KeyEnvironment::Live, KeyScope::Read).await;
        let sandbox_key = team.api_key(KeyEnvironment::Test, KeyScope::Full).await;

        let id = |value: &Value| value["id"].as_str().expect("id").to_owned();
        let resources = BTreeMap::from([
            ("conversations", visitor.conversation_id().to_owned()),
            ("messages", message.id.clone()),
            ("attachments", id(&attachment)),
            ("widgets", team.widget.id.clone()),
            ("users", team.agent_user.id.clone()),
            ("keys", live_key.key.id.clone()),
            ("webhooks", id(&webhook)),
            ("bots", bot.id.clone()),
            ("chatbots", bot.id.clone()),
            ("integrations", id(&integration)),
            ("channels", id(&channel)),
            ("knowledge-sources", id(&knowledge["data"][0])),
            ("chats", id(&chat)),
            // ChatBotKit's resources: a bot, a conversation (a chat), a dataset (a source).
            ("bot", bot.id.clone()),
            ("conversation", id(&chat)),
            ("dataset", id(&knowledge["data"][0])),
            ("history", asked.session_id.clone()),
            ("labels", id(&label)),
            ("canned-responses", id(&canned)),
            ("sub-accounts", id(&sub_account)),
            ("agent-loops", id(&agent_loop)),
            ("executions", id(&loop_execution)),
            // ChatBotKit's `/v1/partner/user/{id}/…`.
            ("user", id(&sub_account)),
            (
                "contacts",
                visitor
                    .started
                    .conversation
                    .contact_id
                    .clone()
                    .expect("the visitor is a contact"),
            ),
        ]);
        let mut markers: Vec<String> = resources.values().cloned().collect();
        markers.extend([
            team.admin_user.id.clone(),
            team.admin_user.workspace_id.clone(),
            tag,
        ]);
        Victim {
            resources,
            markers,
            secrets: vec![
                PASSWORD.to_owned(),
                live_key.secret,
                read_key.secret.clone(),
                sandbox_key.secret.clone(),
                webhook_secret,
                integration_key,
                channel["secret"].as_str().expect("shown once").to_owned(),
            ],
            agent_id: team.agent_user.id.clone(),
            bot_id: bot.id,
            read_key: read_key.secret,
            sandbox_key: sandbox_key.secret,
            sibling_id: id(&sibling),
            team,
            visitor,
        }
    }

    /// The operation's path aimed at this workspace, and whether it names one of its resources.
    fn aim(&self, template: &str) -> (String, bool) {
        let mut path = String::new();
        let mut named = false;
        let mut previous = "";
        for segment in template.split('/').skip(1) {
            path.push('/');
            if segment.starts_with('{') {
                let value = self.resources.get(previous).unwrap_or_else(|| {
                    panic!("{template}: no resource of the matrix's workspace fits {segment} after {previous}: add one to Victim::new")
                });
                path.push_str(value);
                named = true;
            } else {
                path.push_str(segment);
                previous = segment;
            }
        }
        (path, named)
    }

    /// A valid body for the operation, so that only the caller's rights can refuse it.
    fn body(&self, operation: &str) -> Option<Value> {
        let tag = uuid::Uuid::new_v4().simple();
        Some(match operation {
            "createApiKey" => json!({"name": "matrix", "environment": "live", "scope": "full"}),
            "createBot" | "updateBot" => json!({"name": "Matrix bot"}),
            "chat" => json!({"message": "What are the hours?", "botId": self.bot_id}),
            "rocketflowSendMessage" => {
                json!({"message": "What are the hours?", "chatbot_id": self.bot_id})
            }
            "createChat" => json!({"botId": self.bot_id, "name": "Matrix chat"}),
            "sendChatMessage" | "sendChatInput" => json!({"message": "hello"}),
            "assignConversation" => json!({"agentId": self.agent_id}),
            "createIntegration" | "updateIntegration" => {
                json!({"kind": "openai", "baseUrl": "https://api.openai.com/v1",
                    "model": "gpt-test", "apiKey": "sk-matrix"})
            }
            "createKnowledgeSource" | "replaceKnowledgeSource" => {
                json!({"type": "faq", "title": "Matrix",
                "faqs": [{"question": "q?", "answer": "a."}]})
            }
            "sendMessage" => json!({"content": "matrix"}),
            "rateConversation" => json!({"score": 4}),
            "createUser" => json!({"email": format!("matrix-{tag}@test.parley.dev"),
                "name": "Matrix", "password": "long-enough-password", "role": "admin"}),
            "updateUser" => json!({"role": "admin"}),
            "createWebhook" | "rocketflowCreateWebhook" => {
                json!({"url": "https://example.com/matrix", "events": ["conversation.ended"]})
            }
            "updateWebhook" => json!({"active": false}),
            "createChannel" => {
                json!({"kind": "webhook", "url": "https://example.com/matrix-platform"})
            }
            "updateChannel" => json!({"name": "Matrix"}),
            "updateContact" => json!({"attributes": {"matrix": true}}),
            "createWidget" | "adminCreateWidget" | "updateWidget" => json!({"name": "Matrix"}),
            "createLabel" => json!({"name": format!("Matrix {tag}")}),
            "updateLabel" => json!({"color": "#123456"}),
            "attachLabel" => json!({"labelId": self.resources["labels"]}),
            "createCannedResponse" => {
                json!({"shortcut": format!("m{}", &tag.to_string()[..16]), "content": "matrix"})
            }
            "updateCannedResponse" => json!({"content": "matrix"}),
            "chatbotkitCreateBot" | "chatbotkitUpdateBot" => json!({"name": "Matrix bot"}),
            "chatbotkitCreateDataset" => {
                json!({"name": "Matrix", "botId": self.bot_id, "text": "The matrix knows."})
            }
            "chatbotkitUpdateDataset" | "chatbotkitUpdateConversation" => {
                json!({"name": "Matrix"})
            }
            "chatbotkitCreateConversation" => json!({"botId": self.bot_id}),
            "chatbotkitCompleteConversation" => json!({"text": "What are the hours?"}),
            "createAgentLoop" => json!({"name": "Matrix loop", "botId": self.bot_id,
                "instructions": "Matrix."}),
            "updateAgentLoop" => json!({"name": "Matrix loop"}),
            "createSubAccount" | "updateSubAccount" | "partnerUserCreate" | "partnerUserUpdate" => {
                json!({"name": "Matrix child"})
            }
            _ => return None,
        })
    }
}

/// What one call answered.
struct Reply {
    status: u16,
    body: String,
}

/// Calls an operation from a new address (so per-IP limits count each call on its own), with
/// `token` as bearer credential.
async fn call(
    server: &Server,
    victim: &Victim,
    operation: &Operation,
    token: Option<&str>,
) -> Reply {
    call_as(server, victim, operation, (token, None)).await
}

/// [`call`], acting in the sub-account `run_as` (`X-RunAs-UserId`) if one is given.
async fn call_as(
    server: &Server,
    victim: &Victim,
    operation: &Operation,
    (token, run_as): (Option<&str>, Option<&str>),
) -> Reply {
    let api = Api::new(&server.base_url);
    let api = match token {
        Some(token) => api.with_token(token),
        None => api,
    };
    let api = match run_as {
        Some(child_id) => api.run_as(child_id),
        None => api,
    };
    let (path, _) = victim.aim(&operation.path);
    let mut request = api.request(operation.method.clone(), &path);
    if let Some(body) = victim.body(&operation.id) {
        request = request.json(&body);
    }
    let response = request.send().await.expect("the edge answers");
    Reply {
        status: response.status().as_u16(),
        body: response.text().await.unwrap_or_default(),
    }
}

#[tokio::test]
async fn no_principal_reaches_another_workspace_and_no_answer_carries_a_secret() {
    let server = Server::start().await.unwrap();
    let api = Api::new(&server.base_url);
    let spec: Value = api.get("/api/openapi.json").await.expect_status(200);
    let operations = operations(&spec);

    let unclassified: Vec<&str> = operations
        .iter()
        .map(|o| o.id.as_str())
        .filter(|id| {
            ![PUBLIC, ADMIN_ONLY, MEMBERS]
                .iter()
                .any(|list| list.contains(id))
        })
        .collect();
    assert!(
        unclassified.is_empty(),
        "operations the isolation matrix does not cover: {unclassified:?}: add each to PUBLIC, ADMIN_ONLY or MEMBERS (and a body to Victim::body)"
    );
    for operation in &operations {
        assert_eq!(
            operation.public,
            PUBLIC.contains(&operation.id.as_str()),
            "{}: the spec and the matrix disagree on whether it is public",
            operation.id
        );
    }

    let victim = Victim::new(&server).await;
    let outsider = Team::new(&server).await;
    let outsider_key = outsider
        .api_key(KeyEnvironment::Live, KeyScope::Full)
        .await
        .secret;
    let outsider_visitor = outsider.visitor().await;
    let foreign = [
        (
            "another workspace's admin",
            outsider.admin.token.clone(),
            None,
        ),
        ("another workspace's API key", Some(outsider_key), None),
        (
            "another workspace's visitor",
            outsider_visitor.api.token.clone(),
            None,
        ),
        (
            "the workspace's sandbox key",
            Some(victim.sandbox_key.clone()),
            None,
        ),
        // Its own admin acting in one of its sub-accounts: a child reaches nothing of its
        // parent's, nor of its sibling (the matrix's `sub-accounts` resource).
        (
            "the workspace's admin in a sub-account",
            victim.team.admin.token.clone(),
            Some(victim.sibling_id.clone()),
        ),
    ];

    let guarded: Vec<&Operation> = operations.iter().filter(|o| !o.public).collect();
    let mut answers: Vec<String> = Vec::new();
    let mut cells = 0;
    let mut failures = Vec::new();
    for operation in &guarded {
        let (path, names_victim) = victim.aim(&operation.path);
        let what = format!("{} {} {path}", operation.id, operation.method);

        cells += 1;
        let reply = call(&server, &victim, operation, None).await;
        if reply.status != 401 {
            failures.push(format!("no credential: {what} → {}", reply.status));
        }
        answers.push(reply.body);

        for (principal, token, run_as) in &foreign {
            cells += 1;
            let credential = (token.as_deref(), run_as.as_deref());
            let reply = call_as(&server, &victim, operation, credential).await;
            let leaked = victim.markers.iter().find(|m| reply.body.contains(*m));
            let refused = (400..500).contains(&reply.status);
            if (names_victim && !refused) || reply.status >= 500 || (!refused && leaked.is_some()) {
                failures.push(format!(
                    "{principal}: {what} → {} (leaked {leaked:?}): {}",
                    reply.status, reply.body
                ));
            }
            answers.push(reply.body);
        }

        if ADMIN_ONLY.contains(&operation.id.as_str()) {
            cells += 1;
            let reply = call(
                &server,
                &victim,
                operation,
                victim.team.agent.token.as_deref(),
            )
            .await;
            if reply.status != refused_role_status(operation) {
                failures.push(format!(
                    "agent on an admin route: {what} → {}",
                    reply.status
                ));
            }
            answers.push(reply.body);
        }

        if operation.method != Method::GET {
            cells += 1;
            let reply = call(&server, &victim, operation, Some(&victim.read_key)).await;
            if reply.status != refused_role_status(operation) {
                failures.push(format!("read key on a write: {what} → {}", reply.status));
            }
            answers.push(reply.body);
        }
    }
    println!(
        "isolation matrix: {} operations ({} guarded) × up to 8 principals = {cells} calls",
        operations.len(),
        guarded.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));

    // The owner's own view of everything it holds: every readable operation, aimed at its
    // resources, as its admin, its agent and its visitor.
    let owners = [
        victim.team.admin.token.clone(),
        victim.team.agent.token.clone(),
        victim.visitor.api.token.clone(),
    ];
    let mut read_by_owner = 0;
    for operation in operations.iter().filter(|o| o.method == Method::GET) {
        for token in &owners {
            let reply = call(&server, &victim, operation, token.as_deref()).await;
            read_by_owner += usize::from(reply.status == 200);
            answers.push(reply.body);
        }
    }
    assert!(
        read_by_owner > 30,
        "the owner's sweep read too little to mean anything ({read_by_owner} answers)"
    );
    for (index, answer) in answers.iter().enumerate() {
        for secret in &victim.secrets {
            assert!(
                !answer.contains(secret.as_str()),
                "answer #{index} carries a secret ({}…): {answer}",
                &secret[..8]
            );
        }
    }
    println!(
        "secrets: {} answers checked for {} secrets",
        answers.len(),
        victim.secrets.len()
    );
}
