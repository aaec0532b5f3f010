//! `/api/v1/billing/*` (ChatFlow's Billing section, its paths exactly): the plan catalog,
//! the workspace's plan and usage, payments through Stripe, Paymob and Fawry, seats and
//! invoices, and the providers' notifications.

use super::extract::{Admin, Agent, Body, Params, public_origin};
use super::problem::Problems;
use super::rate_limit::PerIp;
use crate::AppState;
use crate::domain::billing;
use crate::error::{ApiError, ApiResult};
use axum::Json;
use axum::http::{HeaderMap, StatusCode, Uri};
use parley_shared_types::billing::{
    BillingInterval, BillingUsage, CheckoutRequest, CheckoutSession, Invoice, PLANS,
    PaymentStarted, Plan, PlanSpec, PortalSession, check_checkout,
};
use parley_shared_types::problem::ErrorCode;
use serde::Deserialize;
use serde_json::Value;

/// The paid plan and interval a checkout asks for, or 422 with each field's error.
fn plan_of(request: &CheckoutRequest) -> ApiResult<(&'static PlanSpec, BillingInterval)> {
    check_checkout(request)
        .map_err(|errors| ApiError::validation("the request is not valid", errors))
}

#[utoipa::path(get, path = "/api/v1/billing/plans", tag = "billing", operation_id = "listPlans", security(()), responses((status = 200, body = Vec<Plan>), Problems))]
pub async fn plans(_: PerIp) -> Json<Vec<Plan>> {
    Json(PLANS.iter().map(Plan::from).collect())
}

#[utoipa::path(get, path = "/api/v1/billing/current", tag = "billing", operation_id = "currentBilling", responses((status = 200, body = BillingUsage), Problems))]
#[worker::send]
pub async fn current(state: AppState, Agent(me): Agent) -> ApiResult<Json<BillingUsage>> {
    Ok(Json(billing::usage(&state.env, &me.workspace_id).await?))
}

#[utoipa::path(post, path = "/api/v1/billing/checkout", tag = "billing", operation_id = "startCheckout", request_body = CheckoutRequest, responses((status = 200, body = CheckoutSession), Problems))]
#[worker::send]
pub async fn checkout(
    state: AppState,
    Agent(me): Agent,
    uri: Uri,
    headers: HeaderMap,
    Body(request): Body<CheckoutRequest>,
) -> ApiResult<Json<CheckoutSession>> {
    let plan = plan_of(&request)?;
    let origin = public_origin(&uri, &headers);
    let checkout_url = billing::checkout(&state.env, &me, plan, &origin).await?;
    Ok(Json(CheckoutSession { checkout_url }))
}

#[utoipa::path(post, path = "/api/v1/billing/portal", tag = "billing", operation_id = "openBillingPortal", responses((status = 200, body = PortalSession), Problems))]
#[worker::send]
pub async fn portal(
    state: AppState,
    Agent(me): Agent,
    uri: Uri,
    headers: HeaderMap,
) -> ApiResult<Json<PortalSession>> {
    let origin = public_origin(&uri, &headers);
    let portal_url = billing::portal(&state.env, &me, &origin).await?;
    Ok(Json(PortalSession { portal_url }))
}

#[utoipa::path(post, path = "/api/v1/billing/add-agent", tag = "billing", operation_id = "addAgentSeat", responses((status = 200, body = BillingUsage), Problems))]
#[worker::send]
pub async fn add_agent(state: AppState, Admin(me): Admin) -> ApiResult<Json<BillingUsage>> {
    Ok(Json(
        billing::change_seats(&state.env, &me.workspace_id, 1).await?,
    ))
}

#[utoipa::path(delete, path = "/api/v1/billing/remove-agent", tag = "billing", operation_id = "removeAgentSeat", responses((status = 200, body = BillingUsage), Problems))]
#[worker::send]
pub async fn remove_agent(state: AppState, Admin(me): Admin) -> ApiResult<Json<BillingUsage>> {
    Ok(Json(
        billing::change_seats(&state.env, &me.workspace_id, -1).await?,
    ))
}

