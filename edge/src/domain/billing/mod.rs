//! Billing and limits: each workspace's plan, exact usage limits, seats, and what payment
//! providers report. Counting happens in D1 by conditional upserts (`store::billing::spend`),
//! one statement each, so concurrent requests are counted one after another and never pass a
//! limit together; sandbox (`test` key) workspaces are neither counted nor refused.

mod checkout;
mod notifications;
pub mod standing;

pub use checkout::{checkout, pay_at_fawry, pay_with_paymob, portal};
pub use notifications::{fawry_notification, paymob_callback, stripe_webhook};

use crate::clock::now_secs;
use crate::error::{ApiError, ApiResult};
use crate::payments::stripe::{self, Stripe};
use crate::store::{self, billing, billing::Counter, billing::PlanRow};
use chrono::{DateTime, TimeDelta, Utc};
use parley_shared_types::billing::{
    BillingInterval, BillingUsage, Invoice, PaymentProvider, STARTER_PLAN, SubscriptionStatus,
    TRIAL_DAYS,
};
use parley_shared_types::problem::ErrorCode;
use parley_shared_types::sub_account::SubAccountUsage;
use standing::{Standing, Subscription, parse_time, period_days, rfc3339};
use worker::{D1Database, D1PreparedStatement, Env};

/// Billing's notion of now: the edge clock (which a development server may set).
pub fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(now_secs() as i64, 0).unwrap_or_default()
}

/// A workspace's plan as it applies now, and what its provider knows it by. A sub-account's
/// plan is its parent's: the parent is its payer, and its usage counts against the parent's
/// limits together with the parent's own and its siblings'.
pub struct Account {
    pub workspace_id: String,
    /// The workspace whose plan applies: the parent of a sub-account, else the workspace.
    pub payer_id: String,
    /// The payer's name and provider references below.
    pub workspace_name: String,
    pub standing: Standing,
    /// False for sandboxes: their traffic is neither counted nor refused.
    pub metered: bool,
    pub stripe_customer_id: Option<String>,
    pub subscription_id: Option<String>,
    pub seat_item_id: Option<String>,
}

fn subscription_of(row: &PlanRow) -> Option<Subscription> {
    let status = match row.status.as_deref()? {
        "trialing" => SubscriptionStatus::Trialing,
        "active" => SubscriptionStatus::Active,
        "past_due" => SubscriptionStatus::PastDue,
        _ => SubscriptionStatus::Canceled,
    };
    Some(Subscription {
        plan_id: row.plan_id.clone()?,
        status,
        interval: BillingInterval::parse(row.billing_interval.as_deref()?)?,
        provider: row.provider.as_deref().and_then(PaymentProvider::parse),
        extra_seats: row.extra_seats.unwrap_or(0).max(0) as u32,
        period_start: parse_time(row.period_start.as_deref()?)?,
        period_end: parse_time(row.period_end.as_deref()?)?,
        past_due_since: row.past_due_since.as_deref().and_then(parse_time),
    })
}

async fn plan_row(db: &D1Database, workspace_id: &str) -> ApiResult<PlanRow> {
    billing::plan_of(db, workspace_id)
        .await?
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound, "no such workspace"))
}

pub async fn account(db: &D1Database, workspace_id: &str) -> ApiResult<Account> {
    let mut row = plan_row(db, workspace_id).await?;
    let payer_id = row
        .parent_id
        .clone()
        .unwrap_or_else(|| workspace_id.to_owned());
    if payer_id != workspace_id {
        row = plan_row(db, &payer_id).await?;
    }
    let created = parse_time(&row.created_at).unwrap_or_else(now);
    Ok(Account {
        workspace_id: workspace_id.to_owned(),
        payer_id,
        workspace_name: row.name.clone(),
        standing: standing::standing(subscription_of(&row).as_ref(), created, now()),
        metered: row.sandbox_of.is_none(),
        stripe_customer_id: row.stripe_customer_id,
        subscription_id: row.subscription_id,
        seat_item_id: row.seat_item_id,
    })
}

impl Account {
    fn covered_by_parent(&self) -> bool {
        self.payer_id != self.workspace_id
    }

