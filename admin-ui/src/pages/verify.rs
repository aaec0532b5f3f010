use crate::api::{explain, use_api};
use crate::route::{href, navigate, use_router};
use leptos::prelude::*;

/// A sign-up email's link (`#/verify/<token>`): creates the workspace and signs its admin in,
/// then opens the new widget form.
#[component]
pub fn VerifyPage() -> impl IntoView {
    let api = use_api();
    let token = use_router().rest();
    let verified = LocalResource::new(move || {
        let token = token.get().unwrap_or_default();
        async move { api.verify(token).await.map_err(|e| explain(&e)) }
    });
    Effect::new(move |_| {
        if let Some(Ok(())) = verified.get() {
            navigate(&href("widgets", Some("new")));
        }
    });
    view! {
        <section class="auth-card" aria-labelledby="verify-title">
            <h2 id="verify-title">"Creating your workspace"</h2>
            {move || match verified.get() {
                None | Some(Ok(())) => view! { <p aria-busy="true">"Confirming your email…"</p> }.into_any(),
                Some(Err(error)) => view! {
                    <p class="error" role="alert">{error}</p>
                    <p><a href=href("signup", None)>"Sign up again"</a> " or " <a href=href("", None)>"sign in"</a></p>
                }
                .into_any(),
            }}
        </section>
    }
}
