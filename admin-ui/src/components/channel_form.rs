use crate::api::{perform, use_api};
use crate::components::choice_select::ChoiceSelect;
use leptos::prelude::*;
use parley_shared_types::channel::{Channel, ChannelInput, ChannelKind};
use parley_shared_types::validate::describe;

static KINDS: [(ChannelKind, &str, &str); 2] = [
    (ChannelKind::Telegram, "telegram", "Telegram"),
    (ChannelKind::Webhook, "webhook", "Webhook (any platform)"),
];

/// Connects a platform: a Telegram bot by its token from @BotFather (write-only: sent once,
/// cleared here; Parley registers its webhook with Telegram), or any platform through a
/// signed webhook, given the URL that receives replies.
#[component]
pub fn ChannelForm(bot_id: String, added: Callback<Channel>) -> impl IntoView {
    let api = use_api();
    let kind = RwSignal::new(ChannelKind::Telegram);
    let name = RwSignal::new(String::new());
    let token = RwSignal::new(String::new());
    let url = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let kind = kind.get_untracked();
        let given = |field: RwSignal<String>| {
            Some(field.get_untracked().trim().to_owned()).filter(|v| !v.is_empty())
        };
        let input = ChannelInput {
            kind: Some(kind),
            name: given(name),
            token: given(token).filter(|_| kind == ChannelKind::Telegram),
            url: given(url).filter(|_| kind == ChannelKind::Webhook),
            ..ChannelInput::default()
        };
        if let Err(errors) = input.validate(kind, true) {
            error.set(Some(describe(&errors)));
            return;
        }
        // The token leaves the page with this request only.
        token.set(String::new());
        let bot_id = bot_id.clone();
        let call = async move { api.create_channel(&bot_id, &input).await };
        perform(busy, error, call, move |channel| {
            name.set(String::new());
            url.set(String::new());
            added.run(channel);
        });
    };
    view! {
        <form id="new-channel" class="stacked" on:submit=submit>
            <h4>"Connect a channel"</h4>
            <div class="field-row">
                <label>"Platform" <ChoiceSelect id="channel-kind" choices=&KINDS value=kind /></label>
                <label>"Name" <input id="channel-name" placeholder="e.g. Support on Telegram" bind:value=name /></label>
            </div>
            <Show
                when=move || kind.get() == ChannelKind::Telegram
                fallback=move || view! {
                    <label>
                        "Replies are POSTed to"
                        <input id="channel-url" type="url" placeholder="https://example.com/parley-replies" bind:value=url />
                    </label>
                }
            >
                <label>
                    "Bot token from @BotFather"
                    <input id="channel-token" type="password" autocomplete="off" placeholder="123456789:AA…" bind:value=token />
                </label>
            </Show>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            <button type="submit" id="add-channel" class="primary" disabled=busy>
                {move || if busy.get() { "Connecting…" } else { "Connect channel" }}
            </button>
        </form>
    }
}
