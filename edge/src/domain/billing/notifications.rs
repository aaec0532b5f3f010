//! What payment providers report: Stripe's webhooks, Paymob's transaction callback, Fawry's
//! server notification. Each is verified first (a bad signature is 400 and changes nothing)
//! and applied once: its id is recorded in the same D1 transaction as its changes, so the
//! same notification again (a retry or a replay) changes nothing.

use super::now;
use super::standing::{paid_until, rfc3339};
use crate::clock::now_millis;
use crate::error::{ApiError, ApiResult};
use crate::ids::new_id;
use crate::payments::stripe::{self, Event, Stripe, StripeSubscription};
use crate::payments::{fawry, not_taken, paymob};
use crate::store::{self, billing, billing::InvoiceWrite, billing::SubscriptionWrite};
use chrono::DateTime;
use parley_shared_types::billing::{BillingInterval, PaymentProvider};
use parley_shared_types::problem::ErrorCode;
use serde_json::Value;
use worker::{D1Database, D1PreparedStatement, Env};

fn bad_signature(why: impl Into<String>) -> ApiError {
    ApiError::new(ErrorCode::BadRequest, why)
}

fn unix_text(secs: i64) -> String {
    rfc3339(DateTime::from_timestamp(secs, 0).unwrap_or_default())
}

/// `POST /api/v1/billing/webhooks/stripe`: a signed Stripe event.
pub async fn stripe_webhook(env: &Env, signature: Option<&str>, body: &str) -> ApiResult<()> {
    let secret = stripe::webhook_secret(env).map_err(|_| not_taken("Stripe"))?;
    // Stripe signs with the real time, whatever a development clock says.
    let real_now = (now_millis() / 1000.0) as u64;
    stripe::verify_signature(signature.unwrap_or(""), body, &secret, real_now)
        .map_err(bad_signature)?;
    let event: Event = serde_json::from_str(body)
        .map_err(|e| ApiError::new(ErrorCode::BadRequest, format!("not a Stripe event: {e}")))?;
    let db = store::db(env)?;
    let object = &event.data.object;
    let changes = match event.kind.as_str() {
        "checkout.session.completed" => match object["subscription"].as_str() {
            Some(id) => {
                let subscription = Stripe::from_env(env)?.subscription(id).await?;
                subscription_changes(&db, &event, &subscription).await?
            }
            None => Vec::new(),
        },
        "customer.subscription.created"
        | "customer.subscription.updated"
        | "customer.subscription.deleted" => {
            let subscription: StripeSubscription = serde_json::from_value(object.clone())
                .map_err(|e| ApiError::new(ErrorCode::BadRequest, e.to_string()))?;
            subscription_changes(&db, &event, &subscription).await?
        }
        "invoice.paid" | "invoice.payment_failed" => invoice_changes(&db, &event).await?,
        // Acknowledged, so Stripe stops sending it; nothing of Parley's depends on it.
        _ => Vec::new(),
    };
    let record = billing::record_event(&db, "stripe", &event.id, &rfc3339(now()))?;
    billing::apply_once(&db, record, changes).await.map(drop)
}

/// Stripe's subscription statuses as Parley's; `None` for one not yet paid (`incomplete`).
fn status_of(stripe_status: &str) -> Option<&'static str> {
    match stripe_status {
        "active" | "trialing" => Some("active"),
        "past_due" | "unpaid" => Some("past_due"),
        "canceled" | "incomplete_expired" | "paused" => Some("canceled"),
        _ => None,
    }
}

