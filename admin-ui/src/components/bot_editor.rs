use crate::api::{explain, use_api};
use crate::components::bot_conversations::BotConversations;
use crate::components::bot_settings::BotSettingsForm;
use crate::components::bot_try::BotTry;
use crate::components::channels_section::ChannelsSection;
use crate::components::integration_list::IntegrationList;
use crate::components::knowledge_list::KnowledgeList;
use crate::route::href;
use leptos::prelude::*;
use leptos::task::spawn_local;
use parley_shared_types::bot::{Bot, Integration};

/// One bot: its settings, what it knows (and a box to try it), the AI backends it may
/// answer with, the platforms it answers on, and its newest conversations.
#[component]
pub fn BotEditor(id: String) -> impl IntoView {
    let api = use_api();
    let bot = RwSignal::new(None::<Result<Bot, String>>);
    let integrations = RwSignal::new(Vec::<Integration>::new());
    {
        let id = id.clone();
        spawn_local(async move {
            let found = api.bot(&id).await.map_err(|e| explain(&e));
            if bot.try_set(Some(found)).is_some() {
                return;
            }
            if let Ok(list) = api.integrations(&id).await {
                integrations.try_set(list);
            }
        });
    }
    let body = move || match bot.get() {
        None => view! { <p aria-busy="true">"Loading the bot…"</p> }.into_any(),
        Some(Err(e)) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
        Some(Ok(found)) => {
            let bot_id = found.id.clone();
            let sources = found.knowledge_sources.clone().unwrap_or_default();
            view! {
                <BotSettingsForm bot=found integrations />
                <KnowledgeList bot_id=bot_id.clone() sources />
                <BotTry bot_id=bot_id.clone() />
                <IntegrationList bot_id=bot_id.clone() integrations />
                <ChannelsSection bot_id=bot_id.clone() />
                <BotConversations bot_id />
            }
            .into_any()
        }
    };
    view! {
        <section class="page bot-editor">
            <div class="page-head">
                <h2>{move || bot.with(|b| match b { Some(Ok(b)) => b.name.clone(), _ => "Bot".into() })}</h2>
                <a href=href("bots", None)>"All bots"</a>
            </div>
            {body}
        </section>
    }
}
