use crate::api::{perform, use_api};
use crate::components::confirm_button::ConfirmButton;
use crate::components::copy_button::CopyButton;
use crate::components::resource_table::ResourceTable;
use crate::components::status_badge::StatusBadge;
use leptos::prelude::*;
use parley_shared_types::channel::{Channel, ChannelKind, ChannelStatus};

/// A bot's channels: name, platform (the Telegram bot's @username, or where replies are
/// POSTed), the URL the platform sends to, the status with the reason it disconnected;
/// deleting one takes a confirmation.
#[component]
pub fn ChannelTable(channels: Vec<Channel>, changed: Callback<()>) -> impl IntoView {
    let api = use_api();
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let empty = channels.is_empty();
    let rows = channels
        .into_iter()
        .map(|channel| {
            let id = channel.id.clone();
            let remove = Callback::new(move |()| {
                let id = id.clone();
                let call = async move { api.delete_channel(&id).await };
                perform(busy, error, call, move |()| changed.run(()));
            });
            let platform = match channel.kind {
                ChannelKind::Telegram => format!(
                    "Telegram · @{}",
                    channel.platform_username.clone().unwrap_or_default()
                ),
                ChannelKind::Webhook => format!(
                    "Webhook · replies to {}",
                    channel.url.clone().unwrap_or_default()
                ),
            };
            let status = match channel.status {
                ChannelStatus::Active => "active",
                ChannelStatus::Disconnected => "disconnected",
            };
            view! {
                <tr data-channel=channel.id.clone()>
                    <td>{channel.name.clone()}</td>
                    <td>{platform}</td>
                    <td class="channel-inbound">
                        <code>{channel.inbound_url.clone()}</code>
                        <CopyButton text=channel.inbound_url.clone() id="copy-inbound-url" label="Copy" what="the URL" />
                    </td>
                    <td class="channel-status"><StatusBadge status error=channel.status_reason.clone() /></td>
                    <td class="row-actions">
                        <ConfirmButton class="delete-channel" label="Delete" confirm="Confirm delete" busy confirmed=remove />
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <ResourceTable id="channels" columns=&["Name", "Platform", "Platform sends to", "Status"]>
            {rows}
        </ResourceTable>
        {empty.then_some(view! { <p class="muted">"No channels yet: the bot answers on your widgets only."</p> })}
        {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
    }
}