async fn subscription_changes(
    db: &D1Database,
    event: &Event,
    subscription: &StripeSubscription,
) -> ApiResult<Vec<D1PreparedStatement>> {
    let Some(workspace_id) = billing::workspace_of_customer(db, &subscription.customer).await?
    else {
        return Ok(Vec::new());
    };
    let status = if event.kind == "customer.subscription.deleted" {
        Some("canceled")
    } else {
        status_of(&subscription.status)
    };
    let (Some(status), Some((plan_id, interval)), Some((start, end))) =
        (status, subscription.plan(), subscription.period())
    else {
        return Ok(Vec::new());
    };
    let seats = subscription.seats();
    let (start, end, now_text) = (unix_text(start), unix_text(end), rfc3339(now()));
    let write = SubscriptionWrite {
        workspace_id: &workspace_id,
        plan_id,
        status,
        interval: interval.as_str(),
        provider: Some(PaymentProvider::Stripe.as_str()),
        subscription_id: Some(&subscription.id),
        seat_item_id: seats.map(|item| item.id.as_str()),
        extra_seats: i64::from(seats.and_then(|item| item.quantity).unwrap_or(0)),
        period_start: &start,
        period_end: &end,
        past_due_since: (status == "past_due").then_some(now_text.as_str()),
        event_at: event.created,
        now: &now_text,
    };
    Ok(vec![billing::set_subscription(db, &write)?])
}

async fn invoice_changes(db: &D1Database, event: &Event) -> ApiResult<Vec<D1PreparedStatement>> {
    let invoice = &event.data.object;
    let customer = invoice["customer"].as_str().unwrap_or_default();
    let Some(workspace_id) = billing::workspace_of_customer(db, customer).await? else {
        return Ok(Vec::new());
    };
    let Some(invoice_id) = invoice["id"].as_str() else {
        return Ok(Vec::new());
    };
    let paid = event.kind == "invoice.paid";
    let amount = if paid {
        &invoice["amount_paid"]
    } else {
        &invoice["amount_due"]
    };
    let created = unix_text(invoice["created"].as_i64().unwrap_or(event.created));
    let id = new_id();
    let mut changes = vec![billing::upsert_invoice(
        db,
        &InvoiceWrite {
            id: &id,
            workspace_id: &workspace_id,
            provider: PaymentProvider::Stripe.as_str(),
            provider_id: invoice_id,
            amount_minor: amount.as_i64().unwrap_or(0),
            currency: invoice["currency"].as_str().unwrap_or("usd"),
            status: if paid { "paid" } else { "open" },
            pdf_url: invoice["invoice_pdf"].as_str(),
            created_at: &created,
        },
    )?];
    // Newer API versions name the subscription under `parent`.
    let subscription = invoice["subscription"]
        .as_str()
        .or_else(|| invoice["parent"]["subscription_details"]["subscription"].as_str());
    if let Some(subscription) = subscription {
        let now_text = rfc3339(now());
        changes.push(if paid {
            billing::mark_paid(db, subscription, &now_text)?
        } else {
            billing::mark_past_due(db, subscription, &now_text)?
        });
    }
    Ok(changes)
}

/// A paid Paymob or Fawry payment: its plan for its interval from now, and a receipt.
fn prepaid_changes(
    db: &D1Database,
    payment: &billing::PaymentRow,
    provider: PaymentProvider,
    provider_id: &str,
) -> ApiResult<Vec<D1PreparedStatement>> {
    let interval =
        BillingInterval::parse(&payment.billing_interval).unwrap_or(BillingInterval::Monthly);
    let start = now();
    let (start_text, end_text) = (rfc3339(start), rfc3339(paid_until(start, interval)));
    let receipt_id = new_id();
    Ok(vec![
        billing::settle_payment(db, &payment.id, "paid")?,
        billing::set_subscription(
            db,
            &SubscriptionWrite::fixed(
                &payment.workspace_id,
                (&payment.plan_id, interval.as_str()),
                "active",
                Some(provider.as_str()),
                (&start_text, &end_text),
                start.timestamp(),
            ),
        )?,
        billing::upsert_invoice(
            db,
            &InvoiceWrite {
                id: &receipt_id,
                workspace_id: &payment.workspace_id,
                provider: provider.as_str(),
                provider_id,
                amount_minor: payment.amount_minor,
                currency: &payment.currency,
                status: "paid",
                pdf_url: None,
                created_at: &start_text,
            },
        )?,
    ])
}

