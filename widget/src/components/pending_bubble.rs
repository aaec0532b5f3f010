use crate::chat::Chat;
use crate::outbox::Pending;
use leptos::either::Either;
use leptos::prelude::*;
use parley_shared_types::widget_text::WidgetText;

/// A message the edge has not stored yet: sending, or refused with a retry button.
#[component]
pub fn PendingBubble(pending: Pending, chat: Chat) -> impl IntoView {
    let id = pending.client_message_id.clone();
    let retry = move || {
        let id = id.clone();
        view! {
            <button type="button" class="parley-link-button" on:click=move |_| chat.retry(&id)>{chat.text(WidgetText::Retry)}</button>
        }
    };
    let state = match pending.failed {
        // Sending, unless the last attempt failed on the way: then it says so and offers a
        // retry now (it is also retried on the next connection).
        None => Either::Left(move || {
            if chat.stalled.get() {
                Either::Left(
                    view! { <p class="parley-meta parley-failed">{chat.text(WidgetText::NotSentYet)} " " {retry()}</p> },
                )
            } else {
                Either::Right(view! { <p class="parley-meta">{chat.text(WidgetText::Sending)}</p> })
            }
        }),
        Some(reason) => Either::Right(view! {
            <p class="parley-meta parley-failed" role="alert">
                {chat.text(WidgetText::NotSent)} " " {reason} " " {retry()}
            </p>
        }),
    };
    view! {
        <article class="parley-message parley-mine parley-pending" aria-busy="true">
            <p class="parley-bubble parley-text">
                {pending.content}
                {pending.attachments.into_iter().map(|file| file.name).collect::<Vec<_>>().join(", ")}
            </p>
            {state}
        </article>
    }
}
