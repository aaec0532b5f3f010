//! Ready-made tenants for tests: a workspace with an admin, an agent and a widget, and
//! visitors who start conversations on it. Every fixture is new, so tests never share data.

use crate::fake_email::FakeEmail;
use crate::fake_fawry::FakeFawry;
use crate::fake_openai::{self, FakeOpenAi};
use crate::{Api, HubClient, Server};
use parley_shared_types::api_key::{CreateApiKeyRequest, CreatedApiKey, KeyEnvironment, KeyScope};
use parley_shared_types::auth::{
    CreateUserRequest, OutboxEmail, Role, SignUpAccepted, SignUpRequest, TokenResponse, User,
};
use parley_shared_types::billing::PaymentStarted;
use parley_shared_types::bot::{Bot, Integration, KnowledgeSource};
use parley_shared_types::chat::ChatResponse;
use parley_shared_types::conversation::{StartConversationRequest, StartedConversation};
use parley_shared_types::label::Label;
use parley_shared_types::message::{Message, SendMessageRequest};
use parley_shared_types::widget::{Widget, WidgetInput};
use serde_json::json;

pub const PASSWORD: &str = "correct-horse-battery";

/// Part of the demo's FAQ (`xtask/src/seed.rs`): questions a new visitor asks first.
pub const DEMO_FAQ: [(&str, &str); 5] = [
    (
        "How do I embed or install the chat widget on my website?",
        "Paste one script tag before </body> on every page of your site that should have the chat.",
    ),
    (
        "Can my team take over a conversation from the bot?",
        "Yes. In the admin inbox, open the conversation and press \"Take over\", or simply reply.",
    ),
    (
        "Where is my data stored? Data location and privacy",
        "Everything stays in your own Cloudflare account.",
    ),
    (
        "Can I connect OpenAI or another AI model?",
        "Yes. Add an integration on the Bots page. Without one, the built-in engine works offline.",
    ),
    (
        "What is Parley? What does Parley do?",
        "Parley is an open-source live chat and AI chatbot platform for websites.",
    ),
];
/// The first question a demo visitor asks: [`DEMO_FAQ`]'s first answers it.
/// A refund question and its answer, for bots that need to know something.
pub const REFUNDS: (&str, &str) = (
    "How long do refunds take?",
    "Refunds reach your card within 5 business days.",
);

pub const DEMO_QUESTION: &str = "How do I embed the widget on my site?";

pub struct Team {
    pub server_url: String,
    pub admin: Api,
    pub admin_user: User,
    pub agent: Api,
    pub agent_user: User,
    pub widget: Widget,
}

fn unique_email(role: &str) -> String {
    format!("{role}-{}@test.parley.dev", uuid::Uuid::new_v4().simple())
}

impl Team {
    /// Signs up a workspace, adds an agent (signed in) and creates a widget.
    pub async fn new(server: &Server) -> Team {
        Team::signed_up(server, None).await
    }

    /// [`Team::new`] on a server that sends its emails to `mail` (no local outbox).
    pub async fn new_mailed(server: &Server, mail: &FakeEmail) -> Team {
        Team::signed_up(server, Some(mail)).await
    }

    async fn signed_up(server: &Server, mail: Option<&FakeEmail>) -> Team {
        let api = Api::new(&server.base_url);
        let request = SignUpRequest {
            workspace_name: "Acme".into(),
            name: "Ada Admin".into(),
            email: unique_email("admin"),
            password: PASSWORD.into(),
        };
        let admin_session = sign_up_through(&api, &request, mail).await;
        let admin = api.with_token(&admin_session.access_token);
        let agent_email = unique_email("agent");
        let new_agent = CreateUserRequest {
            email: agent_email.clone(),
            name: "Alex Agent".into(),
            password: PASSWORD.into(),
            role: Role::Agent,
        };
        let _: User = admin
            .post("/api/users", &new_agent)
            .await
            .expect_status(201);
        let agent_session = sign_in(&Api::new(&server.base_url), &agent_email, PASSWORD).await;
        let agent = Api::new(&server.base_url).with_token(&agent_session.access_token);
        let widget: Widget = admin
            .post(
                "/api/widgets",
                &WidgetInput {
                    name: Some("Homepage".into()),
                    ..WidgetInput::default()
                },
            )
            .await
            .expect_status(201);
        Team {
            server_url: server.base_url.clone(),
            admin,
            admin_user: admin_session.user,
            agent,
            agent_user: agent_session.user,
            widget,
        }
    }

