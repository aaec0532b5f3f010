use crate::components::copy_button::CopyButton;
use leptos::prelude::*;

/// The snippet to paste into a site, with a copy button.
#[component]
pub fn EmbedCode(code: String) -> impl IntoView {
    view! {
        <section class="embed" aria-labelledby="embed-title">
            <h3 id="embed-title">"Embed code"</h3>
            <p class="muted">"Paste this before </body> on every page that should show the chat."</p>
            <pre id="embed-code"><code>{code.clone()}</code></pre>
            <CopyButton text=code id="copy-embed" label="Copy embed code" what="the code" />
        </section>
    }
}
