use leptos::prelude::*;
use parley_shared_types::widget_text::WidgetText;
use std::collections::BTreeMap;

/// The widget's own wording: any text visitors see, replaced in every language (empty keeps
/// the visitor's language's). Folded away: most teams change none.
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
    view! {
        <details class="widget-texts">
            <summary>"Texts visitors see"</summary>
            <p class="muted">
                "The widget speaks the visitor's language (English, German, French, Spanish, Arabic or Japanese, from the page, "
                <code>"Parley.setLocale"</code>
                " or the browser). What you write here replaces a text in every language."
            </p>
            {rows}
        </details>
    }
}
