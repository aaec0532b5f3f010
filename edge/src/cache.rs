//! KV: read-mostly copies at the edge. D1 stays the truth; writes there delete the copy here.

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
