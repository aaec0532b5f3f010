use leptos::prelude::*;
use parley_shared_types::billing::BillingInterval;

/// Monthly or annual prices: two pressed-or-not buttons.
#[component]
pub fn IntervalToggle(interval: RwSignal<BillingInterval>) -> impl IntoView {
    let choice = move |value: BillingInterval, id: &'static str, label: &'static str| {
        view! {
            <button
                type="button"
                id=id
                aria-pressed=move || (interval.get() == value).to_string()
                on:click=move |_| interval.set(value)
            >
                {label}
            </button>
        }
    };
    view! {
        <div class="interval-toggle" role="group" aria-label="Billing interval">
            {choice(BillingInterval::Monthly, "interval-monthly", "Monthly")}
            {choice(BillingInterval::Annual, "interval-annual", "Annual")}
        </div>
    }
}
