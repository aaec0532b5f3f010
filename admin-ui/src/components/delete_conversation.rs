use crate::api::{perform, use_api};
use crate::components::confirm_button::ConfirmButton;
use crate::route::{href, navigate};
use leptos::prelude::*;

/// An admin's Delete on the open conversation: after a confirmation it deletes the
/// conversation everywhere (messages, notes, search entries, its visitor's access) and goes
/// back to the inbox.
#[component]
pub fn DeleteConversation(id: String) -> impl IntoView {
    let api = use_api();
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let id = StoredValue::new(id);
    let delete = Callback::new(move |()| {
        let call = async move { api.delete_conversation(&id.get_value()).await };
        perform(busy, error, call, |()| navigate(&href("inbox", None)));
    });
    view! {
        <span class="delete-conversation">
            <ConfirmButton
                class="delete-conversation-button"
                label="Delete"
                confirm="Confirm: delete for good"
                busy
                confirmed=delete
            />
            {move || error.get().map(|e| view! { <span class="error" role="alert">{e}</span> })}
        </span>
    }
}
