use crate::route::{current_query, use_router};
use leptos::prelude::*;

/// After Stripe Checkout sends the payer back (`#/billing?checkout=success`): the plan
/// changes when Stripe's webhook confirms the payment, which may take a moment.
#[component]
pub fn CheckoutNotice() -> impl IntoView {
    let route = use_router().route;
    move || {
        route.track();
        (current_query("checkout").as_deref() == Some("success")).then(|| {
            view! {
                <p class="notice-ok" id="checkout-notice" role="status">
                    "Thanks — your plan updates as soon as Stripe confirms the payment."
                </p>
            }
        })
    }
}
