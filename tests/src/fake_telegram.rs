//! A local Telegram Bot API speaking its real wire format (core.telegram.org/bots/api):
//! `POST /bot<token>/<method>` with a JSON body, answers `{"ok": true, "result": …}` or
//! `{"ok": false, "error_code", "description"[, "parameters": {"retry_after"}]}`. It knows
//! `getMe`, `setWebhook` (keeping the URL and `secret_token`), `deleteWebhook` and
//! `sendMessage`, and plays Telegram's side of a chat: [`FakeTelegram::user_writes`] POSTs an
//! `Update` to the registered webhook with `X-Telegram-Bot-Api-Secret-Token`, as Telegram does.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

/// One `sendMessage` the fake accepted.
#[derive(Debug, Clone, PartialEq)]
pub struct SentMessage {
    pub chat_id: i64,
    pub text: String,
}

/// What `setWebhook` registered for a bot.
#[derive(Debug, Clone, PartialEq)]
pub struct Registered {
    pub url: String,
    pub secret_token: String,
}

#[derive(Default)]
struct Bot {
    username: String,
    revoked: bool,
    webhook: Option<Registered>,
    sent: Vec<SentMessage>,
    /// `sendMessage` answers these (status, retry_after) first, one per call.
    failures: Vec<(u16, Option<u64>)>,
}

#[derive(Default)]
struct Shared {
    bots: Mutex<HashMap<String, Bot>>,
    next_id: AtomicI64,
}

impl Shared {
    fn bots(&self) -> MutexGuard<'_, HashMap<String, Bot>> {
        self.bots.lock().unwrap_or_else(|p| p.into_inner())
    }
}

pub struct FakeTelegram {
    /// What `TELEGRAM_API_BASE` is set to.
    pub base_url: String,
    shared: Arc<Shared>,
    http: reqwest::Client,
    server: tokio::task::JoinHandle<()>,
}

impl FakeTelegram {
    pub async fn start() -> crate::Result<FakeTelegram> {
        let (listener, port) = crate::process::loopback_listener().await?;
        let shared = Arc::new(Shared {
            next_id: AtomicI64::new(1000),
            ..Shared::default()
        });
        let app = Router::new()
            .route("/{bot}/{method}", post(method))
            .with_state(shared.clone());
        let server = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Ok(FakeTelegram {
            base_url: format!("http://127.0.0.1:{port}"),
            shared,
            http: reqwest::Client::new(),
            server,
        })
    }

    /// A new bot, as @BotFather creates one: its token.
    pub fn new_bot(&self, username: &str) -> String {
        let id = self.shared.next_id.fetch_add(1, Ordering::SeqCst) + 7_000_000_000;
        let token = format!("{id}:AAE{}", uuid::Uuid::new_v4().simple());
        let bot = Bot {
            username: username.to_owned(),
            ..Bot::default()
        };
        self.shared.bots().insert(token.clone(), bot);
        token
    }

    /// The owner revokes the token in @BotFather: every call with it is 401 from now on.
    pub fn revoke(&self, token: &str) {
        if let Some(bot) = self.shared.bots().get_mut(token) {
            bot.revoked = true;
        }
    }

    /// The bot's next `sendMessage` calls answer `status` (with `retry_after` for a 429), in
    /// turn.
    pub fn fail_sends(&self, token: &str, failures: &[(u16, Option<u64>)]) {
        if let Some(bot) = self.shared.bots().get_mut(token) {
            bot.failures.extend_from_slice(failures);
        }
    }

    pub fn webhook(&self, token: &str) -> Option<Registered> {
        self.shared.bots().get(token)?.webhook.clone()
    }

    pub fn sent(&self, token: &str) -> Vec<SentMessage> {
        self.shared
            .bots()
            .get(token)
            .map(|bot| bot.sent.clone())
            .unwrap_or_default()
    }

