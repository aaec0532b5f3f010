//! Chat widgets: what a site embeds and how it looks and behaves.

use crate::business_hours::BusinessHours;
use crate::pre_chat::PreChat;
use crate::validate::{FieldErrors, MAX_NAME_CHARS, Validator, is_hex_color};
use crate::widget_text::MAX_WIDGET_TEXT_OVERRIDE_CHARS;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const DEFAULT_WELCOME_MESSAGE: &str = "Hi! How can we help you today?";
pub const DEFAULT_OFFLINE_MESSAGE: &str =
    "We're offline right now. Leave a message and we'll respond ASAP.";
/// Indigo 600: white text on it contrasts 6.3:1 (WCAG AA asks 4.5:1; indigo 500 gave 4.47:1).
pub const DEFAULT_THEME_COLOR: &str = "#4f46e5";
pub const MAX_WIDGET_TEXT_CHARS: usize = 500;
pub const MAX_ALLOWED_ORIGINS: usize = 50;
/// Five minutes: about when a visitor who has had no answer starts to leave.
pub const DEFAULT_FOLLOW_UP_AFTER_SECONDS: u32 = 300;
/// A day: past it the offer would reach nobody still on the page.
pub const MAX_FOLLOW_UP_AFTER_SECONDS: u32 = 86_400;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Widget {
    pub id: String,
    pub workspace_id: String,
    pub name: String,
    pub welcome_message: String,
    pub ai_enabled: bool,
    pub theme_color: String,
    pub auto_assign: bool,
    pub offline_message: String,
    /// Origins allowed to start conversations (`https://example.com`); empty allows any.
    pub allowed_origins: Vec<String>,
    /// The bot answering new conversations while `aiEnabled`.
    #[serde(default)]
    pub bot_id: Option<String>,
    pub embed_code: String,
    pub created_at: String,
    /// The widget header visitors see; `name` is what the team calls the widget. Empty shows
    /// "Chat".
    #[serde(default)]
    pub title: String,
    /// A visitor's reply to a closed conversation reopens it; when off, the reply starts a
    /// new conversation that links to the closed one.
    #[serde(default = "on")]
    pub reopen_on_reply: bool,
    /// When people answer; outside them the widget shows `offlineMessage`.
    #[serde(default)]
    pub business_hours: BusinessHours,
    /// The widget has an identity secret: `Parley.identify`'s `userId` is trusted only with
    /// its `userHash` (hex HMAC-SHA256 of the user id under the secret).
    #[serde(default)]
    pub identity_verification: bool,
    /// The widget's own wording of texts visitors see, by key (`openChat`, `send`, … see
    /// `widget_text`), over every language's.
    #[serde(default)]
    pub texts: BTreeMap<String, String>,
    /// What the visitor is asked before their first message.
    #[serde(default)]
    pub pre_chat: PreChat,
    /// The widget offers replies by email once the visitor's message has waited this long for
    /// a person's answer, even while agents are online (0: only while nobody answers live).
    #[serde(default = "default_follow_up_after")]
    pub follow_up_after_seconds: u32,
}

fn default_follow_up_after() -> u32 {
    DEFAULT_FOLLOW_UP_AFTER_SECONDS
}

/// `POST /api/widgets/{id}/identity-secret`: the new secret, shown this once. Sites compute
/// `userHash = hex(HMAC-SHA256(secret, userId))` on their server.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct IdentitySecret {
    pub secret: String,
}

/// `POST /api/widgets/{id}/identity`: what a page gave `Parley.identify`, checked as soon as it
/// says it (not at the visitor's first message), so a signed-in user finds their conversation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct IdentityCheckRequest {
    pub user_id: String,
    /// Hex HMAC-SHA256 of `userId` under the widget's identity secret, computed by the site's
    /// server.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_hash: Option<String>,
}

impl IdentityCheckRequest {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        Validator::new()
            .text("userId", &self.user_id, MAX_NAME_CHARS)
            .finish()
    }
}

/// Whether the widget vouches for the user and, when it does, their latest conversation on
/// it with a visitor token: the same person continues it on another device or browser.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct IdentityCheck {
    /// The widget has an identity secret and `userHash` proves `userId` (a widget without a
    /// secret proves nobody: false).
    pub verified: bool,
    #[serde(default)]
    pub resumed: Option<crate::conversation::StartedConversation>,
}

fn on() -> bool {
    true
}

/// `POST /api/widgets` (name required) and `PUT /api/widgets/{id}` (only the fields to change).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WidgetInput {
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 100, pattern = r"\S")
    )]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub welcome_message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ai_enabled: Option<bool>,
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = r"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
    )]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme_color: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_assign: Option<bool>,
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offline_message: Option<String>,
    #[cfg_attr(feature = "openapi", schema(max_items = 50))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_origins: Option<Vec<String>>,
    #[cfg_attr(feature = "openapi", schema(format = "uuid"))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bot_id: Option<String>,
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reopen_on_reply: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub business_hours: Option<BusinessHours>,
    /// Replaces every override: a key of `widget_text` to its text (at most 200 characters;
    /// an empty text removes the override).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub texts: Option<BTreeMap<String, String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pre_chat: Option<PreChat>,
    /// Seconds a visitor's message waits for a person before the widget offers replies by
    /// email; 0 offers them only while nobody answers live.
    #[cfg_attr(feature = "openapi", schema(maximum = 86400))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow_up_after_seconds: Option<u32>,
}

