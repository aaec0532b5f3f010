//! Plans, usage counters, payments, invoices and applied provider notifications.

use super::d1::{Arg, all, batch, first, run, statement};
use super::sub_accounts::{FAMILY, family_args};
use crate::error::ApiResult;
use serde::Deserialize;
use worker::{D1Database, D1PreparedStatement};

/// A workspace and its plan as stored (the subscription columns are NULL without one).
#[derive(Debug, Clone, Deserialize)]
pub struct PlanRow {
    pub name: String,
    /// The parent whose plan covers this workspace, for a sub-account.
    pub parent_id: Option<String>,
    pub created_at: String,
    pub sandbox_of: Option<String>,
    pub stripe_customer_id: Option<String>,
    pub plan_id: Option<String>,
    pub status: Option<String>,
    pub billing_interval: Option<String>,
    pub provider: Option<String>,
    pub subscription_id: Option<String>,
    pub seat_item_id: Option<String>,
    pub extra_seats: Option<i64>,
    pub period_start: Option<String>,
    pub period_end: Option<String>,
    pub past_due_since: Option<String>,
}

pub async fn plan_of(db: &D1Database, workspace_id: &str) -> ApiResult<Option<PlanRow>> {
    first(
        db,
        "SELECT w.name, c.parent_id, w.created_at, w.sandbox_of, w.stripe_customer_id, s.plan_id, \
         s.status, s.billing_interval, s.provider, s.subscription_id, s.seat_item_id, \
         s.extra_seats, s.period_start, s.period_end, s.past_due_since \
         FROM workspaces w LEFT JOIN subscriptions s ON s.workspace_id = w.id \
         LEFT JOIN sub_accounts c ON c.id = w.id WHERE w.id = ?",
        &[workspace_id.into()],
    )
    .await
}

/// A subscription as a provider (or sign-up) sets it.
pub struct SubscriptionWrite<'a> {
    pub workspace_id: &'a str,
    pub plan_id: &'a str,
    pub status: &'a str,
    pub interval: &'a str,
    pub provider: Option<&'a str>,
    pub subscription_id: Option<&'a str>,
    pub seat_item_id: Option<&'a str>,
    pub extra_seats: i64,
    pub period_start: &'a str,
    pub period_end: &'a str,
    pub past_due_since: Option<&'a str>,
    /// The provider's time of the notification (Unix seconds); an older one is ignored.
    pub event_at: i64,
    pub now: &'a str,
}

impl<'a> SubscriptionWrite<'a> {
    /// A plan for a fixed period that nothing at a provider renews (the sign-up trial, a
    /// prepaid month or year), written as it starts.
    pub fn fixed(
        workspace_id: &'a str,
        (plan_id, interval): (&'a str, &'a str),
        status: &'a str,
        provider: Option<&'a str>,
        (period_start, period_end): (&'a str, &'a str),
        event_at: i64,
    ) -> Self {
        SubscriptionWrite {
            workspace_id,
            plan_id,
            status,
            interval,
            provider,
            subscription_id: None,
            seat_item_id: None,
            extra_seats: 0,
            period_start,
            period_end,
            past_due_since: None,
            event_at,
            now: period_start,
        }
    }
}

