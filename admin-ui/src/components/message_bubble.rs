use crate::components::attachment_link::AttachmentLink;
use crate::history::short_time;
use leptos::prelude::*;
use parley_shared_types::auth::TeamMember;
use parley_shared_types::message::{Message, SenderType};
use parley_web_client::message_text::MessageText;

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
    // The visitor's words as they wrote them; the team's and the bot's in the markdown they
    // are written in, as the visitor sees them.
    let markdown = message.sender_type != SenderType::Visitor;
    let text = (!message.content.is_empty())
        .then(|| view! { <MessageText text=message.content markdown class="message-text" /> });
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

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    fn message(sender_type: &str, content: &str) -> Message {
        serde_json::from_value(serde_json::json!({
            "id": "m", "conversationId": "c", "seq": 1, "content": content,
            "senderType": sender_type, "senderId": "s", "isRead": false,
            "createdAt": "2026-12-07T10:32:00Z"
        }))
        .unwrap()
    }

    #[wasm_bindgen_test]
    fn the_teams_markdown_is_drawn_and_the_visitors_words_stay_as_written() {
        let container = crate::test_page::container();
        let agent = message(
            "agent",
            "**Refunds** take 5 days: https://acme.example/refunds",
        );
        let visitor = message("visitor", "**not bold** <b>nor this</b>");
        leptos::mount::mount_to(container.clone(), move || {
            view! {
                <MessageBubble message=agent who="Alex".into() />
                <MessageBubble message=visitor who="Visitor".into() />
            }
        })
        .forget();
        let find = |selector: &str| container.query_selector(selector).unwrap();
        let bold = find(".from-agent .message-text .parley-b").unwrap();
        assert_eq!(bold.text_content().unwrap(), "Refunds");
        let link = find(".from-agent .message-text a").unwrap();
        assert_eq!(
            link.get_attribute("href").unwrap(),
            "https://acme.example/refunds"
        );
        let said = find(".from-visitor .message-text").unwrap();
        assert_eq!(said.text_content().unwrap(), "**not bold** <b>nor this</b>");
        assert!(find(".from-visitor b, .from-visitor .parley-b").is_none());
    }
}
