//! KV: read-mostly copies at the edge (widget configs, API-key principals). D1 stays the truth;
//! writes there delete the copy here.

use crate::auth::api_key::KeyPrincipal;
use crate::error::ApiResult;
use crate::store::widgets::WidgetRow;
use worker::Env;

const KV: &str = "CACHE";

fn widget_key(widget_id: &str) -> String {
    format!("widget:{widget_id}")
}

/// The widget as last read from D1, if a load has cached it.
pub async fn widget(env: &Env, widget_id: &str) -> ApiResult<Option<WidgetRow>> {
    Ok(env
        .kv(KV)?
        .get(&widget_key(widget_id))
        .json::<WidgetRow>()
        .await?)
}

pub async fn put_widget(env: &Env, widget: &WidgetRow) -> ApiResult<()> {
    Ok(env
        .kv(KV)?
        .put(&widget_key(&widget.id), widget)?
        .execute()
        .await?)
}

pub async fn forget_widget(env: &Env, widget_id: &str) -> ApiResult<()> {
    Ok(env.kv(KV)?.delete(&widget_key(widget_id)).await?)
}

/// A resolved API key lives here at most this long; revoking deletes it sooner.
const API_KEY_TTL_SECS: u64 = 60;

fn api_key_key(secret_hash: &str) -> String {
    format!("apikey:{secret_hash}")
}

pub async fn api_key(env: &Env, secret_hash: &str) -> ApiResult<Option<KeyPrincipal>> {
    Ok(env
        .kv(KV)?
        .get(&api_key_key(secret_hash))
        .json::<KeyPrincipal>()
        .await?)
}

pub async fn put_api_key(env: &Env, secret_hash: &str, principal: &KeyPrincipal) -> ApiResult<()> {
    Ok(env
        .kv(KV)?
        .put(&api_key_key(secret_hash), principal)?
        .expiration_ttl(API_KEY_TTL_SECS)
        .execute()
        .await?)
}

pub async fn forget_api_key(env: &Env, secret_hash: &str) -> ApiResult<()> {
    Ok(env.kv(KV)?.delete(&api_key_key(secret_hash)).await?)
}