/// The pending payment a notification names, checked against what it says was paid.
async fn payment_named(
    db: &D1Database,
    provider: PaymentProvider,
    id: &str,
) -> ApiResult<billing::PaymentRow> {
    billing::find_payment(db, provider.as_str(), id)
        .await?
        .ok_or_else(|| {
            ApiError::new(
                ErrorCode::NotFound,
                format!("no {} payment {id}", provider.as_str()),
            )
        })
}

fn amount_mismatch() -> ApiError {
    ApiError::new(
        ErrorCode::BadRequest,
        "the amount paid is not the amount asked for",
    )
}

/// `POST /api/v1/billing/webhooks/paymob?hmac=…`: Paymob's transaction processed callback.
pub async fn paymob_callback(env: &Env, hmac: Option<&str>, body: &Value) -> ApiResult<()> {
    let obj = &body["obj"];
    let verified = paymob::verify_callback(env, obj, hmac.unwrap_or(""));
    if !verified.map_err(|_| not_taken("Paymob"))? {
        return Err(bad_signature("the hmac does not match the transaction"));
    }
    let db = store::db(env)?;
    let merchant_order = obj["order"]["merchant_order_id"]
        .as_str()
        .unwrap_or_default();
    let payment = payment_named(&db, PaymentProvider::Paymob, merchant_order).await?;
    let order_id = obj["order"]["id"].to_string();
    if payment.provider_ref.as_deref() != Some(order_id.as_str())
        || obj["amount_cents"].as_i64() != Some(payment.amount_minor)
    {
        return Err(amount_mismatch());
    }
    let transaction = obj["id"].to_string();
    let changes = match (obj["success"].as_bool(), obj["pending"].as_bool()) {
        (Some(true), Some(false)) => {
            prepaid_changes(&db, &payment, PaymentProvider::Paymob, &transaction)?
        }
        (Some(false), Some(false)) => vec![billing::settle_payment(&db, &payment.id, "failed")?],
        _ => Vec::new(),
    };
    let record = billing::record_event(&db, "paymob", &transaction, &rfc3339(now()))?;
    billing::apply_once(&db, record, changes).await.map(drop)
}

/// `POST /api/v1/billing/webhooks/fawry`: Fawry's server notification (V2).
pub async fn fawry_notification(env: &Env, body: &Value) -> ApiResult<()> {
    if !fawry::verify_notification(env, body).map_err(|_| not_taken("Fawry"))? {
        return Err(bad_signature(
            "the messageSignature does not match the notification",
        ));
    }
    let db = store::db(env)?;
    let merchant_ref = body["merchantRefNumber"].as_str().unwrap_or_default();
    let payment = payment_named(&db, PaymentProvider::Fawry, merchant_ref).await?;
    let reference = body["fawryRefNumber"].as_str().unwrap_or_default();
    // What the order was for; the payment amount may add Fawry's fees.
    let paid_minor = (body["orderAmount"].as_f64().unwrap_or(0.0) * 100.0).round() as i64;
    let status = body["orderStatus"].as_str().unwrap_or_default();
    let changes = match status {
        "PAID" if paid_minor == payment.amount_minor => {
            prepaid_changes(&db, &payment, PaymentProvider::Fawry, reference)?
        }
        "PAID" => return Err(amount_mismatch()),
        "EXPIRED" => vec![billing::settle_payment(&db, &payment.id, "expired")?],
        "CANCELED" | "CANCELLED" | "FAILED" => {
            vec![billing::settle_payment(&db, &payment.id, "failed")?]
        }
        _ => Vec::new(),
    };
    let event_id = format!("{reference}:{status}");
    let record = billing::record_event(&db, "fawry", &event_id, &rfc3339(now()))?;
    billing::apply_once(&db, record, changes).await.map(drop)
}
