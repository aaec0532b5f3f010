//! Every call the admin UI makes to the edge, typed with shared-types. [`Api`] holds the
//! session: it renews the access token before it expires (or once after a 401) and signs out
//! when the refresh token is refused.

use crate::report_range::ReportRange;
use crate::session::{self, Session};
use leptos::prelude::*;
use parley_shared_types::agent_loop::{AgentLoop, AgentLoopExecution, AgentLoopInput};
use parley_shared_types::analytics::{AgentAnalytics, BotAnalytics};
use parley_shared_types::api_key::{ApiKey, CreateApiKeyRequest, CreatedApiKey};
use parley_shared_types::attachment::Attachment;
use parley_shared_types::auth::{
    CreateUserRequest, OutboxEmail, PasswordGrant, RefreshGrant, Role, SignUpAccepted,
    SignUpRequest, TeamMember, TokenResponse, UpdateUserRequest, User, VerifyRequest,
};
use parley_shared_types::billing::{
    BillingInterval, BillingUsage, CheckoutRequest, CheckoutSession, Invoice, PaymentProvider,
    PaymentStarted, Plan, PortalSession,
};
use parley_shared_types::bot::{
    Bot, BotInput, Integration, IntegrationInput, KnowledgeChunks, KnowledgeSource,
    KnowledgeSourceInput,
};
use parley_shared_types::canned::{
    CannedResponse, CreateCannedResponseRequest, UpdateCannedResponseRequest,
};
use parley_shared_types::channel::{Channel, ChannelInput};
use parley_shared_types::chat::{ChatRequest, ChatResponse};
use parley_shared_types::contact::{Contact, ContactDetails, UpdateContactRequest};
use parley_shared_types::conversation::{AssignRequest, Conversation};
use parley_shared_types::health::HealthReport;
use parley_shared_types::label::{
    AttachLabelRequest, CreateLabelRequest, Label, UpdateLabelRequest,
};
use parley_shared_types::message::{Message, SendMessageRequest};
use parley_shared_types::page::{MAX_PAGE_LIMIT, Page};
use parley_shared_types::problem::{ErrorCode, Problem};
use parley_shared_types::stats::{ConversationStats, DailyActivity, MessageStats, WidgetStats};
use parley_shared_types::sub_account::{SubAccount, SubAccountInput};
use parley_shared_types::webhook::{
    CreateWebhookRequest, CreatedWebhook, UpdateWebhookRequest, Webhook, WebhookDelivery,
};
use parley_shared_types::widget::{IdentitySecret, Widget, WidgetInput};
use parley_web_client::http::Client;
pub use parley_web_client::http::ClientError;
use parley_web_client::url::encode;
use std::future::Future;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The page's own origin: the admin UI is served by the edge it talks to.
pub fn base_url() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

fn client() -> Client {
    Client::new(base_url())
}

fn session_ended() -> ClientError {
    ClientError::Problem(Box::new(Problem::new(
        ErrorCode::Unauthorized,
        "your session has ended; sign in again",
        "",
    )))
}

/// The session and every authenticated call. Cheap to copy; provided as context by the app.
#[derive(Clone, Copy)]
pub struct Api {
    pub session: RwSignal<Option<Session>>,
    refreshing: RwSignal<bool>,
}

impl Api {
    /// Starts from the session stored by an earlier visit, if any.
    pub fn new() -> Api {
        Api {
            session: RwSignal::new(session::load()),
            refreshing: RwSignal::new(false),
        }
    }

    pub fn user(&self) -> Option<User> {
        self.session.with(|s| s.as_ref().map(|s| s.user.clone()))
    }

    pub fn my_id(&self) -> String {
        self.session
            .with_untracked(|s| s.as_ref().map(|s| s.user.id.clone()))
            .unwrap_or_default()
    }

    pub fn role(&self) -> Option<Role> {
        self.session.with(|s| s.as_ref().map(|s| s.user.role))
    }

    fn start(&self, grant: TokenResponse) {
        let session = Session::from_grant(grant, session::now_ms());
        session::save(Some(&session));
        self.session.set(Some(session));
    }

