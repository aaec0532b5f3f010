use crate::api::{explain, use_api};
use crate::external::leave_for;
use leptos::prelude::*;

/// "Manage billing": opens Stripe's billing portal (card, invoices, cancellation), or says
/// why not (a workspace that never paid through Stripe has none).
#[component]
pub fn PortalButton() -> impl IntoView {
    let api = use_api();
    let open = Action::new_local(move |_: &()| async move {
        let session = api.billing_portal().await.map_err(|e| explain(&e))?;
        if leave_for(&session.portal_url) {
            Ok(())
        } else {
            Err("The billing portal's address is not a web address.".to_owned())
        }
    });
    let busy = move || open.pending().get();
    view! {
        <div class="portal">
            <button type="button" id="manage-billing" disabled=busy on:click=move |_| {
                open.dispatch(());
            }>
                "Manage billing"
            </button>
            {move || {
                open.value()
                    .get()
                    .and_then(Result::err)
                    .map(|why| view! { <p class="error" role="alert">{why}</p> })
            }}
        </div>
    }
}
