use crate::api::{perform, use_api};
use crate::components::confirm_button::ConfirmButton;
use crate::components::secret_once::SecretOnce;
use leptos::prelude::*;

/// Identity verification of a saved widget: whether it is on, a button that makes a new
/// secret (shown once; the old one stops proving anything) and one that turns it off.
#[component]
pub fn IdentityVerification(widget_id: String, on: bool) -> impl IntoView {
    let api = use_api();
    let enabled = RwSignal::new(on);
    let secret = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let rotating = widget_id.clone();
    let rotate = move |_| {
        let id = rotating.clone();
        let call = async move { api.rotate_identity_secret(&id).await };
        perform(busy, error, call, move |made| {
            enabled.set(true);
            secret.set(Some(made.secret));
        });
    };
    let turn_off = Callback::new(move |()| {
        let id = widget_id.clone();
        let call = async move { api.remove_identity_secret(&id).await };
        perform(busy, error, call, move |()| {
            enabled.set(false);
            secret.set(None);
        });
    });
    let dismissed = Callback::new(move |()| secret.set(None));
    view! {
        <section class="bot-card" id="identity-verification" aria-labelledby="identity-heading">
            <h3 id="identity-heading">"Identity verification"</h3>
            <p class="muted">
                "With a secret, " <code>"Parley.identify"</code> " must send "
                <code>"userHash"</code> ", the hex HMAC-SHA256 of the " <code>"userId"</code>
                " under the secret, computed on your server: nobody can pass for one of your users."
            </p>
            <p id="identity-state">
                {move || if enabled.get() { "On: identities are verified." } else { "Off: identities are kept unverified." }}
            </p>
            {move || secret.get().map(|secret| view! {
                <SecretOnce id="identity-secret" of="this widget's identity verification".to_owned() secret dismissed />
            })}
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            <button type="button" id="rotate-identity-secret" disabled=busy on:click=rotate>
                {move || if enabled.get() { "Make a new secret" } else { "Turn on" }}
            </button>
            <Show when=move || enabled.get()>
                <ConfirmButton class="remove-identity-secret" label="Turn off" confirm="Confirm turning off" busy confirmed=turn_off />
            </Show>
        </section>
    }
}
