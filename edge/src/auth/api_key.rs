//! API keys as credentials. A key is `pk_<environment>_<secret>`; D1 keeps only its SHA-256.
//! Principals looked up in D1 are cached in KV for a minute; revoking a key deletes its cache entry,
//! so a revoked key is refused at once where it was revoked (KV deletes reach other
//! locations within seconds, and at worst when the minute is up).

use crate::cache;
use crate::clock::now_rfc3339;
use crate::error::{ApiError, ApiResult};
use crate::ids::{new_id, new_secret, secret_hash};
use crate::store::{self, api_keys};
use axum::http::{HeaderMap, header};
use parley_shared_types::api_key::{KEY_PREFIX, KeyEnvironment, KeyScope, SHOWN_PREFIX_CHARS};
use parley_shared_types::problem::ErrorCode;
use serde::{Deserialize, Serialize};
use worker::Env;

pub const API_KEY_HEADER: &str = "x-api-key";

/// Who a key acts as: its id, the workspace it acts on (the sandbox for `test` keys) and
/// what it may do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyPrincipal {
    pub key_id: String,
    pub workspace_id: String,
    pub scope: KeyScope,
    pub environment: KeyEnvironment,
}

/// A fresh key for `environment`: the secret to show once, and the prefix the list shows.
pub fn new_key(environment: KeyEnvironment) -> (String, String) {
    let secret = format!("{KEY_PREFIX}{}_{}", environment.as_str(), new_secret());
    let prefix = secret.chars().take(SHOWN_PREFIX_CHARS).collect();
    (secret, prefix)
}

/// The API key a request presents, in any of the three accepted styles:
/// `Authorization: Bearer pk_…`, `Authorization: Token pk_…` or `X-API-KEY: pk_…`.
/// A bearer credential that is not a key is left for the JWT check.
pub fn presented_key(headers: &HeaderMap) -> Option<String> {
    if let Some(key) = headers.get(API_KEY_HEADER).and_then(|v| v.to_str().ok()) {
        return Some(key.trim().to_owned());
    }
    let authorization = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, credential) = authorization.split_once(' ')?;
    let credential = credential.trim();
    let is_key = credential.starts_with(KEY_PREFIX);
    let accepted =
        scheme.eq_ignore_ascii_case("token") || (scheme.eq_ignore_ascii_case("bearer") && is_key);
    accepted.then(|| credential.to_owned())
}

/// What a key may do with a request of `method`: read-only keys only read.
pub fn permits(scope: KeyScope, method: &axum::http::Method) -> bool {
    scope == KeyScope::Full || matches!(*method, axum::http::Method::GET | axum::http::Method::HEAD)
}

/// The principal behind a presented key if the edge cache knows it.
pub async fn cached(env: &Env, key: &str) -> ApiResult<Option<KeyPrincipal>> {
    cache::api_key(env, &secret_hash(key)).await
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
    let principal = KeyPrincipal {
        scope: row.scope(),
        environment: row.environment(),
        key_id: row.id,
        workspace_id,
    };
    cache::put_api_key(env, &hash, &principal).await?;
    Ok(principal)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::{HeaderValue, Method};

    fn headers(name: &'static str, value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(name, HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn accepts_the_three_header_styles() {
        for (name, value) in [
            ("authorization", "Bearer pk_live_abc"),
            ("authorization", "Token pk_live_abc"),
            ("authorization", "token pk_live_abc"),
            ("x-api-key", "pk_live_abc"),
        ] {
            assert_eq!(
                presented_key(&headers(name, value)).as_deref(),
                Some("pk_live_abc"),
                "{name}: {value}"
            );
        }
    }

    #[test]
    fn a_bearer_jwt_is_not_a_key() {
        assert_eq!(
            presented_key(&headers("authorization", "Bearer eyJhbGci.x.y")),
            None
        );
        assert_eq!(presented_key(&HeaderMap::new()), None);
    }

    #[test]
    fn new_keys_name_their_environment_and_show_a_prefix() {
        let (secret, prefix) = new_key(KeyEnvironment::Test);
        assert!(secret.starts_with("pk_test_"));
        assert!(secret.len() > 60);
        assert_eq!(prefix, &secret[..SHOWN_PREFIX_CHARS]);
    }

    #[test]
    fn read_only_keys_only_read() {
        assert!(permits(KeyScope::Read, &Method::GET));
        assert!(permits(KeyScope::Read, &Method::HEAD));
        assert!(!permits(KeyScope::Read, &Method::POST));
        assert!(!permits(KeyScope::Read, &Method::DELETE));
        assert!(permits(KeyScope::Full, &Method::DELETE));
    }
}
