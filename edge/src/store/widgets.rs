//! Widgets, scoped to their workspace.

use super::d1::{Arg, all, first, flag, run};
use crate::error::ApiResult;
use parley_shared_types::business_hours::BusinessHours;
use parley_shared_types::pre_chat::PreChat;
use parley_shared_types::widget::{
    DEFAULT_FOLLOW_UP_AFTER_SECONDS, DEFAULT_OFFLINE_MESSAGE, DEFAULT_THEME_COLOR,
    DEFAULT_WELCOME_MESSAGE, WidgetInput,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use worker::D1Database;

/// A widget as stored (without `embedCode`, which depends on the deployment's origin).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WidgetRow {
    pub id: String,
    pub workspace_id: String,
    pub name: String,
    pub welcome_message: String,
    pub ai_enabled: i64,
    pub theme_color: String,
    pub auto_assign: i64,
    pub offline_message: String,
    pub allowed_origins: String,
    #[serde(default)]
    pub bot_id: Option<String>,
    pub created_at: String,
    /// Cached rows from before these columns have none.
    #[serde(default)]
    pub title: String,
    #[serde(default = "on")]
    pub reopen_on_reply: i64,
    /// [`BusinessHours`] as JSON.
    #[serde(default)]
    pub business_hours: String,
    /// Proves `Parley.identify`'s userId (see `domain::widgets::vouched_identity`); none: the
    /// widget does not verify identities.
    #[serde(default)]
    pub identity_secret: Option<String>,
    /// The widget's overrides of its visitor-facing texts, as a JSON object by key.
    #[serde(default)]
    pub texts: String,
    /// [`PreChat`] as JSON.
    #[serde(default)]
    pub pre_chat: String,
    #[serde(default = "default_follow_up_after")]
    pub follow_up_after_seconds: i64,
}

fn default_follow_up_after() -> i64 {
    DEFAULT_FOLLOW_UP_AFTER_SECONDS.into()
}

fn on() -> i64 {
    1
}

impl WidgetRow {
    pub fn allowed_origins(&self) -> Vec<String> {
        serde_json::from_str(&self.allowed_origins).unwrap_or_default()
    }

    pub fn ai_enabled(&self) -> bool {
        flag(self.ai_enabled)
    }

    pub fn auto_assign(&self) -> bool {
        flag(self.auto_assign)
    }

    pub fn reopen_on_reply(&self) -> bool {
        flag(self.reopen_on_reply)
    }

    /// Empty when none are stored.
    pub fn texts(&self) -> BTreeMap<String, String> {
        serde_json::from_str(&self.texts).unwrap_or_default()
    }

    /// Off when none is stored.
    pub fn pre_chat(&self) -> PreChat {
        serde_json::from_str(&self.pre_chat).unwrap_or_default()
    }

    pub fn follow_up_after_seconds(&self) -> u32 {
        u32::try_from(self.follow_up_after_seconds).unwrap_or(DEFAULT_FOLLOW_UP_AFTER_SECONDS)
    }

    /// Off when none are stored.
    pub fn business_hours(&self) -> BusinessHours {
        serde_json::from_str(&self.business_hours).unwrap_or_default()
    }

    /// A new widget from a validated create request, with defaults for what it leaves out.
    pub fn new(
        id: String,
        workspace_id: String,
        input: WidgetInput,
        created_at: String,
    ) -> WidgetRow {
        let mut row = WidgetRow {
            id,
            workspace_id,
            name: String::new(),
            welcome_message: DEFAULT_WELCOME_MESSAGE.into(),
            ai_enabled: 0,
            theme_color: DEFAULT_THEME_COLOR.into(),
            auto_assign: 1,
            offline_message: DEFAULT_OFFLINE_MESSAGE.into(),
            allowed_origins: "[]".into(),
            bot_id: None,
            created_at,
            title: String::new(),
            reopen_on_reply: 1,
            business_hours: "{}".into(),
            identity_secret: None,
            texts: "{}".into(),
            pre_chat: "{}".into(),
            follow_up_after_seconds: default_follow_up_after(),
        };
        row.apply(input);
        row
    }

