use crate::components::contact_editor::ContactEditor;
use crate::components::contact_list::ContactList;
use crate::route::use_router;
use leptos::prelude::*;

pub fn render() -> AnyView {
    view! { <ContactsPage /> }.into_any()
}

/// `#/contacts` lists and searches contacts; `#/contacts/<id>` shows and edits one.
#[component]
pub fn ContactsPage() -> impl IntoView {
    let rest = use_router().rest();
    move || match rest.get() {
        None => view! { <ContactList /> }.into_any(),
        Some(id) => view! { <ContactEditor id /> }.into_any(),
    }
}