impl WidgetInput {
    pub fn validate(&self, creating: bool) -> Result<(), FieldErrors> {
        let mut check = Validator::new();
        match &self.name {
            Some(name) => {
                check.text("name", name, MAX_NAME_CHARS);
            }
            None if creating => check.fail("name", "is required"),
            None => {}
        }
        for (field, text) in [
            ("welcomeMessage", &self.welcome_message),
            ("offlineMessage", &self.offline_message),
        ] {
            if let Some(text) = text {
                check.text(field, text, MAX_WIDGET_TEXT_CHARS);
            }
        }
        if let Some(title) = &self.title {
            check.max_chars("title", title, MAX_NAME_CHARS);
        }
        if let Some(bot) = &self.bot_id {
            check.uuid("botId", bot);
        }
        if let Some(color) = &self.theme_color
            && !is_hex_color(color)
        {
            check.fail("themeColor", "must be a hex color like #4f46e5");
        }
        if let Some(hours) = &self.business_hours {
            check.merge(hours.validate());
        }
        if let Some(form) = &self.pre_chat {
            check.merge(form.validate());
        }
        if self
            .follow_up_after_seconds
            .is_some_and(|s| s > MAX_FOLLOW_UP_AFTER_SECONDS)
        {
            check.fail(
                "followUpAfterSeconds",
                format!("at most {MAX_FOLLOW_UP_AFTER_SECONDS} (a day)"),
            );
        }
        for (key, text) in self.texts.iter().flatten() {
            let field = format!("texts.{key}");
            if crate::widget_text::by_key(key).is_none() {
                check.fail(
                    &field,
                    "is not a text the widget shows (see the widget_text keys)",
                );
            }
            check.max_chars(&field, text, MAX_WIDGET_TEXT_OVERRIDE_CHARS);
        }
        if let Some(origins) = &self.allowed_origins {
            if origins.len() > MAX_ALLOWED_ORIGINS {
                check.fail(
                    "allowedOrigins",
                    format!("at most {MAX_ALLOWED_ORIGINS} origins"),
                );
            }
            for origin in origins.iter().filter(|o| !is_origin(o)) {
                check.fail(
                    "allowedOrigins",
                    format!("{origin:?} is not an origin like https://example.com"),
                );
            }
        }
        check.finish()
    }
}

/// `scheme://host[:port]` with no path, as browsers send in `Origin`.
pub fn is_origin(value: &str) -> bool {
    let Some((scheme, rest)) = value.split_once("://") else {
        return false;
    };
    matches!(scheme, "http" | "https")
        && !rest.is_empty()
        && !rest.contains(['/', '?', '#', ' ', '@'])
        && rest
            .split(':')
            .nth(1)
            .is_none_or(|port| port.parse::<u16>().is_ok())
}

/// Whether a request from `origin` may use a widget restricted to `allowed`.
pub fn origin_allowed(allowed: &[String], origin: Option<&str>) -> bool {
    allowed.is_empty()
        || origin.is_some_and(|origin| allowed.iter().any(|a| a.eq_ignore_ascii_case(origin)))
}

/// The snippet a site owner pastes, pointing at this deployment.
pub fn embed_code(public_origin: &str, widget_id: &str) -> String {
    format!(
        "<script src=\"{public_origin}/widget.js\" data-widget-id=\"{widget_id}\" async></script>"
    )
}

/// What the widget itself reads on load (`GET /api/widgets/{id}/config`): no private fields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct WidgetConfig {
    pub id: String,
    pub name: String,
    pub welcome_message: String,
    pub ai_enabled: bool,
    pub theme_color: String,
    pub offline_message: String,
    /// Whether an agent of the workspace is connected now and the widget is within its
    /// business hours; when not, show `offlineMessage`.
    pub agents_online: bool,
    /// The text colour on `themeColor` ([`text_on`]).
    #[serde(default = "white")]
    pub theme_text_color: String,
    /// The header visitors see (empty: "Chat").
    #[serde(default)]
    pub title: String,
    /// Whether replying to a closed conversation reopens it (else starts a linked new one).
    #[serde(default = "on")]
    pub reopen_on_reply: bool,
    /// The widget's own wording, by key, over the visitor's language's.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub texts: BTreeMap<String, String>,
    /// What to ask before the visitor's first message (off when absent).
    #[serde(default)]
    pub pre_chat: PreChat,
    /// Offer replies by email once the visitor's message has waited this long for a person
    /// (0, or absent: only while nobody answers live).
    #[serde(default)]
    pub follow_up_after_seconds: u32,
}

