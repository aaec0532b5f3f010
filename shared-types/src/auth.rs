//! Accounts: sign-up, tokens, users and roles.

use crate::validate::{FieldErrors, MAX_NAME_CHARS, Validator};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Admin,
    Agent,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Agent => "agent",
        }
    }

    pub fn parse(value: &str) -> Option<Role> {
        match value {
            "admin" => Some(Role::Admin),
            "agent" => Some(Role::Agent),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct User {
    pub id: String,
    pub workspace_id: String,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub created_at: String,
}

/// `POST /auth/v1/signup`: a new workspace whose first user is its admin.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct SignUpRequest {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub workspace_name: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub name: String,
    #[cfg_attr(feature = "openapi", schema(format = Email, max_length = 254))]
    pub email: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 8, max_length = 256))]
    pub password: String,
}

impl SignUpRequest {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        Validator::new()
            .text("workspaceName", &self.workspace_name, MAX_NAME_CHARS)
            .text("name", &self.name, MAX_NAME_CHARS)
            .email("email", &self.email)
            .password("password", &self.password)
            .finish()
    }
}

/// The answer to `POST /auth/v1/signup` (202), the same whether or not the email already has
/// an account, so sign-up tells nobody which emails are registered: what happened is said by
/// email (a link that creates the workspace, or a note that the account exists).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct SignUpAccepted {
    /// Always `verification_sent`.
    pub status: String,
    pub email: String,
    /// Local development only (no email service configured): where the emails Parley "sent"
    /// can be read, `/api/dev/outbox`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dev_outbox: Option<String>,
}

pub const VERIFICATION_SENT: &str = "verification_sent";

/// `POST /auth/v1/verify`: `{"type": "signup", "token": …}` from the sign-up email's link
/// creates the workspace and signs its admin in (201, like the token grant).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VerifyRequest {
    /// `signup`
    #[serde(rename = "type")]
    pub kind: String,
    pub token: String,
}

/// One email as the local development outbox keeps it (`GET /api/dev/outbox`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct OutboxEmail {
    pub id: String,
    pub to: String,
    pub subject: String,
    pub text: String,
    pub created_at: String,
}

/// `POST /auth/v1/token?grant_type=password`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordGrant {
    pub email: String,
    pub password: String,
}

/// `POST /auth/v1/token?grant_type=refresh_token`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct RefreshGrant {
    pub refresh_token: String,
}

/// A short-lived access token (Bearer JWT) and a one-use refresh token.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct TokenResponse {
    pub access_token: String,
    pub token_type: String,
    pub expires_in: u64,
    pub refresh_token: String,
    pub user: User,
}

/// A member of the team as `GET /api/users` lists them: the user, and whether they are
/// connected to the workspace feed now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct TeamMember {
    #[serde(flatten)]
    pub user: User,
    pub online: bool,
}

/// `PATCH /api/users/{id}` (admin): change a member's role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct UpdateUserRequest {
    pub role: Role,
}

/// `POST /api/users` (admin): create an agent or another admin in the caller's workspace.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CreateUserRequest {
    #[cfg_attr(feature = "openapi", schema(format = Email, max_length = 254))]
    pub email: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub name: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 8, max_length = 256))]
    pub password: String,
    pub role: Role,
}

impl CreateUserRequest {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        Validator::new()
            .text("name", &self.name, MAX_NAME_CHARS)
            .email("email", &self.email)
            .password("password", &self.password)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_up_reports_each_bad_field() {
        let request = SignUpRequest {
            workspace_name: "".into(),
            name: "Ada".into(),
            email: "ada".into(),
            password: "1234".into(),
        };
        let errors = request.validate().unwrap_err();
        assert_eq!(
            errors.keys().collect::<Vec<_>>(),
            ["email", "password", "workspaceName"]
        );
    }

    #[test]
    fn roles_are_lowercase_on_the_wire() {
        assert_eq!(serde_json::to_string(&Role::Admin).unwrap(), "\"admin\"");
        assert_eq!(Role::parse("agent"), Some(Role::Agent));
        assert_eq!(Role::parse("owner"), None);
    }
}
