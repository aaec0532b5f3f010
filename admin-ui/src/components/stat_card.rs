use leptos::prelude::*;

/// One headline number with its label and an optional note (a trend, a unit).
#[component]
pub fn StatCard(
    label: &'static str,
    value: String,
    #[prop(optional)] note: Option<String>,
) -> impl IntoView {
    view! {
        <div class="stat-card" aria-label=label>
            <span class="stat-label">{label}</span>
            <span class="stat-value">{value}</span>
            {note.map(|note| view! { <span class="stat-note">{note}</span> })}
        </div>
    }
}
