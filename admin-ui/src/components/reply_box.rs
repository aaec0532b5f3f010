use crate::api::{explain, use_api};
use crate::components::attach_button::AttachButton;
use crate::components::canned_picker::CannedPicker;
use crate::feed::use_feed;
use leptos::prelude::*;
use leptos::task::spawn_local;
use parley_shared_types::canned::{self, CannedResponse, Variables};
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

/// What follows a leading `/` while it is still one word: the canned responses to offer.
fn canned_filter(text: &str) -> Option<&str> {
    text.strip_prefix('/')
        .filter(|typed| !typed.chars().any(char::is_whitespace))
}

/// The agent's reply: Enter sends, Shift+Enter starts a new line; over the app's hub
/// connection while it is connected, else over REST. Typing is announced on the hub
/// (TypingStart, then TypingStop when idle or sent). With "Note" on, it is a private note for
/// the team (sent over REST). A leading `/` offers the canned responses whose shortcut starts
/// with what follows: ↑/↓ choose, Enter, Tab or a click puts one in with its variables filled.
#[component]
pub fn ReplyBox(
    conversation_id: String,
    #[prop(into)] closed: Signal<bool>,
    /// The name the visitor gave, for `{{visitor.name}}`.
    #[prop(into)]
    visitor_name: Signal<Option<String>>,
    on_sent: Callback<Message>,
) -> impl IntoView {
    let api = use_api();
    let feed = use_feed();
    let text = RwSignal::new(String::new());
    let note = RwSignal::new(false);
    let canned_responses = RwSignal::new(Vec::<CannedResponse>::new());
    let highlighted = RwSignal::new(0usize);
    spawn_local(async move {
        if let Ok(list) = api.canned_responses().await {
            canned_responses.try_set(list);
        }
    });
    let offered = Signal::derive(move || {
        text.with(|t| {
            canned_filter(t).map(|typed| {
                canned_responses.with(|all| {
                    canned::matching(all, typed)
                        .into_iter()
                        .cloned()
                        .collect::<Vec<_>>()
                })
            })
        })
    });
    let offered_list = Signal::derive(move || offered.get().unwrap_or_default());
    let pick = Callback::new(move |response: CannedResponse| {
        let agent_name = api.user().map(|u| u.name).unwrap_or_default();
        let visitor_name = visitor_name.get_untracked();
        let variables = Variables {
            visitor_name: visitor_name.as_deref(),
            agent_name: &agent_name,
        };
        text.set(canned::fill(&response.content, &variables));
    });
    let sending = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    // Kept across a failed send so the retry is idempotent; a new text gets a new id.
    let pending_id = StoredValue::new(None::<String>);
    let typing = StoredValue::new(false);
    let idle_timer = StoredValue::new_local(None::<TimeoutHandle>);

    let typing_in = StoredValue::new(conversation_id.clone());
    let attach_to = conversation_id.clone();
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
        highlighted.set(0);
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
            client_message_id: Some(id),
            private: note.get_untracked(),
            ..SendMessageRequest::text(content)
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
            // Notes go over REST: the hub's answer is read as the widget reads messages.
            let live = feed.hub().filter(|_| !request.private);
            let result = match live {
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
            let offered = offered_list.get_untracked();
            if !offered.is_empty() && !ev.is_composing() {
                let last = offered.len() - 1;
                match ev.key().as_str() {
                    "ArrowDown" => highlighted.update(|at| *at = (*at + 1).min(last)),
                    "ArrowUp" => highlighted.update(|at| *at = at.saturating_sub(1)),
                    "Enter" | "Tab" => {
                        let at = highlighted.get_untracked().min(last);
                        pick.run(offered[at].clone());
                    }
                    _ => return,
                }
                ev.prevent_default();
                return;
            }
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
            {move || {
                offered
                    .get()
                    .is_some()
                    .then(|| view! { <CannedPicker matches=offered_list highlighted on_pick=pick /> })
            }}
            <textarea
                id="reply"
                aria-label="Reply"
                rows="3"
                class:note=note
                placeholder=move || {
                    if note.get() {
                        "A private note: only your team sees it"
                    } else if closed.get() {
                        "This conversation is closed; reopen it to reply."
                    } else {
                        "Type a reply (/ for canned responses) — Enter sends, Shift+Enter adds a line"
                    }
                }
                disabled=move || closed.get() && !note.get()
                prop:value=text
                on:input=on_input
                on:keydown=on_keydown
            ></textarea>
            <AttachButton conversation_id=attach_to disabled=closed on_sent />
            <label class="note-toggle">
                <input type="checkbox" id="note-toggle" prop:checked=note on:change=move |ev| note.set(event_target_checked(&ev)) />
                " Note"
            </label>
            <button
                type="submit"
                id="send-reply"
                class="primary"
                disabled=move || (closed.get() && !note.get()) || sending.get()
            >
                {move || match (sending.get(), note.get()) {
                    (true, _) => "Sending…",
                    (false, true) => "Add note",
                    (false, false) => "Send",
                }}
            </button>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn a_leading_slash_word_asks_for_canned_responses() {
        assert_eq!(canned_filter("/"), Some(""));
        assert_eq!(canned_filter("/gre"), Some("gre"));
        assert_eq!(
            canned_filter("/greet you"),
            None,
            "a space ends the shortcut"
        );
        assert_eq!(canned_filter("hi /greet"), None);
    }
}
