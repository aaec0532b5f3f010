use crate::api::{explain, use_api};
use crate::components::checkout_notice::CheckoutNotice;
use crate::components::invoice_table::InvoiceTable;
use crate::components::loader::Loader;
use crate::components::plan_cards::PlanCards;
use crate::components::plan_summary::PlanSummary;
use crate::components::portal_button::PortalButton;
use crate::components::seat_controls::SeatControls;
use leptos::prelude::*;
use parley_shared_types::auth::Role;
use parley_shared_types::billing::BillingUsage;

pub fn render() -> AnyView {
    view! { <BillingPage /> }.into_any()
}

/// The workspace's plan and what it uses of it, the plans to choose from, and its invoices.
/// Everyone reads it; admins also buy plans and seats and open Stripe's billing portal.
#[component]
pub fn BillingPage() -> impl IntoView {
    let api = use_api();
    let admin = api.role() == Some(Role::Admin);
    let usage =
        LocalResource::new(
            move || async move { api.billing_usage().await.map_err(|e| explain(&e)) },
        );
    let plans =
        LocalResource::new(move || async move { api.plans().await.map_err(|e| explain(&e)) });
    let invoices =
        LocalResource::new(move || async move { api.invoices().await.map_err(|e| explain(&e)) });
    let show_usage = move |loaded: BillingUsage| {
        let usage = RwSignal::new(loaded);
        view! {
            <PlanSummary usage />
            {admin.then(|| view! { <SeatControls usage /> })}
            <section class="report-section" aria-labelledby="plans-title">
                <h3 id="plans-title">"Plans"</h3>
                <Loader
                    resource=plans
                    what="the plans"
                    show=move |plans| view! { <PlanCards plans usage admin /> }
                />
            </section>
        }
    };
    view! {
        <section class="page billing">
            <div class="page-head">
                <h2>"Billing"</h2>
                {admin.then(|| view! { <PortalButton /> })}
            </div>
            <CheckoutNotice />
            <Loader resource=usage what="your plan" show=show_usage />
            <section class="report-section" aria-labelledby="invoices-title">
                <h3 id="invoices-title">"Invoices"</h3>
                <Loader resource=invoices what="the invoices" show=|invoices| view! { <InvoiceTable invoices /> } />
            </section>
        </section>
    }
}