#[utoipa::path(get, path = "/api/v1/billing/invoices", tag = "billing", operation_id = "listInvoices", responses((status = 200, body = Vec<Invoice>), Problems))]
#[worker::send]
pub async fn invoices(state: AppState, Agent(me): Agent) -> ApiResult<Json<Vec<Invoice>>> {
    Ok(Json(billing::invoices(&state.env, &me.workspace_id).await?))
}

#[utoipa::path(post, path = "/api/v1/billing/checkout/paymob", tag = "billing", operation_id = "startPaymobPayment", request_body = CheckoutRequest, responses((status = 200, body = PaymentStarted), Problems))]
#[worker::send]
pub async fn checkout_paymob(
    state: AppState,
    Agent(me): Agent,
    Body(request): Body<CheckoutRequest>,
) -> ApiResult<Json<PaymentStarted>> {
    let plan = plan_of(&request)?;
    Ok(Json(billing::pay_with_paymob(&state.env, &me, plan).await?))
}

#[utoipa::path(post, path = "/api/v1/billing/checkout/fawry", tag = "billing", operation_id = "startFawryPayment", request_body = CheckoutRequest, responses((status = 200, body = PaymentStarted), Problems))]
#[worker::send]
pub async fn checkout_fawry(
    state: AppState,
    Agent(me): Agent,
    Body(request): Body<CheckoutRequest>,
) -> ApiResult<Json<PaymentStarted>> {
    let plan = plan_of(&request)?;
    Ok(Json(billing::pay_at_fawry(&state.env, &me, plan).await?))
}

/// Stripe's events are small; this is far above any.
const STRIPE_EVENT_MAX_BYTES: usize = 512 * 1024;

/// Stripe's webhook: the raw body, whose signature covers its exact bytes.
#[utoipa::path(post, path = "/api/v1/billing/webhooks/stripe", tag = "billing", operation_id = "stripeWebhook", security(()), request_body(content = Value, description = "a Stripe event, signed in the Stripe-Signature header"), responses((status = 200, description = "applied (or already applied)"), Problems))]
#[worker::send]
pub async fn stripe_webhook(
    state: AppState,
    headers: HeaderMap,
    body: axum::body::Body,
) -> ApiResult<StatusCode> {
    let body = axum::body::to_bytes(body, STRIPE_EVENT_MAX_BYTES)
        .await
        .map_err(|_| ApiError::new(ErrorCode::BadRequest, "the event is too large or cut off"))?;
    let body = String::from_utf8(body.to_vec())
        .map_err(|_| ApiError::new(ErrorCode::BadRequest, "the event is not UTF-8"))?;
    let signature = headers
        .get("stripe-signature")
        .and_then(|v| v.to_str().ok());
    billing::stripe_webhook(&state.env, signature, &body).await?;
    Ok(StatusCode::OK)
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PaymobQuery {
    /// HMAC-SHA512 of the transaction's documented fields, hex.
    hmac: Option<String>,
}

/// Paymob's transaction processed callback.
#[utoipa::path(post, path = "/api/v1/billing/webhooks/paymob", tag = "billing", operation_id = "paymobCallback", security(()), params(PaymobQuery), request_body(content = Value, description = "Paymob's {type, obj} transaction callback"), responses((status = 200, description = "applied (or already applied)"), Problems))]
#[worker::send]
pub async fn paymob_callback(
    state: AppState,
    Params(query): Params<PaymobQuery>,
    Body(body): Body<Value>,
) -> ApiResult<StatusCode> {
    billing::paymob_callback(&state.env, query.hmac.as_deref(), &body).await?;
    Ok(StatusCode::OK)
}

/// Fawry's server notification (V2).
#[utoipa::path(post, path = "/api/v1/billing/webhooks/fawry", tag = "billing", operation_id = "fawryNotification", security(()), request_body(content = Value, description = "Fawry's server notification V2"), responses((status = 200, description = "applied (or already applied)"), Problems))]
#[worker::send]
pub async fn fawry_notification(state: AppState, Body(body): Body<Value>) -> ApiResult<StatusCode> {
    billing::fawry_notification(&state.env, &body).await?;
    Ok(StatusCode::OK)
}
