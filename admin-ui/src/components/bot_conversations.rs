use crate::api::{explain, use_api};
use crate::components::conversation_link::ConversationLink;
use leptos::prelude::*;

/// How many of the bot's newest conversations the bot screen shows.
const SHOWN: u32 = 10;

/// The bot's newest conversations as links into the inbox, and how many it has in all.
#[component]
pub fn BotConversations(bot_id: String) -> impl IntoView {
    let api = use_api();
    let bot_id = StoredValue::new(bot_id);
    let page = LocalResource::new(move || async move {
        api.bot_conversations(&bot_id.get_value(), SHOWN)
            .await
            .map_err(|e| explain(&e))
    });
    let list = move || {
        page.get().map(|loaded| match loaded {
            Err(e) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
            Ok(page) if page.data.is_empty() => {
                view! { <p class="empty-state">"No conversations yet."</p> }.into_any()
            }
            Ok(page) => view! {
                <p class="hint">{format!("The newest {} of {}.", page.data.len(), page.total)}</p>
                <ul class="contact-conversations" id="bot-conversations">
                    {page
                        .data
                        .into_iter()
                        .map(|c| view! { <ConversationLink c current=None /> })
                        .collect_view()}
                </ul>
            }
            .into_any(),
        })
    };
    view! {
        <section class="bot-conversations" aria-label="Conversations of this bot">
            <h3>"Conversations"</h3>
            {list}
        </section>
    }
}
