//! Canned responses: saved replies an agent inserts from the reply box by typing `/` and their
//! shortcut. A workspace's are shared (admins keep them), a personal one is its owner's alone.
//! Their text may name the conversation's people: [`fill`] puts them in.

use crate::validate::{FieldErrors, Validator};
use serde::{Deserialize, Serialize};

pub const MAX_SHORTCUT_CHARS: usize = 32;
pub const MAX_CANNED_CONTENT_CHARS: usize = crate::message::MAX_MESSAGE_CHARS;
/// What `{{visitor.name}}` becomes when the visitor gave no name: "Hi {{visitor.name}}!"
/// reads "Hi there!".
pub const VISITOR_NAME_FALLBACK: &str = "there";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum CannedScope {
    /// Shared by the workspace; admins create, change and delete them.
    Workspace,
    /// Its owner's alone: nobody else sees it.
    Personal,
}

impl CannedScope {
    pub fn as_str(self) -> &'static str {
        match self {
            CannedScope::Workspace => "workspace",
            CannedScope::Personal => "personal",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "workspace" => Some(CannedScope::Workspace),
            "personal" => Some(CannedScope::Personal),
            _ => None,
        }
    }
}

/// A saved reply. `shortcut` is unique in its scope (per owner for personal ones).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CannedResponse {
    pub id: String,
    pub shortcut: String,
    /// May contain `{{visitor.name}}` and `{{agent.name}}`.
    pub content: String,
    pub scope: CannedScope,
    /// The user (or API key) a personal response belongs to; absent on workspace ones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner_id: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// `POST /api/canned-responses`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CreateCannedResponseRequest {
    pub shortcut: String,
    pub content: String,
    /// Default `personal`; `workspace` is for admins.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<CannedScope>,
}

/// `PATCH /api/canned-responses/{id}`: what is given changes (the scope stays).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct UpdateCannedResponseRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shortcut: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
}

fn check_canned(check: &mut Validator, shortcut: Option<&str>, content: Option<&str>) {
    if let Some(shortcut) = shortcut {
        check.text("shortcut", shortcut, MAX_SHORTCUT_CHARS);
        if shortcut.chars().any(char::is_whitespace) {
            check.fail("shortcut", "must be one word (no spaces)");
        }
    }
    if let Some(content) = content {
        check.text("content", content, MAX_CANNED_CONTENT_CHARS);
    }
}

impl CreateCannedResponseRequest {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut check = Validator::new();
        check_canned(&mut check, Some(&self.shortcut), Some(&self.content));
        check.finish()
    }
}

impl UpdateCannedResponseRequest {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut check = Validator::new();
        check_canned(
            &mut check,
            self.shortcut.as_deref(),
            self.content.as_deref(),
        );
        check.finish()
    }
}

/// What a canned response's variables stand for in one conversation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Variables<'a> {
    /// The name the visitor gave (`metadata.name`), if any.
    pub visitor_name: Option<&'a str>,
    /// The signed-in agent's name.
    pub agent_name: &'a str,
}

/// `template` with `{{visitor.name}}` and `{{agent.name}}` (spaces inside the braces allowed)
/// replaced. A blank or missing visitor name becomes [`VISITOR_NAME_FALLBACK`]; any other
/// `{{…}}` stays as written, so a typo shows instead of vanishing.
pub fn fill(template: &str, variables: &Variables<'_>) -> String {
    let mut filled = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find("{{") {
        filled.push_str(&rest[..open]);
        let after_open = &rest[open + 2..];
        let Some(close) = after_open.find("}}") else {
            rest = &rest[open..];
            break;
        };
        let value = match after_open[..close].trim() {
            "visitor.name" => Some(
                variables
                    .visitor_name
                    .map(str::trim)
                    .filter(|name| !name.is_empty())
                    .unwrap_or(VISITOR_NAME_FALLBACK),
            ),
            "agent.name" => Some(variables.agent_name),
            _ => None,
        };
        match value {
            Some(value) => filled.push_str(value),
            None => filled.push_str(&rest[open..open + 2 + close + 2]),
        }
        rest = &after_open[close + 2..];
    }
    filled.push_str(rest);
    filled
}

/// The responses whose shortcut starts with `typed` (any case), shortcut order: what the
/// reply box offers after `/`.
pub fn matching<'a>(responses: &'a [CannedResponse], typed: &str) -> Vec<&'a CannedResponse> {
    let typed = typed.to_lowercase();
    let mut found: Vec<&CannedResponse> = responses
        .iter()
        .filter(|r| r.shortcut.to_lowercase().starts_with(&typed))
        .collect();
    found.sort_by(|a, b| a.shortcut.cmp(&b.shortcut));
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    const GRACE: Variables<'static> = Variables {
        visitor_name: Some("Grace"),
        agent_name: "Ada",
    };

    #[test]
    fn fills_both_variables_wherever_they_are() {
        assert_eq!(
            fill(
                "Hi {{visitor.name}}, {{ agent.name }} here. Bye {{visitor.name}}!",
                &GRACE
            ),
            "Hi Grace, Ada here. Bye Grace!"
        );
        assert_eq!(fill("No variables.", &GRACE), "No variables.");
    }

    #[test]
    fn a_nameless_visitor_is_greeted_as_there() {
        for visitor_name in [None, Some(""), Some("  ")] {
            let variables = Variables {
                visitor_name,
                ..GRACE
            };
            assert_eq!(fill("Hi {{visitor.name}}!", &variables), "Hi there!");
        }
    }

    #[test]
    fn unknown_or_unclosed_variables_stay_as_written() {
        assert_eq!(
            fill("{{visitor.email}} and {{agent.name}}", &GRACE),
            "{{visitor.email}} and Ada"
        );
        assert_eq!(fill("Hi {{visitor.name", &GRACE), "Hi {{visitor.name");
        assert_eq!(fill("a {{}} b", &GRACE), "a {{}} b");
        assert_eq!(fill("é{{agent.name}}ü", &GRACE), "éAdaü");
    }

    fn response(shortcut: &str) -> CannedResponse {
        CannedResponse {
            id: shortcut.into(),
            shortcut: shortcut.into(),
            content: String::new(),
            scope: CannedScope::Workspace,
            owner_id: None,
            created_at: String::new(),
            updated_at: String::new(),
        }
    }

    #[test]
    fn matching_filters_by_shortcut_prefix_in_any_case() {
        let all = [response("thanks"), response("Hello"), response("hours")];
        let shortcuts = |typed: &str| -> Vec<String> {
            matching(&all, typed)
                .into_iter()
                .map(|r| r.shortcut.clone())
                .collect()
        };
        assert_eq!(shortcuts(""), ["Hello", "hours", "thanks"]);
        assert_eq!(shortcuts("h"), ["Hello", "hours"]);
        assert_eq!(shortcuts("HO"), ["hours"]);
        assert!(shortcuts("x").is_empty());
    }

    #[test]
    fn a_shortcut_is_one_word() {
        let request = CreateCannedResponseRequest {
            shortcut: "two words".into(),
            content: "Hi".into(),
            scope: None,
        };
        assert!(request.validate().unwrap_err().contains_key("shortcut"));
        let request = CreateCannedResponseRequest {
            shortcut: "hi".into(),
            content: " ".into(),
            scope: Some(CannedScope::Workspace),
        };
        assert!(request.validate().unwrap_err().contains_key("content"));
    }
}