    pub fn sign_out(&self) {
        session::save(None);
        self.session.set(None);
    }

    pub async fn sign_in(&self, email: String, password: String) -> Result<(), ClientError> {
        let grant: TokenResponse = client()
            .post(
                "/auth/v1/token?grant_type=password",
                &PasswordGrant { email, password },
            )
            .await?;
        self.start(grant);
        Ok(())
    }

    /// Asks for the sign-up email; the workspace is made when its link is opened.
    pub async fn sign_up(&self, request: SignUpRequest) -> Result<SignUpAccepted, ClientError> {
        client().post("/auth/v1/signup", &request).await
    }

    /// Opens a sign-up email's link: the workspace is created and its admin signed in.
    pub async fn verify(&self, token: String) -> Result<(), ClientError> {
        let request = VerifyRequest {
            kind: "signup".into(),
            token,
        };
        let grant: TokenResponse = client().post("/auth/v1/verify", &request).await?;
        self.start(grant);
        Ok(())
    }

    /// Renews the access token with the one-use refresh token. `force` renews even when the
    /// token looks fresh (the edge refused it). Concurrent callers wait for one renewal.
    pub async fn refresh(&self, force: bool) -> Result<(), ClientError> {
        if self.refreshing.get_untracked() {
            while self.refreshing.get_untracked() {
                sleep(50).await;
            }
            return self.session.with_untracked(|s| match s {
                Some(_) => Ok(()),
                None => Err(session_ended()),
            });
        }
        let Some(mine) = self.session.get_untracked() else {
            return Err(session_ended());
        };
        // Another tab may have renewed it already; its refresh token is the only valid one.
        let current = mine.clone().newer(session::load());
        let renewed_elsewhere = current.access_token != mine.access_token;
        if renewed_elsewhere || (!force && !current.needs_refresh(session::now_ms())) {
            self.session.set(Some(current));
            return Ok(());
        }
        self.refreshing.set(true);
        let answer: Result<TokenResponse, ClientError> = client()
            .post(
                "/auth/v1/token?grant_type=refresh_token",
                &RefreshGrant {
                    refresh_token: current.refresh_token.clone(),
                },
            )
            .await;
        let result = match answer {
            Ok(grant) => {
                self.start(grant);
                Ok(())
            }
            Err(error) if !error.is_transient() => {
                self.sign_out();
                Err(error)
            }
            Err(error) => Err(error),
        };
        self.refreshing.set(false);
        result
    }

    /// A valid access token, renewed first when it is about to expire.
    pub async fn token(&self) -> Result<String, ClientError> {
        let due = self
            .session
            .with_untracked(|s| s.as_ref().map(|s| s.needs_refresh(session::now_ms())));
        match due {
            None => return Err(session_ended()),
            Some(true) => self.refresh(false).await?,
            Some(false) => {}
        }
        self.session
            .with_untracked(|s| s.as_ref().map(|s| s.access_token.clone()))
            .ok_or_else(session_ended)
    }

    /// Runs `call` with a signed-in client; after a 401 renews the token and tries once more.
    async fn authed<T, F, Fut>(&self, call: F) -> Result<T, ClientError>
    where
        F: Fn(Client) -> Fut,
        Fut: Future<Output = Result<T, ClientError>>,
    {
        let token = self.token().await?;
        match call(client().with_token(token)).await {
            Err(error) if error.code() == Some(ErrorCode::Unauthorized) => {
                self.refresh(true).await?;
                let token = self.token().await?;
                call(client().with_token(token)).await
            }
            other => other,
        }
    }

    async fn get<T: serde::de::DeserializeOwned>(&self, path: String) -> Result<T, ClientError> {
        self.authed(|c| {
            let path = path.clone();
            async move { c.get(&path).await }
        })
        .await
    }

    async fn post<B: serde::Serialize, T: serde::de::DeserializeOwned>(
        &self,
        path: String,
        body: &B,
    ) -> Result<T, ClientError> {
        self.authed(|c| {
            let path = path.clone();
            async move { c.post(&path, body).await }
        })
        .await
    }

