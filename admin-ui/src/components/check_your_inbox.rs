use crate::route::href;
use leptos::prelude::*;
use parley_shared_types::auth::SignUpAccepted;

/// After sign-up: the workspace is made from the link in the email. A local run without an
/// email service says where its emails went instead.
#[component]
pub fn CheckYourInbox(accepted: SignUpAccepted) -> impl IntoView {
    let local = accepted.dev_outbox.is_some().then(|| {
        view! {
            <p id="dev-outbox-hint">
                "Running Parley locally? No email leaves this machine: open the "
                <a href=href("outbox", None)>"local outbox"</a>
                " to find the link."
            </p>
        }
    });
    view! {
        <section class="auth-card" aria-labelledby="inbox-title">
            <h2 id="inbox-title">"Check your inbox"</h2>
            <p>
                "We sent an email to " <strong>{accepted.email}</strong>
                ". Open the link in it to create your workspace; it works once, for 24 hours."
            </p>
            {local}
            <p><a href=href("", None)>"Back to sign in"</a></p>
        </section>
    }
}
