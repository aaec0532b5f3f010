use crate::api::use_api;
use crate::form::Submission;
use leptos::prelude::*;
use parley_shared_types::webhook::{CreateWebhookRequest, CreatedWebhook, UrlPolicy, WebhookEvent};

/// Registers a URL for the events ticked; without a secret typed in, the edge makes one.
/// `created` gets the answer, the only one that carries the secret.
#[component]
pub fn WebhookForm(created: Callback<CreatedWebhook>) -> impl IntoView {
    let api = use_api();
    let url = RwSignal::new(String::new());
    let events = RwSignal::new(Vec::<WebhookEvent>::new());
    let secret = RwSignal::new(String::new());
    let create = Submission::new(
        move |request: CreateWebhookRequest| async move { api.create_webhook(&request).await },
        move |webhook| {
            url.try_set(String::new());
            events.try_set(Vec::new());
            secret.try_set(String::new());
            created.run(webhook);
        },
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = secret.get_untracked();
        let request = CreateWebhookRequest {
            url: url.get_untracked().trim().to_owned(),
            // In the order the form lists them, whatever order they were ticked in.
            events: WebhookEvent::SUBSCRIBABLE
                .into_iter()
                .filter(|e| events.with_untracked(|ticked| ticked.contains(e)))
                .collect(),
            secret: (!typed.is_empty()).then_some(typed),
        };
        // The edge knows which hosts it may reach; here only what any policy refuses.
        let checked = request.validate(UrlPolicy::AllowLocal);
        create.submit(request, checked);
    };
    let boxes = WebhookEvent::SUBSCRIBABLE
        .into_iter()
        .map(|event| {
            let toggle = move |ev: leptos::ev::Event| {
                let on = event_target_checked(&ev);
                events.update(|ticked| {
                    ticked.retain(|e| *e != event);
                    if on {
                        ticked.push(event);
                    }
                });
            };
            view! {
                <label class="check">
                    <input
                        type="checkbox"
                        name="webhook-event"
                        value=event.name()
                        prop:checked=move || events.with(|ticked| ticked.contains(&event))
                        on:change=toggle
                    />
                    {event.name()}
                </label>
            }
        })
        .collect_view();
    view! {
        <form id="new-webhook" class="inline-form" on:submit=submit aria-labelledby="new-webhook-title">
            <h3 id="new-webhook-title">"Add a webhook"</h3>
            <label class="wide">
                "URL"
                <input id="webhook-url" type="url" required placeholder="https://example.com/parley" bind:value=url />
            </label>
            <fieldset class="webhook-events">
                <legend>"Events"</legend>
                {boxes}
            </fieldset>
            <label>
                "Secret (optional)"
                <input id="webhook-secret" type="password" autocomplete="off" placeholder="made for you" bind:value=secret />
            </label>
            <button type="submit" class="primary" id="create-webhook" disabled=move || create.pending()>"Add webhook"</button>
            {move || create.error().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </form>
    }
}
