//! A typed client for Parley's REST API over the same `shared-types` the edge serves:
//! every failure Parley answers is a [`Problem`] with its stable [`ErrorCode`], lists are
//! streams that follow `nextCursor` page by page, and `POST /api/chat` can stream its answer
//! as [`ChatStreamEvent`]s.
//!
//! ```no_run
//! # async fn run() -> Result<(), parley_client::Error> {
//! use futures_util::TryStreamExt;
//! use parley_client::Client;
//! use parley_shared_types::bot::BotInput;
//!
//! let parley = Client::new("http://127.0.0.1:8787").with_token("pk_live_…");
//! let bot = parley
//!     .create_bot(&BotInput { name: Some("Support".into()), ..BotInput::default() })
//!     .await?;
//! let bots: Vec<_> = parley.bots(50).try_collect().await?;
//! # let _ = (bot, bots);
//! # Ok(())
//! # }
//! ```

mod error;
mod json_lines;

pub use error::{Error, Result};
pub use parley_shared_types as types;

use futures_util::{Stream, TryStreamExt, stream};
use parley_shared_types::auth::{PasswordGrant, TokenResponse, User};
use parley_shared_types::bot::{Bot, BotInput};
use parley_shared_types::chat::{ChatRequest, ChatResponse, ChatStreamEvent};
use parley_shared_types::conversation::Conversation;
use parley_shared_types::message::Message;
use parley_shared_types::page::{JSONL_CONTENT_TYPE, Page};
#[doc(no_inline)]
pub use parley_shared_types::problem::{ErrorCode, Problem};
use parley_shared_types::widget::{Widget, WidgetInput};
#[doc(no_inline)]
pub use reqwest::Method;
use reqwest::{RequestBuilder, header};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// A Parley deployment, and who calls it.
#[derive(Debug, Clone)]
pub struct Client {
    http: reqwest::Client,
    base_url: String,
    token: Option<String>,
}

impl Client {
    /// `base_url` is the deployment's origin (`https://chat.example.com`), without `/api`.
    pub fn new(base_url: &str) -> Client {
        Client::with_http_client(reqwest::Client::new(), base_url)
    }

    /// With an HTTP client configured elsewhere (timeouts, proxies, TLS).
    pub fn with_http_client(http: reqwest::Client, base_url: &str) -> Client {
        Client {
            http,
            base_url: base_url.trim_end_matches('/').to_owned(),
            token: None,
        }
    }

    /// The same deployment called with `token`: an API key (`pk_live_…`, `pk_test_…`) or an
    /// access token from [`Client::sign_in`], sent as `Authorization: Bearer`.
    pub fn with_token(&self, token: &str) -> Client {
        Client {
            token: Some(token.to_owned()),
            ..self.clone()
        }
    }

    /// `POST /auth/v1/token?grant_type=password`: a 15-minute access token for a person.
    pub async fn sign_in(&self, email: &str, password: &str) -> Result<TokenResponse> {
        let grant = PasswordGrant {
            email: email.to_owned(),
            password: password.to_owned(),
        };
        self.send(
            self.request(Method::POST, "/auth/v1/token?grant_type=password")
                .json(&grant),
        )
        .await
    }

    /// `GET /auth/v1/user`: who the token belongs to.
    pub async fn me(&self) -> Result<User> {
        self.get("/auth/v1/user").await
    }

    pub async fn widgets(&self) -> Result<Vec<Widget>> {
        self.get("/api/widgets").await
    }

    /// `POST /api/widgets`; `name` is required.
    pub async fn create_widget(&self, widget: &WidgetInput) -> Result<Widget> {
        self.post("/api/widgets", widget).await
    }

