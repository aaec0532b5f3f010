use crate::figures::moment;
use crate::money::money;
use leptos::prelude::*;
use parley_shared_types::billing::PaymentStarted;

/// A Fawry payment to make: the reference the payer gives at a Fawry kiosk (or in the
/// myFawry app), the amount and until when it can be paid.
#[component]
pub fn FawryReference(payment: PaymentStarted) -> impl IntoView {
    let reference = payment.reference_number.unwrap_or_default();
    view! {
        <div class="fawry-reference" id="fawry-reference" role="status">
            <p>"Pay at any Fawry kiosk or in the myFawry app with this reference:"</p>
            <p class="reference-number">{reference}</p>
            <dl>
                <dt>"Amount"</dt>
                <dd>{money(f64::from(payment.amount), &payment.currency)}</dd>
                {payment.expires_at.map(|at| view! {
                    <dt>"Pay before"</dt>
                    <dd>{moment(&at)}</dd>
                })}
            </dl>
            <p class="muted">"The plan starts as soon as Fawry reports the payment."</p>
        </div>
    }
}
