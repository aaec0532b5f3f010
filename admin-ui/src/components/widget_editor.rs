use crate::api::{explain, use_api};
use crate::components::business_hours_editor::BusinessHoursEditor;
use crate::components::embed_code::EmbedCode;
use crate::components::identity_verification::IdentityVerification;
use crate::components::pre_chat_editor::PreChatEditor;
use crate::components::widget_preview::WidgetPreview;
use crate::components::widget_texts_editor::WidgetTextsEditor;
use crate::route::{href, navigate};
use leptos::prelude::*;
use leptos::task::spawn_local;
use parley_shared_types::bot::Bot;
use parley_shared_types::business_hours::BusinessHours;
use parley_shared_types::pre_chat::PreChat;
use parley_shared_types::validate::describe;
use parley_shared_types::widget::{
    DEFAULT_FOLLOW_UP_AFTER_SECONDS, DEFAULT_OFFLINE_MESSAGE, DEFAULT_THEME_COLOR,
    DEFAULT_WELCOME_MESSAGE, Widget, WidgetInput,
};
use std::collections::BTreeMap;

/// Every widget setting, with a live preview beside the form and, once saved, the embed code.
#[component]
pub fn WidgetEditor(widget_id: Option<String>) -> impl IntoView {
    let api = use_api();
    let creating = widget_id.is_none();
    let saved = RwSignal::new(None::<Widget>);
    let name = RwSignal::new(String::new());
    let title = RwSignal::new(String::new());
    let reopen_on_reply = RwSignal::new(true);
    let welcome = RwSignal::new(DEFAULT_WELCOME_MESSAGE.to_owned());
    let ai_enabled = RwSignal::new(false);
    let bot_id = RwSignal::new(String::new());
    let bots = RwSignal::new(Vec::<Bot>::new());
    let color = RwSignal::new(DEFAULT_THEME_COLOR.to_owned());
    let auto_assign = RwSignal::new(true);
    let offline = RwSignal::new(DEFAULT_OFFLINE_MESSAGE.to_owned());
    let origins = RwSignal::new(String::new());
    let hours = RwSignal::new(BusinessHours::default());
    let texts = RwSignal::new(BTreeMap::<String, String>::new());
    let pre_chat = RwSignal::new(PreChat::default());
    let follow_up_after = RwSignal::new(minutes_text(DEFAULT_FOLLOW_UP_AFTER_SECONDS));
    let error = RwSignal::new(None::<String>);
    let note = RwSignal::new(None::<&'static str>);
    let busy = RwSignal::new(widget_id.is_some());

    let fill = move |w: &Widget| {
        name.set(w.name.clone());
        title.set(w.title.clone());
        reopen_on_reply.set(w.reopen_on_reply);
        welcome.set(w.welcome_message.clone());
        ai_enabled.set(w.ai_enabled);
        bot_id.set(w.bot_id.clone().unwrap_or_default());
        color.set(w.theme_color.clone());
        auto_assign.set(w.auto_assign);
        offline.set(w.offline_message.clone());
        origins.set(w.allowed_origins.join("\n"));
        hours.set(w.business_hours.clone());
        texts.set(w.texts.clone());
        pre_chat.set(w.pre_chat.clone());
        follow_up_after.set(minutes_text(w.follow_up_after_seconds));
    };
    spawn_local(async move {
        if let Ok(list) = api.bots().await {
            bots.try_set(list);
        }
    });
    if let Some(id) = widget_id.clone() {
        spawn_local(async move {
            let result = api.widget(&id).await;
            if busy.is_disposed() {
                return;
            }
            busy.set(false);
            match result {
                Ok(w) => {
                    fill(&w);
                    saved.set(Some(w));
                }
                Err(e) => error.set(Some(explain(&e))),
            }
        });
    }

    // While the widget's bot answers, its welcome is the first thing visitors read.
    let greeting = Signal::derive(move || {
        let bot_welcome = ai_enabled
            .get()
            .then(|| {
                bots.with(|list| {
                    list.iter()
                        .find(|b| b.id == bot_id.get())
                        .map(|b| b.settings.welcome_message.trim().to_owned())
                })
            })
            .flatten()
            .filter(|text| !text.is_empty());
        bot_welcome.unwrap_or_else(|| welcome.get())
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(follow_up_after_seconds) = seconds_of(&follow_up_after.get_untracked()) else {
            error.set(Some(
                "The wait before offering replies by email is a number of minutes.".into(),
            ));
            return;
        };
        let input = WidgetInput {
            name: Some(name.get_untracked().trim().to_owned()),
            welcome_message: Some(welcome.get_untracked().trim().to_owned()),
            ai_enabled: Some(ai_enabled.get_untracked()),
            theme_color: Some(color.get_untracked().trim().to_owned()),
            auto_assign: Some(auto_assign.get_untracked()),
            offline_message: Some(offline.get_untracked().trim().to_owned()),
            allowed_origins: Some(
                origins
                    .get_untracked()
                    .lines()
                    .map(str::trim)
                    .filter(|o| !o.is_empty())
                    .map(str::to_owned)
                    .collect(),
            ),
            bot_id: Some(bot_id.get_untracked()).filter(|id| !id.is_empty()),
            title: Some(title.get_untracked().trim().to_owned()),
            reopen_on_reply: Some(reopen_on_reply.get_untracked()),
            business_hours: Some(hours.get_untracked()),
            texts: Some(texts.get_untracked()),
            pre_chat: Some(pre_chat.get_untracked()),
            follow_up_after_seconds: Some(follow_up_after_seconds),
        };
        if let Err(errors) = input.validate(creating) {
            error.set(Some(describe(&errors)));
            return;
        }
        busy.set(true);
        error.set(None);
        note.set(None);
        let existing = saved.get_untracked().map(|w| w.id);
        spawn_local(async move {
            let result = match &existing {
                Some(id) => api.update_widget(id, &input).await,
                None => api.create_widget(&input).await,
            };
            if busy.is_disposed() {
                return;
            }
            busy.set(false);
            match result {
                Ok(w) if existing.is_none() => navigate(&href("widgets", Some(&w.id))),
                Ok(w) => {
                    fill(&w);
                    saved.set(Some(w));
                    note.set(Some("Saved. Sites pick up the change on their next load."));
                }
                Err(e) => error.set(Some(explain(&e))),
            }
        });
    };

    view! {
        <section class="page">
            <div class="page-head">
                <h2>{if creating { "New widget" } else { "Edit widget" }}</h2>
                <a href=href("widgets", None)>"All widgets"</a>
            </div>
            <div class="widget-editor">
                <form id="widget-form" class="stacked" on:submit=submit>
                    <label>"Name (for your team)" <input id="widget-name" required bind:value=name /></label>
                    <label>
                        "Title visitors see (empty shows “Chat”)"
                        <input id="widget-title" bind:value=title />
                    </label>
                    <label>
                        "Welcome message"
                        <textarea id="widget-welcome" rows="2" bind:value=welcome></textarea>
                    </label>
                    <label>
                        "Offline message"
                        <textarea id="widget-offline" rows="2" bind:value=offline></textarea>
                    </label>
                    <div class="color-row">
                        <label>
                            "Theme colour"
                            <input id="widget-color" bind:value=color pattern="#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?" />
                        </label>
                        <input
                            type="color"
                            aria-label="Pick a theme colour"
                            prop:value=move || { let c = color.get(); if c.len() == 7 { c } else { "#000000".into() } }
                            on:input=move |ev| color.set(event_target_value(&ev))
                        />
                    </div>
                    <label class="check">
                        <input id="widget-ai" type="checkbox" bind:checked=ai_enabled />
                        "A bot answers first, until a person takes over"
                    </label>
                    <Show when=move || ai_enabled.get()>
                        <label>
                            "Bot that answers"
                            <select id="widget-bot" on:change=move |ev| bot_id.set(event_target_value(&ev))>
                                <option value="" selected=move || bot_id.with(String::is_empty)>"Choose a bot…"</option>
                                {move || {
                                    bots.get()
                                        .into_iter()
                                        .map(|b| {
                                            let chosen = b.id == bot_id.get_untracked();
                                            view! { <option value=b.id.clone() selected=chosen>{b.name.clone()}</option> }
                                        })
                                        .collect_view()
                                }}
                            </select>
                        </label>
                    </Show>
                    <label class="check">
                        <input id="widget-reopen" type="checkbox" bind:checked=reopen_on_reply />
                        "A visitor's reply reopens a closed conversation (else it starts a new one linked to it)"
                    </label>
                    <label class="check">
                        <input id="widget-auto-assign" type="checkbox" bind:checked=auto_assign />
                        "Assign new conversations to the least busy online agent"
                    </label>
                    <BusinessHoursEditor hours />
                    <PreChatEditor form=pre_chat />
                    <label>
                        "Offer replies by email after a visitor waits this many minutes for an answer (0: only while nobody is online)"
                        <input id="widget-follow-up-after" type="number" min="0" max="1440" step="any" bind:value=follow_up_after />
                    </label>
                    <WidgetTextsEditor texts />
                    <label>
                        "Allowed origins (one per line, e.g. https://shop.example.com; empty allows any site)"
                        <textarea id="widget-origins" rows="3" bind:value=origins></textarea>
                    </label>
                    {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
                    {move || note.get().map(|n| view! { <p class="ok" role="status">{n}</p> })}
                    <button type="submit" id="save-widget" class="primary" disabled=busy>
                        {move || match (busy.get(), creating) {
                            (true, _) => "Saving…",
                            (false, true) => "Create widget",
                            (false, false) => "Save changes",
                        }}
                    </button>
                </form>
                <div class="widget-side">
                    <WidgetPreview title greeting offline color />
                    {move || saved.get().map(|w| view! { <EmbedCode code=w.embed_code.clone() /> })}
                    {move || saved.get().map(|w| view! {
                        <IdentityVerification widget_id=w.id.clone() on=w.identity_verification />
                    })}
                </div>
            </div>
        </section>
    }
}

/// Seconds as the minutes the form shows: `300` → `5`, `90` → `1.5`.
fn minutes_text(seconds: u32) -> String {
    (f64::from(seconds) / 60.0).to_string()
}

/// The form's minutes as whole seconds; none for text that is not a number of minutes.
fn seconds_of(minutes: &str) -> Option<u32> {
    let minutes: f64 = minutes.trim().parse().ok()?;
    let seconds = (minutes * 60.0).round();
    (seconds.is_finite() && (0.0..=f64::from(u32::MAX)).contains(&seconds))
        .then_some(seconds as u32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test(unsupported = test)]
    fn the_follow_up_wait_reads_in_minutes_and_saves_in_seconds() {
        assert_eq!(minutes_text(300), "5");
        assert_eq!(minutes_text(90), "1.5");
        assert_eq!(seconds_of("5"), Some(300));
        assert_eq!(seconds_of(" 0.05 "), Some(3));
        assert_eq!(seconds_of(&minutes_text(7)), Some(7));
        assert_eq!(seconds_of("0"), Some(0));
        assert_eq!(seconds_of("-1"), None);
        assert_eq!(seconds_of("soon"), None);
    }
}
