use crate::api::{explain, perform, use_api};
use crate::components::execution_status::ExecutionStatusBadge;
use crate::components::execution_step::StepItem;
use crate::poll::refetch_while;
use leptos::prelude::*;

/// One run and its steps as they are recorded: asked again while the run is queued or
/// running, with a button to cancel it meanwhile.
#[component]
pub fn ExecutionSteps(loop_id: String, execution_id: String) -> impl IntoView {
    let api = use_api();
    let tick = RwSignal::new(0u32);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let (ids, cancel_ids) = (
        (loop_id.clone(), execution_id.clone()),
        (loop_id, execution_id),
    );
    let execution = LocalResource::new(move || {
        tick.track();
        let (loop_id, id) = ids.clone();
        async move {
            api.agent_loop_execution(&loop_id, &id)
                .await
                .map_err(|e| explain(&e))
        }
    });
    refetch_while(tick, move || {
        execution
            .get()
            .and_then(Result::ok)
            .is_some_and(|e| !e.status.is_final())
    });
    let cancel = move |_| {
        let (loop_id, id) = cancel_ids.clone();
        let call = async move { api.cancel_agent_loop_execution(&loop_id, &id).await };
        perform(busy, error, call, move |_| tick.update(|n| *n += 1));
    };
    let body = move || {
        execution.get().map(|answer| match answer {
            Err(e) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
            Ok(found) => {
                let running = !found.status.is_final();
                let steps = found.steps.clone().unwrap_or_default();
                view! {
                    <p>
                        "Status: " <ExecutionStatusBadge status=found.status reason=found.reason.clone() />
                        {running.then(|| view! {
                            <button type="button" class="danger" id="cancel-execution" disabled=busy on:click=cancel.clone()>
                                "Cancel"
                            </button>
                        })}
                    </p>
                    {found.output.clone().map(|o| view! { <p class="execution-output">{o}</p> })}
                    {if steps.is_empty() {
                        view! { <p class="empty-state">"No step yet."</p> }.into_any()
                    } else {
                        view! {
                            <ol class="execution-steps" id="execution-steps">
                                {steps.into_iter().map(|step| view! { <StepItem step /> }).collect_view()}
                            </ol>
                        }
                        .into_any()
                    }}
                }
                .into_any()
            }
        })
    };
    view! {
        <section class="card" aria-labelledby="steps-title" id="execution-detail">
            <h3 id="steps-title">"Steps"</h3>
            <Transition fallback=|| view! { <p aria-busy="true">"Loading the run…"</p> }>{body}</Transition>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </section>
    }
}
