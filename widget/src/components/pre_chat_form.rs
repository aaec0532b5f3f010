use crate::chat::Chat;
use leptos::prelude::*;
use parley_shared_types::pre_chat::{Ask, PreChat};
use parley_shared_types::widget_text::WidgetText;

/// A few details asked of the visitor: a name, an email address, a consent checkbox, each as
/// `form` says. Before the first message (the pre-chat form), and for replies by email while
/// nobody answers live. The browser checks what is required (and that an email looks like one)
/// before the form is sent. One field view serves all three, and one form both uses: each view
/// type costs the widget its own code.
#[component]
pub fn PreChatForm(
    chat: Chat,
    form: PreChat,
    /// What the form asks, above it.
    intro: String,
    /// Its button.
    submit: String,
    /// Gets the name, the email address and whether consent was given.
    on_submit: Callback<(String, String, bool)>,
) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let consent = RwSignal::new(String::new());
    let field = move |label: String, ask: Ask, kind: &'static str, value: RwSignal<String>| {
        let label = match ask {
            Ask::Optional if kind != "checkbox" => label + " " + &chat.text(WidgetText::Optional),
            _ => label,
        };
        (ask != Ask::Off).then(|| {
            view! {
                <label class=kind>
                    <input
                        class="parley-input"
                        type=kind
                        required=ask == Ask::Required
                        on:input=move |ev| {
                            let checked = event_target_checked(&ev);
                            let text = event_target_value(&ev);
                            value.set(if kind == "checkbox" { if checked { text } else { String::new() } } else { text });
                        }
                    />
                    <span>{label}</span>
                </label>
            }
        })
    };
    view! {
        <form
            class="parley-pre-chat"
            on:submit=move |ev| {
                ev.prevent_default();
                let consented = !consent.get_untracked().is_empty();
                on_submit.run((name.get_untracked(), email.get_untracked(), consented));
            }
        >
            <p>{intro}</p>
            {field(chat.text(WidgetText::Name), form.name, "text", name)}
            {field(chat.text(WidgetText::Email), form.email, "email", email)}
            {field(form.consent_text, form.consent, "checkbox", consent)}
            <button type="submit" class="parley-button">{submit}</button>
        </form>
    }
}
