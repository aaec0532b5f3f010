//! API keys: how servers call Parley. The secret is shown once, when the key is created.

use crate::validate::{FieldErrors, MAX_NAME_CHARS, Validator};
use serde::{Deserialize, Serialize};

/// `live` keys act on the workspace; `test` keys on its sandbox, a separate data set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum KeyEnvironment {
    #[default]
    Live,
    Test,
}

/// `full` acts with admin rights; `read` may only read (GET and HEAD).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum KeyScope {
    #[default]
    Full,
    Read,
}

impl KeyEnvironment {
    pub fn as_str(self) -> &'static str {
        match self {
            KeyEnvironment::Live => "live",
            KeyEnvironment::Test => "test",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "live" => Some(KeyEnvironment::Live),
            "test" => Some(KeyEnvironment::Test),
            _ => None,
        }
    }
}

impl KeyScope {
    pub fn as_str(self) -> &'static str {
        match self {
            KeyScope::Full => "full",
            KeyScope::Read => "read",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "full" => Some(KeyScope::Full),
            "read" => Some(KeyScope::Read),
            _ => None,
        }
    }
}

/// Every key starts with this, then its environment (`pk_live_…`, `pk_test_…`), so a leaked
/// key is recognisable and a key is never mistaken for a JWT.
pub const KEY_PREFIX: &str = "pk_";
/// How much of the secret the list shows.
pub const SHOWN_PREFIX_CHARS: usize = 12;

/// `POST /api/keys`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreateApiKeyRequest {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub name: String,
    #[serde(default)]
    pub environment: KeyEnvironment,
    #[serde(default)]
    pub scope: KeyScope,
}

impl CreateApiKeyRequest {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        Validator::new()
            .text("name", &self.name, MAX_NAME_CHARS)
            .finish()
    }
}

/// A key as listed: never its secret, only the start of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ApiKey {
    pub id: String,
    pub name: String,
    pub environment: KeyEnvironment,
    pub scope: KeyScope,
    pub prefix: String,
    pub created_at: String,
    pub last_used_at: Option<String>,
}

/// The answer to `POST /api/keys`: the only time the secret is shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CreatedApiKey {
    #[serde(flatten)]
    pub key: ApiKey,
    pub secret: String,
}