    /// Waits (up to a generous bound) until the bot sent at least `count` messages.
    pub async fn wait_for_sent(&self, token: &str, count: usize) -> Vec<SentMessage> {
        for _ in 0..300 {
            let sent = self.sent(token);
            if sent.len() >= count {
                return sent;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!(
            "expected {count} sendMessage calls, got {:?}",
            self.sent(token)
        );
    }

    /// A Telegram user writes `text` to the bot: the update is POSTed to the registered
    /// webhook with its secret token, as Telegram delivers it. Answers Parley's status.
    pub async fn user_writes(&self, token: &str, update_id: i64, chat_id: i64, text: &str) -> u16 {
        let registered = self.webhook(token).expect("the bot has a webhook");
        let update = json!({
            "update_id": update_id,
            "message": {
                "message_id": update_id + 1,
                "from": {"id": chat_id, "is_bot": false, "first_name": "Tomás", "last_name": "García",
                         "username": "tomas_g", "language_code": "es"},
                "chat": {"id": chat_id, "first_name": "Tomás", "last_name": "García",
                         "username": "tomas_g", "type": "private"},
                "date": 1_765_000_000,
                "text": text
            }
        });
        self.post_update(&registered, &update, &registered.secret_token)
            .await
    }

    /// POSTs any update to the registered webhook with `secret` as the secret token.
    pub async fn post_update(&self, registered: &Registered, update: &Value, secret: &str) -> u16 {
        self.http
            .post(&registered.url)
            .header("X-Telegram-Bot-Api-Secret-Token", secret)
            .json(update)
            .send()
            .await
            .expect("Parley answers")
            .status()
            .as_u16()
    }
}

impl Drop for FakeTelegram {
    fn drop(&mut self) {
        self.server.abort();
    }
}

fn answer(status: StatusCode, body: Value) -> Response {
    (
        status,
        [("content-type", "application/json")],
        body.to_string(),
    )
        .into_response()
}

fn ok(result: Value) -> Response {
    answer(StatusCode::OK, json!({"ok": true, "result": result}))
}

fn error(code: u16, description: &str, retry_after: Option<u64>) -> Response {
    let mut body = json!({"ok": false, "error_code": code, "description": description});
    if let Some(seconds) = retry_after {
        body["parameters"] = json!({ "retry_after": seconds });
    }
    answer(
        StatusCode::from_u16(code).unwrap_or(StatusCode::BAD_REQUEST),
        body,
    )
}

async fn method(
    State(shared): State<Arc<Shared>>,
    Path((bot, method)): Path<(String, String)>,
    body: String,
) -> Response {
    let Some(token) = bot.strip_prefix("bot") else {
        return error(404, "Not Found", None);
    };
    let params: Value = if body.trim().is_empty() {
        json!({})
    } else {
        match serde_json::from_str(&body) {
            Ok(params) => params,
            Err(_) => return error(400, "Bad Request: can't parse JSON object", None),
        }
    };
    let mut bots = shared.bots();
    let Some(bot) = bots.get_mut(token).filter(|bot| !bot.revoked) else {
        return error(401, "Unauthorized", None);
    };
    match method.as_str() {
        "getMe" => ok(json!({
            "id": token.split(':').next().and_then(|id| id.parse::<i64>().ok()),
            "is_bot": true,
            "first_name": "Parley test bot",
            "username": bot.username,
            "can_join_groups": true,
            "can_read_all_group_messages": false,
            "supports_inline_queries": false
        })),
        "setWebhook" => {
            let (Some(url), secret) = (params["url"].as_str(), params["secret_token"].as_str())
            else {
                return error(400, "Bad Request: bad webhook: URL must be provided", None);
            };
            bot.webhook = Some(Registered {
                url: url.to_owned(),
                secret_token: secret.unwrap_or_default().to_owned(),
            });
            answer(
                StatusCode::OK,
                json!({"ok": true, "result": true, "description": "Webhook was set"}),
            )
        }
        "deleteWebhook" => {
            bot.webhook = None;
            answer(
                StatusCode::OK,
                json!({"ok": true, "result": true, "description": "Webhook was deleted"}),
            )
        }
        "sendMessage" => {
            if !bot.failures.is_empty() {
                let (status, retry_after) = bot.failures.remove(0);
                let description = match status {
                    429 => format!(
                        "Too Many Requests: retry after {}",
                        retry_after.unwrap_or(1)
                    ),
                    403 => "Forbidden: bot was blocked by the user".to_owned(),
                    _ => "Internal Server Error".to_owned(),
                };
                return error(status, &description, retry_after);
            }
            let Some(chat_id) = params["chat_id"].as_i64() else {
                return error(400, "Bad Request: chat not found", None);
            };
            let text = params["text"].as_str().unwrap_or_default();
            if text.trim().is_empty() {
                return error(400, "Bad Request: message text is empty", None);
            }
            if text.chars().count() > 4096 {
                return error(400, "Bad Request: message is too long", None);
            }
            bot.sent.push(SentMessage {
                chat_id,
                text: text.to_owned(),
            });
            let message_id = shared.next_id.fetch_add(1, Ordering::SeqCst);
            ok(json!({
                "message_id": message_id,
                "from": {"id": 1, "is_bot": true, "first_name": "Parley test bot", "username": bot.username},
                "chat": {"id": chat_id, "type": "private"},
                "date": 1_765_000_000,
                "text": text
            }))
        }
        _ => error(404, "Not Found", None),
    }
}
