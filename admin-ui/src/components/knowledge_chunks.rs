use crate::api::{perform, use_api};
use crate::bot_fields::knowledge_input;
use leptos::prelude::*;
use parley_shared_types::bot::{KnowledgeKind, KnowledgeSource};

/// A knowledge source as the bot learned it (each chunk retrieval can find, as text) and, for
/// text and FAQ sources, an editor that replaces what it says: the chunks, joined, are the text
/// to change (FAQ pairs as blocks, as when they were added).
#[component]
pub fn KnowledgeChunks(
    source: KnowledgeSource,
    chunks: Vec<String>,
    saved: Callback<KnowledgeSource>,
) -> impl IntoView {
    let api = use_api();
    let editable = source.kind != KnowledgeKind::Website;
    let editing = RwSignal::new(false);
    let body = RwSignal::new(chunks.join("\n\n"));
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let count = format!("{} chunks", chunks.len());
    let label = format!("What the bot learned from {}", source.title);
    let items = chunks
        .into_iter()
        .map(|chunk| view! { <li class="chunk">{chunk}</li> })
        .collect_view();
    let source = StoredValue::new(source);
    let save = move |_| {
        let (id, kind, title) = source.with_value(|s| (s.id.clone(), s.kind, s.title.clone()));
        let input = match knowledge_input(kind, &title, &body.get_untracked()) {
            Ok(input) => input,
            Err(why) => return error.set(Some(why)),
        };
        let call = async move { api.replace_knowledge(&id, &input).await };
        perform(busy, error, call, move |updated| saved.run(updated));
    };
    view! {
        <section id="knowledge-view" class="knowledge-view" aria-label=label>
            <h4>{source.with_value(|s| s.title.clone())} " " <span class="muted">{count}</span></h4>
            <Show
                when=move || editing.get()
                fallback=move || view! {
                    {editable.then(|| view! {
                        <button type="button" id="edit-knowledge" on:click=move |_| editing.set(true)>"Edit"</button>
                    })}
                }
            >
                <textarea id="knowledge-edit" rows="10" aria-label="What the source says" bind:value=body></textarea>
                <button type="button" id="save-knowledge" class="primary" disabled=busy on:click=save>"Save and relearn"</button>
            </Show>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            <ol class="chunks" hidden=move || editing.get()>{items}</ol>
        </section>
    }
}
