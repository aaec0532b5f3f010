use crate::api::{perform, use_api};
use crate::components::confirm_button::ConfirmButton;
use crate::components::resource_table::ResourceTable;
use crate::figures::{NOTHING, moment};
use leptos::prelude::*;
use parley_shared_types::api_key::ApiKey;

/// The workspace's API keys: name, environment, scope, the start of the secret (all the edge
/// keeps readable), when each was made and last used; revoking one takes a confirmation.
#[component]
pub fn ApiKeyTable(keys: Vec<ApiKey>, revoked: Callback<()>) -> impl IntoView {
    let api = use_api();
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let empty = keys.is_empty();
    let rows = keys
        .into_iter()
        .map(|key| {
            let id = key.id.clone();
            let revoke = Callback::new(move |()| {
                let id = id.clone();
                let call = async move { api.revoke_api_key(&id).await };
                perform(busy, error, call, move |()| revoked.run(()));
            });
            view! {
                <tr data-key-id=key.id.clone()>
                    <td>{key.name}</td>
                    <td>{key.environment.as_str()}</td>
                    <td>{key.scope.as_str()}</td>
                    <td><code>{format!("{}…", key.prefix)}</code></td>
                    <td>{moment(&key.created_at)}</td>
                    <td>{key.last_used_at.as_deref().map_or_else(|| NOTHING.to_owned(), moment)}</td>
                    <td class="row-actions">
                        <ConfirmButton class="revoke-key" label="Revoke" confirm="Confirm revoke" busy confirmed=revoke />
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <ResourceTable id="api-key-table" columns=&["Name", "Environment", "Scope", "Key", "Created", "Last used"]>
            {rows}
        </ResourceTable>
        {empty.then_some(view! { <p class="muted">"No API keys yet."</p> })}
        {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
    }
}
