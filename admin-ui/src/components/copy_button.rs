use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen_futures::JsFuture;

/// Copies `text` to the clipboard and says whether the browser let it.
#[component]
pub fn CopyButton(
    text: String,
    id: &'static str,
    label: &'static str,
    /// What to select by hand when the browser refuses: "the code".
    what: &'static str,
) -> impl IntoView {
    let status = RwSignal::new(None::<String>);
    let copy = move |_| {
        let text = text.clone();
        spawn_local(async move {
            let copied = match web_sys::window() {
                Some(w) => JsFuture::from(w.navigator().clipboard().write_text(&text))
                    .await
                    .is_ok(),
                None => false,
            };
            status.try_set(Some(if copied {
                "Copied".to_owned()
            } else {
                format!("The browser refused; select {what} and copy it")
            }));
        });
    };
    view! {
        <button type="button" id=id on:click=copy>{label}</button>
        <span class="copy-status" role="status">{move || status.get()}</span>
    }
}
