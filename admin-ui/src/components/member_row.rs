use crate::api::{explain, use_api};
use leptos::prelude::*;
use leptos::task::spawn_local;
use parley_shared_types::auth::{Role, TeamMember};

/// One member: online dot, role (changeable) and a two-step remove. The edge refuses removing
/// yourself or the last admin; its reason is shown on the row.
#[component]
pub fn MemberRow(member: TeamMember, is_me: bool, changed: Callback<()>) -> impl IntoView {
    let api = use_api();
    let error = RwSignal::new(None::<String>);
    let confirming = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let id = member.user.id.clone();
    let run = move |role: Option<Role>| {
        let id = id.clone();
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let result = match role {
                Some(role) => api.set_role(&id, role).await.map(|_| ()),
                None => api.remove_user(&id).await,
            };
            if busy.is_disposed() {
                return;
            }
            busy.set(false);
            confirming.set(false);
            match result {
                Ok(()) => changed.run(()),
                Err(e) => error.set(Some(explain(&e))),
            }
        });
    };
    let change_role = {
        let run = run.clone();
        move |ev: leptos::ev::Event| {
            if let Some(role) = Role::parse(&event_target_value(&ev)) {
                run(Some(role));
            }
        }
    };
    let remove = move |_| {
        if confirming.get_untracked() {
            run(None);
        } else {
            confirming.set(true);
        }
    };
    let (dot, presence) = if member.online {
        ("dot online", "online")
    } else {
        ("dot", "offline")
    };
    let role = member.user.role;
    let name = member.user.name.clone();
    view! {
        <tr data-email=member.user.email.clone()>
            <td>
                <span class=dot title=presence aria-label=presence></span>
                {member.user.name.clone()}
                {is_me.then_some(" (you)")}
            </td>
            <td>{member.user.email.clone()}</td>
            <td>
                <select aria-label=format!("Role of {name}") class="role-select" disabled=busy on:change=change_role>
                    <option value="agent" selected=role == Role::Agent>"Agent"</option>
                    <option value="admin" selected=role == Role::Admin>"Admin"</option>
                </select>
            </td>
            <td class="row-actions">
                <button type="button" class="danger remove-member" disabled=busy on:click=remove>
                    {move || if confirming.get() { "Confirm remove" } else { "Remove" }}
                </button>
                {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            </td>
        </tr>
    }
}
