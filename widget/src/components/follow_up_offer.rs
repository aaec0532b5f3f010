use crate::chat::Chat;
use crate::components::pre_chat_form::PreChatForm;
use leptos::prelude::*;
use parley_shared_types::pre_chat::{Ask, PreChat};
use parley_shared_types::widget_text::WidgetText;

/// While nobody answers live: an email address for the team's replies (with the widget's
/// consent text, if it has one, to tick), or no thanks.
#[component]
pub fn FollowUpOffer(chat: Chat) -> impl IntoView {
    let consent_text = chat
        .config()
        .map(|c| c.pre_chat.consent_text)
        .unwrap_or_default();
    let form = PreChat {
        enabled: true,
        email: Ask::Required,
        consent: if consent_text.trim().is_empty() {
            Ask::Off
        } else {
            Ask::Required
        },
        consent_text,
        ..PreChat::default()
    };
    view! {
        <div class="parley-follow-up">
            <PreChatForm
                chat
                form
                intro=chat.text(WidgetText::FollowUpOffer)
                submit=chat.text(WidgetText::FollowUpSend)
                on_submit=Callback::new(move |(_, email, consent)| chat.ask_follow_up(email, consent))
            />
            <button type="button" class="parley-link-button" on:click=move |_| chat.answer_follow_up(String::new())>
                {chat.text(WidgetText::NoThanks)}
            </button>
        </div>
    }
}
