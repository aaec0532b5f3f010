use crate::api::{explain, use_api};
use crate::components::channel_form::ChannelForm;
use crate::components::channel_table::ChannelTable;
use crate::components::loader::Loader;
use crate::components::secret_once::SecretOnce;
use leptos::prelude::*;
use parley_shared_types::channel::Channel;

/// The messaging platforms this bot answers on: the list with each channel's status (and why
/// it disconnected), the form to connect one, and a new webhook channel's secret while shown.
#[component]
pub fn ChannelsSection(bot_id: String) -> impl IntoView {
    let api = use_api();
    let listed = bot_id.clone();
    let channels = LocalResource::new(move || {
        let bot_id = listed.clone();
        async move { api.channels(&bot_id).await.map_err(|e| explain(&e)) }
    });
    let new_channel = RwSignal::new(None::<Channel>);
    let added = Callback::new(move |channel: Channel| {
        if channel.secret.is_some() {
            new_channel.set(Some(channel));
        }
        channels.refetch();
    });
    let changed = Callback::new(move |()| channels.refetch());
    let dismissed = Callback::new(move |()| new_channel.set(None));
    let secret = move || {
        new_channel.get().and_then(|channel| {
            let secret = channel.secret?;
            Some(view! {
                <SecretOnce id="channel-secret" of=format!("the channel {}", channel.name) secret dismissed />
            })
        })
    };
    view! {
        <section class="bot-card" aria-labelledby="channels-heading">
            <h3 id="channels-heading">"Channels"</h3>
            <p class="muted">
                "Conversations from messaging platforms: the bot answers them like the widget's, "
                "they show in the inbox, and your replies go back to the platform."
            </p>
            <Loader resource=channels what="the channels" show=move |channels| view! { <ChannelTable channels changed /> } />
            {secret}
            <ChannelForm bot_id added />
        </section>
    }
}
