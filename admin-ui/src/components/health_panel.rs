use crate::api;
use crate::components::health_table::HealthTable;
use leptos::prelude::*;

/// Loads the edge's health report and shows it, or says why it could not.
#[component]
pub fn HealthPanel() -> impl IntoView {
    let report = LocalResource::new(api::health);
    view! {
        <section aria-labelledby="health-title">
            <h2 id="health-title">"System health"</h2>
            {move || match report.get() {
                None => view! { <p aria-busy="true">"Checking the edge…"</p> }.into_any(),
                Some(Ok(report)) => view! { <HealthTable report /> }.into_any(),
                Some(Err(error)) => view! { <p class="error" role="alert">{error}</p> }.into_any(),
            }}
        </section>
    }
}
