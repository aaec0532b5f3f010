use crate::components::api_keys_section::ApiKeysSection;
use crate::components::webhooks_section::WebhooksSection;
use leptos::prelude::*;

pub fn render() -> AnyView {
    view! { <DevelopersPage /> }.into_any()
}

/// What servers use to talk to Parley and to hear from it: API keys and webhooks.
#[component]
pub fn DevelopersPage() -> impl IntoView {
    view! {
        <section class="page developers">
            <div class="page-head">
                <h2>"Developers"</h2>
            </div>
            <ApiKeysSection />
            <WebhooksSection />
        </section>
    }
}