    async fn patch<B: serde::Serialize, T: serde::de::DeserializeOwned>(
        &self,
        path: String,
        body: &B,
    ) -> Result<T, ClientError> {
        self.authed(|c| {
            let path = path.clone();
            async move { c.patch(&path, body).await }
        })
        .await
    }

    async fn delete<T: serde::de::DeserializeOwned>(&self, path: String) -> Result<T, ClientError> {
        self.authed(|c| {
            let path = path.clone();
            async move { c.delete(&path).await }
        })
        .await
    }

    async fn post_empty<T: serde::de::DeserializeOwned>(
        &self,
        path: String,
    ) -> Result<T, ClientError> {
        self.authed(|c| {
            let path = path.clone();
            async move { c.post_empty(&path).await }
        })
        .await
    }

    // Conversations and messages.

    /// `GET /api/conversations` with a query from [`crate::filter::InboxFilter::query`].
    pub async fn conversations(&self, query: String) -> Result<Page<Conversation>, ClientError> {
        self.get(format!("/api/conversations{query}")).await
    }

    /// The bot's newest `limit` conversations.
    pub async fn bot_conversations(
        &self,
        bot_id: &str,
        limit: u32,
    ) -> Result<Page<Conversation>, ClientError> {
        self.get(format!("/api/bots/{bot_id}/conversations?per_page={limit}"))
            .await
    }

    pub async fn conversation(&self, id: &str) -> Result<Conversation, ClientError> {
        self.get(format!("/api/conversations/{id}")).await
    }

    pub async fn close(&self, id: &str) -> Result<Conversation, ClientError> {
        self.post_empty(format!("/api/conversations/{id}/close"))
            .await
    }

    pub async fn reopen(&self, id: &str) -> Result<Conversation, ClientError> {
        self.post_empty(format!("/api/conversations/{id}/reopen"))
            .await
    }

    pub async fn assign(&self, id: &str, agent_id: String) -> Result<Conversation, ClientError> {
        self.post(
            format!("/api/conversations/{id}/assign"),
            &AssignRequest { agent_id },
        )
        .await
    }

    /// Stops the bot: the conversation goes to people, this agent taking it over.
    pub async fn take_over(&self, id: &str) -> Result<Conversation, ClientError> {
        self.post_empty(format!("/api/conversations/{id}/handoff"))
            .await
    }

    pub async fn messages(
        &self,
        id: &str,
        page: u32,
        limit: u32,
    ) -> Result<Page<Message>, ClientError> {
        self.get(format!(
            "/api/conversations/{id}/messages?page={page}&limit={limit}"
        ))
        .await
    }

    pub async fn send_message(
        &self,
        id: &str,
        request: &SendMessageRequest,
    ) -> Result<Message, ClientError> {
        self.post(format!("/api/conversations/{id}/messages"), request)
            .await
    }

    pub async fn mark_read(&self, id: &str, message_id: &str) -> Result<Message, ClientError> {
        self.post_empty(format!(
            "/api/conversations/{id}/messages/{message_id}/read"
        ))
        .await
    }

    // Contacts.

    /// `GET /api/contacts`, newest first; `search` finds part of a name, email or user id.
    pub async fn contacts(&self, search: String) -> Result<Page<Contact>, ClientError> {
        let mut path = format!("/api/contacts?limit={MAX_PAGE_LIMIT}");
        if !search.trim().is_empty() {
            path += &format!("&search={}", encode(search.trim()));
        }
        self.get(path).await
    }

    pub async fn contact(&self, id: &str) -> Result<ContactDetails, ClientError> {
        self.get(format!("/api/contacts/{id}")).await
    }

    pub async fn update_contact(
        &self,
        id: &str,
        request: &UpdateContactRequest,
    ) -> Result<Contact, ClientError> {
        self.patch(format!("/api/contacts/{id}"), request).await
    }

