use leptos::prelude::*;

/// A knowledge source as the bot learned it: each chunk retrieval can find, as text.
#[component]
pub fn KnowledgeChunks(title: String, chunks: Vec<String>) -> impl IntoView {
    let count = format!("{} chunks", chunks.len());
    let label = format!("What the bot learned from {title}");
    let items = chunks
        .into_iter()
        .map(|chunk| view! { <li class="chunk">{chunk}</li> })
        .collect_view();
    view! {
        <section id="knowledge-view" class="knowledge-view" aria-label=label>
            <h4>{title} " " <span class="muted">{count}</span></h4>
            <ol class="chunks">{items}</ol>
        </section>
    }
}
