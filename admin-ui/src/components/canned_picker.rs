use leptos::prelude::*;
use parley_shared_types::canned::CannedResponse;

/// The canned responses matching what follows `/` in the reply box, the highlighted one
/// marked; a click picks one (the reply box handles the keys).
#[component]
pub fn CannedPicker(
    matches: Signal<Vec<CannedResponse>>,
    highlighted: RwSignal<usize>,
    on_pick: Callback<CannedResponse>,
) -> impl IntoView {
    move || {
        let found = matches.get();
        if found.is_empty() {
            return view! { <p class="canned-none" id="canned-picker">"No canned response starts so."</p> }
                .into_any();
        }
        view! {
            <ul class="canned-picker" id="canned-picker" role="listbox" aria-label="Canned responses">
                {found
                    .into_iter()
                    .enumerate()
                    .map(|(at, response)| {
                        let selected = move || (highlighted.get() == at).to_string();
                        let shortcut = format!("/{}", response.shortcut);
                        let preview = response.content.clone();
                        view! {
                            <li
                                role="option"
                                class="canned-option"
                                aria-selected=selected
                                data-shortcut=response.shortcut.clone()
                                // Before the textarea loses focus, so the pick lands in it.
                                on:mousedown=move |ev| {
                                    ev.prevent_default();
                                    on_pick.run(response.clone());
                                }
                            >
                                <strong>{shortcut}</strong>
                                " "
                                <span class="canned-preview">{preview}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    }
}
