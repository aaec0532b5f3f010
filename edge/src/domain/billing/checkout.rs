//! Starting a payment: a Stripe Checkout Session or billing portal, a Paymob hosted payment, a
//! Fawry reference. The plan changes only when the provider reports the payment
//! (`notifications.rs`).

use super::standing::rfc3339;
use super::{Account, account, now};
use crate::auth::UserPrincipal;
use crate::error::{ApiError, ApiResult};
use crate::ids::new_id;
use crate::payments::fawry::{self, Fawry};
use crate::payments::paymob::Paymob;
use crate::payments::stripe::{self, Checkout, Stripe};
use crate::store::{self, billing, billing::PaymentRow, users};
use chrono::TimeDelta;
use parley_shared_types::auth::Role;
use parley_shared_types::billing::{BillingInterval, PaymentProvider, PaymentStarted, PlanSpec};
use parley_shared_types::problem::ErrorCode;
use worker::{D1Database, Env};

/// How long a Fawry reference stays payable.
const FAWRY_REFERENCE_HOURS: i64 = 72;

/// Who pays: the signed-in user, or for an API key the workspace's first admin.
struct Payer {
    email: String,
    name: String,
}

async fn payer(db: &D1Database, user: &UserPrincipal) -> ApiResult<Payer> {
    let row = if user.api_key {
        users::list(db, &user.workspace_id)
            .await?
            .into_iter()
            .find(|row| row.role() == Role::Admin)
    } else {
        users::find(db, &user.workspace_id, &user.id).await?
    };
    let row =
        row.ok_or_else(|| ApiError::new(ErrorCode::NotFound, "nobody in the workspace pays"))?;
    Ok(Payer {
        email: row.email,
        name: row.name,
    })
}

/// The caller's account and who pays for it; only a live workspace pays.
async fn paying(env: &Env, user: &UserPrincipal) -> ApiResult<(Account, Payer)> {
    let db = store::db(env)?;
    let account = account(&db, &user.workspace_id).await?;
    account.live()?;
    let payer = payer(&db, user).await?;
    Ok((account, payer))
}

fn billing_page(origin: &str, outcome: &str) -> String {
    format!("{origin}/admin/#/billing?checkout={outcome}")
}

/// The Stripe customer the workspace pays as, made on first use.
async fn stripe_customer(
    env: &Env,
    stripe: &Stripe,
    account: &Account,
    payer: &Payer,
) -> ApiResult<String> {
    if let Some(customer) = &account.stripe_customer_id {
        return Ok(customer.clone());
    }
    let customer = stripe
        .create_customer(&payer.email, &account.workspace_name, &account.workspace_id)
        .await?;
    let db = store::db(env)?;
    billing::set_stripe_customer(&db, &account.workspace_id, &customer).await?;
    // Two first checkouts at once: the one stored first is the customer.
    Ok(super::account(&db, &account.workspace_id)
        .await?
        .stripe_customer_id
        .unwrap_or(customer))
}

/// A Stripe Checkout Session for `plan` paid each `interval`; answers where to send the payer.
pub async fn checkout(
    env: &Env,
    user: &UserPrincipal,
    (plan, interval): (&PlanSpec, BillingInterval),
    origin: &str,
) -> ApiResult<String> {
    let (account, payer) = paying(env, user).await?;
    if account.standing.paid && account.standing.provider == Some(PaymentProvider::Stripe) {
        return Err(ApiError::new(
            ErrorCode::Conflict,
            format!(
                "the workspace already subscribes to {} through Stripe: change plans in the \
                 billing portal (POST /api/v1/billing/portal)",
                account.standing.plan.name
            ),
        ));
    }
    let stripe = Stripe::from_env(env)?;
    let key = stripe::plan_lookup_key(plan.id, interval);
    let prices = stripe.prices(&[&key]).await?;
    let customer = stripe_customer(env, &stripe, &account, &payer).await?;
    stripe
        .checkout_session(&Checkout {
            customer: &customer,
            price: &prices[&key],
            workspace_id: &account.workspace_id,
            plan_id: plan.id,
            success_url: &billing_page(origin, "success"),
            cancel_url: &billing_page(origin, "canceled"),
        })
        .await
}

