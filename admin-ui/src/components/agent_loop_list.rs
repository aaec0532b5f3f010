use crate::api::{explain, use_api};
use crate::components::agent_loop_form::AgentLoopForm;
use crate::components::agent_loop_table::AgentLoopTable;
use crate::route::{href, navigate};
use leptos::prelude::*;

/// The workspace's agent loops, and a form that creates one and opens it.
#[component]
pub fn AgentLoopList() -> impl IntoView {
    let api = use_api();
    let loaded = LocalResource::new(move || async move {
        let loops = api.agent_loops().await.map_err(|e| explain(&e))?;
        let bots = api.bots().await.map_err(|e| explain(&e))?;
        Ok::<_, String>((loops, bots))
    });
    let saved = Callback::new(|created: parley_shared_types::agent_loop::AgentLoop| {
        navigate(&href("agent-loops", Some(&created.id)))
    });
    let body = move || {
        loaded.get().map(|answer| match answer {
            Err(e) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
            Ok((loops, bots)) => {
                let table = if loops.is_empty() {
                    view! {
                        <p class="empty-state">"No agent loops yet. A loop lets a bot work through instructions with tools, on demand or on a schedule."</p>
                    }
                    .into_any()
                } else {
                    view! { <AgentLoopTable loops bots=bots.clone() /> }.into_any()
                };
                let form = if bots.is_empty() {
                    view! { <p class="empty-state">"Create a bot first: a loop works as one of your bots."</p> }.into_any()
                } else {
                    view! { <AgentLoopForm existing=None bots saved /> }.into_any()
                };
                view! { {table} {form} }.into_any()
            }
        })
    };
    view! {
        <section class="page">
            <div class="page-head">
                <h2>"Agent loops"</h2>
            </div>
            <Suspense fallback=|| view! { <p aria-busy="true">"Loading agent loops…"</p> }>{body}</Suspense>
        </section>
    }
}
