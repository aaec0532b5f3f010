//! Chat widgets: what a site embeds and how it looks and behaves.

use crate::validate::{FieldErrors, MAX_NAME_CHARS, Validator, is_hex_color};
use serde::{Deserialize, Serialize};

pub const DEFAULT_WELCOME_MESSAGE: &str = "Hi! How can we help you today?";
pub const DEFAULT_OFFLINE_MESSAGE: &str =
    "We're offline right now. Leave a message and we'll respond ASAP.";
pub const DEFAULT_THEME_COLOR: &str = "#6366f1";
pub const MAX_WIDGET_TEXT_CHARS: usize = 500;
pub const MAX_ALLOWED_ORIGINS: usize = 50;

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
}

/// `POST /api/widgets` (name required) and `PUT /api/widgets/{id}` (only the fields to change).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WidgetInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub welcome_message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ai_enabled: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme_color: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_assign: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offline_message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_origins: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bot_id: Option<String>,
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
        if let Some(bot) = &self.bot_id {
            check.uuid("botId", bot);
        }
        if let Some(color) = &self.theme_color
            && !is_hex_color(color)
        {
            check.fail("themeColor", "must be a hex color like #6366f1");
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
    /// Whether an agent of the workspace is connected now; when not, show `offlineMessage`.
    pub agents_online: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

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
