//! Where a workspace's plan stands at a moment: which plan's limits apply, whether it is paid,
//! and the billing period usage is counted in. Pure, over what the store keeps.

use chrono::{DateTime, Months, SecondsFormat, TimeDelta, Utc};
use parley_shared_types::billing::{
    BillingInterval, GRACE_DAYS, PaymentProvider, PlanSpec, SubscriptionStatus, find_plan,
    free_plan,
};

/// A subscription as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Subscription {
    pub plan_id: String,
    pub status: SubscriptionStatus,
    pub interval: BillingInterval,
    pub provider: Option<PaymentProvider>,
    pub extra_seats: u32,
    pub period_start: DateTime<Utc>,
    pub period_end: DateTime<Utc>,
    pub past_due_since: Option<DateTime<Utc>>,
}

/// What applies to a workspace now.
#[derive(Debug, Clone, PartialEq)]
pub struct Standing {
    pub plan: &'static PlanSpec,
    pub status: SubscriptionStatus,
    /// A plan paid through a provider is in effect (the trial is not paid).
    pub paid: bool,
    pub interval: Option<BillingInterval>,
    pub provider: Option<PaymentProvider>,
    pub extra_seats: u32,
    /// The month usage is counted in: `[start, end)`.
    pub period: (DateTime<Utc>, DateTime<Utc>),
    /// When the trial, a lapsed payment's grace or a prepaid period ends, if it does.
    pub ends_at: Option<DateTime<Utc>>,
}

impl Standing {
    pub fn agents_limit(&self) -> u32 {
        self.plan.max_agents + self.extra_seats
    }

    /// The period's first instant, as usage counters are keyed.
    pub fn period_key(&self) -> String {
        rfc3339(self.period.0)
    }
}

pub fn rfc3339(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

pub fn parse_time(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|at| at.with_timezone(&Utc))
}

/// The month, counted from `anchor` (the same day and time each month), that holds `now`.
pub fn month_holding(anchor: DateTime<Utc>, now: DateTime<Utc>) -> (DateTime<Utc>, DateTime<Utc>) {
    let months_from = |n: u32| anchor.checked_add_months(Months::new(n)).unwrap_or(anchor);
    if now < anchor {
        return (anchor, months_from(1));
    }
    // A first guess from the calendar, corrected for days and times within the month.
    let guess = chrono::Datelike::year(&now) * 12 + chrono::Datelike::month0(&now) as i32
        - (chrono::Datelike::year(&anchor) * 12 + chrono::Datelike::month0(&anchor) as i32);
    let mut n = guess.max(0) as u32;
    while n > 0 && months_from(n) > now {
        n -= 1;
    }
    while months_from(n + 1) <= now {
        n += 1;
    }
    (months_from(n), months_from(n + 1))
}

fn grace() -> TimeDelta {
    TimeDelta::days(GRACE_DAYS)
}

/// Free, its months counted from `anchor` (a lapsed plan keeps its own dates).
fn free(status: SubscriptionStatus, anchor: DateTime<Utc>, now: DateTime<Utc>) -> Standing {
    Standing {
        plan: free_plan(),
        status,
        paid: false,
        interval: None,
        provider: None,
        extra_seats: 0,
        period: month_holding(anchor, now),
        ends_at: None,
    }
}

