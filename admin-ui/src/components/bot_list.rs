use crate::api::{explain, perform, use_api};
use crate::route::{href, navigate};
use leptos::prelude::*;
use leptos::task::spawn_local;
use parley_shared_types::bot::{Bot, BotInput, BotStatus};
use parley_shared_types::validate::describe;

/// The workspace's bots with their status, a two-step delete on each, and a form that creates
/// one and opens it.
#[component]
pub fn BotList() -> impl IntoView {
    let api = use_api();
    let bots = RwSignal::new(None::<Result<Vec<Bot>, String>>);
    let reload = RwSignal::new(0u32);
    let name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let confirming = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        reload.track();
        spawn_local(async move {
            let result = api.bots().await.map_err(|e| explain(&e));
            bots.try_set(Some(result));
        });
    });

    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = BotInput {
            name: Some(name.get_untracked().trim().to_owned()),
            ..BotInput::default()
        };
        if let Err(errors) = input.validate(true) {
            error.set(Some(describe(&errors)));
            return;
        }
        let call = async move { api.create_bot(&input).await };
        perform(busy, error, call, |bot| {
            navigate(&href("bots", Some(&bot.id)))
        });
    };
    let remove = move |id: String| {
        if confirming.get_untracked().as_deref() != Some(id.as_str()) {
            confirming.set(Some(id));
            return;
        }
        let call = async move { api.delete_bot(&id).await };
        perform(busy, error, call, move |()| {
            confirming.set(None);
            reload.update(|n| *n += 1);
        });
    };

    let rows = move || {
        match bots.get() {
        None => view! { <p aria-busy="true">"Loading bots…"</p> }.into_any(),
        Some(Err(e)) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
        Some(Ok(list)) if list.is_empty() => view! {
            <p class="empty-state">"No bots yet. Create one, teach it your FAQ, and point a widget at it."</p>
        }
        .into_any(),
        Some(Ok(list)) => view! {
            <ul class="widget-list" id="bot-list">
                {list
                    .into_iter()
                    .map(|bot| {
                        let id = bot.id.clone();
                        let status = match bot.status {
                            BotStatus::Active => "Answering",
                            BotStatus::Error => "Failing: conversations go to people",
                        };
                        view! {
                            <li class="bot-row">
                                <a href=href("bots", Some(&bot.id)) class="widget-row">
                                    <span class="widget-name">{bot.name.clone()}</span>
                                    <span class="muted">{status}</span>
                                    {bot.last_error.clone().map(|e| view! { <span class="error">{e}</span> })}
                                </a>
                                <button type="button" class="danger delete-bot" disabled=busy on:click=move |_| remove(id.clone())>
                                    {let id = bot.id.clone();
                                    move || if confirming.get().as_deref() == Some(id.as_str()) { "Confirm delete" } else { "Delete" }}
                                </button>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any(),
    }
    };
    view! {
        <section class="page">
            <div class="page-head">
                <h2>"Bots"</h2>
            </div>
            {rows}
            <form id="new-bot" class="inline-form" on:submit=create aria-labelledby="new-bot-title">
                <h3 id="new-bot-title">"New bot"</h3>
                <label>"Name" <input id="bot-name" required bind:value=name /></label>
                <button type="submit" class="primary" id="create-bot" disabled=busy>"Create bot"</button>
                {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            </form>
        </section>
    }
}
