use crate::api::{explain, use_api};
use crate::components::check_your_inbox::CheckYourInbox;
use crate::route::href;
use leptos::prelude::*;
use leptos::task::spawn_local;
use parley_shared_types::auth::{SignUpAccepted, SignUpRequest};

/// A new workspace and its first admin.
#[component]
pub fn SignUpPage() -> impl IntoView {
    let api = use_api();
    let workspace = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let sent = RwSignal::new(None::<SignUpAccepted>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = SignUpRequest {
            workspace_name: workspace.get_untracked().trim().to_owned(),
            name: name.get_untracked().trim().to_owned(),
            email: email.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
        };
        if let Err(errors) = request.validate() {
            error.set(Some(describe(&errors)));
            return;
        }
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let result = api.sign_up(request).await;
            busy.set(false);
            match result {
                Ok(accepted) => sent.set(Some(accepted)),
                Err(e) => error.set(Some(explain(&e))),
            }
        });
    };
    let form = move || {
        view! {
        <section class="auth-card" aria-labelledby="sign-up-title">
            <h2 id="sign-up-title">"Create a workspace"</h2>
            <form id="sign-up" on:submit=submit>
                <label>"Workspace name" <input id="sign-up-workspace" required bind:value=workspace /></label>
                <label>"Your name" <input id="sign-up-name" autocomplete="name" required bind:value=name /></label>
                <label>"Email" <input id="sign-up-email" type="email" autocomplete="username" required bind:value=email /></label>
                <label>
                    "Password (8 characters or more)"
                    <input id="sign-up-password" type="password" autocomplete="new-password" required bind:value=password />
                </label>
                {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
                <button type="submit" class="primary" disabled=busy>
                    {move || if busy.get() { "Creating…" } else { "Create workspace" }}
                </button>
            </form>
            <p>"Already have one? " <a href=href("", None)>"Sign in"</a></p>
        </section>
        }
    };
    move || match sent.get() {
        Some(accepted) => view! { <CheckYourInbox accepted /> }.into_any(),
        None => form().into_any(),
    }
}

/// Field errors as one sentence: `email must be an email address; password …`.
pub fn describe(errors: &parley_shared_types::validate::FieldErrors) -> String {
    errors
        .iter()
        .map(|(field, whys)| format!("{field} {}", whys.join(", ")))
        .collect::<Vec<_>>()
        .join("; ")
}
