//! Plans, usage and payments (ChatFlow's Billing section): the catalog once, and the wire
//! types of `/api/v1/billing/*`.
//!
//! What the limits mean:
//! - **Agents** are the workspace's users, admins included (API keys hold no seat). A plan
//!   includes `maxAgents` seats; a paid Stripe subscription may add seats one at a time.
//! - **Conversations** and **AI responses** (every answer a bot gives, in the widget or through
//!   `/api/chat`) are counted per billing period: a month, starting on the subscription's own
//!   date (an annual plan's year is twelve such months; the figures are monthly).
//! - Sandbox (`test` key) traffic is never counted nor refused by them.

use serde::{Deserialize, Serialize};

/// The plan, its price in US dollars, and what it allows each billing period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanSpec {
    pub id: &'static str,
    pub name: &'static str,
    pub monthly_price: u32,
    pub annual_price: u32,
    pub max_agents: u32,
    pub max_conversations: u32,
    pub max_ai_responses: u32,
    /// Requests a minute each live API key of the workspace may make (ChatbotPlatform's tiers).
    pub api_requests_per_minute: u32,
    /// The same plan paid in Egyptian pounds through Paymob or Fawry.
    pub egp_monthly_price: u32,
    pub egp_annual_price: u32,
}

pub const FREE_PLAN: &str = "plan-free";
pub const STARTER_PLAN: &str = "plan-starter";
pub const GROWTH_PLAN: &str = "plan-growth";
pub const SCALE_PLAN: &str = "plan-scale";

/// Free and Starter are the seed's figures.
pub const PLANS: [PlanSpec; 4] = [
    PlanSpec {
        id: FREE_PLAN,
        name: "Free",
        monthly_price: 0,
        annual_price: 0,
        max_agents: 1,
        max_conversations: 100,
        max_ai_responses: 0,
        api_requests_per_minute: 60,
        egp_monthly_price: 0,
        egp_annual_price: 0,
    },
    PlanSpec {
        id: STARTER_PLAN,
        name: "Starter",
        monthly_price: 29,
        annual_price: 278,
        max_agents: 3,
        max_conversations: 1000,
        max_ai_responses: 500,
        api_requests_per_minute: 300,
        egp_monthly_price: 1450,
        egp_annual_price: 13_900,
    },
    PlanSpec {
        id: GROWTH_PLAN,
        name: "Growth",
        monthly_price: 79,
        annual_price: 758,
        max_agents: 10,
        max_conversations: 5000,
        max_ai_responses: 5000,
        api_requests_per_minute: 1000,
        egp_monthly_price: 3950,
        egp_annual_price: 37_900,
    },
    PlanSpec {
        id: SCALE_PLAN,
        name: "Scale",
        monthly_price: 199,
        annual_price: 1910,
        max_agents: 25,
        max_conversations: 25_000,
        max_ai_responses: 25_000,
        api_requests_per_minute: 1000,
        egp_monthly_price: 9950,
        egp_annual_price: 95_500,
    },
];

/// What one seat beyond a plan's own costs, in US dollars.
pub const SEAT_MONTHLY_PRICE: u32 = 10;
pub const SEAT_ANNUAL_PRICE: u32 = 96;
/// How long a new workspace tries `plan-starter` before it falls back to Free.
pub const TRIAL_DAYS: i64 = 14;
/// How long a paid plan keeps working after a failed payment (or a period not renewed).
pub const GRACE_DAYS: i64 = 7;

pub fn find_plan(id: &str) -> Option<&'static PlanSpec> {
    PLANS.iter().find(|plan| plan.id == id)
}

pub fn free_plan() -> &'static PlanSpec {
    &PLANS[0]
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum BillingInterval {
    Monthly,
    Annual,
}

impl BillingInterval {
    pub fn parse(text: &str) -> Option<BillingInterval> {
        match text {
            "monthly" => Some(BillingInterval::Monthly),
            "annual" => Some(BillingInterval::Annual),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            BillingInterval::Monthly => "monthly",
            BillingInterval::Annual => "annual",
        }
    }

    pub fn months(self) -> u32 {
        match self {
            BillingInterval::Monthly => 1,
            BillingInterval::Annual => 12,
        }
    }
}

