use crate::api::{explain, perform, use_api};
use crate::components::agent_loop_form::AgentLoopForm;
use crate::components::execution_steps::ExecutionSteps;
use crate::components::loop_executions::LoopExecutions;
use crate::route::{href, navigate};
use leptos::prelude::*;
use parley_shared_types::agent_loop::AgentLoop;

/// One loop: Run (then its steps appear as they are recorded), its runs, its settings, and
/// a two-step delete.
#[component]
pub fn AgentLoopDetail(id: String) -> impl IntoView {
    let api = use_api();
    let version = RwSignal::new(0u32);
    let selected = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let confirming = RwSignal::new(false);
    let loaded = {
        let id = id.clone();
        LocalResource::new(move || {
            let id = id.clone();
            async move {
                let found = api.agent_loop(&id).await.map_err(|e| explain(&e))?;
                let bots = api.bots().await.map_err(|e| explain(&e))?;
                Ok::<_, String>((found, bots))
            }
        })
    };
    let run = {
        let id = id.clone();
        move |_| {
            let id = id.clone();
            let call = async move { api.run_agent_loop(&id).await };
            perform(busy, error, call, move |execution| {
                selected.set(Some(execution.id));
                version.update(|n| *n += 1);
            });
        }
    };
    let remove = {
        let id = id.clone();
        move |_| {
            if !confirming.get_untracked() {
                confirming.set(true);
                return;
            }
            let id = id.clone();
            let call = async move { api.delete_agent_loop(&id).await };
            perform(busy, error, call, |()| navigate(&href("agent-loops", None)));
        }
    };
    let saved = Callback::new(move |_: AgentLoop| loaded.refetch());
    let steps = {
        let id = id.clone();
        move || {
            selected.get().map(|execution_id| {
                view! { <ExecutionSteps loop_id=id.clone() execution_id /> }
            })
        }
    };
    let body = move || {
        loaded.get().map(|answer| match answer {
            Err(e) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
            Ok((found, bots)) => view! {
                <h2 id="agent-loop-name">{found.name.clone()}</h2>
                <AgentLoopForm existing=Some(found) bots saved />
            }
            .into_any(),
        })
    };
    view! {
        <section class="page">
            <p><a href=href("agent-loops", None)>"← All agent loops"</a></p>
            <div class="page-head">
                <Suspense fallback=|| view! { <p aria-busy="true">"Loading the loop…"</p> }>{body}</Suspense>
            </div>
            <p>
                <button type="button" class="primary" id="run-loop" disabled=busy on:click=run>"Run"</button>
                " "
                <button type="button" class="danger" id="delete-loop" disabled=busy on:click=remove>
                    {move || if confirming.get() { "Really delete?" } else { "Delete loop" }}
                </button>
            </p>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            {steps}
            <LoopExecutions loop_id=id.clone() version selected />
        </section>
    }
}