/// A Stripe billing portal session, or 402 for a workspace that never paid through Stripe.
pub async fn portal(env: &Env, user: &UserPrincipal, origin: &str) -> ApiResult<String> {
    let account = account(&store::db(env)?, &user.workspace_id).await?;
    account.live()?;
    let customer = account.stripe_customer_id.ok_or_else(|| {
        ApiError::new(
            ErrorCode::NoSubscription,
            "the workspace has no Stripe subscription to manage: upgrade first",
        )
    })?;
    Stripe::from_env(env)?
        .portal_session(&customer, &billing_page(origin, "portal"))
        .await
}

/// A pending payment of `plan` in Egyptian pounds, recorded before the provider is asked.
async fn pending_payment(
    env: &Env,
    workspace_id: &str,
    provider: PaymentProvider,
    (plan, interval): (&PlanSpec, BillingInterval),
) -> ApiResult<PaymentRow> {
    let payment = PaymentRow {
        id: new_id(),
        workspace_id: workspace_id.to_owned(),
        provider: provider.as_str().to_owned(),
        plan_id: plan.id.to_owned(),
        billing_interval: interval.as_str().to_owned(),
        amount_minor: i64::from(plan.price(interval, true)) * 100,
        currency: "EGP".to_owned(),
        status: "pending".to_owned(),
        provider_ref: None,
        created_at: rfc3339(now()),
    };
    billing::insert_payment(&store::db(env)?, &payment).await?;
    Ok(payment)
}

fn started(payment: &PaymentRow, provider: PaymentProvider) -> PaymentStarted {
    PaymentStarted {
        payment_id: payment.id.clone(),
        provider,
        checkout_url: None,
        reference_number: None,
        amount: (payment.amount_minor / 100) as u32,
        currency: payment.currency.clone(),
        expires_at: None,
    }
}

/// A Paymob payment: answers the hosted page the payer pays on.
pub async fn pay_with_paymob(
    env: &Env,
    user: &UserPrincipal,
    plan: (&PlanSpec, BillingInterval),
) -> ApiResult<PaymentStarted> {
    let (account, payer) = paying(env, user).await?;
    let paymob = Paymob::from_env(env)?;
    let payment =
        pending_payment(env, &account.workspace_id, PaymentProvider::Paymob, plan).await?;
    let (url, order_id) = paymob
        .start(
            &payment.id,
            payment.amount_minor,
            &payment.currency,
            &crate::payments::paymob::Payer {
                email: &payer.email,
                name: &payer.name,
            },
        )
        .await?;
    billing::set_payment_ref(&store::db(env)?, &payment.id, &order_id).await?;
    Ok(PaymentStarted {
        checkout_url: Some(url),
        ..started(&payment, PaymentProvider::Paymob)
    })
}

/// A Fawry reference the payer pays at a kiosk before it expires.
pub async fn pay_at_fawry(
    env: &Env,
    user: &UserPrincipal,
    plan: (&PlanSpec, BillingInterval),
) -> ApiResult<PaymentStarted> {
    let (account, payer) = paying(env, user).await?;
    let fawry = Fawry::from_env(env)?;
    let payment = pending_payment(env, &account.workspace_id, PaymentProvider::Fawry, plan).await?;
    let expires = now() + TimeDelta::hours(FAWRY_REFERENCE_HOURS);
    let description = format!("Parley {} ({})", plan.0.name, plan.1.as_str());
    let reference = fawry
        .charge(&fawry::Charge {
            merchant_ref: &payment.id,
            customer_id: &account.workspace_id,
            email: &payer.email,
            name: &payer.name,
            amount_minor: payment.amount_minor,
            description: &description,
            expires_at_ms: expires.timestamp_millis(),
        })
        .await?;
    billing::set_payment_ref(&store::db(env)?, &payment.id, &reference).await?;
    Ok(PaymentStarted {
        reference_number: Some(reference),
        expires_at: Some(rfc3339(expires)),
        ..started(&payment, PaymentProvider::Fawry)
    })
}
