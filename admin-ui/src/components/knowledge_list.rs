use crate::api::{explain, perform, use_api};
use crate::components::knowledge_chunks::KnowledgeChunks;
use crate::components::knowledge_form::{KnowledgeForm, kind_label};
use crate::components::resource_table::ResourceTable;
use crate::components::status_badge::StatusBadge;
use leptos::prelude::*;
use leptos::task::spawn_local;
use parley_shared_types::bot::{KnowledgeSource, KnowledgeStatus};
use std::time::Duration;

/// How often the list is read again while a source is still being processed (a web page is
/// fetched and indexed after it is added).
const PROCESSING_POLL: Duration = Duration::from_secs(2);

/// What the bot knows: each source with its status (and why it failed), its chunk count, a
/// button to read what the bot learned from it and a delete button (confirmed); the form
/// below adds text, FAQ pairs or a web page.
#[component]
pub fn KnowledgeList(bot_id: String, sources: Vec<KnowledgeSource>) -> impl IntoView {
    let api = use_api();
    let sources = RwSignal::new(sources);
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let reload = {
        let bot_id = bot_id.clone();
        move || {
            let bot_id = bot_id.clone();
            spawn_local(async move {
                match api.knowledge_sources(&bot_id).await {
                    Ok(list) => {
                        sources.try_set(list);
                    }
                    Err(e) => {
                        error.try_set(Some(explain(&e)));
                    }
                }
            });
        }
    };
    let poll = StoredValue::new_local(None::<TimeoutHandle>);
    Effect::new({
        let reload = reload.clone();
        move |_| {
            let processing =
                sources.with(|list| list.iter().any(|s| s.status == KnowledgeStatus::Processing));
            if processing {
                let reload = reload.clone();
                let handle = set_timeout_with_handle(reload, PROCESSING_POLL).ok();
                poll.set_value(handle);
            }
        }
    });
    on_cleanup(move || {
        if let Some(handle) = poll.try_update_value(Option::take).flatten() {
            handle.clear();
        }
    });
    // A first click asks for confirmation, as deleting a bot or a member does.
    let confirming = RwSignal::new(None::<String>);
    let remove = move |id: String| {
        if confirming.get_untracked().as_deref() != Some(id.as_str()) {
            confirming.set(Some(id));
            return;
        }
        let call = async move { api.delete_knowledge(&id).await.map(|()| id) };
        perform(busy, error, call, move |id| {
            confirming.set(None);
            sources.update(|list| list.retain(|s| s.id != id))
        });
    };
    // The source being read, with what the bot learned from it.
    let viewing = RwSignal::new(None::<(KnowledgeSource, Vec<String>)>);
    let view_source = move |source: KnowledgeSource| {
        if viewing.with_untracked(|v| v.as_ref().is_some_and(|(s, _)| s.id == source.id)) {
            viewing.set(None);
            return;
        }
        let id = source.id.clone();
        let call = async move { api.knowledge_chunks(&id).await };
        perform(busy, error, call, move |found| {
            viewing.set(Some((source, found.chunks)))
        });
    };
    // Relearned: the row shows its new count, and the view what the bot learned now.
    let relearned = Callback::new(move |updated: KnowledgeSource| {
        sources.update(|list| {
            if let Some(row) = list.iter_mut().find(|s| s.id == updated.id) {
                *row = updated.clone();
            }
        });
        viewing.set(None);
        view_source(updated);
    });
    let added = Callback::new(move |source: KnowledgeSource| {
        sources.update(|list| list.push(source));
    });
    let rows = move || {
        sources
            .get()
            .into_iter()
            .map(|source| {
                let id = source.id.clone();
                let shown_id = source.id.clone();
                let to_view = source.clone();
                let place = source.url.clone().unwrap_or_default();
                view! {
                    <tr data-source=source.id.clone()>
                        <td>{source.title.clone()} <span class="muted">{place}</span></td>
                        <td>{kind_label(source.kind)}</td>
                        <td><StatusBadge status=source.status.as_str() error=source.error.clone() /></td>
                        <td class="chunk-count">{source.chunk_count}</td>
                        <td>
                            <button type="button" class="view-source" disabled=busy on:click=move |_| view_source(to_view.clone())>"View"</button>
                            " "
                            <button type="button" class="danger delete-source" disabled=busy on:click=move |_| remove(id.clone())>
                                {move || if confirming.get().as_deref() == Some(shown_id.as_str()) { "Confirm delete" } else { "Delete" }}
                            </button>
                        </td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <section class="bot-card" aria-labelledby="knowledge-heading">
            <h3 id="knowledge-heading">"Knowledge"</h3>
            <ResourceTable id="knowledge-sources" columns=&["Source", "Type", "Status", "Chunks"]>
                {rows}
            </ResourceTable>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            {move || viewing.get().map(|(source, chunks)| view! { <KnowledgeChunks source chunks saved=relearned /> })}
            <KnowledgeForm bot_id added />
        </section>
    }
}