/// Writes the subscription, unless the stored one came from a newer notification.
pub fn set_subscription(
    db: &D1Database,
    s: &SubscriptionWrite<'_>,
) -> ApiResult<D1PreparedStatement> {
    statement(
        db,
        "INSERT INTO subscriptions (workspace_id, plan_id, status, billing_interval, provider, \
         subscription_id, seat_item_id, extra_seats, period_start, period_end, past_due_since, \
         provider_event_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) \
         ON CONFLICT (workspace_id) DO UPDATE SET plan_id = excluded.plan_id, \
         status = excluded.status, billing_interval = excluded.billing_interval, \
         provider = excluded.provider, subscription_id = excluded.subscription_id, \
         seat_item_id = excluded.seat_item_id, extra_seats = excluded.extra_seats, \
         period_start = excluded.period_start, period_end = excluded.period_end, \
         past_due_since = CASE WHEN excluded.status = 'past_due' \
         THEN COALESCE(subscriptions.past_due_since, excluded.past_due_since) END, \
         provider_event_at = excluded.provider_event_at, \
         updated_at = excluded.updated_at \
         WHERE excluded.provider_event_at >= subscriptions.provider_event_at",
        &[
            s.workspace_id.into(),
            s.plan_id.into(),
            s.status.into(),
            s.interval.into(),
            s.provider.into(),
            s.subscription_id.into(),
            s.seat_item_id.into(),
            s.extra_seats.into(),
            s.period_start.into(),
            s.period_end.into(),
            s.past_due_since.into(),
            s.event_at.into(),
            s.now.into(),
        ],
    )
}

/// A Stripe subscription's payment failed: past due from `since`, unless it already was.
pub fn mark_past_due(
    db: &D1Database,
    subscription_id: &str,
    since: &str,
) -> ApiResult<D1PreparedStatement> {
    statement(
        db,
        "UPDATE subscriptions SET status = 'past_due', \
         past_due_since = COALESCE(past_due_since, ?), updated_at = ? \
         WHERE subscription_id = ? AND status IN ('active', 'past_due')",
        &[since.into(), since.into(), subscription_id.into()],
    )
}

/// A Stripe subscription's invoice was paid: no longer past due.
pub fn mark_paid(
    db: &D1Database,
    subscription_id: &str,
    now: &str,
) -> ApiResult<D1PreparedStatement> {
    statement(
        db,
        "UPDATE subscriptions SET status = 'active', past_due_since = NULL, updated_at = ? \
         WHERE subscription_id = ? AND status = 'past_due'",
        &[now.into(), subscription_id.into()],
    )
}

/// Seats beyond the plan's own go from `from` to `to`, unless another request changed them
/// first (then nothing changes and this answers false).
pub async fn swap_extra_seats(
    db: &D1Database,
    workspace_id: &str,
    (from, to): (i64, i64),
    seat_item_id: Option<&str>,
    now: &str,
) -> ApiResult<bool> {
    let changed = run(
        db,
        "UPDATE subscriptions SET extra_seats = ?, seat_item_id = ?, updated_at = ? \
         WHERE workspace_id = ? AND extra_seats = ?",
        &[
            to.into(),
            seat_item_id.into(),
            now.into(),
            workspace_id.into(),
            from.into(),
        ],
    )
    .await?;
    Ok(changed == 1)
}

/// A counter of one billing period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counter {
    Conversations,
    AiResponses,
}

impl Counter {
    fn column(self) -> &'static str {
        match self {
            Counter::Conversations => "conversations",
            Counter::AiResponses => "ai_responses",
        }
    }
}

/// Counts one unit of `workspace_id`'s in the period if that keeps its payer's family (the
/// payer and its sub-accounts, see [`FAMILY`]) within `limit`; answers whether it did. One
/// statement, so concurrent requests, in any workspace of the family, are counted one after
/// another and never pass the limit together.
pub async fn spend(
    db: &D1Database,
    (workspace_id, payer_id): (&str, &str),
    period_start: &str,
    counter: Counter,
    limit: u32,
) -> ApiResult<bool> {
    let column = counter.column();
    let family_total = format!(
        "(SELECT COALESCE(SUM(f.{column}), 0) FROM usage_periods f \
         WHERE f.period_start = ? AND f.workspace_id IN ({FAMILY}))"
    );
    let mut args: Vec<Arg<'_>> = vec![workspace_id.into(), period_start.into()];
    for _ in 0..2 {
        args.push(period_start.into());
        args.extend(family_args(payer_id));
        args.push(i64::from(limit).into());
    }
    let changed = run(
        db,
        &format!(
            "INSERT INTO usage_periods (workspace_id, period_start, {column}) \
             SELECT ?, ?, 1 WHERE {family_total} < ? \
             ON CONFLICT (workspace_id, period_start) DO UPDATE SET {column} = {column} + 1 \
             WHERE {family_total} < ?"
        ),
        &args,
    )
    .await?;
    Ok(changed == 1)
}