    /// Payments and seats belong to the real workspace, not its sandbox, and to a parent, not
    /// its sub-accounts.
    pub fn live(&self) -> ApiResult<()> {
        if self.covered_by_parent() {
            Err(ApiError::new(
                ErrorCode::Forbidden,
                "a sub-account is billed to its parent account: the parent buys plans and seats",
            ))
        } else if self.metered {
            Ok(())
        } else {
            Err(ApiError::new(
                ErrorCode::Conflict,
                "the sandbox has no billing of its own: use a live key or sign in",
            ))
        }
    }
}

/// The plan and usage `GET /api/v1/billing/current` answers.
pub async fn usage(env: &Env, workspace_id: &str) -> ApiResult<BillingUsage> {
    let db = store::db(env)?;
    let account = account(&db, workspace_id).await?;
    usage_of(&db, &account).await
}

/// One workspace's use as the billing answer shows it.
fn share(used: billing::Used) -> SubAccountUsage {
    let count = |n: i64| n.max(0) as u32;
    SubAccountUsage {
        agents_used: count(used.agents),
        conversations_used: count(used.conversations),
        ai_responses_used: count(used.ai_responses),
        id: used.workspace_id,
        name: used.name,
    }
}

/// What the billing answer of `workspace_id` counts, from the use of each workspace of its
/// payer's family: a parent (its own payer) counts the whole family, seats, conversations and
/// AI responses, and lists each sub-account's share; a sub-account counts only its own and
/// sees nothing of its siblings.
fn roll_up(
    family: Vec<billing::Used>,
    workspace_id: &str,
    payer_id: &str,
) -> ((u32, u32, u32), Vec<SubAccountUsage>) {
    let covered_by_parent = workspace_id != payer_id;
    let shares: Vec<SubAccountUsage> = family
        .into_iter()
        .filter(|used| !covered_by_parent || used.workspace_id == workspace_id)
        .map(share)
        .collect();
    let totals = shares
        .iter()
        .fold((0, 0, 0), |(agents, conversations, ai), s| {
            (
                agents + s.agents_used,
                conversations + s.conversations_used,
                ai + s.ai_responses_used,
            )
        });
    let sub_accounts = shares
        .into_iter()
        .filter(|s| !covered_by_parent && s.id != payer_id)
        .collect();
    (totals, sub_accounts)
}

/// The plan and what it counts (see [`roll_up`]).
async fn usage_of(db: &D1Database, account: &Account) -> ApiResult<BillingUsage> {
    let s = &account.standing;
    let family = billing::family_usage(db, &account.payer_id, &s.period_key()).await?;
    let ((agents, conversations, ai_responses), sub_accounts) =
        roll_up(family, &account.workspace_id, &account.payer_id);
    let covered_by_parent = account.covered_by_parent();
    let (start, end) = period_days(s.period);
    Ok(BillingUsage {
        plan_id: s.plan.id.to_owned(),
        plan_name: s.plan.name.to_owned(),
        agents_used: agents,
        agents_limit: s.agents_limit(),
        conversations_used: conversations,
        conversations_limit: s.plan.max_conversations,
        ai_responses_used: ai_responses,
        ai_responses_limit: s.plan.max_ai_responses,
        billing_period_start: start,
        billing_period_end: end,
        status: s.status,
        interval: s.interval,
        provider: s.provider,
        extra_seats: s.extra_seats,
        api_requests_per_minute: s.plan.api_requests_per_minute,
        ends_at: s.ends_at.map(rfc3339),
        covered_by_parent,
        sub_accounts,
    })
}

/// One unit counted against a plan, which can be given back if what it paid for did not
/// happen.
pub struct Charged {
    workspace_id: String,
    counter: Counter,
    /// The period it was counted in; `None` for a sandbox (nothing was counted).
    period: Option<String>,
}

impl Charged {
    pub async fn refund(self, env: &Env) {
        let Some(period) = self.period else { return };
        let refunded = async {
            billing::refund(&store::db(env)?, &self.workspace_id, &period, self.counter).await
        };
        if let Err(error) = refunded.await {
            worker::console_error!("refunding a {:?} failed: {error}", self.counter);
        }
    }
}

