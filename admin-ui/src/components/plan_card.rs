use crate::api::{explain, use_api};
use crate::components::fawry_reference::FawryReference;
use crate::external::leave_for;
use crate::money::{price_in, price_label};
use crate::subscription::Offer;
use leptos::prelude::*;
use parley_shared_types::billing::{BillingInterval, PaymentProvider, Plan};

/// A paid plan: its price for the chosen interval (in dollars, and in Egyptian pounds where
/// it is sold so), its limits, whether it is the workspace's, and for admins (`offer`) the
/// ways to pay for it: Stripe Checkout, Paymob's payment page, or a Fawry reference.
#[component]
pub fn PlanCard(
    plan: Plan,
    interval: RwSignal<BillingInterval>,
    current: bool,
    /// What an admin may do; none for agents.
    offer: Option<Offer>,
) -> impl IntoView {
    let api = use_api();
    let plan = StoredValue::new(plan);
    let plan_id = plan.with_value(|p| p.id.clone());
    let usd = move || {
        let interval = interval.get();
        plan.with_value(|p| {
            let amount = match interval {
                BillingInterval::Monthly => p.monthly_price,
                BillingInterval::Annual => p.annual_price,
            };
            price_label(amount, &p.currency, interval)
        })
    };
    let egp = move || {
        let interval = interval.get();
        plan.with_value(|p| {
            price_in(p, "EGP", interval).map(|egp| price_label(egp, "EGP", interval))
        })
    };
    // Starts paying with `provider`: leaves for Stripe's or Paymob's page, or answers the
    // Fawry payment to show.
    let pay = Action::new_local(move |provider: &PaymentProvider| {
        let provider = *provider;
        let plan_id = plan.with_value(|p| p.id.clone());
        let interval = interval.get_untracked();
        async move {
            let page = match provider {
                PaymentProvider::Stripe => {
                    let session = api.checkout(&plan_id, interval).await;
                    session.map_err(|e| explain(&e))?.checkout_url
                }
                _ => {
                    let started = api.pay_locally(provider, &plan_id, interval).await;
                    let started = started.map_err(|e| explain(&e))?;
                    match (provider, &started.checkout_url) {
                        (PaymentProvider::Fawry, _) => return Ok(Some(started)),
                        (_, Some(url)) => url.clone(),
                        (_, None) => return Err("Paymob gave no payment page.".to_owned()),
                    }
                }
            };
            if leave_for(&page) {
                Ok(None)
            } else {
                Err("The payment page's address is not a web address.".to_owned())
            }
        }
    });
    let busy = move || pay.pending().get();
    let buttons = offer.map(|offer| {
        let stripe = offer.stripe.map(|label| {
            view! {
                <button type="button" class="primary checkout" disabled=busy on:click=move |_| {
                    pay.dispatch(PaymentProvider::Stripe);
                }>
                    {label}
                </button>
            }
        });
        let sold_in_egp = plan.with_value(|p| {
            [BillingInterval::Monthly, BillingInterval::Annual]
                .into_iter()
                .any(|interval| price_in(p, "EGP", interval).is_some())
        });
        let local = (offer.local && sold_in_egp).then(|| {
            view! {
                <button type="button" class="pay-paymob" disabled=busy on:click=move |_| {
                    pay.dispatch(PaymentProvider::Paymob);
                }>
                    "Pay with Paymob"
                </button>
                <button type="button" class="pay-fawry" disabled=busy on:click=move |_| {
                    pay.dispatch(PaymentProvider::Fawry);
                }>
                    "Pay at Fawry"
                </button>
            }
        });
        let portal = offer
            .in_portal
            .then(|| view! { <p class="muted plan-portal">"Change plans with Manage billing."</p> });
        view! {
            {portal}
            <div class="plan-actions">{stripe}{local}</div>
            {move || match pay.value().get() {
                Some(Err(why)) => Some(view! { <p class="error" role="alert">{why}</p> }.into_any()),
                Some(Ok(Some(payment))) => Some(view! { <FawryReference payment /> }.into_any()),
                _ => None,
            }}
        }
    });
    let (name, agents, conversations, ai, rate) = plan.with_value(|p| {
        (
            p.name.clone(),
            p.max_agents,
            p.max_conversations,
            p.max_ai_responses,
            p.api_requests_per_minute,
        )
    });
    let ai = if ai == 0 {
        "No AI responses".to_owned()
    } else {
        format!("{ai} AI responses a month")
    };
    view! {
        <article
            class=if current { "plan-card current" } else { "plan-card" }
            data-plan-id=plan_id
            aria-current=current.then_some("true")
        >
            <h4>
                {name}
                {current.then(|| view! { <span class="current-badge">"Current plan"</span> })}
            </h4>
            <p class="plan-price">{usd}</p>
            {move || egp().map(|egp| view! { <p class="plan-price-local">{format!("or {egp} with Paymob or Fawry")}</p> })}
            <ul class="plan-limits">
                <li>{format!("{agents} agents")}</li>
                <li>{format!("{conversations} conversations a month")}</li>
                <li>{ai}</li>
                <li>{format!("{rate} API requests a minute")}</li>
            </ul>
            {buttons}
        </article>
    }
}