/// Gives back a unit [`spend`] counted for something that then did not happen.
pub async fn refund(
    db: &D1Database,
    workspace_id: &str,
    period_start: &str,
    counter: Counter,
) -> ApiResult<()> {
    let column = counter.column();
    run(
        db,
        &format!(
            "UPDATE usage_periods SET {column} = {column} - 1 \
             WHERE workspace_id = ? AND period_start = ? AND {column} > 0"
        ),
        &[workspace_id.into(), period_start.into()],
    )
    .await
    .map(drop)
}

/// What one workspace of a payer's family used in a billing period, and its seats taken now.
#[derive(Debug, Clone, Deserialize)]
pub struct Used {
    pub workspace_id: String,
    pub name: String,
    pub conversations: i64,
    pub ai_responses: i64,
    pub agents: i64,
}

/// What each workspace of `payer_id`'s family (the payer first, then its sub-accounts, oldest
/// first) used in the period starting at `period_start`.
pub async fn family_usage(
    db: &D1Database,
    payer_id: &str,
    period_start: &str,
) -> ApiResult<Vec<Used>> {
    let [payer, payer_again] = family_args(payer_id);
    all(
        db,
        &format!(
            "SELECT w.id AS workspace_id, w.name, COALESCE(u.conversations, 0) AS conversations, \
             COALESCE(u.ai_responses, 0) AS ai_responses, \
             (SELECT COUNT(*) FROM users WHERE workspace_id = w.id) AS agents \
             FROM workspaces w LEFT JOIN usage_periods u \
             ON u.workspace_id = w.id AND u.period_start = ? \
             WHERE w.id IN ({FAMILY}) ORDER BY w.id <> ?, w.created_at, w.id"
        ),
        &[period_start.into(), payer, payer_again, payer_id.into()],
    )
    .await
}

pub async fn set_stripe_customer(
    db: &D1Database,
    workspace_id: &str,
    customer_id: &str,
) -> ApiResult<()> {
    run(
        db,
        "UPDATE workspaces SET stripe_customer_id = ? WHERE id = ? AND stripe_customer_id IS NULL",
        &[customer_id.into(), workspace_id.into()],
    )
    .await
    .map(drop)
}

#[derive(Deserialize)]
struct Id {
    id: String,
}

/// The workspace paying as a Stripe customer.
pub async fn workspace_of_customer(
    db: &D1Database,
    customer_id: &str,
) -> ApiResult<Option<String>> {
    let row: Option<Id> = first(
        db,
        "SELECT id FROM workspaces WHERE stripe_customer_id = ?",
        &[customer_id.into()],
    )
    .await?;
    Ok(row.map(|row| row.id))
}

/// Marks a provider's notification applied; fails (a conflict) if it already was, which
/// undoes the batch it is part of.
pub fn record_event(
    db: &D1Database,
    provider: &str,
    event_id: &str,
    now: &str,
) -> ApiResult<D1PreparedStatement> {
    statement(
        db,
        "INSERT INTO billing_events (provider, event_id, received_at) VALUES (?, ?, ?)",
        &[provider.into(), event_id.into(), now.into()],
    )
}

/// Applies `changes` together with the record of the notification that asked for them:
/// answers false, changing nothing, if that notification was applied before.
pub async fn apply_once(
    db: &D1Database,
    event: D1PreparedStatement,
    changes: Vec<D1PreparedStatement>,
) -> ApiResult<bool> {
    let mut statements = vec![event];
    statements.extend(changes);
    match batch(db, statements).await {
        Ok(()) => Ok(true),
        Err(error) if error.code() == parley_shared_types::problem::ErrorCode::Conflict => {
            Ok(false)
        }
        Err(error) => Err(error),
    }
}