impl PlanSpec {
    /// The plan's price for `interval`, in US dollars or (`egp`) Egyptian pounds.
    pub fn price(&self, interval: BillingInterval, egp: bool) -> u32 {
        match (interval, egp) {
            (BillingInterval::Monthly, false) => self.monthly_price,
            (BillingInterval::Annual, false) => self.annual_price,
            (BillingInterval::Monthly, true) => self.egp_monthly_price,
            (BillingInterval::Annual, true) => self.egp_annual_price,
        }
    }

    pub fn is_paid(&self) -> bool {
        self.monthly_price > 0
    }
}

/// One price of a plan in one currency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct PlanPrice {
    pub currency: String,
    pub monthly_price: u32,
    pub annual_price: u32,
}

/// A plan in the catalog (`GET /api/v1/billing/plans`): the seed's fields, then Parley's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Plan {
    pub id: String,
    pub name: String,
    pub monthly_price: u32,
    pub annual_price: u32,
    pub max_agents: u32,
    pub max_conversations: u32,
    pub max_ai_responses: u32,
    pub api_requests_per_minute: u32,
    /// The currency of `monthlyPrice` and `annualPrice`.
    pub currency: String,
    /// Every currency the plan is sold in (USD by Stripe, EGP by Paymob and Fawry).
    pub prices: Vec<PlanPrice>,
    pub seat_monthly_price: u32,
    pub seat_annual_price: u32,
}

impl From<&PlanSpec> for Plan {
    fn from(spec: &PlanSpec) -> Plan {
        Plan {
            id: spec.id.to_owned(),
            name: spec.name.to_owned(),
            monthly_price: spec.monthly_price,
            annual_price: spec.annual_price,
            max_agents: spec.max_agents,
            max_conversations: spec.max_conversations,
            max_ai_responses: spec.max_ai_responses,
            api_requests_per_minute: spec.api_requests_per_minute,
            currency: "USD".to_owned(),
            prices: vec![
                PlanPrice {
                    currency: "USD".to_owned(),
                    monthly_price: spec.monthly_price,
                    annual_price: spec.annual_price,
                },
                PlanPrice {
                    currency: "EGP".to_owned(),
                    monthly_price: spec.egp_monthly_price,
                    annual_price: spec.egp_annual_price,
                },
            ],
            seat_monthly_price: SEAT_MONTHLY_PRICE,
            seat_annual_price: SEAT_ANNUAL_PRICE,
        }
    }
}

/// Where a workspace's plan stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SubscriptionStatus {
    /// No paid plan: Free.
    Free,
    /// The sign-up trial of Starter.
    Trialing,
    Active,
    /// A payment failed; the plan keeps working for [`GRACE_DAYS`].
    PastDue,
    /// Ended (canceled, lapsed or not renewed): Free limits.
    Canceled,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum PaymentProvider {
    Stripe,
    Paymob,
    Fawry,
}

impl PaymentProvider {
    pub fn as_str(self) -> &'static str {
        match self {
            PaymentProvider::Stripe => "stripe",
            PaymentProvider::Paymob => "paymob",
            PaymentProvider::Fawry => "fawry",
        }
    }

    pub fn parse(text: &str) -> Option<PaymentProvider> {
        [
            PaymentProvider::Stripe,
            PaymentProvider::Paymob,
            PaymentProvider::Fawry,
        ]
        .into_iter()
        .find(|provider| provider.as_str() == text)
    }
}

/// The workspace's plan and usage (`GET /api/v1/billing/current`): the seed's fields, then
/// Parley's. Period dates are UTC days, both included.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct BillingUsage {
    pub plan_id: String,
    pub plan_name: String,
    pub agents_used: u32,
    pub agents_limit: u32,
    pub conversations_used: u32,
    pub conversations_limit: u32,
    pub ai_responses_used: u32,
    pub ai_responses_limit: u32,
    pub billing_period_start: String,
    pub billing_period_end: String,
    pub status: SubscriptionStatus,
    /// The paid plan's interval, if one is paid.
    pub interval: Option<BillingInterval>,
    /// Who takes the payments, if anyone does.
    pub provider: Option<PaymentProvider>,
    /// Seats bought beyond the plan's own.
    pub extra_seats: u32,
    pub api_requests_per_minute: u32,
    /// When the trial, a lapsed payment's grace or a prepaid period ends (RFC 3339), if it does.
    pub ends_at: Option<String>,
    /// A sub-account's answer: the plan is its parent's (which pays for it; checkout and seats
    /// are the parent's to change), and the `…Used` figures are the sub-account's own.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub covered_by_parent: bool,
    /// A parent's answer: each sub-account's share. The parent's `…Used` figures count the
    /// parent and all its sub-accounts, against the parent's limits.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sub_accounts: Vec<crate::sub_account::SubAccountUsage>,
}

