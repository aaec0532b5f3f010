use crate::api::{explain, use_api};
use crate::components::loader::Loader;
use crate::history::short_time;
use crate::route::href;
use leptos::prelude::*;
use parley_shared_types::contact::Contact;
use parley_shared_types::page::Page;
use std::time::Duration;

/// What a contact is called: their name, or what they are without one.
pub fn contact_name(name: Option<&str>) -> String {
    name.unwrap_or("Anonymous visitor").to_owned()
}

/// The workspace's contacts, newest first, searchable by name, email or user id (the search
/// waits for a pause in typing); each opens its details.
#[component]
pub fn ContactList() -> impl IntoView {
    let api = use_api();
    let search = RwSignal::new(String::new());
    let pending = StoredValue::new_local(None::<TimeoutHandle>);
    let on_search = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        if let Some(handle) = pending.try_update_value(Option::take).flatten() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(move || search.set(value), Duration::from_millis(250));
        pending.set_value(handle.ok());
    };
    let contacts = LocalResource::new(move || {
        let search = search.get();
        async move { api.contacts(search).await.map_err(|e| explain(&e)) }
    });
    view! {
        <section class="page">
            <div class="page-head">
                <h2>"Contacts"</h2>
                <input
                    id="contact-search"
                    type="search"
                    placeholder="Search name, email or user id"
                    aria-label="Search contacts"
                    on:input=on_search
                />
            </div>
            <Loader resource=contacts what="the contacts" show=|page| view! { <Rows page /> } />
        </section>
    }
}

#[component]
fn Rows(page: Page<Contact>) -> impl IntoView {
    if page.data.is_empty() {
        return view! {
            <p class="empty-state">"No contacts match. Visitors become contacts when they start a conversation."</p>
        }
        .into_any();
    }
    let rows = page
        .data
        .into_iter()
        .map(|contact| {
            let name = contact_name(contact.name.as_deref());
            view! {
                <tr data-contact-id=contact.id.clone()>
                    <th scope="row"><a href=href("contacts", Some(&contact.id))>{name}</a></th>
                    <td>{contact.email.clone().unwrap_or_else(|| "—".into())}</td>
                    <td>{contact.user_id.clone().unwrap_or_else(|| "—".into())}</td>
                    <td>{short_time(&contact.last_seen_at)}</td>
                    <td>{contact.conversation_count}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="team-table" id="contact-table">
            <thead>
                <tr>
                    <th scope="col">"Name"</th>
                    <th scope="col">"Email"</th>
                    <th scope="col">"User id"</th>
                    <th scope="col">"Last seen"</th>
                    <th scope="col">"Conversations"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        <p class="muted">{format!("{} contacts", page.total)}</p>
    }
    .into_any()
}
