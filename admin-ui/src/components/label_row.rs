use crate::api::{perform, use_api};
use leptos::prelude::*;
use parley_shared_types::label::{Label, UpdateLabelRequest};

/// One of the workspace's labels: rename it, recolour it, or delete it (two steps: it comes
/// off every conversation).
#[component]
pub fn LabelRow(label: Label, changed: Callback<()>) -> impl IntoView {
    let api = use_api();
    let name = RwSignal::new(label.name.clone());
    let color = RwSignal::new(label.color.clone());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let confirming = RwSignal::new(false);
    let save = {
        let id = label.id.clone();
        move |_| {
            let request = UpdateLabelRequest {
                name: Some(name.get_untracked()),
                color: Some(color.get_untracked()),
            };
            let id = id.clone();
            let call = async move { api.update_label(&id, &request).await };
            perform(busy, error, call, move |_| changed.run(()));
        }
    };
    let remove = {
        let id = label.id.clone();
        move |_| {
            if !confirming.get_untracked() {
                confirming.set(true);
                return;
            }
            let id = id.clone();
            let call = async move { api.delete_label(&id).await };
            perform(busy, error, call, move |()| changed.run(()));
        }
    };
    view! {
        <tr data-label=label.name.clone()>
            <td>
                <input
                    class="label-name"
                    aria-label=format!("Name of {}", label.name)
                    prop:value=name
                    on:input=move |ev| name.set(event_target_value(&ev))
                />
            </td>
            <td>
                <input
                    type="color"
                    class="label-color"
                    aria-label=format!("Colour of {}", label.name)
                    prop:value=color
                    on:input=move |ev| color.set(event_target_value(&ev))
                />
            </td>
            <td class="row-actions">
                <button type="button" class="save-label" disabled=busy on:click=save>"Save"</button>
                <button type="button" class="danger delete-label" disabled=busy on:click=remove>
                    {move || if confirming.get() { "Confirm delete" } else { "Delete" }}
                </button>
                {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            </td>
        </tr>
    }
}
