use crate::components::attachment_link::AttachmentLink;
use crate::history::short_time;
use leptos::prelude::*;
use parley_shared_types::auth::TeamMember;
use parley_shared_types::message::{Message, SenderType};

/// Who wrote a message: the visitor, the bot, or the teammate by name ("A teammate" for one
/// who has left the team).
pub fn sender_name(team: &[TeamMember], message: &Message) -> String {
    match message.sender_type {
        SenderType::Visitor => "Visitor".into(),
        SenderType::Ai => "Bot".into(),
        SenderType::Agent => team
            .iter()
            .find(|m| m.user.id == message.sender_id)
            .map_or_else(|| "A teammate".into(), |m| m.user.name.clone()),
    }
}

/// One message, who wrote it, its text as text (never markup), its files, when it was sent, where a
/// bot's answer came from and, for the agents' side, whether the visitor has read it. A
/// private note is set apart: the visitor never sees it.
#[component]
pub fn MessageBubble(message: Message, who: String) -> impl IntoView {
    let from = message.sender_type.as_str();
    let badge = (message.sender_type == SenderType::Ai)
        .then(|| view! { <span class="message-badge">"Bot"</span> });
    let note = message
        .private
        .then(|| view! { <span class="note-badge">"Private note"</span> });
    let seen = (message.sender_type != SenderType::Visitor && message.is_read).then_some("· Seen");
    let sources = (!message.sources.is_empty()).then(|| {
        let titles: Vec<&str> = message.sources.iter().map(|s| s.title.as_str()).collect();
        view! { <span class="message-sources">"Sources: " {titles.join(", ")}</span> }
    });
    let conversation_id = message.conversation_id.clone();
    let files = message
        .attachments
        .into_iter()
        .map(|attachment| view! { <AttachmentLink attachment conversation_id=conversation_id.clone() /> })
        .collect_view();
    let text = (!message.content.is_empty())
        .then(|| view! { <p class="message-text">{message.content}</p> });
    view! {
        <div class=format!("message from-{from}") class:note=message.private data-seq=message.seq>
            {text}
            {files}
            <span class="message-meta">
                {note} {badge} <span class="message-sender">{who}</span> " · " {short_time(&message.created_at)} " " {seen}
            </span>
            {sources}
        </div>
    }
}