    /// Uploads a file to the conversation, for a message to carry.
    pub async fn upload_attachment(
        &self,
        id: &str,
        file: &web_sys::File,
    ) -> Result<Attachment, ClientError> {
        let path = format!(
            "/api/conversations/{id}/attachments?name={}",
            encode(&file.name())
        );
        self.authed(|c| {
            let path = path.clone();
            async move { c.upload(&path, file).await }
        })
        .await
    }

    /// A URL in the page for a conversation's file (`Attachment::path`), read with the token.
    pub async fn file_url(&self, path: &str) -> Result<String, ClientError> {
        self.authed(|c| async move { c.object_url(path).await })
            .await
    }

    /// Deletes the conversation everywhere (admins).
    pub async fn delete_conversation(&self, id: &str) -> Result<(), ClientError> {
        self.delete(format!("/api/conversations/{id}")).await
    }

    /// Erases the contact and everything of theirs.
    pub async fn erase_contact(&self, id: &str) -> Result<(), ClientError> {
        self.delete(format!("/api/contacts/{id}")).await
    }

    /// Everything Parley holds about the contact (admins).
    pub async fn export_contact(&self, id: &str) -> Result<serde_json::Value, ClientError> {
        self.get(format!("/api/contacts/{id}/export")).await
    }

    // The team.

    pub async fn team(&self) -> Result<Vec<TeamMember>, ClientError> {
        self.get("/api/users".into()).await
    }

    pub async fn create_user(&self, request: &CreateUserRequest) -> Result<User, ClientError> {
        self.post("/api/users".into(), request).await
    }

    pub async fn set_role(&self, id: &str, role: Role) -> Result<User, ClientError> {
        self.patch(format!("/api/users/{id}"), &UpdateUserRequest { role })
            .await
    }

    pub async fn remove_user(&self, id: &str) -> Result<(), ClientError> {
        self.delete(format!("/api/users/{id}")).await
    }

    // Widgets.

    pub async fn widgets(&self) -> Result<Vec<Widget>, ClientError> {
        self.get("/api/widgets".into()).await
    }

    pub async fn widget(&self, id: &str) -> Result<Widget, ClientError> {
        self.get(format!("/api/widgets/{id}")).await
    }

    pub async fn rotate_identity_secret(&self, id: &str) -> Result<IdentitySecret, ClientError> {
        self.post_empty(format!("/api/widgets/{id}/identity-secret"))
            .await
    }

    pub async fn remove_identity_secret(&self, id: &str) -> Result<(), ClientError> {
        self.delete(format!("/api/widgets/{id}/identity-secret"))
            .await
    }

    pub async fn create_widget(&self, input: &WidgetInput) -> Result<Widget, ClientError> {
        self.post("/api/widgets".into(), input).await
    }

    pub async fn update_widget(
        &self,
        id: &str,
        input: &WidgetInput,
    ) -> Result<Widget, ClientError> {
        let path = format!("/api/widgets/{id}");
        self.authed(|c| {
            let path = path.clone();
            async move { c.put(&path, input).await }
        })
        .await
    }

    // Bots, their knowledge and integrations.

    /// A short list (a workspace's bots, a bot's sources) whole, in one page.
    async fn every<T: serde::de::DeserializeOwned>(
        &self,
        path: String,
    ) -> Result<Vec<T>, ClientError> {
        let page: Page<T> = self
            .get(format!("{path}?page=1&limit={MAX_PAGE_LIMIT}"))
            .await?;
        Ok(page.data)
    }

    pub async fn bots(&self) -> Result<Vec<Bot>, ClientError> {
        self.every("/api/bots".into()).await
    }

    /// The bot with its knowledge sources.
    pub async fn bot(&self, id: &str) -> Result<Bot, ClientError> {
        self.get(format!("/api/bots/{id}")).await
    }

    pub async fn create_bot(&self, input: &BotInput) -> Result<Bot, ClientError> {
        self.post("/api/bots".into(), input).await
    }

    pub async fn update_bot(&self, id: &str, input: &BotInput) -> Result<Bot, ClientError> {
        self.patch(format!("/api/bots/{id}"), input).await
    }

    pub async fn delete_bot(&self, id: &str) -> Result<(), ClientError> {
        self.delete(format!("/api/bots/{id}")).await
    }

