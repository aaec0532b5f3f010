use crate::chat::Chat;
use crate::components::attachment_view::AttachmentView;
use crate::components::source_list::SourceList;
use leptos::prelude::*;
use parley_shared_types::message::{Message, SenderType};
use parley_shared_types::widget_text::WidgetText;
use parley_web_client::message_text::MessageText;
use wasm_bindgen::JsValue;

/// One message: who wrote it and when, its text (see [`MessageText`]), its files, a bot's
/// sources, and whether the agent has seen the visitor's message. A bot's answer
/// still being written shows as it grows.
#[component]
pub fn MessageBubble(message: Message, chat: Chat) -> impl IntoView {
    let mine = message.sender_type == SenderType::Visitor;
    let sender = match message.sender_type {
        SenderType::Visitor => chat.text(WidgetText::You),
        SenderType::Ai => chat.text(WidgetText::Assistant),
        SenderType::Agent => chat
            .agent
            .get_untracked()
            .filter(|(id, _)| *id == message.sender_id)
            .map_or_else(|| chat.text(WidgetText::Agent), |(_, name)| name),
    };
    let time = clock_time(&message.created_at, &chat.locale());
    let sources = (!message.sources.is_empty()).then_some(message.sources);
    let sources = sources
        .map(|sources| view! { <SourceList sources label=chat.text(WidgetText::Sources) /> });
    let conversation_id = message.conversation_id.clone();
    let files = message
        .attachments
        .into_iter()
        .map(|attachment| view! { <AttachmentView attachment conversation_id=conversation_id.clone() chat /> })
        .collect_view();
    let text = (!message.content.is_empty())
        .then(|| view! { <MessageText text=message.content markdown=!mine class="parley-bubble parley-text" /> });
    let streaming = chat.timeline.with_untracked(|t| t.is_draft(&message.id));
    let class = match (mine, streaming) {
        (true, _) => "parley-message parley-mine",
        (false, false) => "parley-message parley-theirs",
        (false, true) => "parley-message parley-theirs parley-streaming",
    };
    view! {
        <article class=class data-seq=message.seq aria-busy=streaming.then_some("true")>
            <p class="parley-meta">
                <span class="parley-sender">{sender}</span>
                {(message.sender_type == SenderType::Ai).then(|| view! { <span class="parley-badge">{chat.text(WidgetText::Ai)}</span> })}
                <time datetime=message.created_at.clone()>{time}</time>
            </p>
            {text}
            {files}
            {sources}
            {(mine && message.is_read).then(|| view! { <p class="parley-seen">{chat.text(WidgetText::Seen)}</p> })}
        </article>
    }
}

/// `HH:MM` in the visitor's time zone, as their locale writes it.
fn clock_time(rfc3339: &str, locale: &str) -> String {
    let date = js_sys::Date::new(&JsValue::from_str(rfc3339));
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"hour".into(), &"2-digit".into());
    let _ = js_sys::Reflect::set(&options, &"minute".into(), &"2-digit".into());
    String::from(date.to_locale_time_string_with_options(locale, &options))
}
