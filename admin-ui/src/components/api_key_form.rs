use crate::api::use_api;
use crate::components::choice_select::ChoiceSelect;
use crate::form::Submission;
use leptos::prelude::*;
use parley_shared_types::api_key::{CreateApiKeyRequest, CreatedApiKey, KeyEnvironment, KeyScope};

const ENVIRONMENTS: &[(KeyEnvironment, &str, &str)] = &[
    (KeyEnvironment::Live, "live", "Live: the workspace"),
    (KeyEnvironment::Test, "test", "Test: its sandbox"),
];
const SCOPES: &[(KeyScope, &str, &str)] = &[
    (KeyScope::Full, "full", "Full: acts as an admin"),
    (KeyScope::Read, "read", "Read: reads only"),
];

/// Makes an API key; `created` gets the answer, the only one that carries its secret.
#[component]
pub fn ApiKeyForm(created: Callback<CreatedApiKey>) -> impl IntoView {
    let api = use_api();
    let name = RwSignal::new(String::new());
    let environment = RwSignal::new(KeyEnvironment::Live);
    let scope = RwSignal::new(KeyScope::Full);
    let create = Submission::new(
        move |request: CreateApiKeyRequest| async move { api.create_api_key(&request).await },
        move |key| {
            name.try_set(String::new());
            created.run(key);
        },
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = CreateApiKeyRequest {
            name: name.get_untracked().trim().to_owned(),
            environment: environment.get_untracked(),
            scope: scope.get_untracked(),
        };
        let checked = request.validate();
        create.submit(request, checked);
    };
    view! {
        <form id="new-api-key" class="inline-form" on:submit=submit aria-labelledby="new-api-key-title">
            <h3 id="new-api-key-title">"Create an API key"</h3>
            <label>"Name" <input id="api-key-name" required placeholder="CRM sync" bind:value=name /></label>
            <label>"Environment" <ChoiceSelect id="api-key-environment" choices=ENVIRONMENTS value=environment /></label>
            <label>"Scope" <ChoiceSelect id="api-key-scope" choices=SCOPES value=scope /></label>
            <button type="submit" class="primary" id="create-api-key" disabled=move || create.pending()>"Create key"</button>
            {move || create.error().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </form>
    }
}
