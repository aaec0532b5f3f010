use crate::components::interval_toggle::IntervalToggle;
use crate::components::plan_card::PlanCard;
use crate::subscription::{Standing, offer};
use leptos::prelude::*;
use parley_shared_types::billing::{BillingInterval, BillingUsage, Plan};

/// Every paid plan side by side, priced monthly or annually (the workspace's own interval
/// first), the workspace's plan marked. Admins (`admin`) may pay for one.
#[component]
pub fn PlanCards(plans: Vec<Plan>, usage: RwSignal<BillingUsage>, admin: bool) -> impl IntoView {
    let interval = RwSignal::new(
        usage
            .with_untracked(|u| u.interval)
            .unwrap_or(BillingInterval::Monthly),
    );
    let plans = StoredValue::new(plans);
    // Cards are redrawn when the plan or its status changes, not when a seat is added.
    let standing = Memo::new(move |_| usage.with(Standing::of));
    let cards = move || {
        let usage = standing.get();
        plans.with_value(|plans| {
            let current = plans.iter().find(|p| p.id == usage.plan_id);
            plans
                .iter()
                .filter(|plan| plan.monthly_price > 0)
                .map(|plan| {
                    let offer = admin.then(|| offer(plan, &usage, current));
                    let current = plan.id == usage.plan_id;
                    view! { <PlanCard plan=plan.clone() interval current offer /> }
                })
                .collect_view()
        })
    };
    view! {
        <IntervalToggle interval />
        <div class="plan-grid" id="plan-cards">{cards}</div>
    }
}