    /// The agent's hub socket on a conversation (the workspace feed for an empty id).
    pub async fn agent_hub(&self, server: &Server, conversation_id: &str) -> HubClient {
        hub_for(
            server,
            conversation_id,
            self.agent.token.as_deref().unwrap_or_default(),
            None,
        )
        .await
    }

    /// The admin signed in anew, for a test that moved the server's clock past the access
    /// token's life.
    pub async fn admin_again(&self) -> Api {
        let api = Api::new(&self.server_url);
        let session = sign_in(&api, &self.admin_user.email, PASSWORD).await;
        api.with_token(&session.access_token)
    }

    /// Puts the workspace on `plan_id` for a month, paid at a Fawry kiosk as a payer would
    /// (the server must be aimed at `fawry` and the fake told where Parley listens).
    pub async fn prepay(&self, fawry: &FakeFawry, plan_id: &str) {
        fawry.set_callback_url(&format!(
            "{}/api/v1/billing/webhooks/fawry",
            self.server_url
        ));
        let started: PaymentStarted = self
            .admin
            .post(
                "/api/v1/billing/checkout/fawry",
                &json!({"planId": plan_id, "interval": "monthly"}),
            )
            .await
            .expect_status(200);
        assert_eq!(fawry.pay(&started.payment_id).await, 200);
    }

    /// A new API key of the workspace, made by its admin.
    pub async fn api_key(&self, environment: KeyEnvironment, scope: KeyScope) -> CreatedApiKey {
        let request = CreateApiKeyRequest {
            name: format!("{} {}", environment.as_str(), scope.as_str()),
            environment,
            scope,
        };
        self.admin
            .post("/api/keys", &request)
            .await
            .expect_status(201)
    }

    /// A client (own address) presenting a new API key as its bearer credential.
    pub async fn key_client(&self, environment: KeyEnvironment, scope: KeyScope) -> Api {
        let key = self.api_key(environment, scope).await;
        Api::new(&self.server_url).with_token(&key.secret)
    }

    /// A label of the workspace (made by the admin); `color: None` takes the default.
    pub async fn label(&self, name: &str, color: Option<&str>) -> Label {
        self.admin
            .post("/api/labels", &json!({ "name": name, "color": color }))
            .await
            .expect_status(201)
    }

    /// A new visitor (own address) who starts a conversation on the team's widget.
    pub async fn visitor(&self) -> Visitor {
        self.visitor_with(None).await
    }

    /// A new visitor who starts a conversation with `metadata`, as the widget sends it (the
    /// page, and who `Parley.identify` said they are: `userId`, `name`, `email`).
    pub async fn identified_visitor(&self, metadata: serde_json::Value) -> Visitor {
        self.visitor_with(metadata.as_object().cloned()).await
    }

    async fn visitor_with(
        &self,
        metadata: Option<serde_json::Map<String, serde_json::Value>>,
    ) -> Visitor {
        let api = Api::new(&self.server_url);
        let request = StartConversationRequest {
            widget_id: self.widget.id.clone(),
            visitor_id: None,
            metadata,
        };
        let started: StartedConversation = api
            .post("/api/conversations", &request)
            .await
            .expect_status(201);
        Visitor {
            api: api.with_token(&started.visitor_token),
            started,
        }
    }
}

impl Team {
    /// A bot (default settings) that knows `faqs` under the source title `title`.
    pub async fn bot_knowing(&self, title: &str, faqs: &[(&str, &str)]) -> Bot {
        let bot: Bot = self
            .admin
            .post("/api/bots", &json!({ "name": "Support bot" }))
            .await
            .expect_status(201);
        let pairs: Vec<_> = faqs
            .iter()
            .map(|(q, a)| json!({ "question": q, "answer": a }))
            .collect();
        let _: KnowledgeSource = self
            .admin
            .post(
                &format!("/api/bots/{}/knowledge-sources", bot.id),
                &json!({ "type": "faq", "title": title, "faqs": pairs }),
            )
            .await
            .expect_status(201);
        bot
    }

