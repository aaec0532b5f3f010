use crate::api::{explain, use_api};
use crate::components::conversation_link::ConversationLink;
use crate::route::href;
use leptos::prelude::*;

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