    /// Asks the bot a question as a visitor would (a developer chat of its own), to try what
    /// it answers and from which knowledge.
    pub async fn try_bot(&self, bot_id: &str, question: &str) -> Result<ChatResponse, ClientError> {
        let request = ChatRequest {
            message: question.to_owned(),
            bot_id: bot_id.to_owned(),
            session_id: None,
            user_id: None,
            context: None,
        };
        self.post("/api/chat".into(), &request).await
    }

    /// Replaces a text or FAQ source's content; the bot learns it anew.
    pub async fn replace_knowledge(
        &self,
        id: &str,
        input: &KnowledgeSourceInput,
    ) -> Result<KnowledgeSource, ClientError> {
        let path = format!("/api/knowledge-sources/{id}");
        self.authed(|c| {
            let path = path.clone();
            async move { c.put(&path, input).await }
        })
        .await
    }

    /// What the bot learned from a source, chunk by chunk.
    pub async fn knowledge_chunks(&self, id: &str) -> Result<KnowledgeChunks, ClientError> {
        self.get(format!("/api/knowledge-sources/{id}/chunks"))
            .await
    }

    pub async fn knowledge_sources(
        &self,
        bot_id: &str,
    ) -> Result<Vec<KnowledgeSource>, ClientError> {
        self.every(format!("/api/bots/{bot_id}/knowledge-sources"))
            .await
    }

    pub async fn add_knowledge(
        &self,
        bot_id: &str,
        input: &KnowledgeSourceInput,
    ) -> Result<KnowledgeSource, ClientError> {
        self.post(format!("/api/bots/{bot_id}/knowledge-sources"), input)
            .await
    }

    pub async fn delete_knowledge(&self, id: &str) -> Result<(), ClientError> {
        self.delete(format!("/api/knowledge-sources/{id}")).await
    }

    pub async fn integrations(&self, bot_id: &str) -> Result<Vec<Integration>, ClientError> {
        self.every(format!("/api/bots/{bot_id}/integrations")).await
    }

    pub async fn create_integration(
        &self,
        bot_id: &str,
        input: &IntegrationInput,
    ) -> Result<Integration, ClientError> {
        self.post(format!("/api/bots/{bot_id}/integrations"), input)
            .await
    }

    pub async fn delete_integration(&self, id: &str) -> Result<(), ClientError> {
        self.delete(format!("/api/integrations/{id}")).await
    }

    pub async fn channels(&self, bot_id: &str) -> Result<Vec<Channel>, ClientError> {
        self.every(format!("/api/bots/{bot_id}/channels")).await
    }

    pub async fn create_channel(
        &self,
        bot_id: &str,
        input: &ChannelInput,
    ) -> Result<Channel, ClientError> {
        self.post(format!("/api/bots/{bot_id}/channels"), input)
            .await
    }

    pub async fn delete_channel(&self, id: &str) -> Result<(), ClientError> {
        self.delete(format!("/api/channels/{id}")).await
    }

    // Agent loops and their executions.

    pub async fn agent_loops(&self) -> Result<Vec<AgentLoop>, ClientError> {
        self.every("/api/agent-loops".into()).await
    }

    pub async fn agent_loop(&self, id: &str) -> Result<AgentLoop, ClientError> {
        self.get(format!("/api/agent-loops/{id}")).await
    }

    pub async fn create_agent_loop(
        &self,
        input: &AgentLoopInput,
    ) -> Result<AgentLoop, ClientError> {
        self.post("/api/agent-loops".into(), input).await
    }

    pub async fn update_agent_loop(
        &self,
        id: &str,
        input: &AgentLoopInput,
    ) -> Result<AgentLoop, ClientError> {
        self.patch(format!("/api/agent-loops/{id}"), input).await
    }

    pub async fn delete_agent_loop(&self, id: &str) -> Result<(), ClientError> {
        self.delete(format!("/api/agent-loops/{id}")).await
    }

    pub async fn run_agent_loop(&self, id: &str) -> Result<AgentLoopExecution, ClientError> {
        self.post_empty(format!("/api/agent-loops/{id}/run")).await
    }

