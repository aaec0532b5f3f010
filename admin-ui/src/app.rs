use crate::components::health_panel::HealthPanel;
use leptos::prelude::*;

/// The admin shell: header and the current page.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <header class="shell-header">
            <h1>"Parley"</h1>
            <nav aria-label="Main">"Admin"</nav>
        </header>
        <main>
            <HealthPanel />
        </main>
    }
}
