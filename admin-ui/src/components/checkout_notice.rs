use crate::route::{current_query, use_router};
use leptos::prelude::*;

/// After Stripe Checkout sends the payer back (`#/billing?checkout=success`): the plan
/// changes when Stripe's webhook confirms the payment, which may take a moment. A checkout
/// left unpaid comes back with `checkout=canceled`.
#[component]
pub fn CheckoutNotice() -> impl IntoView {
    let route = use_router().route;
    move || {
        route.track();
        let text = match current_query("checkout").as_deref() {
            Some("success") => "Thanks — your plan updates as soon as Stripe confirms the payment.",
            Some("canceled") => "Checkout canceled: nothing was charged.",
            _ => return None,
        };
        Some(view! { <p class="notice-ok" id="checkout-notice" role="status">{text}</p> })
    }
}
