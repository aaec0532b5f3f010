//! Where a workspace's plan stands, in words, and what an admin may do with each plan.

use crate::figures::full_day;
use parley_shared_types::billing::{BillingUsage, PaymentProvider, Plan, SubscriptionStatus};

/// The plan's status as people read it, with the date that matters: when the trial ends,
/// until when a past-due plan keeps working, until when a prepaid period runs.
pub fn status_line(status: SubscriptionStatus, ends_at: Option<&str>) -> String {
    let until = ends_at.map(full_day);
    match (status, until) {
        (SubscriptionStatus::Free, _) => "Free".to_owned(),
        (SubscriptionStatus::Trialing, Some(day)) => format!("Trial, until {day}"),
        (SubscriptionStatus::Trialing, None) => "Trial".to_owned(),
        (SubscriptionStatus::Active, Some(day)) => format!("Active, paid until {day}"),
        (SubscriptionStatus::Active, None) => "Active".to_owned(),
        (SubscriptionStatus::PastDue, Some(day)) => {
            format!("Past due: the plan keeps working until {day}")
        }
        (SubscriptionStatus::PastDue, None) => "Past due".to_owned(),
        (SubscriptionStatus::Canceled, _) => "Canceled: the Free limits apply".to_owned(),
    }
}

/// The status badge's class suffix.
pub fn status_key(status: SubscriptionStatus) -> &'static str {
    match status {
        SubscriptionStatus::Free => "free",
        SubscriptionStatus::Trialing => "trialing",
        SubscriptionStatus::Active => "active",
        SubscriptionStatus::PastDue => "past-due",
        SubscriptionStatus::Canceled => "canceled",
    }
}

/// The billing period, both days included: `Jan 1, 2026 – Jan 31, 2026`.
pub fn period(start: &str, end: &str) -> String {
    format!("{} – {}", full_day(start), full_day(end))
}

/// What decides which plans a workspace may buy: its plan, status and who took the payment
/// (the usage figures do not).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standing {
    pub plan_id: String,
    pub status: SubscriptionStatus,
    pub provider: Option<PaymentProvider>,
}

impl Standing {
    pub fn of(usage: &BillingUsage) -> Standing {
        Standing {
            plan_id: usage.plan_id.clone(),
            status: usage.status,
            provider: usage.provider,
        }
    }
}

/// What a plan's card offers an admin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Offer {
    /// The Stripe checkout button's label, if it has one.
    pub stripe: Option<&'static str>,
    /// Whether it may be paid in Egyptian pounds (Paymob, Fawry).
    pub local: bool,
    /// Whether the plan is changed in Stripe's billing portal instead (the workspace pays
    /// through Stripe already; the edge refuses a second checkout).
    pub in_portal: bool,
}

