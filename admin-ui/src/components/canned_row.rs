use crate::api::{perform, use_api};
use leptos::prelude::*;
use parley_shared_types::canned::{CannedResponse, CannedScope, UpdateCannedResponseRequest};

/// One canned response: its shortcut, scope and text, changed or deleted by who may (the
/// owner of a personal one, an admin for the workspace's); others read it.
#[component]
pub fn CannedRow(response: CannedResponse, editable: bool, changed: Callback<()>) -> impl IntoView {
    let api = use_api();
    let shortcut = RwSignal::new(response.shortcut.clone());
    let content = RwSignal::new(response.content.clone());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let locked = Signal::derive(move || !editable || busy.get());
    let save = {
        let id = response.id.clone();
        move |_| {
            let request = UpdateCannedResponseRequest {
                shortcut: Some(shortcut.get_untracked()),
                content: Some(content.get_untracked()),
            };
            let id = id.clone();
            let call = async move { api.update_canned_response(&id, &request).await };
            perform(busy, error, call, move |_| changed.run(()));
        }
    };
    let remove = {
        let id = response.id.clone();
        move |_| {
            let id = id.clone();
            let call = async move { api.delete_canned_response(&id).await };
            perform(busy, error, call, move |()| changed.run(()));
        }
    };
    let scope = match response.scope {
        CannedScope::Workspace => "Workspace",
        CannedScope::Personal => "Personal",
    };
    let actions = editable.then(|| {
        view! {
            <button type="button" class="save-canned" disabled=busy on:click=save>"Save"</button>
            <button type="button" class="danger delete-canned" disabled=busy on:click=remove>"Delete"</button>
        }
    });
    view! {
        <tr data-shortcut=response.shortcut.clone()>
            <td>
                <input
                    class="canned-shortcut"
                    aria-label=format!("Shortcut of /{}", response.shortcut)
                    prop:value=shortcut
                    disabled=locked
                    on:input=move |ev| shortcut.set(event_target_value(&ev))
                />
            </td>
            <td>{scope}</td>
            <td>
                <textarea
                    class="canned-content"
                    rows="2"
                    aria-label=format!("Text of /{}", response.shortcut)
                    prop:value=content
                    disabled=locked
                    on:input=move |ev| content.set(event_target_value(&ev))
                ></textarea>
            </td>
            <td class="row-actions">
                {actions}
                {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            </td>
        </tr>
    }
}
