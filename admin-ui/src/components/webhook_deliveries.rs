use crate::api::{Api, ClientError, explain, use_api};
use crate::components::loader::Loader;
use crate::figures::{NOTHING, moment};
use leptos::prelude::*;
use parley_shared_types::webhook::{DeliveryStatus, WebhookDelivery};
use std::time::Duration;

/// How many deliveries one "Load more" adds.
const PAGE: u32 = 20;
/// How often the log is read again while a delivery is still pending.
const POLL: Duration = Duration::from_secs(2);

/// The first `wanted` deliveries of the log (oldest first), and whether there are more.
async fn read_log(
    api: Api,
    webhook_id: &str,
    wanted: u32,
) -> Result<(Vec<WebhookDelivery>, bool), ClientError> {
    let mut log = Vec::new();
    let mut after = None::<String>;
    loop {
        let page = api
            .webhook_deliveries(webhook_id, PAGE, after.as_deref())
            .await?;
        log.extend(page.data);
        after = page.next_cursor;
        if after.is_none() || log.len() >= wanted as usize {
            return Ok((log, after.is_some()));
        }
    }
}

/// A webhook's delivery log: each delivery's event, status, attempts, the receiver's last
/// status code and error, and when it was queued. It reads again whenever `reload` changes,
/// and by itself while a delivery is pending (the dispatcher settles them in the background).
#[component]
pub fn WebhookDeliveries(webhook_id: String, #[prop(into)] reload: Signal<u32>) -> impl IntoView {
    let api = use_api();
    let webhook_id = StoredValue::new(webhook_id);
    let wanted = RwSignal::new(PAGE);
    let log = LocalResource::new(move || {
        reload.track();
        let wanted = wanted.get();
        async move {
            read_log(api, &webhook_id.get_value(), wanted)
                .await
                .map_err(|e| explain(&e))
        }
    });
    let poll = set_interval_with_handle(
        move || {
            let pending = log.with_untracked(|loaded| {
                matches!(loaded, Some(Ok((log, _))) if log.iter().any(|d| d.status == DeliveryStatus::Pending))
            });
            if pending {
                log.refetch();
            }
        },
        POLL,
    );
    if let Ok(poll) = poll {
        on_cleanup(move || poll.clear());
    }
    let show = move |(deliveries, more): (Vec<WebhookDelivery>, bool)| {
        let empty = deliveries.is_empty();
        let rows = deliveries
            .into_iter()
            .map(|delivery| {
                let status = delivery.status.as_str();
                view! {
                    <tr data-delivery-id=delivery.id>
                        <td>{delivery.event.name()}</td>
                        <td><span class=format!("status-badge delivery-{status}")>{status}</span></td>
                        <td>{delivery.attempts}</td>
                        <td class="delivery-code">
                            {delivery.last_status_code.map_or_else(|| NOTHING.to_owned(), |code| code.to_string())}
                        </td>
                        <td>{delivery.last_error.unwrap_or_default()}</td>
                        <td>{moment(&delivery.created_at)}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="team-table delivery-log">
                <caption class="visually-hidden">"Delivery log"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Event"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col">"Attempts"</th>
                        <th scope="col">"Last status code"</th>
                        <th scope="col">"Last error"</th>
                        <th scope="col">"Queued"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            {empty.then_some(view! { <p class="muted">"Nothing sent yet: send a test to see one."</p> })}
            {more.then_some(view! {
                <button type="button" class="load-more-deliveries" on:click=move |_| wanted.update(|n| *n += PAGE)>
                    "Load more"
                </button>
            })}
        }
    };
    view! { <Loader resource=log what="the delivery log" show /> }
}
