use leptos::prelude::*;
use parley_shared_types::label::LabelRef;

/// One label in its colour; with `on_remove`, a × that takes it off (given the label's id).
#[component]
pub fn LabelChip(
    label: LabelRef,
    #[prop(optional)] on_remove: Option<Callback<String>>,
    #[prop(optional, into)] disabled: Signal<bool>,
) -> impl IntoView {
    let remove = on_remove.map(|on_remove| {
        let name = format!("Remove label {}", label.name);
        let id = label.id.clone();
        view! {
            <button
                type="button"
                class="chip-remove"
                aria-label=name
                disabled=disabled
                on:click=move |_| on_remove.run(id.clone())
            >
                "×"
            </button>
        }
    });
    view! {
        <span class="label-chip" data-label-id=label.id style:--label-color=label.color>
            {label.name}
            {remove}
        </span>
    }
}