    /// Applies a validated update: only the fields it names change.
    pub fn apply(&mut self, input: WidgetInput) {
        let WidgetInput {
            name,
            welcome_message,
            ai_enabled,
            theme_color,
            auto_assign,
            offline_message,
            allowed_origins,
            bot_id,
            title,
            reopen_on_reply,
            business_hours,
            texts,
            pre_chat,
            follow_up_after_seconds,
        } = input;
        let trimmed = |text: String| text.trim().to_owned();
        if let Some(name) = name {
            self.name = trimmed(name);
        }
        if let Some(text) = title {
            self.title = trimmed(text);
        }
        if let Some(on) = reopen_on_reply {
            self.reopen_on_reply = i64::from(on);
        }
        if let Some(text) = welcome_message {
            self.welcome_message = trimmed(text);
        }
        if let Some(text) = offline_message {
            self.offline_message = trimmed(text);
        }
        if let Some(color) = theme_color {
            self.theme_color = color;
        }
        if let Some(on) = ai_enabled {
            self.ai_enabled = i64::from(on);
        }
        if let Some(on) = auto_assign {
            self.auto_assign = i64::from(on);
        }
        if let Some(bot) = bot_id {
            self.bot_id = Some(bot);
        }
        if let Some(origins) = allowed_origins {
            self.allowed_origins = serde_json::to_string(&origins).unwrap_or_else(|_| "[]".into());
        }
        if let Some(texts) = texts {
            // An empty override is no override: the locale's text shows.
            let texts: BTreeMap<String, String> = texts
                .into_iter()
                .map(|(key, text)| (key, text.trim().to_owned()))
                .filter(|(_, text)| !text.is_empty())
                .collect();
            self.texts = serde_json::to_string(&texts).unwrap_or_else(|_| "{}".into());
        }
        if let Some(form) = pre_chat {
            self.pre_chat = serde_json::to_string(&form).unwrap_or_else(|_| "{}".into());
        }
        if let Some(seconds) = follow_up_after_seconds {
            self.follow_up_after_seconds = seconds.into();
        }
        if let Some(hours) = business_hours {
            self.business_hours = serde_json::to_string(&hours).unwrap_or_else(|_| "{}".into());
        }
    }

    fn args(&self) -> Vec<Arg<'_>> {
        vec![
            (&self.name).into(),
            (&self.welcome_message).into(),
            self.ai_enabled.into(),
            (&self.theme_color).into(),
            self.auto_assign.into(),
            (&self.offline_message).into(),
            (&self.allowed_origins).into(),
            self.bot_id.as_deref().into(),
            (&self.title).into(),
            self.reopen_on_reply.into(),
            (&self.business_hours).into(),
            (&self.texts).into(),
            (&self.pre_chat).into(),
            self.follow_up_after_seconds.into(),
            (&self.id).into(),
            (&self.workspace_id).into(),
        ]
    }
}

const COLUMNS: &str = "id, workspace_id, name, welcome_message, ai_enabled, theme_color, auto_assign, offline_message, allowed_origins, bot_id, created_at, title, reopen_on_reply, business_hours, identity_secret, texts, pre_chat, follow_up_after_seconds";

pub async fn insert(db: &D1Database, widget: &WidgetRow) -> ApiResult<()> {
    let mut args = widget.args();
    args.push((&widget.created_at).into());
    run(
        db,
        "INSERT INTO widgets (name, welcome_message, ai_enabled, theme_color, auto_assign, offline_message, allowed_origins, bot_id, title, reopen_on_reply, business_hours, texts, pre_chat, follow_up_after_seconds, id, workspace_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        &args,
    )
    .await
    .map(drop)
}

pub async fn update(db: &D1Database, widget: &WidgetRow) -> ApiResult<()> {
    run(
        db,
        "UPDATE widgets SET name = ?, welcome_message = ?, ai_enabled = ?, theme_color = ?, auto_assign = ?, offline_message = ?, allowed_origins = ?, bot_id = ?, title = ?, reopen_on_reply = ?, business_hours = ?, texts = ?, pre_chat = ?, follow_up_after_seconds = ?
         WHERE id = ? AND workspace_id = ?",
        &widget.args(),
    )
    .await
    .map(drop)
}

/// Sets (or, with none, removes) the widget's identity secret.
pub async fn set_identity_secret(
    db: &D1Database,
    workspace_id: &str,
    id: &str,
    secret: Option<&str>,
) -> ApiResult<()> {
    run(
        db,
        "UPDATE widgets SET identity_secret = ? WHERE id = ? AND workspace_id = ?",
        &[secret.into(), id.into(), workspace_id.into()],
    )
    .await
    .map(drop)
}

pub async fn find(db: &D1Database, workspace_id: &str, id: &str) -> ApiResult<Option<WidgetRow>> {
    first(
        db,
        &format!("SELECT {COLUMNS} FROM widgets WHERE workspace_id = ? AND id = ?"),
        &[workspace_id.into(), id.into()],
    )
    .await
}

/// For the public widget endpoints, which know only the widget id.
pub async fn find_public(db: &D1Database, id: &str) -> ApiResult<Option<WidgetRow>> {
    first(
        db,
        &format!("SELECT {COLUMNS} FROM widgets WHERE id = ?"),
        &[id.into()],
    )
    .await
}

pub async fn list(db: &D1Database, workspace_id: &str) -> ApiResult<Vec<WidgetRow>> {
    all(
        db,
        &format!("SELECT {COLUMNS} FROM widgets WHERE workspace_id = ? ORDER BY created_at, name"),
        &[workspace_id.into()],
    )
    .await
}
