use crate::chat::Chat;
use leptos::prelude::*;

/// The most lines the message box grows to before it scrolls.
const MAX_ROWS: usize = 5;

/// The message box: Enter sends, Shift+Enter starts a new line. Tells the agent while the
/// visitor types.
#[component]
pub fn Composer(chat: Chat) -> impl IntoView {
    let (text, set_text) = signal(String::new());
    let send = move || {
        chat.send(text.get_untracked());
        set_text.set(String::new());
    };
    let on_input = move |ev| {
        set_text.set(event_target_value(&ev));
        chat.visitor_typed();
    };

    view! {
        <form class="parley-composer" on:submit=move |ev| {
            ev.prevent_default();
            send();
        }>
            // Grows with the lines written (Shift+Enter), up to five; browsers that size fields
            // to their content (CSS field-sizing) also grow for wrapped lines.
            <textarea
                class="parley-input"
                rows=move || text.with(|t| t.split('\n').count().clamp(1, MAX_ROWS))
                placeholder="Write a message…"
                aria-label="Message"
                prop:value=text
                on:input=on_input
                on:keydown=move |ev| {
                    if ev.key() == "Enter" && !ev.shift_key() && !ev.is_composing() {
                        ev.prevent_default();
                        send();
                    }
                }
            ></textarea>
            <button type="submit" class="parley-send" aria-label="Send" disabled=move || text.get().trim().is_empty()>
                <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M3 20l18-8L3 4v6l12 2-12 2z"/></svg>
            </button>
        </form>
    }
}
