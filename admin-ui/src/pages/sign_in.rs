use crate::api::{explain, use_api};
use crate::route::href;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Email and password; the edge's answer in words when it refuses.
#[component]
pub fn SignInPage() -> impl IntoView {
    let api = use_api();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let result = api
                .sign_in(
                    email.get_untracked().trim().to_owned(),
                    password.get_untracked(),
                )
                .await;
            busy.set(false);
            if let Err(e) = result {
                error.set(Some(explain(&e)));
            }
        });
    };
    view! {
        <section class="auth-card" aria-labelledby="sign-in-title">
            <h2 id="sign-in-title">"Sign in"</h2>
            <form id="sign-in" on:submit=submit>
                <label>
                    "Email"
                    <input id="sign-in-email" type="email" autocomplete="username" required bind:value=email />
                </label>
                <label>
                    "Password"
                    <input
                        id="sign-in-password"
                        type="password"
                        autocomplete="current-password"
                        required
                        bind:value=password
                    />
                </label>
                {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
                <button type="submit" class="primary" disabled=busy>
                    {move || if busy.get() { "Signing in…" } else { "Sign in" }}
                </button>
            </form>
            <p>"New to Parley? " <a href=href("signup", None)>"Create a workspace"</a></p>
        </section>
    }
}
