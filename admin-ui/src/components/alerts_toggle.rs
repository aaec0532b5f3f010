use crate::alerts::use_alerts;
use crate::api::use_api;
use leptos::prelude::*;

/// Turns this agent's background alerts (sound, desktop notification, count in the tab's
/// title) on or off.
#[component]
pub fn AlertsToggle() -> impl IntoView {
    let api = use_api();
    let alerts = use_alerts();
    view! {
        <button
            type="button"
            class="link-button"
            id="alerts-toggle"
            aria-pressed=move || alerts.enabled.get().to_string()
            title="A sound, a desktop notification and the count in the tab's title when a chat starts or a visitor writes to you while this tab is in the background"
            on:click=move |_| alerts.toggle(api)
        >
            {move || if alerts.enabled.get() { "Alerts on" } else { "Alerts off" }}
        </button>
    }
}