/// Counts one conversation or AI response against the workspace's plan, or refuses it with
/// `LIMITS_REACHED` once the period's allowance is used.
pub async fn charge(env: &Env, workspace_id: &str, counter: Counter) -> ApiResult<Charged> {
    let db = store::db(env)?;
    let account = account(&db, workspace_id).await?;
    if !account.metered {
        return Ok(Charged {
            workspace_id: workspace_id.to_owned(),
            counter,
            period: None,
        });
    }
    let s = &account.standing;
    let (limit, what) = match counter {
        Counter::Conversations => (s.plan.max_conversations, "conversations"),
        Counter::AiResponses => (s.plan.max_ai_responses, "AI responses"),
    };
    let period = s.period_key();
    let spender = (workspace_id, account.payer_id.as_str());
    if billing::spend(&db, spender, &period, counter, limit).await? {
        return Ok(Charged {
            workspace_id: workspace_id.to_owned(),
            counter,
            period: Some(period),
        });
    }
    let (_, last_day) = period_days(s.period);
    Err(ApiError::new(
        ErrorCode::LimitsReached,
        format!(
            "the {} plan's {limit} {what} for this billing period are used (it ends after \
             {last_day}): upgrade at /admin/#/billing",
            s.plan.name
        ),
    ))
}

/// How many requests a minute the workspace's live API keys may make.
pub async fn api_requests_per_minute(env: &Env, workspace_id: &str) -> ApiResult<u32> {
    let account = account(&store::db(env)?, workspace_id).await?;
    Ok(account.standing.plan.api_requests_per_minute)
}

/// Whose seats a workspace's users take (its payer: a sub-account's parent) and how many
/// the payer's family may have now; a sandbox's are not limited (its `test` keys' traffic is
/// neither counted nor refused).
pub async fn seats(env: &Env, workspace_id: &str) -> ApiResult<(String, u32)> {
    let account = account(&store::db(env)?, workspace_id).await?;
    let seats = if account.metered {
        account.standing.agents_limit()
    } else {
        u32::MAX
    };
    Ok((account.payer_id, seats))
}

/// The refusal of a user beyond the workspace's seats.
pub fn seats_full(seats: u32) -> ApiError {
    ApiError::new(
        ErrorCode::LimitsReached,
        format!(
            "all {seats} seats of the plan are taken: add a seat (POST /api/v1/billing/add-agent, \
             or Billing at /admin/#/billing) or upgrade"
        ),
    )
}

/// The sign-up trial a new workspace starts with, written with the workspace.
pub fn trial(db: &D1Database, workspace_id: &str) -> ApiResult<D1PreparedStatement> {
    let start = now();
    let (start_text, end_text) = (rfc3339(start), rfc3339(start + TimeDelta::days(TRIAL_DAYS)));
    let write = billing::SubscriptionWrite::fixed(
        workspace_id,
        (STARTER_PLAN, BillingInterval::Monthly.as_str()),
        "trialing",
        None,
        (&start_text, &end_text),
        0,
    );
    billing::set_subscription(db, &write)
}

/// The workspace's Stripe subscription, or 402 `NO_SUBSCRIPTION` without a paid one.
fn stripe_subscription(account: &Account) -> ApiResult<(&str, BillingInterval)> {
    let s = &account.standing;
    match (&account.subscription_id, s.provider, s.interval) {
        (Some(id), Some(PaymentProvider::Stripe), Some(interval)) if s.paid => Ok((id, interval)),
        _ if s.paid => Err(ApiError::new(
            ErrorCode::Conflict,
            "seats are bought on a Stripe subscription; this plan is not paid through Stripe \
             and has the seats it includes",
        )),
        _ => Err(ApiError::new(
            ErrorCode::NoSubscription,
            "this needs a paid subscription: upgrade first (POST /api/v1/billing/checkout)",
        )),
    }
}