    /// Every bot, fetched `page_size` at a time.
    pub fn bots(&self, page_size: u32) -> impl Stream<Item = Result<Bot>> + '_ {
        self.items("/api/bots", page_size)
    }

    pub async fn bot(&self, id: &str) -> Result<Bot> {
        self.get(&format!("/api/bots/{id}")).await
    }

    /// `POST /api/bots`; `name` is required.
    pub async fn create_bot(&self, bot: &BotInput) -> Result<Bot> {
        self.post("/api/bots", bot).await
    }

    /// Every conversation, newest first, `page_size` at a time.
    pub fn conversations(&self, page_size: u32) -> impl Stream<Item = Result<Conversation>> + '_ {
        self.items("/api/conversations", page_size)
    }

    /// A conversation's messages, oldest first, `page_size` at a time.
    pub fn messages(
        &self,
        conversation_id: &str,
        page_size: u32,
    ) -> impl Stream<Item = Result<Message>> + '_ {
        self.items(
            format!("/api/conversations/{conversation_id}/messages"),
            page_size,
        )
    }

    /// `POST /api/chat`: the bot's whole answer.
    pub async fn chat(&self, request: &ChatRequest) -> Result<ChatResponse> {
        self.post("/api/chat", request).await
    }

    /// `POST /api/chat`, the answer streamed: `token` events as it is written, then
    /// `sources` and `done` (with the whole answer), or `error`.
    pub async fn chat_stream(
        &self,
        request: &ChatRequest,
    ) -> Result<impl Stream<Item = Result<ChatStreamEvent>> + use<>> {
        let response = self
            .request(Method::POST, "/api/chat")
            .header(header::ACCEPT, JSONL_CONTENT_TYPE)
            .json(request)
            .send()
            .await?;
        let response = error::success(response).await?;
        Ok(json_lines::items(response.bytes_stream()))
    }

    /// The pages of a list (`/api/bots`, `/api/conversations?status=open`, …), each after
    /// the last one's `nextCursor`, until a page names none.
    pub fn pages<T: DeserializeOwned>(
        &self,
        path: impl Into<String>,
        page_size: u32,
    ) -> impl Stream<Item = Result<Page<T>>> + '_ {
        let path = path.into();
        // `Some(cursor)` while there is a page to fetch; the first has no cursor.
        stream::try_unfold(Some(None::<String>), move |next| {
            let path = path.clone();
            async move {
                let Some(cursor) = next else { return Ok(None) };
                let mut query = vec![("limit", page_size.to_string())];
                query.extend(cursor.map(|cursor| ("cursor", cursor)));
                let page: Page<T> = self
                    .send(self.request(Method::GET, &path).query(&query))
                    .await?;
                let after = page.next_cursor.clone().map(Some);
                Ok(Some((page, after)))
            }
        })
    }

    /// The items of every page of a list, in order.
    pub fn items<T: DeserializeOwned>(
        &self,
        path: impl Into<String>,
        page_size: u32,
    ) -> impl Stream<Item = Result<T>> + '_ {
        self.pages(path, page_size)
            .map_ok(|page: Page<T>| stream::iter(page.data.into_iter().map(Ok)))
            .try_flatten()
    }

    pub async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T> {
        self.send(self.request(Method::GET, path)).await
    }

    pub async fn post<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<T> {
        self.call(Method::POST, path, body).await
    }

    /// A request with a JSON body (`PUT` a widget, `PATCH` most resources, …).
    pub async fn call<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: &B,
    ) -> Result<T> {
        self.send(self.request(method, path).json(body)).await
    }

    /// A `DELETE` that answers `204 No Content`.
    pub async fn delete(&self, path: &str) -> Result<()> {
        let response = self.request(Method::DELETE, path).send().await?;
        error::success(response).await.map(drop)
    }

    /// A request to `path` (from the origin, e.g. `/api/bots`) with the token, to send with
    /// [`Client::send`] when no method above fits.
    pub fn request(&self, method: Method, path: &str) -> RequestBuilder {
        let request = self
            .http
            .request(method, format!("{}{path}", self.base_url));
        match &self.token {
            Some(token) => request.bearer_auth(token),
            None => request,
        }
    }

    /// Sends `request`: its JSON answer as `T`, or the problem Parley answered.
    pub async fn send<T: DeserializeOwned>(&self, request: RequestBuilder) -> Result<T> {
        let response = error::success(request.send().await?).await?;
        let status = response.status().as_u16();
        let body = response.text().await?;
        serde_json::from_str(&body).map_err(|e| Error::Unexpected {
            status,
            body: format!("{e}: {body}"),
        })
    }
}
