use leptos::prelude::*;
use parley_shared_types::widget_text::WidgetText;
use std::collections::BTreeMap;

/// The widget's own wording: any text visitors see, replaced in every language (empty keeps
/// the visitor's language's). Folded away behind a button: most teams change none.
#[component]
pub fn WidgetTextsEditor(texts: RwSignal<BTreeMap<String, String>>) -> impl IntoView {
    let rows = WidgetText::ALL
        .iter()
        .map(|text| {
            let key = text.key();
            let value = move || texts.with(|t| t.get(key).cloned().unwrap_or_default());
            let set = move |ev| {
                let written = event_target_value(&ev);
                texts.update(|t| {
                    t.insert(key.to_owned(), written);
                });
            };
            view! {
                <label>
                    <code>{key}</code>
                    <input data-text-key=key placeholder=text.english() prop:value=value on:input=set />
                </label>
            }
        })
        .collect_view();
    let shown = RwSignal::new(false);
    view! {
        <fieldset class="widget-texts">
            <legend>"Texts visitors see"</legend>
            <button
                type="button"
                id="widget-texts-toggle"
                aria-expanded=move || shown.get().to_string()
                on:click=move |_| shown.update(|on| *on = !*on)
            >
                {move || if shown.get() { "Hide the texts" } else { "Change the texts" }}
            </button>
            <p class="muted">
                "The widget speaks the visitor's language (English, German, French, Spanish, Arabic or Japanese, from the page, "
                <code>"Parley.setLocale"</code>
                " or the browser). What you write here replaces a text in every language."
            </p>
            <div hidden=move || !shown.get()>{rows}</div>
        </fieldset>
    }
}
