use crate::history::short_time;
use crate::route::href;
use leptos::prelude::*;
use parley_shared_types::conversation::Conversation;

/// A conversation as a link into the inbox: when it started, its status and its last
/// message; `current` (the one on screen) is marked.
#[component]
pub fn ConversationLink(c: Conversation, current: Option<String>) -> impl IntoView {
    let is_current = current.as_deref() == Some(c.id.as_str());
    let preview = c
        .last_message
        .clone()
        .unwrap_or_else(|| "No messages".into());
    view! {
        <li>
            <a
                href=href("inbox", Some(&c.id))
                data-conversation-id=c.id.clone()
                aria-current=is_current.then_some("true")
            >
                <span class="item-time">{short_time(&c.started_at)}</span>
                " · "
                <span class=format!("status-badge status-{}", c.status.as_str())>{c.status.as_str()}</span>
                <span class="item-preview">{preview}</span>
            </a>
        </li>
    }
}
