use crate::api::{explain, use_api};
use crate::components::execution_status::ExecutionStatusBadge;
use crate::components::resource_table::ResourceTable;
use crate::poll::refetch_while;
use leptos::prelude::*;
use parley_shared_types::agent_loop::ExecutionTrigger;

/// A loop's latest runs, asked again while one has not ended; `selected` is the run whose
/// steps are shown. `version` changes when a run is started here.
#[component]
pub fn LoopExecutions(
    loop_id: String,
    version: RwSignal<u32>,
    selected: RwSignal<Option<String>>,
) -> impl IntoView {
    let api = use_api();
    let tick = RwSignal::new(0u32);
    let executions = LocalResource::new(move || {
        version.track();
        tick.track();
        let loop_id = loop_id.clone();
        async move {
            api.agent_loop_executions(&loop_id)
                .await
                .map_err(|e| explain(&e))
        }
    });
    refetch_while(tick, move || {
        executions
            .get()
            .and_then(Result::ok)
            .is_some_and(|list| list.iter().any(|e| !e.status.is_final()))
    });
    let rows = move || {
        executions.get().map(|answer| match answer {
            Err(e) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
            Ok(list) if list.is_empty() => {
                view! { <p class="empty-state">"No runs yet: press Run."</p> }.into_any()
            }
            Ok(list) => view! {
                <ResourceTable id="loop-executions" columns=&["Status", "Trigger", "Engine", "Steps", "Tokens", "Started"]>
                    {list
                        .into_iter()
                        .map(|execution| {
                            let id = execution.id.clone();
                            let trigger = match execution.trigger {
                                ExecutionTrigger::Manual => "run",
                                ExecutionTrigger::Schedule => "schedule",
                            };
                            let engine = serde_json::to_value(execution.engine)
                                .ok()
                                .and_then(|v| v.as_str().map(str::to_owned))
                                .unwrap_or_default();
                            view! {
                                <tr class="execution-row" data-execution=execution.id.clone()>
                                    <td><ExecutionStatusBadge status=execution.status reason=execution.reason.clone() /></td>
                                    <td>{trigger}</td>
                                    <td>{engine}</td>
                                    <td>{execution.step_count}</td>
                                    <td>{execution.tokens}</td>
                                    <td>{execution.started_at.clone().unwrap_or_else(|| "waiting".into())}</td>
                                    <td>
                                        <button type="button" class="link-button show-steps" on:click=move |_| selected.set(Some(id.clone()))>
                                            "Steps"
                                        </button>
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </ResourceTable>
            }
            .into_any(),
        })
    };
    view! {
        <section class="card" aria-labelledby="runs-title">
            <h3 id="runs-title">"Runs"</h3>
            <Transition fallback=|| view! { <p aria-busy="true">"Loading runs…"</p> }>{rows}</Transition>
        </section>
    }
}
