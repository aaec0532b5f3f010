use crate::api::{explain, use_api};
use crate::feed::use_feed;
use leptos::prelude::*;
use leptos::task::spawn_local;
use parley_shared_types::hub::methods;
use parley_shared_types::message::{Message, SendMessageRequest};
use std::time::Duration;

/// Typing stops counting this long after the last key.
const TYPING_IDLE: Duration = Duration::from_secs(3);

/// A fresh id for `clientMessageId`, so a retried send is stored once.
fn client_message_id() -> String {
    let random = (js_sys::Math::random() * 1e15) as u64;
    format!("admin-{:x}-{random:x}", js_sys::Date::now() as u64)
}

/// The agent's reply: Enter sends, Shift+Enter starts a new line; over the app's hub
/// connection while it is connected, else over REST. Typing is announced on the hub
/// (TypingStart, then TypingStop when idle or sent).
#[component]
pub fn ReplyBox(
    conversation_id: String,
    #[prop(into)] closed: Signal<bool>,
    on_sent: Callback<Message>,
) -> impl IntoView {
    let api = use_api();
    let feed = use_feed();
    let text = RwSignal::new(String::new());
    let sending = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    // Kept across a failed send so the retry is idempotent; a new text gets a new id.
    let pending_id = StoredValue::new(None::<String>);
    let typing = StoredValue::new(false);
    let idle_timer = StoredValue::new_local(None::<TimeoutHandle>);

    let typing_in = StoredValue::new(conversation_id.clone());
    let invoke = move |method: &str| {
        if let Some(hub) = feed.hub() {
            typing_in.with_value(|id| hub.invoke_for(method, id));
        }
    };
    let stop_typing = move || {
        if let Some(timer) = idle_timer.try_update_value(Option::take).flatten() {
            timer.clear();
        }
        if typing.try_get_value() == Some(true) {
            typing.set_value(false);
            invoke(methods::TYPING_STOP);
        }
    };
    on_cleanup(move || {
        if let Some(timer) = idle_timer.try_update_value(Option::take).flatten() {
            timer.clear();
        }
    });
    let on_input = move |ev: leptos::ev::Event| {
        text.set(event_target_value(&ev));
        pending_id.set_value(None);
        if !typing.get_value() {
            typing.set_value(true);
            invoke(methods::TYPING_START);
        }
        if let Some(timer) = idle_timer.try_update_value(Option::take).flatten() {
            timer.clear();
        }
        idle_timer.set_value(set_timeout_with_handle(stop_typing, TYPING_IDLE).ok());
    };
    let send = move || {
        let content = text.get_untracked().trim().to_owned();
        if content.is_empty() || sending.get_untracked() {
            return;
        }
        stop_typing();
        let id = pending_id.get_value().unwrap_or_else(client_message_id);
        pending_id.set_value(Some(id.clone()));
        let request = SendMessageRequest {
            content,
            sender_type: None,
            sender_id: None,
            client_message_id: Some(id),
        };
        if let Err(errors) = request.validate() {
            error.set(Some(parley_shared_types::validate::describe(&errors)));
            return;
        }
        sending.set(true);
        error.set(None);
        // Cleared at once, as chat apps do; a failed send puts the text back.
        let draft = request.content.clone();
        text.set(String::new());
        let conversation_id = conversation_id.clone();
        spawn_local(async move {
            let result = match feed.hub() {
                Some(live) => live.send_message(&conversation_id, &request).await,
                None => api.send_message(&conversation_id, &request).await,
            };
            if sending.is_disposed() {
                return;
            }
            sending.set(false);
            match result {
                Ok(message) => {
                    pending_id.set_value(None);
                    on_sent.run(message);
                }
                Err(e) => {
                    if text.get_untracked().is_empty() {
                        text.set(draft);
                    }
                    error.set(Some(explain(&e)));
                }
            }
        });
    };
    let on_keydown = {
        let send = send.clone();
        move |ev: web_sys::KeyboardEvent| {
            if ev.key() == "Enter" && !ev.shift_key() && !ev.is_composing() {
                ev.prevent_default();
                send();
            }
        }
    };
    view! {
        <form
            class="reply"
            on:submit=move |ev| {
                ev.prevent_default();
                send();
            }
        >
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            <textarea
                id="reply"
                aria-label="Reply"
                rows="3"
                placeholder=move || {
                    if closed.get() {
                        "This conversation is closed; reopen it to reply."
                    } else {
                        "Type a reply — Enter sends, Shift+Enter adds a line"
                    }
                }
                disabled=closed
                prop:value=text
                on:input=on_input
                on:keydown=on_keydown
            ></textarea>
            <button type="submit" id="send-reply" class="primary" disabled=move || closed.get() || sending.get()>
                {move || if sending.get() { "Sending…" } else { "Send" }}
            </button>
        </form>
    }
}
