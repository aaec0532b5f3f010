use crate::api;
use crate::components::outbox_email::OutboxEmailView;
use crate::route::href;
use leptos::prelude::*;

/// The local development outbox: what Parley would have emailed, newest first.
#[component]
pub fn OutboxPage() -> impl IntoView {
    let emails = LocalResource::new(api::dev_outbox);
    view! {
        <section class="auth-card outbox" aria-labelledby="outbox-title">
            <h2 id="outbox-title">"Local outbox"</h2>
            <p>"Parley runs without an email service here, so it keeps its emails for you to read."</p>
            {move || match emails.get() {
                None => view! { <p aria-busy="true">"Reading the outbox…"</p> }.into_any(),
                Some(Err(error)) => view! { <p class="error" role="alert">{error}</p> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! { <p>"No emails yet."</p> }.into_any(),
                Some(Ok(list)) => view! {
                    <ul id="outbox-emails">
                        {list.into_iter().map(|email| view! { <OutboxEmailView email /> }).collect_view()}
                    </ul>
                }
                .into_any(),
            }}
            <p><a href=href("", None)>"Back to sign in"</a></p>
        </section>
    }
}
