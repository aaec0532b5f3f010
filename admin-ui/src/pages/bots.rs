use crate::components::bot_editor::BotEditor;
use crate::components::bot_list::BotList;
use crate::route::use_router;
use leptos::prelude::*;

pub fn render() -> AnyView {
    view! { <BotsPage /> }.into_any()
}

/// `#/bots` lists and creates bots; `#/bots/<id>` edits one: settings, knowledge, integrations.
#[component]
pub fn BotsPage() -> impl IntoView {
    let rest = use_router().rest();
    move || match rest.get() {
        None => view! { <BotList /> }.into_any(),
        Some(id) => view! { <BotEditor id /> }.into_any(),
    }
}
