use crate::api::{perform, use_api};
use crate::components::integration_form::IntegrationForm;
use crate::components::resource_table::ResourceTable;
use crate::components::status_badge::StatusBadge;
use leptos::prelude::*;
use parley_shared_types::bot::{Integration, IntegrationKind, IntegrationStatus};

/// The AI backends this bot may answer with: kind, endpoint and model, whether a key is set
/// (the key itself is never sent back), status and the last error; delete; the form to add one.
#[component]
pub fn IntegrationList(bot_id: String, integrations: RwSignal<Vec<Integration>>) -> impl IntoView {
    let api = use_api();
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let remove = move |id: String| {
        let call = async move { api.delete_integration(&id).await.map(|()| id) };
        perform(busy, error, call, move |id| {
            integrations.update(|list| list.retain(|i| i.id != id))
        });
    };
    let added = Callback::new(move |integration: Integration| {
        integrations.update(|list| list.push(integration));
    });
    let rows = move || {
        integrations
            .get()
            .into_iter()
            .map(|integration| {
                let id = integration.id.clone();
                let endpoint = match integration.kind {
                    IntegrationKind::Builtin => "Built-in: answers from knowledge, offline".to_owned(),
                    IntegrationKind::Openai => format!(
                        "{} · {} · {} tokens",
                        integration.base_url.clone().unwrap_or_default(),
                        integration.model.clone().unwrap_or_default(),
                        integration.context_window
                    ),
                };
                let key = match (integration.kind, integration.has_api_key) {
                    (IntegrationKind::Builtin, _) => "",
                    (_, true) => "Key set",
                    (_, false) => "No key",
                };
                let status = match integration.status {
                    IntegrationStatus::Active => "active",
                    IntegrationStatus::Error => "error",
                };
                view! {
                    <tr data-integration=integration.id.clone()>
                        <td>{integration.name.clone()}</td>
                        <td>{endpoint}</td>
                        <td class="integration-key">{key}</td>
                        <td><StatusBadge status error=integration.last_error.clone() /></td>
                        <td>
                            <button type="button" class="danger delete-integration" disabled=busy on:click=move |_| remove(id.clone())>
                                "Delete"
                            </button>
                        </td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <section class="bot-card" aria-labelledby="integrations-heading">
            <h3 id="integrations-heading">"Integrations"</h3>
            <p class="muted">"Without one chosen in the settings, the bot answers with the built-in engine."</p>
            <ResourceTable id="integrations" columns=&["Name", "Engine", "API key", "Status"]>
                {rows}
            </ResourceTable>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            <IntegrationForm bot_id added />
        </section>
    }
}