/// `POST /api/v1/billing/checkout` (and `/checkout/paymob`, `/checkout/fawry`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CheckoutRequest {
    pub plan_id: String,
    /// `monthly` or `annual`.
    pub interval: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CheckoutSession {
    pub checkout_url: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct PortalSession {
    pub portal_url: String,
}

/// A payment started with Paymob or Fawry: where the payer goes, or (Fawry) the reference
/// they pay at a kiosk. The plan starts when the provider reports the payment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct PaymentStarted {
    pub payment_id: String,
    pub provider: PaymentProvider,
    /// Paymob's hosted payment page.
    pub checkout_url: Option<String>,
    /// Fawry's reference number, paid at any Fawry kiosk or in the myFawry app.
    pub reference_number: Option<String>,
    pub amount: u32,
    pub currency: String,
    pub expires_at: Option<String>,
}

/// An invoice or receipt (`GET /api/v1/billing/invoices`); `amount` in the currency's major
/// unit, `date` a UTC day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Invoice {
    pub id: String,
    pub amount: f64,
    pub currency: String,
    pub date: String,
    /// `paid`, `open` (awaiting payment) or `void`.
    pub status: String,
    pub pdf_url: Option<String>,
    pub provider: PaymentProvider,
}

/// Validates a checkout request: the plan must be a paid one in the catalog.
pub fn check_checkout(
    request: &CheckoutRequest,
) -> Result<(&'static PlanSpec, BillingInterval), crate::validate::FieldErrors> {
    let mut errors = crate::validate::FieldErrors::new();
    let plan = find_plan(&request.plan_id).filter(|plan| plan.is_paid());
    if plan.is_none() {
        let paid: Vec<&str> = PLANS.iter().filter(|p| p.is_paid()).map(|p| p.id).collect();
        errors.insert(
            "planId".to_owned(),
            vec![format!("must be one of {}", paid.join(", "))],
        );
    }
    let interval = BillingInterval::parse(&request.interval);
    if interval.is_none() {
        errors.insert(
            "interval".to_owned(),
            vec!["must be monthly or annual".to_owned()],
        );
    }
    match (plan, interval) {
        (Some(plan), Some(interval)) => Ok((plan, interval)),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalog_has_the_seeds_free_and_starter() {
        let free = find_plan(FREE_PLAN).unwrap();
        assert_eq!(
            (
                free.max_agents,
                free.max_conversations,
                free.max_ai_responses
            ),
            (1, 100, 0)
        );
        let starter = find_plan(STARTER_PLAN).unwrap();
        assert_eq!((starter.monthly_price, starter.annual_price), (29, 278));
        assert_eq!(
            (
                starter.max_agents,
                starter.max_conversations,
                starter.max_ai_responses
            ),
            (3, 1000, 500)
        );
        assert!(find_plan(GROWTH_PLAN).is_some() && find_plan(SCALE_PLAN).is_some());
        assert_eq!(free_plan().id, FREE_PLAN);
    }

    #[test]
    fn checkout_takes_a_paid_plan_and_an_interval() {
        let ask = |plan: &str, interval: &str| {
            check_checkout(&CheckoutRequest {
                plan_id: plan.into(),
                interval: interval.into(),
            })
        };
        assert_eq!(
            ask(GROWTH_PLAN, "annual").unwrap().1,
            BillingInterval::Annual
        );
        let errors = ask(FREE_PLAN, "weekly").unwrap_err();
        assert!(errors.contains_key("planId") && errors.contains_key("interval"));
        assert!(
            ask("plan-gold", "monthly")
                .unwrap_err()
                .contains_key("planId")
        );
    }
}
