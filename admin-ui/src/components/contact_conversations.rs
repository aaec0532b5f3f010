use crate::api::{explain, use_api};
use crate::history::short_time;
use crate::route::href;
use leptos::prelude::*;
use parley_shared_types::conversation::Conversation;

/// The contact's conversations as links, newest first, the one open (`current`) marked.
#[component]
pub fn ContactConversations(contact_id: String, current: Option<String>) -> impl IntoView {
    let api = use_api();
    let contact_id = StoredValue::new(contact_id);
    let details = LocalResource::new(move || async move {
        api.contact(&contact_id.get_value())
            .await
            .map_err(|e| explain(&e))
    });
    let current = StoredValue::new(current);
    let list = move || {
        details.get().map(|loaded| match loaded {
            Err(e) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
            Ok(details) => view! {
                <ul class="contact-conversations">
                    {details
                        .conversations
                        .into_iter()
                        .map(|c| view! { <ConversationLink c current=current.get_value() /> })
                        .collect_view()}
                </ul>
            }
            .into_any(),
        })
    };
    view! {
        <section class="contact-history" aria-label="Conversations of this contact">
            <h3>
                <a href=href("contacts", Some(&contact_id.get_value()))>"Contact's conversations"</a>
            </h3>
            {list}
        </section>
    }
}

#[component]
fn ConversationLink(c: Conversation, current: Option<String>) -> impl IntoView {
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
