use crate::chat::Chat;
use leptos::prelude::*;
use parley_shared_types::pre_chat::{Ask, PreChat};
use parley_shared_types::widget_text::WidgetText;

/// What the widget asks before the visitor's first message: a name, an email address, a
/// consent checkbox, each as the widget's settings say. The browser checks what is required
/// (and that an email looks like one) before the form is sent. One field view serves all
/// three: each view type costs the widget its own code.
#[component]
pub fn PreChatForm(chat: Chat, form: PreChat) -> impl IntoView {
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
                chat.introduce(name.get_untracked(), email.get_untracked(), consented);
            }
        >
            <p>{chat.text(WidgetText::PreChatIntro)}</p>
            {field(chat.text(WidgetText::Name), form.name, "text", name)}
            {field(chat.text(WidgetText::Email), form.email, "email", email)}
            {field(form.consent_text, form.consent, "checkbox", consent)}
            <button type="submit" class="parley-button">{chat.text(WidgetText::StartChat)}</button>
        </form>
    }
}
