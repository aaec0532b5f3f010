use leptos::prelude::*;
use web_sys::{ClipboardEvent, File, HtmlInputElement};

/// The most lines the message box grows to before it scrolls.
const MAX_ROWS: usize = 5;

/// A message box: Enter sends, Shift+Enter starts a new line. Used for messages and for a
/// rating's comment alike, so the widget carries the code of one box, not two. With
/// `on_file`, a paper clip chooses a file and a pasted image or file is taken too.
#[component]
pub fn Composer(
    /// What the empty box says, its name for screen readers, and the send button's.
    placeholder: String,
    label: String,
    send_label: String,
    /// Gets the text, trimmed and not empty; the box empties.
    on_send: Callback<String>,
    /// Each key typed.
    on_typed: Callback<()>,
    /// Gets a file the visitor chose or pasted; the paper clip's label.
    #[prop(optional)]
    on_file: Option<(Callback<File>, String)>,
) -> impl IntoView {
    let (text, set_text) = signal(String::new());
    let takes_pasted = on_file.as_ref().map(|(on_file, _)| *on_file);
    let send = move || {
        let written = text.get_untracked().trim().to_owned();
        if !written.is_empty() {
            on_send.run(written);
        }
        set_text.set(String::new());
    };
    let on_input = move |ev| {
        set_text.set(event_target_value(&ev));
        on_typed.run(());
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
                placeholder=placeholder
                aria-label=label
                prop:value=text
                on:input=on_input
                on:paste=move |ev: ClipboardEvent| {
                    let pasted = ev.clipboard_data().and_then(|data| data.files()).and_then(|files| files.get(0));
                    if let (Some(file), Some(on_file)) = (pasted, takes_pasted) {
                        ev.prevent_default();
                        on_file.run(file);
                    }
                }
                on:keydown=move |ev| {
                    if ev.key() == "Enter" && !ev.shift_key() && !ev.is_composing() {
                        ev.prevent_default();
                        send();
                    }
                }
            ></textarea>
            {on_file.map(|(on_file, attach_label)| {
                let tooltip = attach_label.clone();
                view! {
                <label class="parley-attach" title=tooltip>
                    <input
                        type="file"
                        aria-label=attach_label
                        accept="image/*,.pdf,.docx,.xlsx,.pptx,.txt,.csv"
                        on:change=move |ev| {
                            let input: HtmlInputElement = event_target(&ev);
                            if let Some(file) = input.files().and_then(|files| files.get(0)) {
                                on_file.run(file);
                            }
                            // Choosing the same file again is a change too.
                            input.set_value("");
                        }
                    />
                    <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M16 7l-7 7a2 2 0 003 3l7-7a4 4 0 00-6-6l-7 7a6 6 0 009 9l6-6"/></svg>
                </label>
                }
            })}
            <button type="submit" class="parley-send" aria-label=send_label disabled=move || text.get().trim().is_empty()>
                <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M3 20l18-8L3 4v6l12 2-12 2z"/></svg>
            </button>
        </form>
    }
}
