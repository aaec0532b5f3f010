use crate::api::{perform, use_api};
use crate::components::choice_select::ChoiceSelect;
use leptos::prelude::*;
use parley_shared_types::bot::{
    DEFAULT_CONTEXT_WINDOW, Integration, IntegrationInput, IntegrationKind,
};
use parley_shared_types::validate::describe;

static KINDS: [(IntegrationKind, &str, &str); 2] = [
    (IntegrationKind::Openai, "openai", "OpenAI-compatible API"),
    (IntegrationKind::Builtin, "builtin", "Built-in (offline)"),
];

/// Adds an AI backend: the built-in engine, or any OpenAI-compatible Chat Completions endpoint
/// with its model, API key (write-only: sent once, cleared here) and context window.
#[component]
pub fn IntegrationForm(bot_id: String, added: Callback<Integration>) -> impl IntoView {
    let api = use_api();
    let kind = RwSignal::new(IntegrationKind::Openai);
    let name = RwSignal::new(String::new());
    let base_url = RwSignal::new(String::new());
    let model = RwSignal::new(String::new());
    let api_key = RwSignal::new(String::new());
    let context_window = RwSignal::new(DEFAULT_CONTEXT_WINDOW.to_string());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let kind = kind.get_untracked();
        let given = |field: RwSignal<String>| {
            Some(field.get_untracked().trim().to_owned()).filter(|v| !v.is_empty())
        };
        let mut input = IntegrationInput {
            kind: Some(kind),
            name: given(name),
            ..IntegrationInput::default()
        };
        if kind == IntegrationKind::Openai {
            let Ok(window) = context_window.get_untracked().trim().parse::<u32>() else {
                error.set(Some(
                    "The context window must be a whole number of tokens.".into(),
                ));
                return;
            };
            input.base_url = given(base_url);
            input.model = given(model);
            input.api_key = given(api_key);
            input.context_window = Some(window);
        }
        if let Err(errors) = input.validate(kind, true) {
            error.set(Some(describe(&errors)));
            return;
        }
        // The key leaves the page with this request only.
        api_key.set(String::new());
        let bot_id = bot_id.clone();
        let call = async move { api.create_integration(&bot_id, &input).await };
        perform(busy, error, call, move |integration| {
            name.set(String::new());
            added.run(integration);
        });
    };
    view! {
        <form id="new-integration" class="stacked" on:submit=submit>
            <h4>"Add an integration"</h4>
            <div class="field-row">
                <label>"Kind" <ChoiceSelect id="integration-kind" choices=&KINDS value=kind /></label>
                <label>"Name" <input id="integration-name" placeholder="e.g. GPT-4o mini" bind:value=name /></label>
            </div>
            <Show when=move || kind.get() == IntegrationKind::Openai>
                <div class="field-row">
                    <label>
                        "Base URL"
                        <input id="integration-base-url" type="url" placeholder="https://api.openai.com/v1" bind:value=base_url />
                    </label>
                    <label>"Model" <input id="integration-model" placeholder="gpt-4o-mini" bind:value=model /></label>
                </div>
                <div class="field-row">
                    <label>
                        "API key"
                        <input id="integration-api-key" type="password" autocomplete="off" bind:value=api_key />
                    </label>
                    <label>
                        "Context window (tokens)"
                        <input id="integration-context-window" type="number" min="256" bind:value=context_window />
                    </label>
                </div>
            </Show>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            <button type="submit" id="add-integration" class="primary" disabled=busy>
                {move || if busy.get() { "Adding…" } else { "Add integration" }}
            </button>
        </form>
    }
}
