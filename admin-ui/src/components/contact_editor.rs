use crate::api::{explain, perform, use_api};
use crate::components::contact_conversations::ContactConversations;
use crate::components::contact_list::contact_name;
use crate::components::loader::Loader;
use crate::download::save;
use crate::history::short_time;
use crate::route::{href, navigate};
use leptos::prelude::*;
use parley_shared_types::auth::Role;
use parley_shared_types::contact::{ContactDetails, UpdateContactRequest};
use parley_shared_types::validate::describe;
use serde_json::{Map, Value};

/// What to send so the stored attributes become `edited`: each changed or new key, and
/// `null` for each key left out (the edge merges).
fn attribute_changes(
    stored: &Map<String, Value>,
    edited: &Map<String, Value>,
) -> Map<String, Value> {
    let mut changes: Map<String, Value> = edited
        .iter()
        .filter(|(key, value)| stored.get(*key) != Some(value))
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect();
    for key in stored.keys().filter(|key| !edited.contains_key(*key)) {
        changes.insert(key.clone(), Value::Null);
    }
    changes
}

/// `#/contacts/<id>`: who the contact is, their attributes (edited as JSON), their
/// conversations, and for admins an export of everything held about them and their erasure
/// (asked twice).
#[component]
pub fn ContactEditor(id: String) -> impl IntoView {
    let api = use_api();
    let id = StoredValue::new(id);
    let contact = LocalResource::new(move || async move {
        api.contact(&id.get_value()).await.map_err(|e| explain(&e))
    });
    view! { <Loader resource=contact what="the contact" show=|loaded| view! { <ContactForm loaded /> } /> }
}

#[component]
fn ContactForm(loaded: ContactDetails) -> impl IntoView {
    let api = use_api();
    let is_admin = api.role() == Some(Role::Admin);
    let contact = loaded.contact;
    let id = StoredValue::new(contact.id.clone());
    let stored = StoredValue::new(contact.attributes.clone());
    let name = RwSignal::new(contact.name.clone().unwrap_or_default());
    let email = RwSignal::new(contact.email.clone().unwrap_or_default());
    let attributes = RwSignal::new(
        serde_json::to_string_pretty(&contact.attributes).unwrap_or_else(|_| "{}".into()),
    );
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let saved = RwSignal::new(false);
    let confirming = RwSignal::new(false);
    let title = RwSignal::new(contact_name(contact.name.as_deref()));

    let on_save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        let edited = match serde_json::from_str::<Value>(&attributes.get_untracked()) {
            Ok(Value::Object(edited)) => edited,
            _ => {
                error.set(Some(
                    "Attributes must be a JSON object, like {\"plan\": \"pro\"}.".into(),
                ));
                return;
            }
        };
        let request = UpdateContactRequest {
            name: Some(name.get_untracked()),
            email: Some(email.get_untracked()),
            attributes: Some(attribute_changes(&stored.get_value(), &edited)),
        };
        if let Err(errors) = request.validate() {
            error.set(Some(describe(&errors)));
            return;
        }
        let call = async move { api.update_contact(&id.get_value(), &request).await };
        perform(busy, error, call, move |updated| {
            stored.set_value(updated.attributes);
            title.set(contact_name(updated.name.as_deref()));
            saved.set(true);
        });
    };
    let on_export = move |_| {
        let call = async move { api.export_contact(&id.get_value()).await };
        perform(busy, error, call, move |export| {
            let text = serde_json::to_string_pretty(&export).unwrap_or_default();
            let file = format!("contact-{}.json", id.get_value());
            if save(&file, "application/json", &text).is_err() {
                error.set(Some("Your browser refused the download.".into()));
            }
        });
    };
    let on_erase = move |_| {
        if !confirming.get_untracked() {
            confirming.set(true);
            return;
        }
        let call = async move { api.erase_contact(&id.get_value()).await };
        perform(busy, error, call, |()| navigate(&href("contacts", None)));
    };
    let admin_actions = is_admin.then(|| {
        view! {
            <div class="contact-actions">
                <button type="button" id="export-contact" disabled=busy on:click=on_export>
                    "Export (JSON)"
                </button>
                <button type="button" class="danger" id="erase-contact" disabled=busy on:click=on_erase>
                    {move || if confirming.get() { "Confirm: erase everything" } else { "Erase contact" }}
                </button>
                <Show when=move || confirming.get()>
                    <p class="warning" role="alert">
                        "This deletes the contact, every conversation and message of theirs, and their ratings. It cannot be undone."
                    </p>
                </Show>
            </div>
        }
    });
    let verified = if contact.verified {
        "Verified"
    } else {
        "Not verified"
    };
    view! {
        <section class="page" id="contact-details" data-contact-id=contact.id.clone()>
            <div class="page-head">
                <h2><a href=href("contacts", None)>"Contacts"</a>" / "{title}</h2>
            </div>
            <dl class="contact-facts">
                <dt>"Visitor id"</dt>
                <dd id="contact-visitor-id">{contact.visitor_id.clone()}</dd>
                <dt>"User id"</dt>
                <dd>{contact.user_id.clone().unwrap_or_else(|| "—".into())}</dd>
                <dt>"Identity"</dt>
                <dd>{verified}</dd>
                <dt>"First seen"</dt>
                <dd>{short_time(&contact.first_seen_at)}</dd>
                <dt>"Last seen"</dt>
                <dd>{short_time(&contact.last_seen_at)}</dd>
            </dl>
            <form id="contact-form" class="inline-form" on:submit=on_save>
                <label>"Name" <input id="contact-name" bind:value=name /></label>
                <label>"Email" <input id="contact-email" type="email" bind:value=email /></label>
                <label>
                    "Attributes (JSON)"
                    <textarea id="contact-attributes" rows="6" bind:value=attributes></textarea>
                </label>
                <button type="submit" class="primary" id="save-contact" disabled=busy>"Save"</button>
                <Show when=move || saved.get()>
                    <span class="muted" role="status">"Saved."</span>
                </Show>
            </form>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            {admin_actions}
            <ContactConversations contact_id=contact.id.clone() current=None />
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test(unsupported = test)]
    fn an_edit_sends_what_changed_and_null_for_what_was_removed() {
        let stored = json!({"plan": "pro", "seats": 3, "city": "Cairo"});
        let edited = json!({"plan": "team", "seats": 3, "vip": true});
        let changes = attribute_changes(stored.as_object().unwrap(), edited.as_object().unwrap());
        assert_eq!(
            Value::Object(changes),
            json!({"plan": "team", "vip": true, "city": null})
        );
    }
}
