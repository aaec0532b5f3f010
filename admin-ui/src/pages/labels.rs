use crate::api::{explain, perform, use_api};
use crate::components::label_row::LabelRow;
use crate::components::resource_table::ResourceTable;
use leptos::prelude::*;
use parley_shared_types::label::{CreateLabelRequest, DEFAULT_LABEL_COLOR, Label};

pub fn render() -> AnyView {
    view! { <LabelsPage /> }.into_any()
}

/// The workspace's labels: add, rename, recolour, delete. Agents put them on conversations
/// from the inbox and filter by them there.
#[component]
pub fn LabelsPage() -> impl IntoView {
    let api = use_api();
    let reload = RwSignal::new(0u32);
    let labels = LocalResource::new(move || {
        reload.track();
        async move { api.labels().await.map_err(|e| explain(&e)) }
    });
    let changed = Callback::new(move |()| reload.update(|n| *n += 1));
    let name = RwSignal::new(String::new());
    let color = RwSignal::new(DEFAULT_LABEL_COLOR.to_owned());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = CreateLabelRequest {
            name: name.get_untracked(),
            color: Some(color.get_untracked()),
        };
        let call = async move { api.create_label(&request).await };
        perform(busy, error, call, move |_: Label| {
            name.set(String::new());
            changed.run(());
        });
    };
    let rows = move || {
        labels.get().map(|answer| match answer {
            Err(e) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
            Ok(list) if list.is_empty() => {
                view! { <p class="empty-state">"No labels yet: add the first below."</p> }.into_any()
            }
            Ok(list) => view! {
                <ResourceTable id="labels-table" columns=&["Name", "Colour"]>
                    {list.into_iter().map(|label| view! { <LabelRow label changed /> }).collect_view()}
                </ResourceTable>
            }
            .into_any(),
        })
    };
    view! {
        <section class="page">
            <div class="page-head">
                <h2>"Labels"</h2>
            </div>
            <Suspense fallback=|| view! { <p aria-busy="true">"Loading labels…"</p> }>{rows}</Suspense>
            <form class="inline-form" id="new-label" on:submit=create>
                <h3>"New label"</h3>
                <input
                    id="new-label-name"
                    aria-label="Label name"
                    placeholder="e.g. VIP"
                    prop:value=name
                    on:input=move |ev| name.set(event_target_value(&ev))
                />
                <input
                    id="new-label-color"
                    type="color"
                    aria-label="Label colour"
                    prop:value=color
                    on:input=move |ev| color.set(event_target_value(&ev))
                />
                <button type="submit" class="primary" disabled=busy>"Add label"</button>
                {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            </form>
        </section>
    }
}