    /// The loop's latest executions, newest first.
    pub async fn agent_loop_executions(
        &self,
        id: &str,
    ) -> Result<Vec<AgentLoopExecution>, ClientError> {
        let page: Page<AgentLoopExecution> = self
            .get(format!("/api/agent-loops/{id}/executions?limit=20"))
            .await?;
        Ok(page.data)
    }

    /// One execution with its steps so far.
    pub async fn agent_loop_execution(
        &self,
        loop_id: &str,
        id: &str,
    ) -> Result<AgentLoopExecution, ClientError> {
        self.get(format!("/api/agent-loops/{loop_id}/executions/{id}"))
            .await
    }

    pub async fn cancel_agent_loop_execution(
        &self,
        loop_id: &str,
        id: &str,
    ) -> Result<AgentLoopExecution, ClientError> {
        self.post_empty(format!("/api/agent-loops/{loop_id}/executions/{id}/cancel"))
            .await
    }

    // The agent's tools: labels and canned responses.

    pub async fn labels(&self) -> Result<Vec<Label>, ClientError> {
        self.every("/api/labels".into()).await
    }

    pub async fn create_label(&self, request: &CreateLabelRequest) -> Result<Label, ClientError> {
        self.post("/api/labels".into(), request).await
    }

    pub async fn update_label(
        &self,
        id: &str,
        request: &UpdateLabelRequest,
    ) -> Result<Label, ClientError> {
        self.patch(format!("/api/labels/{id}"), request).await
    }

    pub async fn delete_label(&self, id: &str) -> Result<(), ClientError> {
        self.delete(format!("/api/labels/{id}")).await
    }

    pub async fn attach_label(
        &self,
        conversation_id: &str,
        label_id: String,
    ) -> Result<Conversation, ClientError> {
        let request = AttachLabelRequest { label_id };
        self.post(
            format!("/api/conversations/{conversation_id}/labels"),
            &request,
        )
        .await
    }

    pub async fn detach_label(
        &self,
        conversation_id: &str,
        label_id: &str,
    ) -> Result<(), ClientError> {
        self.delete(format!(
            "/api/conversations/{conversation_id}/labels/{label_id}"
        ))
        .await
    }

    // The developer platform (admin): API keys and webhooks.

    pub async fn api_keys(&self) -> Result<Vec<ApiKey>, ClientError> {
        self.every("/api/keys".into()).await
    }

    /// The answer carries the key's secret: the only time it is shown.
    pub async fn create_api_key(
        &self,
        request: &CreateApiKeyRequest,
    ) -> Result<CreatedApiKey, ClientError> {
        self.post("/api/keys".into(), request).await
    }

    pub async fn revoke_api_key(&self, id: &str) -> Result<(), ClientError> {
        self.delete(format!("/api/keys/{}", encode(id))).await
    }

    pub async fn webhooks(&self) -> Result<Vec<Webhook>, ClientError> {
        self.every("/api/webhooks".into()).await
    }

    /// The answer carries the webhook's secret: the only time it is shown.
    pub async fn create_webhook(
        &self,
        request: &CreateWebhookRequest,
    ) -> Result<CreatedWebhook, ClientError> {
        self.post("/api/webhooks".into(), request).await
    }

    /// Pauses (`false`) or resumes (`true`) deliveries.
    pub async fn set_webhook_active(&self, id: &str, active: bool) -> Result<Webhook, ClientError> {
        let request = UpdateWebhookRequest {
            active: Some(active),
            ..UpdateWebhookRequest::default()
        };
        self.patch(format!("/api/webhooks/{}", encode(id)), &request)
            .await
    }

    /// A new secret made by the edge, shown in this answer only.
    pub async fn rotate_webhook_secret(&self, id: &str) -> Result<CreatedWebhook, ClientError> {
        self.post_empty(format!("/api/webhooks/{}/rotate-secret", encode(id)))
            .await
    }

