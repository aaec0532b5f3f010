use leptos::prelude::*;

/// A resource's status (`active`, `processing`, `error`) and, when it failed, why.
#[component]
pub fn StatusBadge(status: &'static str, error: Option<String>) -> impl IntoView {
    view! {
        <span class=format!("source-status source-{status}")>{status}</span>
        {error.map(|e| view! { <p class="error">{e}</p> })}
    }
}
