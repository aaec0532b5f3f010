//! API keys as credentials. A key is `pk_<environment>_<secret>`; D1 keeps only its SHA-256.
//! Principals looked up in D1 are cached in KV for a minute; revoking a key deletes its cache entry,
//! so a revoked key is refused at once where it was revoked (KV deletes reach other
//! locations within seconds, and at worst when the minute is up).

use crate::cache::{self, Key};
use crate::clock::now_rfc3339;
use crate::domain::billing;
use crate::error::{ApiError, ApiResult};
use crate::ids::{new_id, new_secret, secret_hash};
use crate::limits;
use crate::store::{self, api_keys};
use parley_shared_types::api_key::{KEY_PREFIX, KeyEnvironment, KeyScope, SHOWN_PREFIX_CHARS};
use parley_shared_types::problem::ErrorCode;
use serde::{Deserialize, Serialize};
use worker::Env;

/// A looked-up key is cached at most this long; revoking deletes it sooner.
const CACHE_TTL_SECS: u64 = 60;

/// Who a key acts as: its id, the workspace it acts on (the sandbox for `test` keys) and
/// what it may do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyPrincipal {
    pub key_id: String,
    pub workspace_id: String,
    pub scope: KeyScope,
    pub environment: KeyEnvironment,
    /// Requests a minute: the workspace plan's for live keys, the sandbox's own for test keys.
    /// Read when the key is looked up, so a plan change reaches keys within the cache's minute.
    #[serde(default = "limits::default_per_key")]
    pub requests_per_minute: u32,
}

/// A fresh key for `environment`: the secret to show once, and the prefix the list shows.
pub fn new_key(environment: KeyEnvironment) -> (String, String) {
    let secret = format!("{KEY_PREFIX}{}_{}", environment.as_str(), new_secret());
    let prefix = secret.chars().take(SHOWN_PREFIX_CHARS).collect();
    (secret, prefix)
}

/// The principal behind a presented key if the edge cache knows it.
pub async fn cached(env: &Env, key: &str) -> ApiResult<Option<KeyPrincipal>> {
    cache::get(env, Key::ApiKey(&secret_hash(key))).await
}

/// The principal behind a presented key, read from D1 (and cached).
pub async fn look_up(env: &Env, key: &str) -> ApiResult<KeyPrincipal> {
    let hash = secret_hash(key);
    let db = store::db(env)?;
    let now = now_rfc3339();
    let row = api_keys::use_by_hash(&db, &hash, &now)
        .await?
        .ok_or_else(|| ApiError::new(ErrorCode::Unauthorized, "unknown or revoked API key"))?;
    let workspace_id = match row.environment() {
        KeyEnvironment::Live => row.workspace_id.clone(),
        KeyEnvironment::Test => {
            api_keys::sandbox_of(&db, &row.workspace_id, &new_id(), &now).await?
        }
    };
    let requests_per_minute = match row.environment() {
        KeyEnvironment::Live => billing::api_requests_per_minute(env, &workspace_id).await?,
        KeyEnvironment::Test => limits::PER_TEST_KEY,
    };
    let principal = KeyPrincipal {
        requests_per_minute,
        scope: row.scope(),
        environment: row.environment(),
        key_id: row.id,
        workspace_id,
    };
    cache::put(env, Key::ApiKey(&hash), &principal, Some(CACHE_TTL_SECS)).await?;
    Ok(principal)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn new_keys_name_their_environment_and_show_a_prefix() {
        let (secret, prefix) = new_key(KeyEnvironment::Test);
        assert!(secret.starts_with("pk_test_"));
        assert!(secret.len() > 60);
        assert_eq!(prefix, &secret[..SHOWN_PREFIX_CHARS]);
    }
}