    /// A bot that knows [`REFUNDS`] and answers through `fake` (an integration with its
    /// `window` and the bot's `max_tokens`).
    pub async fn openai_bot(
        &self,
        fake: &FakeOpenAi,
        window: u32,
        max_tokens: u32,
    ) -> (Bot, Integration) {
        let bot = self.bot_knowing("Refund policy", &[REFUNDS]).await;
        let integration: Integration = self
            .admin
            .post(
                &format!("/api/bots/{}/integrations", bot.id),
                &json!({ "kind": "openai", "baseUrl": fake.base_url, "model": "gpt-test",
                         "apiKey": fake_openai::API_KEY, "contextWindow": window }),
            )
            .await
            .expect_status(201);
        let bot = self
            .set_bot_settings(
                &bot,
                json!({ "integrationId": integration.id, "maxTokens": max_tokens }),
            )
            .await;
        (bot, integration)
    }

    /// A team whose widget is answered by a bot that knows [`DEMO_FAQ`] (as "Parley FAQ").
    pub async fn with_demo_bot(server: &Server) -> (Team, Bot) {
        let mut team = Team::new(server).await;
        let bot = team.bot_knowing("Parley FAQ", &DEMO_FAQ).await;
        team.answer_with(&bot).await;
        (team, bot)
    }

    /// Changes some of a bot's settings (as the admin).
    pub async fn set_bot_settings(&self, bot: &Bot, settings: serde_json::Value) -> Bot {
        self.admin
            .patch(
                &format!("/api/bots/{}", bot.id),
                &json!({ "settings": settings }),
            )
            .await
            .expect_status(200)
    }

    /// Asks `bot` through `POST /api/chat` (as the agent), continuing `session` if given.
    pub async fn ask(&self, bot: &Bot, message: &str, session: Option<&str>) -> ChatResponse {
        let mut request = json!({ "message": message, "botId": bot.id });
        if let Some(session) = session {
            request["sessionId"] = json!(session);
        }
        self.agent
            .post("/api/chat", &request)
            .await
            .expect_status(200)
    }

    /// Switches the team's widget to `bot`: its new conversations are the bot's.
    pub async fn answer_with(&mut self, bot: &Bot) {
        self.update_widget(WidgetInput {
            ai_enabled: Some(true),
            bot_id: Some(bot.id.clone()),
            ..WidgetInput::default()
        })
        .await;
    }

    /// Changes the team's widget (as the admin).
    pub async fn update_widget(&mut self, input: WidgetInput) {
        self.widget = self
            .admin
            .put(&format!("/api/widgets/{}", self.widget.id), &input)
            .await
            .expect_status(200);
    }
}

/// Signs up as a new user does: the sign-up (202), the link in the email (read from the local
/// development outbox), then the link's verification, which signs the new admin in (201).
pub async fn sign_up(api: &Api, request: &SignUpRequest) -> TokenResponse {
    sign_up_through(api, request, None).await
}

/// [`sign_up`], the link read from `mail` when the server sends its emails there.
async fn sign_up_through(
    api: &Api,
    request: &SignUpRequest,
    mail: Option<&FakeEmail>,
) -> TokenResponse {
    let accepted: SignUpAccepted = api
        .post("/auth/v1/signup", request)
        .await
        .expect_status(202);
    let token = match mail {
        Some(mail) => mail
            .sent_to(&accepted.email)
            .iter()
            .find_map(|email| link_token(email.text.as_deref().unwrap_or_default())),
        None => confirmation_token(api, &accepted.email).await,
    }
    .unwrap_or_else(|| panic!("no confirmation link was sent to {}", accepted.email));
    api.post(
        "/auth/v1/verify",
        &json!({"type": "signup", "token": token}),
    )
    .await
    .expect_status(201)
}

/// The emails the local development outbox holds for `address`, newest first.
pub async fn outbox(api: &Api, address: &str) -> Vec<OutboxEmail> {
    api.anonymous()
        .get(&format!("/api/dev/outbox?to={address}"))
        .await
        .expect_status(200)
}

/// The token of the newest sign-up confirmation link sent to `address`.
pub async fn confirmation_token(api: &Api, address: &str) -> Option<String> {
    outbox(api, address)
        .await
        .iter()
        .find_map(|email| link_token(&email.text))
}