/// The widget header's text: its public title, or "Chat" when it has none.
pub fn public_title(title: &str) -> &str {
    match title.trim() {
        "" => "Chat",
        title => title,
    }
}

fn white() -> String {
    WHITE.to_owned()
}

/// White: the text colour on a theme when none is stored.
pub const WHITE: &str = "#fff";
/// Gray 900, the widget's dark text.
const DARK: &str = "#111827";

/// White or dark text, whichever contrasts more with `background` (a `#rgb` or `#rrggbb`
/// colour; anything else is read as the default theme), by WCAG relative luminance.
pub fn text_on(background: &str) -> &'static str {
    let on = luminance(background).unwrap_or_else(|| luminance(DEFAULT_THEME_COLOR).unwrap_or(0.0));
    let dark = luminance(DARK).unwrap_or(0.0);
    if contrast(1.0, on) >= contrast(on, dark) {
        WHITE
    } else {
        DARK
    }
}

/// The WCAG contrast ratio of two relative luminances.
pub fn contrast(a: f64, b: f64) -> f64 {
    (a.max(b) + 0.05) / (a.min(b) + 0.05)
}

/// WCAG relative luminance of a `#rgb` or `#rrggbb` colour.
pub fn luminance(color: &str) -> Option<f64> {
    let hex = color.strip_prefix('#')?;
    let digits: Vec<u8> = match hex.len() {
        3 => hex.chars().flat_map(|c| [c, c]).map(|c| c as u8).collect(),
        6 => hex.bytes().collect(),
        _ => return None,
    };
    let mut channels = [0.0; 3];
    for (channel, pair) in channels.iter_mut().zip(digits.chunks(2)) {
        let value = u8::from_str_radix(std::str::from_utf8(pair).ok()?, 16).ok()?;
        let c = f64::from(value) / 255.0;
        *channel = if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        };
    }
    Some(0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_theme_passes_aa_with_its_text_and_text_follows_the_theme() {
        let on_default = contrast(1.0, luminance(DEFAULT_THEME_COLOR).unwrap());
        assert!(on_default >= 4.5, "{on_default}");
        assert_eq!(text_on(DEFAULT_THEME_COLOR), "#fff");
        let old_indigo = contrast(1.0, luminance("#6366f1").unwrap());
        assert!(old_indigo < 4.5, "the old default failed: {old_indigo}");
        assert_eq!(text_on("#fde047"), "#111827", "dark text on yellow");
        assert_eq!(text_on("#FFF"), "#111827");
        assert_eq!(text_on("#000"), "#fff");
        assert_eq!(text_on("not a colour"), "#fff");
    }

    #[test]
    fn creating_needs_a_name_updating_does_not() {
        assert!(
            WidgetInput::default()
                .validate(true)
                .unwrap_err()
                .contains_key("name")
        );
        assert!(WidgetInput::default().validate(false).is_ok());
    }

    #[test]
    fn checks_colors_and_origins() {
        let input = WidgetInput {
            theme_color: Some("blue".into()),
            allowed_origins: Some(vec![
                "https://shop.example.com".into(),
                "shop.example.com".into(),
            ]),
            ..WidgetInput::default()
        };
        let errors = input.validate(false).unwrap_err();
        assert!(errors.contains_key("themeColor"));
        assert_eq!(errors["allowedOrigins"].len(), 1, "{errors:?}");
    }

    #[test]
    fn the_follow_up_wait_is_at_most_a_day() {
        let wait = |seconds| WidgetInput {
            follow_up_after_seconds: Some(seconds),
            ..WidgetInput::default()
        };
        assert!(wait(0).validate(false).is_ok());
        assert!(wait(MAX_FOLLOW_UP_AFTER_SECONDS).validate(false).is_ok());
        let errors = wait(MAX_FOLLOW_UP_AFTER_SECONDS + 1)
            .validate(false)
            .unwrap_err();
        assert!(errors.contains_key("followUpAfterSeconds"));
    }

    #[test]
    fn origins_are_scheme_host_and_port_only() {
        assert!(is_origin("https://example.com") && is_origin("http://localhost:8080"));
        assert!(
            !is_origin("https://example.com/")
                && !is_origin("ftp://x.com")
                && !is_origin("https://x.com:99999")
        );
    }

    #[test]
    fn an_empty_allow_list_admits_any_origin() {
        assert!(origin_allowed(&[], None));
        let allowed = vec!["https://shop.example.com".to_owned()];
        assert!(origin_allowed(&allowed, Some("https://SHOP.example.com")));
        assert!(!origin_allowed(&allowed, Some("https://evil.example.com")));
        assert!(!origin_allowed(&allowed, None));
    }

    #[test]
    fn rejects_unknown_fields_so_typos_are_not_silently_ignored() {
        assert!(serde_json::from_str::<WidgetInput>(r#"{"nmae":"x"}"#).is_err());
    }
}
