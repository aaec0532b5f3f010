//! Sub-accounts (ChatBotKit's Partner API): child workspaces a parent workspace creates and
//! acts in with `X-RunAs-UserId: <child id>`. One level deep: a child has no children. The
//! same shapes serve `/api/sub-accounts` and ChatBotKit's `/v1/partner/user/…`, whose field
//! names (`id`, `name`, `email`, `meta`, `createdAt`, `updatedAt`) they already are.

use crate::bot::MetaChange;
use crate::validate::{FieldErrors, MAX_NAME_CHARS, Validator};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The header that moves a request into a child workspace.
pub const RUN_AS_HEADER: &str = "x-runas-userid";
/// The name a child made without one gets (when no email names it either).
pub const DEFAULT_SUB_ACCOUNT_NAME: &str = "Sub-account";

/// A child workspace as its parent sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct SubAccount {
    /// The child workspace's id: what `X-RunAs-UserId` takes.
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub email: Option<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub meta: Map<String, Value>,
    pub created_at: String,
    pub updated_at: String,
}

/// `POST /api/sub-accounts` and `PATCH /api/sub-accounts/{id}` (ChatBotKit's
/// `/v1/partner/user/create` and `…/{id}/update`): what is given changes; `meta` replaces the
/// metadata, `$update` merges into it; `email: ""` clears it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct SubAccountInput {
    /// Default: the email, else "Sub-account".
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(flatten)]
    pub meta: MetaChange,
}

impl SubAccountInput {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut check = Validator::new();
        if let Some(name) = &self.name {
            check.text("name", name, MAX_NAME_CHARS);
        }
        if let Some(email) = self.email.as_deref().filter(|email| !email.is_empty()) {
            check.email("email", email);
        }
        self.meta.check(&mut check);
        check.finish()
    }

    /// The name of a child made from this input.
    pub fn name_to_create(&self) -> String {
        let given = self.name.as_deref().map(str::trim);
        let email = self.email.as_deref().map(str::trim);
        given
            .or(email)
            .filter(|name| !name.is_empty())
            .unwrap_or(DEFAULT_SUB_ACCOUNT_NAME)
            .to_owned()
    }
}

/// One workspace's share of its parent's plan in the billing period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct SubAccountUsage {
    pub id: String,
    pub name: String,
    pub agents_used: u32,
    pub conversations_used: u32,
    pub ai_responses_used: u32,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_child_is_named_by_its_name_else_its_email_else_a_default() {
        let input = |value| serde_json::from_value::<SubAccountInput>(value).unwrap();
        assert_eq!(input(json!({"name": " Shop "})).name_to_create(), "Shop");
        assert_eq!(input(json!({"email": "a@b.co"})).name_to_create(), "a@b.co");
        assert_eq!(
            input(json!({"meta": {"plan": "pro"}})).name_to_create(),
            DEFAULT_SUB_ACCOUNT_NAME
        );
    }

    #[test]
    fn checks_name_email_and_meta_size() {
        let input = |value| serde_json::from_value::<SubAccountInput>(value).unwrap();
        assert!(
            input(json!({"name": "Shop", "email": ""}))
                .validate()
                .is_ok()
        );
        let errors = input(json!({"name": " ", "email": "nope"}))
            .validate()
            .unwrap_err();
        assert!(errors.contains_key("name") && errors.contains_key("email"));
        let big = "x".repeat(5000);
        let errors = input(json!({"$update": {"big": big}}))
            .validate()
            .unwrap_err();
        assert!(errors.contains_key("$update"));
    }
}