/// The standing of a workspace created at `created_at` with `subscription`, at `now`.
pub fn standing(
    subscription: Option<&Subscription>,
    created_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Standing {
    let Some(sub) = subscription else {
        return free(SubscriptionStatus::Free, created_at, now);
    };
    let Some(plan) = find_plan(&sub.plan_id) else {
        return free(SubscriptionStatus::Free, sub.period_start, now);
    };
    let in_effect = |status, ends_at: Option<DateTime<Utc>>, paid: bool| Standing {
        plan,
        status,
        paid,
        interval: paid.then_some(sub.interval),
        provider: sub.provider.filter(|_| paid),
        extra_seats: if paid { sub.extra_seats } else { 0 },
        period: month_holding(sub.period_start, now),
        ends_at,
    };
    match sub.status {
        SubscriptionStatus::Trialing if now < sub.period_end => {
            in_effect(SubscriptionStatus::Trialing, Some(sub.period_end), false)
        }
        SubscriptionStatus::Trialing => free(SubscriptionStatus::Free, sub.period_end, now),
        // A provider that renews (Stripe) says so before the period ends; one that does not
        // (a prepaid Paymob or Fawry period) ends with it. A late renewal gets the grace.
        SubscriptionStatus::Active if now < sub.period_end + grace() => {
            let prepaid = sub.provider.is_some_and(|p| p != PaymentProvider::Stripe);
            in_effect(
                SubscriptionStatus::Active,
                prepaid.then_some(sub.period_end),
                true,
            )
        }
        SubscriptionStatus::PastDue => {
            let grace_ends = sub.past_due_since.unwrap_or(sub.period_end) + grace();
            if now < grace_ends {
                in_effect(SubscriptionStatus::PastDue, Some(grace_ends), true)
            } else {
                free(SubscriptionStatus::Canceled, sub.period_start, now)
            }
        }
        SubscriptionStatus::Active | SubscriptionStatus::Canceled | SubscriptionStatus::Free => {
            free(SubscriptionStatus::Canceled, sub.period_start, now)
        }
    }
}

/// A period's dates as the seed shows them: its first and last UTC day.
pub fn period_days((start, end): (DateTime<Utc>, DateTime<Utc>)) -> (String, String) {
    let last = end - TimeDelta::seconds(1);
    (
        start.format("%Y-%m-%d").to_string(),
        last.format("%Y-%m-%d").to_string(),
    )
}

/// The end of a period paid for `interval` from `start`.
pub fn paid_until(start: DateTime<Utc>, interval: BillingInterval) -> DateTime<Utc> {
    start
        .checked_add_months(Months::new(interval.months()))
        .unwrap_or(start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use parley_shared_types::billing::{FREE_PLAN, GROWTH_PLAN, STARTER_PLAN};

    fn at(text: &str) -> DateTime<Utc> {
        parse_time(text).unwrap()
    }

    fn subscription(status: SubscriptionStatus, provider: Option<PaymentProvider>) -> Subscription {
        Subscription {
            plan_id: GROWTH_PLAN.into(),
            status,
            interval: BillingInterval::Monthly,
            provider,
            extra_seats: 2,
            period_start: at("2026-01-31T10:00:00Z"),
            period_end: at("2026-02-28T10:00:00Z"),
            past_due_since: None,
        }
    }

    #[test]
    fn months_run_from_the_anchor_and_clamp_to_short_months() {
        let anchor = at("2026-01-31T10:00:00Z");
        assert_eq!(
            month_holding(anchor, at("2026-01-31T10:00:00Z")),
            (anchor, at("2026-02-28T10:00:00Z"))
        );
        assert_eq!(
            month_holding(anchor, at("2026-03-30T09:59:59Z")),
            (at("2026-02-28T10:00:00Z"), at("2026-03-31T10:00:00Z"))
        );
        assert_eq!(
            month_holding(anchor, at("2027-02-01T00:00:00Z")).0,
            at("2027-01-31T10:00:00Z")
        );
        assert_eq!(
            month_holding(anchor, at("2025-12-01T00:00:00Z")).0,
            anchor,
            "before the anchor: its first month"
        );
    }

    #[test]
    fn a_workspace_without_a_subscription_is_free_from_its_creation_day() {
        let created = at("2026-03-15T08:00:00Z");
        let s = standing(None, created, at("2026-05-20T00:00:00Z"));
        assert_eq!(s.plan.id, FREE_PLAN);
        assert_eq!(s.status, SubscriptionStatus::Free);
        assert_eq!(s.period.0, at("2026-05-15T08:00:00Z"));
        assert_eq!(
            period_days(s.period),
            ("2026-05-15".into(), "2026-06-15".into())
        );
        assert!(!s.paid);
    }

    #[test]
    fn a_trial_gives_starter_until_it_ends_then_free() {
        let trial = Subscription {
            plan_id: STARTER_PLAN.into(),
            status: SubscriptionStatus::Trialing,
            provider: None,
            extra_seats: 0,
            period_end: at("2026-02-14T10:00:00Z"),
            ..subscription(SubscriptionStatus::Trialing, None)
        };
        let created = at("2026-01-31T10:00:00Z");
        let during = standing(Some(&trial), created, at("2026-02-10T00:00:00Z"));
        assert_eq!(
            (during.plan.id, during.status, during.paid),
            (STARTER_PLAN, SubscriptionStatus::Trialing, false)
        );
        assert_eq!(during.ends_at, Some(at("2026-02-14T10:00:00Z")));
        let after = standing(Some(&trial), created, at("2026-02-14T10:00:00Z"));
        assert_eq!(
            (after.plan.id, after.status),
            (FREE_PLAN, SubscriptionStatus::Free)
        );
        assert_eq!(after.period.0, at("2026-02-14T10:00:00Z"));
    }

    #[test]
    fn a_paid_plan_counts_its_seats_and_rolls_its_months() {
        let sub = subscription(SubscriptionStatus::Active, Some(PaymentProvider::Stripe));
        let s = standing(Some(&sub), sub.period_start, at("2026-03-01T00:00:00Z"));
        assert_eq!(
            (s.plan.id, s.paid, s.agents_limit()),
            (GROWTH_PLAN, true, 12)
        );
        assert_eq!(s.period.0, at("2026-02-28T10:00:00Z"), "within the grace");
        assert_eq!(s.ends_at, None, "Stripe renews");
        let lapsed = standing(Some(&sub), sub.period_start, at("2026-03-08T00:00:00Z"));
        assert_eq!(
            (lapsed.plan.id, lapsed.status, lapsed.agents_limit()),
            (FREE_PLAN, SubscriptionStatus::Canceled, 1)
        );
    }

    #[test]
    fn a_prepaid_period_ends_with_its_date() {
        let sub = subscription(SubscriptionStatus::Active, Some(PaymentProvider::Fawry));
        let s = standing(Some(&sub), sub.period_start, at("2026-02-01T00:00:00Z"));
        assert_eq!(s.ends_at, Some(sub.period_end));
        assert_eq!(s.provider, Some(PaymentProvider::Fawry));
    }

    #[test]
    fn past_due_keeps_the_plan_for_the_grace_then_falls_to_free() {
        let sub = Subscription {
            past_due_since: Some(at("2026-02-01T00:00:00Z")),
            ..subscription(SubscriptionStatus::PastDue, Some(PaymentProvider::Stripe))
        };
        let during = standing(Some(&sub), sub.period_start, at("2026-02-07T23:00:00Z"));
        assert_eq!(
            (during.plan.id, during.status),
            (GROWTH_PLAN, SubscriptionStatus::PastDue)
        );
        assert_eq!(during.ends_at, Some(at("2026-02-08T00:00:00Z")));
        let after = standing(Some(&sub), sub.period_start, at("2026-02-08T00:00:00Z"));
        assert_eq!((after.plan.id, after.paid), (FREE_PLAN, false));
    }

    #[test]
    fn canceled_is_free_from_the_end_of_its_last_period() {
        let sub = subscription(SubscriptionStatus::Canceled, Some(PaymentProvider::Stripe));
        let s = standing(Some(&sub), sub.period_start, at("2026-02-10T00:00:00Z"));
        assert_eq!(
            (s.plan.id, s.status),
            (FREE_PLAN, SubscriptionStatus::Canceled)
        );
        assert_eq!(s.extra_seats, 0);
    }
}
