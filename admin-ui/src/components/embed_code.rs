use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen_futures::JsFuture;

/// The snippet to paste into a site, with a copy button.
#[component]
pub fn EmbedCode(code: String) -> impl IntoView {
    let status = RwSignal::new(None::<&'static str>);
    let copy = {
        let code = code.clone();
        move |_| {
            let code = code.clone();
            spawn_local(async move {
                let copied = match web_sys::window() {
                    Some(w) => JsFuture::from(w.navigator().clipboard().write_text(&code))
                        .await
                        .is_ok(),
                    None => false,
                };
                status.try_set(Some(if copied {
                    "Copied"
                } else {
                    "The browser refused; select the code and copy it"
                }));
            });
        }
    };
    view! {
        <section class="embed" aria-labelledby="embed-title">
            <h3 id="embed-title">"Embed code"</h3>
            <p class="muted">"Paste this before </body> on every page that should show the chat."</p>
            <pre id="embed-code"><code>{code}</code></pre>
            <button type="button" id="copy-embed" on:click=copy>"Copy embed code"</button>
            <span class="copy-status" role="status">{move || status.get()}</span>
        </section>
    }
}
