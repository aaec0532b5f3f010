use crate::components::copy_button::CopyButton;
use leptos::prelude::*;

/// A secret the edge showed once (a new API key, a webhook's new secret): the whole of it, a
/// copy button and the warning that it will not be shown again, until dismissed. It lives in
/// the screen's memory only, so leaving the screen forgets it too.
#[component]
pub fn SecretOnce(
    /// The element's id, for tests and labels: `api-key-secret`.
    id: &'static str,
    /// Whose secret it is: "the key Zapier".
    of: String,
    secret: String,
    dismissed: Callback<()>,
) -> impl IntoView {
    let heading = format!("{id}-title");
    view! {
        <div class="secret-once" id=id role="region" aria-labelledby=format!("{id}-title")>
            <p id=heading>
                <strong>{format!("The secret of {of}")}</strong>
                " — copy it now: you will not see it again."
            </p>
            <pre><code class="secret-value">{secret.clone()}</code></pre>
            <CopyButton text=secret id="copy-secret" label="Copy" what="the secret" />
            <button type="button" class="link-button dismiss-secret" on:click=move |_| dismissed.run(())>
                "I have stored it"
            </button>
        </div>
    }
}
