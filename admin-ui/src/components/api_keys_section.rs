use crate::api::{explain, use_api};
use crate::components::api_key_form::ApiKeyForm;
use crate::components::api_key_table::ApiKeyTable;
use crate::components::loader::Loader;
use crate::components::secret_once::SecretOnce;
use leptos::prelude::*;
use parley_shared_types::api_key::CreatedApiKey;

/// API keys: the list, the form, and a new key's secret while it is shown.
#[component]
pub fn ApiKeysSection() -> impl IntoView {
    let api = use_api();
    let keys =
        LocalResource::new(move || async move { api.api_keys().await.map_err(|e| explain(&e)) });
    let new_key = RwSignal::new(None::<CreatedApiKey>);
    let created = Callback::new(move |key: CreatedApiKey| {
        new_key.set(Some(key));
        keys.refetch();
    });
    let revoked = Callback::new(move |()| keys.refetch());
    let dismissed = Callback::new(move |()| new_key.set(None));
    let secret = move || {
        new_key.get().map(|key| {
            view! {
                <SecretOnce id="api-key-secret" of=format!("the key {}", key.key.name) secret=key.secret dismissed />
            }
        })
    };
    view! {
        <section class="bot-card" aria-labelledby="api-keys-heading">
            <h3 id="api-keys-heading">"API keys"</h3>
            <p class="muted">
                "Servers call the API with a key as " <code>"Authorization: Bearer pk_…"</code>
                ". Live keys act on the workspace, test keys on its sandbox; read keys may only read."
            </p>
            <Loader resource=keys what="the API keys" show=move |keys| view! { <ApiKeyTable keys revoked /> } />
            {secret}
            <ApiKeyForm created />
        </section>
    }
}