/// What `plan`'s card offers, given the workspace's standing (`usage`) and the plan it is on
/// (`current`, from the catalog). A plan paid through Stripe is managed in the billing
/// portal, the plan it pays and every other; one prepaid through Paymob or Fawry is paid
/// again the same way.
pub fn offer(plan: &Plan, usage: &Standing, current: Option<&Plan>) -> Offer {
    let paid = matches!(
        usage.status,
        SubscriptionStatus::Active | SubscriptionStatus::PastDue
    );
    let is_current = plan.id == usage.plan_id;
    if paid && usage.provider == Some(PaymentProvider::Stripe) {
        return Offer {
            stripe: None,
            local: !is_current,
            in_portal: true,
        };
    }
    let label = if is_current {
        (!paid).then_some("Subscribe")
    } else {
        let current_price = match current {
            Some(current) if paid || usage.status == SubscriptionStatus::Trialing => {
                current.monthly_price
            }
            _ => 0,
        };
        Some(if plan.monthly_price > current_price {
            "Upgrade"
        } else {
            "Switch"
        })
    };
    Offer {
        stripe: label,
        local: true,
        in_portal: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use parley_shared_types::billing::{
        FREE_PLAN, GROWTH_PLAN, SCALE_PLAN, STARTER_PLAN, find_plan,
    };
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    fn plan(id: &str) -> Plan {
        Plan::from(find_plan(id).unwrap())
    }

    fn on(
        plan_id: &str,
        status: SubscriptionStatus,
        provider: Option<PaymentProvider>,
    ) -> Standing {
        Standing::of(&BillingUsage {
            plan_id: plan_id.into(),
            plan_name: find_plan(plan_id).unwrap().name.into(),
            agents_used: 1,
            agents_limit: 3,
            conversations_used: 0,
            conversations_limit: 1000,
            ai_responses_used: 0,
            ai_responses_limit: 500,
            billing_period_start: "2026-01-01".into(),
            billing_period_end: "2026-01-31".into(),
            status,
            interval: None,
            provider,
            extra_seats: 0,
            api_requests_per_minute: 300,
            ends_at: None,
            covered_by_parent: false,
            sub_accounts: Vec::new(),
        })
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn the_status_says_the_date_that_matters() {
        let ends = Some("2026-01-15T00:00:00Z");
        assert_eq!(
            status_line(SubscriptionStatus::Trialing, ends),
            "Trial, until Jan 15, 2026"
        );
        assert_eq!(status_line(SubscriptionStatus::Active, None), "Active");
        assert_eq!(
            status_line(SubscriptionStatus::Active, ends),
            "Active, paid until Jan 15, 2026"
        );
        assert_eq!(
            status_line(SubscriptionStatus::PastDue, ends),
            "Past due: the plan keeps working until Jan 15, 2026"
        );
        assert_eq!(status_line(SubscriptionStatus::Free, ends), "Free");
        assert_eq!(
            status_line(SubscriptionStatus::Canceled, None),
            "Canceled: the Free limits apply"
        );
        assert_eq!(status_key(SubscriptionStatus::PastDue), "past-due");
        assert_eq!(
            period("2026-01-01", "2026-01-31"),
            "Jan 1, 2026 – Jan 31, 2026"
        );
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_trial_or_free_workspace_may_buy_any_plan() {
        let trial = on(STARTER_PLAN, SubscriptionStatus::Trialing, None);
        let starter = plan(STARTER_PLAN);
        assert_eq!(
            offer(&starter, &trial, Some(&starter)),
            Offer {
                stripe: Some("Subscribe"),
                local: true,
                in_portal: false
            }
        );
        assert_eq!(
            offer(&plan(GROWTH_PLAN), &trial, Some(&starter)).stripe,
            Some("Upgrade")
        );
        let free = on(FREE_PLAN, SubscriptionStatus::Free, None);
        let free_plan = plan(FREE_PLAN);
        assert_eq!(
            offer(&starter, &free, Some(&free_plan)).stripe,
            Some("Upgrade")
        );
        // Canceled: whatever it was, every paid plan is an upgrade from Free.
        let canceled = on(SCALE_PLAN, SubscriptionStatus::Canceled, None);
        assert_eq!(
            offer(&starter, &canceled, Some(&plan(SCALE_PLAN))).stripe,
            Some("Upgrade")
        );
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_paid_plan_is_managed_where_it_was_paid() {
        let growth = plan(GROWTH_PLAN);
        let stripe = on(
            GROWTH_PLAN,
            SubscriptionStatus::Active,
            Some(PaymentProvider::Stripe),
        );
        assert_eq!(
            offer(&growth, &stripe, Some(&growth)),
            Offer {
                stripe: None,
                local: false,
                in_portal: true
            }
        );
        // Another plan too is changed in the portal (the edge refuses a second checkout).
        for other in [SCALE_PLAN, STARTER_PLAN] {
            let offered = offer(&plan(other), &stripe, Some(&growth));
            assert_eq!((offered.stripe, offered.in_portal), (None, true));
        }
        let fawry = on(
            GROWTH_PLAN,
            SubscriptionStatus::PastDue,
            Some(PaymentProvider::Fawry),
        );
        assert_eq!(
            offer(&growth, &fawry, Some(&growth)),
            Offer {
                stripe: None,
                local: true,
                in_portal: false
            }
        );
        assert_eq!(
            offer(&plan(SCALE_PLAN), &fawry, Some(&growth)).stripe,
            Some("Upgrade")
        );
        assert_eq!(
            offer(&plan(STARTER_PLAN), &fawry, Some(&growth)).stripe,
            Some("Switch")
        );
    }
}