/// The token in a confirmation link (`…/admin/#/verify/<token>`) within an email's text.
pub fn link_token(text: &str) -> Option<String> {
    let (_, rest) = text.split_once("#/verify/")?;
    rest.split_whitespace().next().map(str::to_owned)
}

pub async fn sign_in(api: &Api, email: &str, password: &str) -> TokenResponse {
    let grant = serde_json::json!({ "email": email, "password": password });
    api.post("/auth/v1/token?grant_type=password", &grant)
        .await
        .expect_status(200)
}

pub struct Visitor {
    pub api: Api,
    pub started: StartedConversation,
}

impl Visitor {
    pub fn conversation_id(&self) -> &str {
        &self.started.conversation.id
    }

    pub fn messages_path(&self) -> String {
        format!("/api/conversations/{}/messages", self.conversation_id())
    }

    pub async fn say(&self, content: &str) -> Message {
        self.api
            .post(&self.messages_path(), &SendMessageRequest::text(content))
            .await
            .expect_status(201)
    }

    /// A hub socket on this conversation as the visitor.
    pub async fn hub(&self, server: &Server) -> HubClient {
        hub_for(
            server,
            self.conversation_id(),
            self.api.token.as_deref().unwrap_or_default(),
            None,
        )
        .await
    }
}

/// After `visitor`'s conversation was deleted (or its contact erased), nothing of it answers
/// `api` (its visitor or a member of its workspace): the conversation, its messages read or
/// written and a read receipt of `message_id` are 404, and the hub refuses to connect to it.
pub async fn assert_conversation_gone(
    server: &Server,
    api: &Api,
    visitor: &Visitor,
    message_id: &str,
) {
    let conversation = format!("/api/conversations/{}", visitor.conversation_id());
    let messages = visitor.messages_path();
    let read = format!("{messages}/{message_id}/read");
    for answer in [
        api.get::<serde_json::Value>(&conversation).await,
        api.get::<serde_json::Value>(&messages).await,
        api.post::<_, serde_json::Value>(&messages, &SendMessageRequest::text("anyone?"))
            .await,
        api.post_empty::<serde_json::Value>(&read).await,
    ] {
        assert_eq!(answer.status(), 404, "{conversation}: {answer:?}");
    }
    let socket = HubClient::connect(&server.ws_url(&format!(
        "/hubs/chat?access_token={}&conversationId={}",
        api.token.as_deref().unwrap_or_default(),
        visitor.conversation_id()
    )))
    .await;
    assert!(socket.is_err(), "the hub refuses {conversation}");
}

/// Every message of a conversation as its room holds them, in `seq` order (the whole list, as
/// JSON lines).
pub async fn all_messages(api: &Api, conversation_id: &str) -> Vec<Message> {
    let lines = api
        .request(
            reqwest::Method::GET,
            &format!("/api/conversations/{conversation_id}/messages"),
        )
        .header("accept", "application/jsonl")
        .send()
        .await
        .unwrap_or_else(|e| panic!("the edge did not answer: {e}"))
        .text()
        .await
        .unwrap_or_default();
    lines
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect()
}

/// A hub socket on a conversation (or the workspace feed when `conversation_id` is empty).
pub async fn hub_for(
    server: &Server,
    conversation_id: &str,
    token: &str,
    last_seq: Option<u64>,
) -> HubClient {
    let mut query = format!("/hubs/chat?access_token={token}");
    if !conversation_id.is_empty() {
        query += &format!("&conversationId={conversation_id}");
    }
    if let Some(seq) = last_seq {
        query += &format!("&lastSeq={seq}");
    }
    HubClient::connect(&server.ws_url(&query))
        .await
        .unwrap_or_else(|e| panic!("{e}"))
}

/// What a site's server computes for `Parley.identify`: hex HMAC-SHA256 of the user id under
/// the widget's identity secret.
pub fn user_hash(secret: &str, user_id: &str) -> String {
    use hmac::{Hmac, Mac};
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()).expect("any key length");
    mac.update(user_id.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// A real 1×1 PNG (valid checksums: browsers draw it), for attachments.
pub const PNG_1X1: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0x63, 0xfc, 0xcf, 0xc0, 0x50,
    0x0f, 0x00, 0x04, 0x85, 0x01, 0x80, 0x84, 0xa9, 0x8c, 0x21, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

/// A minimal PDF, for attachments that are not images.
pub const PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
