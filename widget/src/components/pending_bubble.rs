use crate::chat::Chat;
use crate::outbox::Pending;
use leptos::prelude::*;

/// A message the edge has not stored yet: sending, or refused with a retry button.
#[component]
pub fn PendingBubble(pending: Pending, chat: Chat) -> impl IntoView {
    let id = pending.client_message_id.clone();
    let state = match pending.failed {
        None => view! { <p class="parley-meta">"Sending…"</p> }.into_any(),
        Some(reason) => view! {
            <p class="parley-meta parley-failed" role="alert">
                "Not sent: " {reason} " "
                <button type="button" class="parley-link-button" on:click=move |_| chat.retry(&id)>"Retry"</button>
            </p>
        }
        .into_any(),
    };
    view! {
        <article class="parley-message parley-mine parley-pending" aria-busy="true">
            <p class="parley-bubble parley-text">{pending.content}</p>
            {state}
        </article>
    }
}
