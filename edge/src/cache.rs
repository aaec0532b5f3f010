//! KV: read-mostly copies at the edge. D1 stays the truth; writes there delete the copy here.
//! Each kind of copy has its own key space; what a copy holds is its caller's business.

use crate::error::ApiResult;
use serde::Serialize;
use serde::de::DeserializeOwned;
use worker::Env;

const KV: &str = "CACHE";

/// Where one copy lives.
pub enum Key<'a> {
    /// A widget's row, by widget id.
    Widget(&'a str),
    /// A resolved API key, by the key's secret hash.
    ApiKey(&'a str),
}

impl Key<'_> {
    fn name(&self) -> String {
        match self {
            Key::Widget(id) => format!("widget:{id}"),
            Key::ApiKey(hash) => format!("apikey:{hash}"),
        }
    }
}

/// The copy under `key`, if one is cached.
pub async fn get<T: DeserializeOwned>(env: &Env, key: Key<'_>) -> ApiResult<Option<T>> {
    Ok(env.kv(KV)?.get(&key.name()).json::<T>().await?)
}

/// Caches `value` under `key`, for at most `ttl_secs` when given.
pub async fn put<T: Serialize>(
    env: &Env,
    key: Key<'_>,
    value: &T,
    ttl_secs: Option<u64>,
) -> ApiResult<()> {
    let mut put = env.kv(KV)?.put(&key.name(), value)?;
    if let Some(ttl) = ttl_secs {
        put = put.expiration_ttl(ttl);
    }
    Ok(put.execute().await?)
}

pub async fn forget(env: &Env, key: Key<'_>) -> ApiResult<()> {
    Ok(env.kv(KV)?.delete(&key.name()).await?)
}
