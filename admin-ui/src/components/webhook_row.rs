use crate::api::{perform, use_api};
use crate::components::confirm_button::ConfirmButton;
use crate::components::webhook_deliveries::WebhookDeliveries;
use crate::figures::moment;
use leptos::prelude::*;
use parley_shared_types::webhook::{CreatedWebhook, Webhook, WebhookDialect};

/// How many columns a webhook's row has (the delivery log spans them all).
const COLUMNS: u32 = 5;

/// One webhook: where it sends, what, whether it is paused; pause or resume, rotate its secret
/// (`rotated` gets the new one), send a test, delete (confirmed), and its delivery log, opened
/// under the row.
#[component]
pub fn WebhookRow(
    webhook: Webhook,
    rotated: Callback<CreatedWebhook>,
    deleted: Callback<()>,
) -> impl IntoView {
    let api = use_api();
    let id = StoredValue::new(webhook.id.clone());
    let webhook = RwSignal::new(webhook);
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let log_open = RwSignal::new(false);
    let reload_log = RwSignal::new(0u32);
    let toggle_active = move |_| {
        let active = !webhook.with_untracked(|w| w.active);
        let call = async move { api.set_webhook_active(&id.get_value(), active).await };
        perform(busy, error, call, move |updated| webhook.set(updated));
    };
    let rotate = move |_| {
        let call = async move { api.rotate_webhook_secret(&id.get_value()).await };
        perform(busy, error, call, move |created| rotated.run(created));
    };
    let send_test = move |_| {
        let call = async move { api.send_webhook_test(&id.get_value()).await };
        perform(busy, error, call, move |_| {
            log_open.set(true);
            reload_log.update(|n| *n += 1);
        });
    };
    let delete = Callback::new(move |()| {
        let call = async move { api.delete_webhook(&id.get_value()).await };
        perform(busy, error, call, move |()| deleted.run(()));
    });
    let state = move || match webhook.with(|w| w.active) {
        true => ("status-badge status-open webhook-state", "Active"),
        false => ("status-badge status-closed webhook-state", "Paused"),
    };
    let events = move || {
        webhook.with(|w| {
            w.events
                .iter()
                .map(|e| e.name())
                .collect::<Vec<_>>()
                .join(", ")
        })
    };
    view! {
        <tr data-webhook-id=id.get_value()>
            <td class="webhook-url"><code>{move || webhook.with(|w| w.url.clone())}</code></td>
            <td class="webhook-events">{events}{move || webhook.with(|w| (w.dialect == WebhookDialect::Rocketflow).then_some(" · RocketFlow payload"))}</td>
            <td><span class=move || state().0>{move || state().1}</span></td>
            <td>{move || webhook.with(|w| moment(&w.created_at))}</td>
            <td class="row-actions">
                <button type="button" class="toggle-webhook" disabled=busy on:click=toggle_active>
                    {move || if webhook.with(|w| w.active) { "Pause" } else { "Resume" }}
                </button>
                <button type="button" class="rotate-secret" disabled=busy on:click=rotate>"Rotate secret"</button>
                <button type="button" class="send-test" disabled=busy on:click=send_test>"Send test"</button>
                <button
                    type="button"
                    class="show-deliveries"
                    aria-expanded=move || log_open.get().to_string()
                    on:click=move |_| log_open.update(|open| *open = !*open)
                >
                    "Delivery log"
                </button>
                <ConfirmButton class="delete-webhook" label="Delete" confirm="Confirm delete" busy confirmed=delete />
                {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            </td>
        </tr>
        {move || log_open.get().then(|| view! {
            <tr class="deliveries-row">
                <td colspan=COLUMNS>
                    <WebhookDeliveries webhook_id=id.get_value() reload=reload_log />
                </td>
            </tr>
        })}
    }
}