/// One seat more (`+1`) or less (`-1`) on the Stripe subscription, prorated by Stripe.
pub async fn change_seats(env: &Env, workspace_id: &str, change: i64) -> ApiResult<BillingUsage> {
    let db = store::db(env)?;
    let account = account(&db, workspace_id).await?;
    account.live()?;
    let (subscription_id, interval) = stripe_subscription(&account)?;
    let from = i64::from(account.standing.extra_seats);
    let to = from + change;
    if to < 0 {
        return Err(ApiError::new(
            ErrorCode::Conflict,
            format!(
                "no seat beyond the {} plan's own {} to remove",
                account.standing.plan.name, account.standing.plan.max_agents
            ),
        ));
    }
    let family = billing::family_usage(&db, workspace_id, &account.standing.period_key()).await?;
    let seated: i64 = family.iter().map(|used| used.agents).sum();
    let limit_after = i64::from(account.standing.plan.max_agents) + to;
    if seated > limit_after {
        return Err(ApiError::new(
            ErrorCode::Conflict,
            format!("{seated} users hold seats; remove a user before removing a seat"),
        ));
    }
    // The seats are reserved first, so two requests never both change them from the same
    // count; what Stripe refuses is given back.
    let now_text = rfc3339(now());
    let item = account.seat_item_id.as_deref();
    if !billing::swap_extra_seats(&db, workspace_id, (from, to), item, &now_text).await? {
        return Err(ApiError::new(
            ErrorCode::Conflict,
            "the seats changed meanwhile: read the usage and try again",
        ));
    }
    match seats_at_stripe(env, subscription_id, interval, item, to as u32).await {
        Ok(new_item) if new_item.as_deref() != item => {
            billing::swap_extra_seats(&db, workspace_id, (to, to), new_item.as_deref(), &now_text)
                .await?;
        }
        Ok(_) => {}
        Err(error) => {
            billing::swap_extra_seats(&db, workspace_id, (to, from), item, &now_text).await?;
            return Err(error);
        }
    }
    usage(env, workspace_id).await
}

/// Sets the subscription's seat item to `quantity` (adding or deleting the item as needed);
/// answers the item's id, if one is left.
async fn seats_at_stripe(
    env: &Env,
    subscription_id: &str,
    interval: BillingInterval,
    item: Option<&str>,
    quantity: u32,
) -> ApiResult<Option<String>> {
    let stripe = Stripe::from_env(env)?;
    match (item, quantity) {
        (Some(item), 0) => stripe.delete_item(item).await.map(|()| None),
        (Some(item), quantity) => stripe
            .set_quantity(item, quantity)
            .await
            .map(|()| Some(item.to_owned())),
        (None, 0) => Ok(None),
        (None, quantity) => {
            let key = stripe::seat_lookup_key(interval);
            let prices = stripe.prices(&[&key]).await?;
            let price = &prices[&key];
            stripe
                .add_item(subscription_id, price, quantity)
                .await
                .map(Some)
        }
    }
}

pub async fn invoices(env: &Env, workspace_id: &str) -> ApiResult<Vec<Invoice>> {
    let rows = billing::invoices(&store::db(env)?, workspace_id).await?;
    Ok(rows
        .into_iter()
        .map(|row| Invoice {
            amount: row.amount_minor as f64 / 100.0,
            currency: row.currency.to_uppercase(),
            date: row.created_at.get(..10).unwrap_or_default().to_owned(),
            status: row.status,
            pdf_url: row.pdf_url,
            provider: PaymentProvider::parse(&row.provider).unwrap_or(PaymentProvider::Stripe),
            id: row.id,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn used(
        workspace_id: &str,
        (agents, conversations, ai_responses): (i64, i64, i64),
    ) -> billing::Used {
        billing::Used {
            workspace_id: workspace_id.into(),
            name: workspace_id.to_uppercase(),
            conversations,
            ai_responses,
            agents,
        }
    }

    fn family() -> Vec<billing::Used> {
        vec![
            used("parent", (2, 10, 4)),
            used("a", (1, 5, 1)),
            used("b", (0, 3, 0)),
        ]
    }

    #[test]
    fn a_parent_counts_its_whole_family_and_lists_each_sub_accounts_share() {
        let (totals, shares) = roll_up(family(), "parent", "parent");
        assert_eq!(totals, (3, 18, 5));
        let listed: Vec<_> = shares
            .iter()
            .map(|s| (s.id.as_str(), s.name.as_str(), s.conversations_used))
            .collect();
        assert_eq!(listed, [("a", "A", 5), ("b", "B", 3)]);
    }

    #[test]
    fn a_sub_account_counts_only_its_own_and_sees_no_sibling() {
        let (totals, shares) = roll_up(family(), "a", "parent");
        assert_eq!(totals, (1, 5, 1));
        assert!(shares.is_empty());
    }

    #[test]
    fn a_workspace_without_sub_accounts_counts_itself() {
        let (totals, shares) = roll_up(vec![used("solo", (1, 7, 0))], "solo", "solo");
        assert_eq!((totals, shares.len()), ((1, 7, 0), 0));
    }
}
