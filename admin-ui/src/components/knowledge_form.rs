use crate::api::{perform, use_api};
use crate::bot_fields::knowledge_input;
use crate::components::choice_select::ChoiceSelect;
use leptos::prelude::*;
use parley_shared_types::bot::{KnowledgeKind, KnowledgeSource};
use parley_shared_types::validate::describe;

/// Each kind of knowledge: its option value and how the admin calls it.
pub static KINDS: [(KnowledgeKind, &str, &str); 3] = [
    (KnowledgeKind::Faq, "faq", "FAQ pairs"),
    (KnowledgeKind::Text, "text", "Text"),
    (KnowledgeKind::Website, "website", "Web page"),
];

pub fn kind_label(kind: KnowledgeKind) -> &'static str {
    KINDS
        .iter()
        .find(|(k, _, _)| *k == kind)
        .map_or("", |(_, _, label)| label)
}

/// Adds knowledge: FAQ pairs (a question line, its answer below, a blank line between pairs),
/// a text, or a web page the edge fetches.
#[component]
pub fn KnowledgeForm(bot_id: String, added: Callback<KnowledgeSource>) -> impl IntoView {
    let api = use_api();
    let kind = RwSignal::new(KnowledgeKind::Faq);
    let title = RwSignal::new(String::new());
    let body = RwSignal::new(String::new());
    let url = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let kind = kind.get_untracked();
        let text = match kind {
            KnowledgeKind::Website => url.get_untracked(),
            KnowledgeKind::Faq | KnowledgeKind::Text => body.get_untracked(),
        };
        let input = match knowledge_input(kind, &title.get_untracked(), &text) {
            Ok(input) => input,
            Err(why) => return error.set(Some(why)),
        };
        if let Err(errors) = input.validate() {
            error.set(Some(describe(&errors)));
            return;
        }
        let bot_id = bot_id.clone();
        let call = async move { api.add_knowledge(&bot_id, &input).await };
        perform(busy, error, call, move |source| {
            title.set(String::new());
            body.set(String::new());
            url.set(String::new());
            added.run(source);
        });
    };
    let is = move |wanted: KnowledgeKind| move || kind.get() == wanted;
    view! {
        <form id="new-knowledge" class="stacked" on:submit=submit>
            <h4>"Add knowledge"</h4>
            <label>"Type" <ChoiceSelect id="knowledge-type" choices=&KINDS value=kind /></label>
            <Show when=move || kind.get() != KnowledgeKind::Website>
                <label>"Title" <input id="knowledge-title" bind:value=title /></label>
            </Show>
            <Show when=is(KnowledgeKind::Faq)>
                <label>
                    "Questions and answers: a question on one line, its answer below it, a blank line between pairs"
                    <textarea id="knowledge-faqs" rows="8" bind:value=body></textarea>
                </label>
            </Show>
            <Show when=is(KnowledgeKind::Text)>
                <label>"Text" <textarea id="knowledge-content" rows="8" bind:value=body></textarea></label>
            </Show>
            <Show when=is(KnowledgeKind::Website)>
                <label>"Page address" <input id="knowledge-url" type="url" placeholder="https://example.com/help" bind:value=url /></label>
            </Show>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            <button type="submit" id="add-knowledge" class="primary" disabled=busy>
                {move || if busy.get() { "Adding…" } else { "Add" }}
            </button>
        </form>
    }
}
