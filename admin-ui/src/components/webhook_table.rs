use crate::components::resource_table::ResourceTable;
use crate::components::webhook_row::WebhookRow;
use leptos::prelude::*;
use parley_shared_types::webhook::{CreatedWebhook, Webhook};

/// The workspace's webhooks, one [`WebhookRow`] each.
#[component]
pub fn WebhookTable(
    webhooks: Vec<Webhook>,
    rotated: Callback<CreatedWebhook>,
    deleted: Callback<()>,
) -> impl IntoView {
    let empty = webhooks.is_empty();
    let rows = webhooks
        .into_iter()
        .map(|webhook| view! { <WebhookRow webhook rotated deleted /> })
        .collect_view();
    view! {
        <ResourceTable id="webhook-table" columns=&["URL", "Events", "State", "Created"]>
            {rows}
        </ResourceTable>
        {empty.then_some(view! { <p class="muted">"No webhooks yet."</p> })}
    }
}
