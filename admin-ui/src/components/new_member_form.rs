use crate::api::{explain, use_api};
use leptos::prelude::*;
use leptos::task::spawn_local;
use parley_shared_types::auth::{CreateUserRequest, Role};
use parley_shared_types::validate::describe;

/// Adds an agent or admin with a first password (they sign in with it).
#[component]
pub fn NewMemberForm(created: Callback<()>) -> impl IntoView {
    let api = use_api();
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let role = RwSignal::new("agent".to_owned());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = CreateUserRequest {
            name: name.get_untracked().trim().to_owned(),
            email: email.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
            role: Role::parse(&role.get_untracked()).unwrap_or(Role::Agent),
        };
        if let Err(errors) = request.validate() {
            error.set(Some(describe(&errors)));
            return;
        }
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let result = api.create_user(&request).await;
            if busy.is_disposed() {
                return;
            }
            busy.set(false);
            match result {
                Ok(_) => {
                    name.set(String::new());
                    email.set(String::new());
                    password.set(String::new());
                    created.run(());
                }
                Err(e) => error.set(Some(explain(&e))),
            }
        });
    };
    view! {
        <form id="new-member" class="inline-form" on:submit=submit aria-labelledby="new-member-title">
            <h3 id="new-member-title">"Add a member"</h3>
            <label>"Name" <input id="member-name" required bind:value=name /></label>
            <label>"Email" <input id="member-email" type="email" required bind:value=email /></label>
            <label>
                "Password"
                <input id="member-password" type="password" autocomplete="new-password" required bind:value=password />
            </label>
            <label>
                "Role"
                <select id="member-role" on:change=move |ev| role.set(event_target_value(&ev))>
                    <option value="agent" selected>"Agent"</option>
                    <option value="admin">"Admin"</option>
                </select>
            </label>
            <button type="submit" class="primary" id="add-member" disabled=busy>"Add member"</button>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </form>
    }
}