pub struct InvoiceWrite<'a> {
    pub id: &'a str,
    pub workspace_id: &'a str,
    pub provider: &'a str,
    pub provider_id: &'a str,
    pub amount_minor: i64,
    pub currency: &'a str,
    pub status: &'a str,
    pub pdf_url: Option<&'a str>,
    pub created_at: &'a str,
}

/// Records an invoice, or its new status and PDF when it was recorded before.
pub fn upsert_invoice(db: &D1Database, i: &InvoiceWrite<'_>) -> ApiResult<D1PreparedStatement> {
    statement(
        db,
        "INSERT INTO invoices (id, workspace_id, provider, provider_id, amount_minor, currency, \
         status, pdf_url, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) \
         ON CONFLICT (provider, provider_id) DO UPDATE SET status = excluded.status, \
         pdf_url = COALESCE(excluded.pdf_url, invoices.pdf_url), \
         amount_minor = excluded.amount_minor",
        &[
            i.id.into(),
            i.workspace_id.into(),
            i.provider.into(),
            i.provider_id.into(),
            i.amount_minor.into(),
            i.currency.into(),
            i.status.into(),
            i.pdf_url.into(),
            i.created_at.into(),
        ],
    )
}

#[derive(Debug, Clone, Deserialize)]
pub struct InvoiceRow {
    pub id: String,
    pub provider: String,
    pub amount_minor: i64,
    pub currency: String,
    pub status: String,
    pub pdf_url: Option<String>,
    pub created_at: String,
}

pub async fn invoices(db: &D1Database, workspace_id: &str) -> ApiResult<Vec<InvoiceRow>> {
    all(
        db,
        "SELECT id, provider, amount_minor, currency, status, pdf_url, created_at FROM invoices \
         WHERE workspace_id = ? ORDER BY created_at DESC, id DESC LIMIT 100",
        &[workspace_id.into()],
    )
    .await
}

#[derive(Debug, Clone, Deserialize)]
pub struct PaymentRow {
    pub id: String,
    pub workspace_id: String,
    pub provider: String,
    pub plan_id: String,
    pub billing_interval: String,
    pub amount_minor: i64,
    pub currency: String,
    pub status: String,
    pub provider_ref: Option<String>,
    pub created_at: String,
}

pub async fn insert_payment(db: &D1Database, p: &PaymentRow) -> ApiResult<()> {
    run(
        db,
        "INSERT INTO payments (id, workspace_id, provider, plan_id, billing_interval, \
         amount_minor, currency, status, provider_ref, created_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        &[
            p.id.as_str().into(),
            p.workspace_id.as_str().into(),
            p.provider.as_str().into(),
            p.plan_id.as_str().into(),
            p.billing_interval.as_str().into(),
            p.amount_minor.into(),
            p.currency.as_str().into(),
            p.status.as_str().into(),
            p.provider_ref.as_deref().into(),
            p.created_at.as_str().into(),
        ],
    )
    .await
    .map(drop)
}

/// The provider's reference for a started payment (Paymob's order, Fawry's reference number).
pub async fn set_payment_ref(db: &D1Database, id: &str, provider_ref: &str) -> ApiResult<()> {
    run(
        db,
        "UPDATE payments SET provider_ref = ? WHERE id = ?",
        &[provider_ref.into(), id.into()],
    )
    .await
    .map(drop)
}

pub async fn find_payment(
    db: &D1Database,
    provider: &str,
    id: &str,
) -> ApiResult<Option<PaymentRow>> {
    first(
        db,
        "SELECT id, workspace_id, provider, plan_id, billing_interval, amount_minor, currency, \
         status, provider_ref, created_at FROM payments WHERE provider = ? AND id = ?",
        &[provider.into(), id.into()],
    )
    .await
}

/// A pending payment's outcome.
pub fn settle_payment(db: &D1Database, id: &str, status: &str) -> ApiResult<D1PreparedStatement> {
    statement(
        db,
        "UPDATE payments SET status = ? WHERE id = ? AND status = 'pending'",
        &[status.into(), id.into()],
    )
}