    /// Queues a `webhook.test` delivery; its outcome shows in the delivery log.
    pub async fn send_webhook_test(&self, id: &str) -> Result<WebhookDelivery, ClientError> {
        self.post_empty(format!("/api/webhooks/{}/test", encode(id)))
            .await
    }

    pub async fn delete_webhook(&self, id: &str) -> Result<(), ClientError> {
        self.delete(format!("/api/webhooks/{}", encode(id))).await
    }

    /// `limit` deliveries of the log, oldest first, after the one `after` names (from the
    /// start without it); the page's `nextCursor` continues it.
    pub async fn webhook_deliveries(
        &self,
        id: &str,
        limit: u32,
        after: Option<&str>,
    ) -> Result<Page<WebhookDelivery>, ClientError> {
        let cursor = after.map_or_else(String::new, |after| format!("&cursor={}", encode(after)));
        self.get(format!(
            "/api/webhooks/{}/deliveries?limit={limit}{cursor}",
            encode(id)
        ))
        .await
    }

    /// The workspace's canned responses and the signed-in user's own.
    pub async fn canned_responses(&self) -> Result<Vec<CannedResponse>, ClientError> {
        self.every("/api/canned-responses".into()).await
    }

    pub async fn create_canned_response(
        &self,
        request: &CreateCannedResponseRequest,
    ) -> Result<CannedResponse, ClientError> {
        self.post("/api/canned-responses".into(), request).await
    }

    pub async fn update_canned_response(
        &self,
        id: &str,
        request: &UpdateCannedResponseRequest,
    ) -> Result<CannedResponse, ClientError> {
        self.patch(format!("/api/canned-responses/{id}"), request)
            .await
    }

    pub async fn delete_canned_response(&self, id: &str) -> Result<(), ClientError> {
        self.delete(format!("/api/canned-responses/{id}")).await
    }

    // Statistics (admin).

    pub async fn conversation_stats(&self) -> Result<ConversationStats, ClientError> {
        self.get("/api/admin/conversations/stats".into()).await
    }

    pub async fn message_stats(&self) -> Result<MessageStats, ClientError> {
        self.get("/api/admin/messages/stats".into()).await
    }

    pub async fn widget_stats(&self) -> Result<WidgetStats, ClientError> {
        self.get("/api/admin/widgets/stats".into()).await
    }

    pub async fn daily(&self, days: u32) -> Result<Vec<DailyActivity>, ClientError> {
        self.get(format!("/api/admin/stats/daily?days={days}"))
            .await
    }

    // Analytics (admins and agents).

    pub async fn bot_analytics(
        &self,
        bot_id: &str,
        range: &ReportRange,
    ) -> Result<BotAnalytics, ClientError> {
        self.get(format!(
            "/api/analytics/bots/{}{}",
            encode(bot_id),
            range.query()
        ))
        .await
    }

    pub async fn agent_analytics(
        &self,
        range: &ReportRange,
    ) -> Result<AgentAnalytics, ClientError> {
        self.get(format!("/api/analytics/agents{}", range.query()))
            .await
    }

    // Billing (every member reads; admins pay, in the UI).

    /// `GET /api/v1/billing/plans`: the catalog (public; asked signed in like the rest).
    pub async fn plans(&self) -> Result<Vec<Plan>, ClientError> {
        self.get("/api/v1/billing/plans".into()).await
    }

    /// The workspace's plan, status and usage this billing period.
    pub async fn billing_usage(&self) -> Result<BillingUsage, ClientError> {
        self.get("/api/v1/billing/current".into()).await
    }

    pub async fn invoices(&self) -> Result<Vec<Invoice>, ClientError> {
        self.get("/api/v1/billing/invoices".into()).await
    }

    /// Starts paying for `plan_id` with a card: Stripe Checkout's address.
    pub async fn checkout(
        &self,
        plan_id: &str,
        interval: BillingInterval,
    ) -> Result<CheckoutSession, ClientError> {
        let request = CheckoutRequest {
            plan_id: plan_id.to_owned(),
            interval: interval.as_str().to_owned(),
        };
        self.post("/api/v1/billing/checkout".into(), &request).await
    }

