use leptos::prelude::*;

/// A select over a fixed table of choices: `(value, option value, label)`.
#[component]
pub fn ChoiceSelect<T>(
    id: &'static str,
    choices: &'static [(T, &'static str, &'static str)],
    value: RwSignal<T>,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    let options = choices
        .iter()
        .map(|&(choice, option, label)| {
            view! { <option value=option selected=move || value.get() == choice>{label}</option> }
        })
        .collect_view();
    view! {
        <select
            id=id
            on:change=move |ev| {
                let picked = event_target_value(&ev);
                if let Some((choice, _, _)) = choices.iter().find(|(_, option, _)| *option == picked) {
                    value.set(*choice);
                }
            }
        >
            {options}
        </select>
    }
}
