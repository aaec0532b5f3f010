use crate::api::{explain, use_api};
use crate::components::loader::Loader;
use crate::components::secret_once::SecretOnce;
use crate::components::webhook_form::WebhookForm;
use crate::components::webhook_table::WebhookTable;
use leptos::prelude::*;
use parley_shared_types::webhook::CreatedWebhook;

/// Webhooks: the list with each one's actions and delivery log, the form, and a secret while
/// it is shown (a new webhook's, or one just rotated).
#[component]
pub fn WebhooksSection() -> impl IntoView {
    let api = use_api();
    let webhooks =
        LocalResource::new(move || async move { api.webhooks().await.map_err(|e| explain(&e)) });
    let shown = RwSignal::new(None::<CreatedWebhook>);
    let created = Callback::new(move |webhook: CreatedWebhook| {
        shown.set(Some(webhook));
        webhooks.refetch();
    });
    let rotated = Callback::new(move |webhook: CreatedWebhook| shown.set(Some(webhook)));
    let deleted = Callback::new(move |()| webhooks.refetch());
    let dismissed = Callback::new(move |()| shown.set(None));
    let secret = move || {
        shown.get().map(|webhook| {
            view! {
                <SecretOnce
                    id="webhook-secret-shown"
                    of=format!("the webhook to {}", webhook.webhook.url)
                    secret=webhook.secret
                    dismissed
                />
            }
        })
    };
    view! {
        <section class="bot-card" aria-labelledby="webhooks-heading">
            <h3 id="webhooks-heading">"Webhooks"</h3>
            <p class="muted">
                "Parley POSTs each event to the URL, signed with the webhook's secret in "
                <code>"Parley-Signature"</code> "; see the README for how to verify it."
            </p>
            <Loader
                resource=webhooks
                what="the webhooks"
                show=move |webhooks| view! { <WebhookTable webhooks rotated deleted /> }
            />
            {secret}
            <WebhookForm created />
        </section>
    }
}
