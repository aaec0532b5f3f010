use crate::chat::Chat;
use crate::outbox::Pending;
use leptos::either::Either;
use leptos::prelude::*;

/// A message the edge has not stored yet: sending, or refused with a retry button.
#[component]
pub fn PendingBubble(pending: Pending, chat: Chat) -> impl IntoView {
    let id = pending.client_message_id.clone();
    let retry = move || {
        let id = id.clone();
        view! {
            <button type="button" class="parley-link-button" on:click=move |_| chat.retry(&id)>"Retry"</button>
        }
    };
    let state = match pending.failed {
        // Sending, unless the last attempt failed on the way: then it says so and offers a
        // retry now (it is also retried on the next connection).
        None => Either::Left(move || {
            if chat.stalled.get() {
                Either::Left(
                    view! { <p class="parley-meta parley-failed">"Not sent yet. " {retry()}</p> },
                )
            } else {
                Either::Right(view! { <p class="parley-meta">"Sending…"</p> })
            }
        }),
        Some(reason) => Either::Right(view! {
            <p class="parley-meta parley-failed" role="alert">
                "Not sent: " {reason} " " {retry()}
            </p>
        }),
    };
    view! {
        <article class="parley-message parley-mine parley-pending" aria-busy="true">
            <p class="parley-bubble parley-text">{pending.content}</p>
            {state}
        </article>
    }
}
