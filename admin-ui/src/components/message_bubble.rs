use crate::history::short_time;
use leptos::prelude::*;
use parley_shared_types::message::{Message, SenderType};

/// One message, its text as text (never markup), when it was sent, where a bot's answer came
/// from and, for the agents' side, whether the visitor has read it.
#[component]
pub fn MessageBubble(message: Message) -> impl IntoView {
    let from = message.sender_type.as_str();
    let who = match message.sender_type {
        SenderType::Visitor => "Visitor",
        SenderType::Agent => "Agent",
        SenderType::Ai => "Bot",
    };
    let seen = (message.sender_type != SenderType::Visitor && message.is_read).then_some("· Seen");
    let sources = (!message.sources.is_empty()).then(|| {
        let titles: Vec<&str> = message.sources.iter().map(|s| s.title.as_str()).collect();
        view! { <span class="message-sources">"Sources: " {titles.join(", ")}</span> }
    });
    view! {
        <div class=format!("message from-{from}") data-seq=message.seq>
            <p class="message-text">{message.content}</p>
            <span class="message-meta">
                {who} " · " {short_time(&message.created_at)} " " {seen}
            </span>
            {sources}
        </div>
    }
}