    /// Starts paying for `plan_id` in Egyptian pounds through Paymob or Fawry.
    pub async fn pay_locally(
        &self,
        provider: PaymentProvider,
        plan_id: &str,
        interval: BillingInterval,
    ) -> Result<PaymentStarted, ClientError> {
        let request = CheckoutRequest {
            plan_id: plan_id.to_owned(),
            interval: interval.as_str().to_owned(),
        };
        let path = format!("/api/v1/billing/checkout/{}", provider.as_str());
        self.post(path, &request).await
    }

    /// The Stripe billing portal's address (402 `NO_SUBSCRIPTION` without a Stripe payment).
    pub async fn billing_portal(&self) -> Result<PortalSession, ClientError> {
        self.post_empty("/api/v1/billing/portal".into()).await
    }

    /// Buys one seat beyond the plan's own; answers the updated usage.
    pub async fn add_seat(&self) -> Result<BillingUsage, ClientError> {
        self.post_empty("/api/v1/billing/add-agent".into()).await
    }

    /// Gives back one bought seat; answers the updated usage.
    pub async fn remove_seat(&self) -> Result<BillingUsage, ClientError> {
        self.delete("/api/v1/billing/remove-agent".into()).await
    }

    // Sub-accounts (admins): child workspaces acted in with `X-RunAs-UserId`.

    pub async fn sub_accounts(&self) -> Result<Vec<SubAccount>, ClientError> {
        self.every("/api/sub-accounts".into()).await
    }

    pub async fn create_sub_account(
        &self,
        input: &SubAccountInput,
    ) -> Result<SubAccount, ClientError> {
        self.post("/api/sub-accounts".into(), input).await
    }

    pub async fn update_sub_account(
        &self,
        id: &str,
        input: &SubAccountInput,
    ) -> Result<SubAccount, ClientError> {
        self.patch(format!("/api/sub-accounts/{id}"), input).await
    }

    pub async fn delete_sub_account(&self, id: &str) -> Result<(), ClientError> {
        self.delete(format!("/api/sub-accounts/{id}")).await
    }
}

impl Default for Api {
    fn default() -> Self {
        Api::new()
    }
}

/// The app's [`Api`].
pub fn use_api() -> Api {
    expect_context::<Api>()
}

/// `GET /api/health`. A degraded edge answers 503 with the same report (not problem JSON), so
/// the body is read whatever the status.
/// The local development outbox: the emails a `wrangler dev` without an email service kept.
pub async fn dev_outbox() -> Result<Vec<OutboxEmail>, String> {
    client()
        .get("/api/dev/outbox")
        .await
        .map_err(|e| explain(&e))
}

pub async fn health() -> Result<HealthReport, String> {
    let window = web_sys::window().ok_or("no window")?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str("/api/health"))
        .await
        .map_err(|_| "the edge did not answer".to_owned())?
        .unchecked_into();
    let status = response.status();
    let text = match response.text() {
        Ok(promise) => JsFuture::from(promise)
            .await
            .ok()
            .and_then(|t| t.as_string())
            .unwrap_or_default(),
        Err(_) => String::new(),
    };
    serde_json::from_str(&text)
        .map_err(|e| format!("the edge answered {status} with an unreadable body: {e}"))
}

/// Runs an edge call for a form or button: `busy` while it runs, then `done` with the answer,
/// or the reason it failed in `error`. Nothing happens after the component is gone.
pub fn perform<T: 'static>(
    busy: RwSignal<bool>,
    error: RwSignal<Option<String>>,
    call: impl Future<Output = Result<T, ClientError>> + 'static,
    done: impl FnOnce(T) + 'static,
) {
    busy.set(true);
    error.set(None);
    leptos::task::spawn_local(async move {
        let result = call.await;
        if busy.is_disposed() {
            return;
        }
        busy.set(false);
        match result {
            Ok(answer) => done(answer),
            Err(e) => error.set(Some(explain(&e))),
        }
    });
}

/// Waits `ms` milliseconds.
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// An error in words (the client says it as a person would, fields included).
pub fn explain(error: &ClientError) -> String {
    error.to_string()
}
