//! A local Stripe speaking the real API's wire format: form-encoded requests with nested keys
//! (`line_items[0][price]`, `metadata[workspace_id]`), `Authorization: Bearer sk_test_…`,
//! JSON objects with `id` and `object`, Unix-second times, and Stripe's error shape
//! `{"error": {type, code, message, param}}`. It holds the catalog Parley sells (a price per
//! `parley_{planId}_{interval}` lookup key, and the seat prices) and plays the payer and the
//! calendar: completing a checkout, failing or renewing a payment, cancelling. Every change is
//! announced as Stripe does, by a signed event POSTed to the webhook endpoint.

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use hmac::{Hmac, Mac};
use parley_shared_types::billing::{PLANS, SEAT_ANNUAL_PRICE, SEAT_MONTHLY_PRICE};
use serde_json::{Map, Value, json};
use sha2::Sha256;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

/// The API version events are stamped with (Basil moved the period onto subscription items).
pub const API_VERSION: &str = "2025-03-31.basil";

/// The `Stripe-Signature` header value for `body` sent at `timestamp`:
/// `t={timestamp},v1={hex(HMAC-SHA256(secret, "{timestamp}.{body}"))}`.
pub fn stripe_signature(secret: &str, timestamp: u64, body: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("any key length");
    mac.update(format!("{timestamp}.{body}").as_bytes());
    format!(
        "t={timestamp},v1={}",
        hex::encode(mac.finalize().into_bytes())
    )
}

/// A request as received: query and form body parameters together, in order.
#[derive(Debug, Clone)]
pub struct StripeRequest {
    pub method: String,
    pub path: String,
    pub params: Vec<(String, String)>,
}

impl StripeRequest {
    pub fn param(&self, key: &str) -> Option<&str> {
        param(&self.params, key)
    }
}

/// What a test-driver step made and how Parley answered each event it was sent.
#[derive(Debug, Clone)]
pub struct DeliveredEvents {
    pub subscription_id: String,
    /// The invoice the step issued (none when cancelling).
    pub invoice_id: Option<String>,
    /// Parley's HTTP status for each event, in delivery order.
    pub statuses: Vec<u16>,
}

/// A checkout session and what Stripe keeps of it without showing it on the object.
struct Session {
    object: Value,
    /// `(price id, quantity)` per line item.
    lines: Vec<(String, u64)>,
    subscription_metadata: Value,
}

#[derive(Default)]
struct Ledger {
    customers: HashMap<String, Value>,
    prices: Vec<Value>,
    sessions: HashMap<String, Session>,
    subscriptions: HashMap<String, Value>,
    requests: Vec<StripeRequest>,
    last_event: Option<Value>,
}

struct Shared {
    base_url: String,
    api_key: String,
    webhook_secret: String,
    callback_url: Mutex<String>,
    ledger: Mutex<Ledger>,
    client: reqwest::Client,
}

impl Shared {
    fn ledger(&self) -> MutexGuard<'_, Ledger> {
        self.ledger.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Signs `event` now and POSTs it to the webhook endpoint; Parley's status.
    async fn deliver(&self, event: Value) -> crate::Result<u16> {
        let body = event.to_string();
        let signature = stripe_signature(&self.webhook_secret, now() as u64, &body);
        self.ledger().last_event = Some(event);
        self.post(body, &signature).await
    }

    async fn post(&self, body: String, signature: &str) -> crate::Result<u16> {
        let url = self
            .callback_url
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        let response = self
            .client
            .post(&url)
            .header(header::CONTENT_TYPE, "application/json; charset=utf-8")
            .header("stripe-signature", signature)
            .body(body)
            .send()
            .await
            .map_err(|e| format!("delivering a Stripe event to {url:?}: {e}"))?;
        Ok(response.status().as_u16())
    }

    /// Announces a subscription's change the way Stripe does after an API call: later, on
    /// its own, so nothing may wait for it.
    fn announce_update(self: &Arc<Self>, subscription: Value, previous: Value) {
        let shared = self.clone();
        tokio::spawn(async move {
            let event = event(
                "customer.subscription.updated",
                subscription,
                Some(previous),
            );
            let _ = shared.deliver(event).await;
        });
    }
}

pub struct FakeStripe {
    /// What `STRIPE_API_BASE` is set to (requests go to `{base_url}/v1/…`).
    pub base_url: String,
    pub api_key: String,
    pub webhook_secret: String,
    shared: Arc<Shared>,
    server: tokio::task::JoinHandle<()>,
}

impl FakeStripe {
    pub async fn start() -> crate::Result<FakeStripe> {
        let (listener, port) = crate::process::loopback_listener().await?;
        let base_url = format!("http://127.0.0.1:{port}");
        let shared = Arc::new(Shared {
            base_url: base_url.clone(),
            api_key: new_id("sk_test"),
            webhook_secret: new_id("whsec"),
            callback_url: Mutex::new(String::new()),
            ledger: Mutex::new(Ledger {
                prices: catalog(),
                ..Ledger::default()
            }),
            // A connection per event, as Stripe's deliveries come: a kept-alive one that the
            // local runtime closed meanwhile failed a delivery under a loaded CI run.
            client: reqwest::Client::builder()
                .pool_max_idle_per_host(0)
                .build()
                .expect("a plain HTTP client builds"),
        });
        let app = Router::new().fallback(handle).with_state(shared.clone());
        let server = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Ok(FakeStripe {
            base_url,
            api_key: shared.api_key.clone(),
            webhook_secret: shared.webhook_secret.clone(),
            shared,
            server,
        })
    }

    /// Where events go: `{parley}/api/v1/billing/webhooks/stripe`, known once Parley runs.
    pub fn set_callback_url(&self, url: &str) {
        *self
            .shared
            .callback_url
            .lock()
            .unwrap_or_else(|e| e.into_inner()) = url.to_owned();
    }

    /// The payer pays: the session's subscription starts (active, one period of its price's
    /// interval from now), its first invoice is paid, and `checkout.session.completed` then
    /// `invoice.paid` are delivered.
    pub async fn complete_checkout(&self, session_id: &str) -> crate::Result<DeliveredEvents> {
        let (session, subscription, invoice) = {
            let mut ledger = self.shared.ledger();
            let ledger = &mut *ledger;
            let session = ledger
                .sessions
                .get(session_id)
                .ok_or_else(|| format!("no checkout session {session_id}"))?;
            if session.object["status"] != "open" {
                return Err(format!("checkout session {session_id} is not open"));
            }
            let customer = match session.object["customer"].as_str() {
                Some(customer) => customer.to_owned(),
                // Stripe makes a customer for a session that named none.
                None => {
                    let customer = new_customer(&[]);
                    let id = customer["id"].as_str().unwrap_or_default().to_owned();
                    ledger.customers.insert(id.clone(), customer);
                    id
                }
            };
            let items: Vec<(Value, u64)> = session
                .lines
                .iter()
                .filter_map(|(price, quantity)| {
                    Some((find_price(&ledger.prices, price)?, *quantity))
                })
                .collect();
            let start = now();
            let end = period_end(start, &items[0].0);
            let subscription_id = new_id("sub");
            let data: Vec<Value> = items
                .iter()
                .map(|(price, quantity)| item(&subscription_id, price, *quantity, start, end))
                .collect();
            let mut subscription = json!({
                "id": subscription_id,
                "object": "subscription",
                "customer": customer,
                "status": "active",
                "cancel_at_period_end": false,
                "canceled_at": null,
                "ended_at": null,
                "created": start,
                "start_date": start,
                "current_period_start": start,
                "current_period_end": end,
                "currency": "usd",
                "livemode": false,
                "metadata": session.subscription_metadata,
                "items": {
                    "object": "list",
                    "data": data,
                    "has_more": false,
                    "url": format!("/v1/subscription_items?subscription={subscription_id}"),
                },
            });
            let invoice = invoice(&self.base_url, &subscription, "paid");
            subscription["latest_invoice"] = invoice["id"].clone();
            ledger
                .subscriptions
                .insert(subscription_id.clone(), subscription.clone());
            let session = &mut ledger
                .sessions
                .get_mut(session_id)
                .expect("looked up above")
                .object;
            session["status"] = json!("complete");
            session["payment_status"] = json!("paid");
            session["customer"] = json!(customer);
            session["subscription"] = json!(subscription_id);
            session["invoice"] = invoice["id"].clone();
            (session.clone(), subscription, invoice)
        };
        let statuses = vec![
            self.deliver_event("checkout.session.completed", session, None)
                .await?,
            self.deliver_event("invoice.paid", invoice.clone(), None)
                .await?,
        ];
        Ok(DeliveredEvents {
            subscription_id: id_of(&subscription),
            invoice_id: Some(id_of(&invoice)),
            statuses,
        })
    }

    /// The renewal charge is declined: the subscription goes `past_due` with an open invoice;
    /// `invoice.payment_failed` then `customer.subscription.updated` are delivered.
    pub async fn fail_payment(&self, subscription_id: &str) -> crate::Result<DeliveredEvents> {
        let (subscription, previous, invoice) = self.change(subscription_id, |subscription| {
            let previous = json!({"status": subscription["status"]});
            subscription["status"] = json!("past_due");
            previous
        })?;
        let invoice = invoice.expect("a failed payment issues an invoice");
        self.invoice_then_update(
            subscription_id,
            "invoice.payment_failed",
            invoice,
            (subscription, previous),
        )
        .await
    }

    /// Delivers `invoice_event` for `invoice`, then `customer.subscription.updated`.
    async fn invoice_then_update(
        &self,
        subscription_id: &str,
        invoice_event: &str,
        invoice: Value,
        (subscription, previous): (Value, Value),
    ) -> crate::Result<DeliveredEvents> {
        let statuses = vec![
            self.deliver_event(invoice_event, invoice.clone(), None)
                .await?,
            self.deliver_event(
                "customer.subscription.updated",
                subscription,
                Some(previous),
            )
            .await?,
        ];
        Ok(DeliveredEvents {
            subscription_id: subscription_id.to_owned(),
            invoice_id: Some(id_of(&invoice)),
            statuses,
        })
    }

    /// The period ends and the renewal is paid: the next period starts where the last ended;
    /// `invoice.paid` then `customer.subscription.updated` (active) are delivered.
    pub async fn renew(&self, subscription_id: &str) -> crate::Result<DeliveredEvents> {
        let (subscription, previous, invoice) = self.change(subscription_id, |subscription| {
            let previous = json!({
                "status": subscription["status"],
                "current_period_start": subscription["current_period_start"],
                "current_period_end": subscription["current_period_end"],
            });
            let start = subscription["current_period_end"]
                .as_i64()
                .unwrap_or_default();
            let end = period_end(start, &subscription["items"]["data"][0]["price"]);
            subscription["status"] = json!("active");
            set_period(subscription, start, end);
            previous
        })?;
        let invoice = invoice.expect("a renewal issues an invoice");
        self.invoice_then_update(
            subscription_id,
            "invoice.paid",
            invoice,
            (subscription, previous),
        )
        .await
    }

    /// The subscription ends now; `customer.subscription.deleted` is delivered.
    pub async fn cancel(&self, subscription_id: &str) -> crate::Result<DeliveredEvents> {
        let (subscription, _, _) = self.change(subscription_id, |subscription| {
            let at = now();
            subscription["status"] = json!("canceled");
            subscription["canceled_at"] = json!(at);
            subscription["ended_at"] = json!(at);
            Value::Null
        })?;
        let status = self
            .deliver_event("customer.subscription.deleted", subscription, None)
            .await?;
        Ok(DeliveredEvents {
            subscription_id: subscription_id.to_owned(),
            invoice_id: None,
            statuses: vec![status],
        })
    }

    /// Signs `event` now and POSTs it; Parley's status. Tests replay events with it.
    pub async fn deliver(&self, event: Value) -> u16 {
        self.shared
            .deliver(event)
            .await
            .unwrap_or_else(|e| panic!("{e}"))
    }

    /// POSTs `body` with this `Stripe-Signature` header verbatim (forgeries, stale stamps).
    pub async fn deliver_signed_with(&self, body: &str, signature_header: &str) -> u16 {
        self.shared
            .post(body.to_owned(), signature_header)
            .await
            .unwrap_or_else(|e| panic!("{e}"))
    }

    /// The last event delivered (or being delivered), to replay verbatim.
    pub fn last_event(&self) -> Option<Value> {
        self.shared.ledger().last_event.clone()
    }

    /// Every API request received, oldest first.
    pub fn requests(&self) -> Vec<StripeRequest> {
        self.shared.ledger().requests.clone()
    }

    /// The stored subscription (`Value::Null` for an unknown id).
    pub fn subscription(&self, id: &str) -> Value {
        let ledger = self.shared.ledger();
        ledger.subscriptions.get(id).cloned().unwrap_or_default()
    }

    /// Applies `change` to a subscription and, unless it was cancelled, issues an invoice for
    /// its (new) period: paid when it is active, open when past due. Returns the subscription,
    /// what `change` says were its previous attributes, and the invoice.
    fn change(
        &self,
        subscription_id: &str,
        change: impl FnOnce(&mut Value) -> Value,
    ) -> crate::Result<(Value, Value, Option<Value>)> {
        let mut ledger = self.shared.ledger();
        let subscription = ledger
            .subscriptions
            .get_mut(subscription_id)
            .ok_or_else(|| format!("no subscription {subscription_id}"))?;
        let previous = change(subscription);
        let invoice = match subscription["status"].as_str() {
            Some("active") => Some(invoice(&self.base_url, subscription, "paid")),
            Some("past_due") => Some(invoice(&self.base_url, subscription, "open")),
            _ => None,
        };
        if let Some(invoice) = &invoice {
            subscription["latest_invoice"] = invoice["id"].clone();
        }
        Ok((subscription.clone(), previous, invoice))
    }

    async fn deliver_event(
        &self,
        kind: &str,
        object: Value,
        previous: Option<Value>,
    ) -> crate::Result<u16> {
        self.shared.deliver(event(kind, object, previous)).await
    }
}

impl Drop for FakeStripe {
    fn drop(&mut self) {
        self.server.abort();
    }
}

/// A Stripe API error: `{"error": {type, code, message, param}}` with its HTTP status.
struct ApiError {
    status: StatusCode,
    code: Option<&'static str>,
    message: String,
    param: Option<String>,
}

impl ApiError {
    fn missing(kind: &str, id: &str, param: &str) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            code: Some("resource_missing"),
            message: format!("No such {kind}: '{id}'"),
            param: Some(param.to_owned()),
        }
    }

    /// An object named in the URL that does not exist.
    fn not_found(kind: &str, id: &str) -> ApiError {
        ApiError {
            status: StatusCode::NOT_FOUND,
            ..ApiError::missing(kind, id, "id")
        }
    }

    fn required(param: &str) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            code: Some("parameter_missing"),
            message: format!("Missing required param: {param}."),
            param: Some(param.to_owned()),
        }
    }

    fn invalid_integer(param: &str, message: String) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            code: Some("parameter_invalid_integer"),
            message,
            param: Some(param.to_owned()),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = json!({"error": {
            "type": "invalid_request_error",
            "code": self.code,
            "message": self.message,
            "param": self.param,
        }});
        json_response(self.status, &body)
    }
}

type Answer = Result<Value, ApiError>;

async fn handle(
    State(shared): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: String,
) -> Response {
    let query = uri.query().unwrap_or_default();
    let params: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .chain(form_urlencoded::parse(body.as_bytes()))
        .map(|(key, value)| (key.into_owned(), value.into_owned()))
        .collect();
    shared.ledger().requests.push(StripeRequest {
        method: method.to_string(),
        path: uri.path().to_owned(),
        params: params.clone(),
    });
    let key = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    if key != Some(shared.api_key.as_str()) {
        return unauthorized(key);
    }
    let segments: Vec<&str> = uri.path().trim_matches('/').split('/').collect();
    let answer = match (&method, segments.as_slice()) {
        (&Method::POST, ["v1", "customers"]) => create_customer(&shared, &params),
        (&Method::GET, ["v1", "prices"]) => list_prices(&shared, &params),
        (&Method::POST, ["v1", "checkout", "sessions"]) => create_session(&shared, &params),
        (&Method::GET, ["v1", "subscriptions", id]) => shared
            .ledger()
            .subscriptions
            .get(*id)
            .cloned()
            .ok_or_else(|| ApiError::not_found("subscription", id)),
        (&Method::POST, ["v1", "subscription_items"]) => add_item(&shared, &params),
        (&Method::POST, ["v1", "subscription_items", id]) => update_item(&shared, id, &params),
        (&Method::DELETE, ["v1", "subscription_items", id]) => delete_item(&shared, id),
        (&Method::POST, ["v1", "billing_portal", "sessions"]) => portal(&shared, &params),
        _ => Err(ApiError {
            status: StatusCode::NOT_FOUND,
            code: None,
            message: format!("Unrecognized request URL ({method}: {}).", uri.path()),
            param: None,
        }),
    };
    match answer {
        Ok(object) => json_response(StatusCode::OK, &object),
        Err(error) => error.into_response(),
    }
}

fn unauthorized(key: Option<&str>) -> Response {
    let message = match key {
        Some(key) => format!("Invalid API Key provided: {}", mask(key)),
        None => "You did not provide an API key. You need to provide your API key in the \
                 Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY')."
            .to_owned(),
    };
    let body = json!({"error": {"type": "invalid_request_error", "message": message}});
    json_response(StatusCode::UNAUTHORIZED, &body)
}

/// `sk_test_****wxyz`: the key's prefix and last four characters, as Stripe echoes it.
fn mask(key: &str) -> String {
    let prefix = key.rfind('_').map_or(0, |underscore| underscore + 1);
    let tail = key.len().saturating_sub(4).max(prefix);
    format!("{}****{}", &key[..prefix], &key[tail..])
}

fn create_customer(shared: &Shared, params: &[(String, String)]) -> Answer {
    let customer = new_customer(params);
    shared
        .ledger()
        .customers
        .insert(id_of(&customer), customer.clone());
    Ok(customer)
}

fn new_customer(params: &[(String, String)]) -> Value {
    json!({
        "id": new_id("cus"),
        "object": "customer",
        "email": param(params, "email"),
        "name": param(params, "name"),
        "metadata": metadata(params, "metadata"),
        "created": now(),
        "livemode": false,
    })
}

fn list_prices(shared: &Shared, params: &[(String, String)]) -> Answer {
    // Stripe takes `lookup_keys[]=a` and `lookup_keys[0]=a` alike.
    let keys: Vec<&str> = params
        .iter()
        .filter(|(key, _)| key.starts_with("lookup_keys["))
        .map(|(_, value)| value.as_str())
        .collect();
    let active = param(params, "active").map(|active| active == "true");
    let data: Vec<Value> = shared
        .ledger()
        .prices
        .iter()
        .filter(|price| keys.is_empty() || keys.iter().any(|key| price["lookup_key"] == *key))
        .filter(|price| active.is_none_or(|active| price["active"] == active))
        .cloned()
        .collect();
    Ok(json!({"object": "list", "data": data, "has_more": false, "url": "/v1/prices"}))
}

fn create_session(shared: &Shared, params: &[(String, String)]) -> Answer {
    let mode = param(params, "mode").ok_or_else(|| ApiError::required("mode"))?;
    let mut ledger = shared.ledger();
    let customer = param(params, "customer");
    if let Some(customer) = customer.filter(|id| !ledger.customers.contains_key(*id)) {
        return Err(ApiError::missing("customer", customer, "customer"));
    }
    let mut lines = Vec::new();
    let mut amount_total = 0;
    while let Some(price_id) = param(params, &format!("line_items[{}][price]", lines.len())) {
        let price_param = format!("line_items[{}][price]", lines.len());
        let price = find_price(&ledger.prices, price_id)
            .ok_or_else(|| ApiError::missing("price", price_id, &price_param))?;
        let quantity = quantity(params, &format!("line_items[{}][quantity]", lines.len()))?;
        amount_total += price["unit_amount"].as_u64().unwrap_or_default() * quantity;
        lines.push((price_id.to_owned(), quantity));
    }
    if lines.is_empty() {
        return Err(ApiError::required("line_items"));
    }
    let id = new_id("cs_test");
    let created = now();
    let object = json!({
        "id": id,
        "object": "checkout.session",
        "url": format!("{}/c/pay/{id}", shared.base_url),
        "status": "open",
        "payment_status": "unpaid",
        "mode": mode,
        "customer": customer,
        "client_reference_id": param(params, "client_reference_id"),
        "metadata": metadata(params, "metadata"),
        "subscription": null,
        "success_url": param(params, "success_url"),
        "cancel_url": param(params, "cancel_url"),
        "amount_total": amount_total,
        "currency": "usd",
        "created": created,
        "expires_at": created + 24 * 3600,
        "livemode": false,
    });
    let session = Session {
        object: object.clone(),
        lines,
        subscription_metadata: metadata(params, "subscription_data[metadata]"),
    };
    ledger.sessions.insert(id, session);
    Ok(object)
}

fn add_item(shared: &Arc<Shared>, params: &[(String, String)]) -> Answer {
    let subscription_id =
        param(params, "subscription").ok_or_else(|| ApiError::required("subscription"))?;
    let price_id = param(params, "price").ok_or_else(|| ApiError::required("price"))?;
    let quantity = quantity(params, "quantity")?;
    let mut ledger = shared.ledger();
    let price = find_price(&ledger.prices, price_id)
        .ok_or_else(|| ApiError::missing("price", price_id, "price"))?;
    let subscription = ledger
        .subscriptions
        .get_mut(subscription_id)
        .ok_or_else(|| ApiError::missing("subscription", subscription_id, "subscription"))?;
    let previous = json!({"items": subscription["items"]});
    let start = subscription["current_period_start"]
        .as_i64()
        .unwrap_or_default();
    let end = subscription["current_period_end"]
        .as_i64()
        .unwrap_or_default();
    let items = subscription["items"]["data"]
        .as_array_mut()
        .expect("a subscription lists its items");
    // Stripe refuses a second item for a price the subscription already has.
    if items.iter().any(|item| item["price"]["id"] == price_id) {
        return Err(ApiError {
            status: StatusCode::BAD_REQUEST,
            code: None,
            message: format!(
                "Cannot add multiple subscription items with the same price: {price_id}"
            ),
            param: Some("price".to_owned()),
        });
    }
    let item = item(subscription_id, &price, quantity, start, end);
    items.push(item.clone());
    shared.announce_update(subscription.clone(), previous);
    Ok(item)
}

fn update_item(shared: &Arc<Shared>, id: &str, params: &[(String, String)]) -> Answer {
    let quantity = param(params, "quantity")
        .map(|_| quantity(params, "quantity"))
        .transpose()?;
    let mut ledger = shared.ledger();
    let (subscription, index) =
        find_item(&mut ledger, id).ok_or_else(|| ApiError::not_found("subscription_item", id))?;
    let previous = json!({"items": subscription["items"]});
    let item = &mut subscription["items"]["data"][index];
    if let Some(quantity) = quantity {
        item["quantity"] = json!(quantity);
    }
    let item = item.clone();
    shared.announce_update(subscription.clone(), previous);
    Ok(item)
}

fn delete_item(shared: &Arc<Shared>, id: &str) -> Answer {
    let mut ledger = shared.ledger();
    let (subscription, index) =
        find_item(&mut ledger, id).ok_or_else(|| ApiError::not_found("subscription_item", id))?;
    let previous = json!({"items": subscription["items"]});
    if let Some(items) = subscription["items"]["data"].as_array_mut() {
        items.remove(index);
    }
    shared.announce_update(subscription.clone(), previous);
    Ok(json!({"id": id, "object": "subscription_item", "deleted": true}))
}

fn portal(shared: &Shared, params: &[(String, String)]) -> Answer {
    let customer = param(params, "customer").ok_or_else(|| ApiError::required("customer"))?;
    if !shared.ledger().customers.contains_key(customer) {
        return Err(ApiError::missing("customer", customer, "customer"));
    }
    Ok(json!({
        "id": new_id("bps"),
        "object": "billing_portal.session",
        "url": format!("{}/p/session/{}", shared.base_url, new_id("test")),
        "customer": customer,
        "return_url": param(params, "return_url"),
        "created": now(),
        "livemode": false,
    }))
}

/// The subscription holding item `id`, and the item's index in its `items.data`.
fn find_item<'a>(ledger: &'a mut Ledger, id: &str) -> Option<(&'a mut Value, usize)> {
    ledger.subscriptions.values_mut().find_map(|subscription| {
        let index = subscription["items"]["data"]
            .as_array()?
            .iter()
            .position(|item| item["id"] == id)?;
        Some((subscription, index))
    })
}

fn find_price(prices: &[Value], id: &str) -> Option<Value> {
    prices.iter().find(|price| price["id"] == id).cloned()
}

/// A price for each plan and interval, and for a seat: `parley_{planId}_{interval}` and
/// `parley_seat_{interval}`, in cents, priced as the shared catalog says.
fn catalog() -> Vec<Value> {
    let mut prices = Vec::new();
    let mut add = |name: &str, monthly: u32, annual: u32| {
        let product = new_id("prod");
        prices.push(price(
            &format!("parley_{name}_monthly"),
            monthly,
            "month",
            &product,
        ));
        prices.push(price(
            &format!("parley_{name}_annual"),
            annual,
            "year",
            &product,
        ));
    };
    for plan in PLANS.iter().filter(|plan| plan.is_paid()) {
        add(plan.id, plan.monthly_price, plan.annual_price);
    }
    add("seat", SEAT_MONTHLY_PRICE, SEAT_ANNUAL_PRICE);
    prices
}

fn price(lookup_key: &str, dollars: u32, interval: &str, product: &str) -> Value {
    let cents = u64::from(dollars) * 100;
    json!({
        "id": new_id("price"),
        "object": "price",
        "active": true,
        "currency": "usd",
        "lookup_key": lookup_key,
        "unit_amount": cents,
        "unit_amount_decimal": cents.to_string(),
        "billing_scheme": "per_unit",
        "type": "recurring",
        "recurring": {"interval": interval, "interval_count": 1, "usage_type": "licensed"},
        "product": product,
        "metadata": {},
        "livemode": false,
    })
}

fn item(subscription: &str, price: &Value, quantity: u64, start: i64, end: i64) -> Value {
    json!({
        "id": new_id("si"),
        "object": "subscription_item",
        "subscription": subscription,
        "price": price,
        "quantity": quantity,
        "current_period_start": start,
        "current_period_end": end,
        "created": now(),
        "metadata": {},
    })
}

/// Moves the subscription and (as Basil reads it) each of its items to `start..end`.
fn set_period(subscription: &mut Value, start: i64, end: i64) {
    subscription["current_period_start"] = json!(start);
    subscription["current_period_end"] = json!(end);
    for item in subscription["items"]["data"]
        .as_array_mut()
        .into_iter()
        .flatten()
    {
        item["current_period_start"] = json!(start);
        item["current_period_end"] = json!(end);
    }
}

/// An invoice for the subscription's current period and items, `paid` or `open`.
fn invoice(base_url: &str, subscription: &Value, status: &str) -> Value {
    let id = new_id("in");
    let (start, end) = (
        &subscription["current_period_start"],
        &subscription["current_period_end"],
    );
    let lines: Vec<Value> = subscription["items"]["data"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|item| {
            let quantity = item["quantity"].as_u64().unwrap_or_default();
            json!({
                "id": new_id("il"),
                "object": "line_item",
                "amount": item["price"]["unit_amount"].as_u64().unwrap_or_default() * quantity,
                "currency": "usd",
                "quantity": quantity,
                "period": {"start": start, "end": end},
                "pricing": {"price_details": {"price": item["price"]["id"], "product": item["price"]["product"]}},
            })
        })
        .collect();
    let total: u64 = lines
        .iter()
        .filter_map(|line| line["amount"].as_u64())
        .sum();
    let paid = status == "paid";
    json!({
        "id": id,
        "object": "invoice",
        "customer": subscription["customer"],
        "subscription": subscription["id"],
        // Where Basil moved `subscription`: both are set so either reading works.
        "parent": {
            "type": "subscription_details",
            "subscription_details": {
                "subscription": subscription["id"],
                "metadata": subscription["metadata"],
            },
        },
        "status": status,
        "amount_due": total,
        "amount_paid": if paid { total } else { 0 },
        "amount_remaining": if paid { 0 } else { total },
        "attempt_count": 1,
        "currency": "usd",
        "created": now(),
        "period_start": start,
        "period_end": end,
        "invoice_pdf": format!("{base_url}/invoices/{id}.pdf"),
        "hosted_invoice_url": format!("{base_url}/i/{id}"),
        "lines": {"object": "list", "data": lines, "has_more": false, "url": format!("/v1/invoices/{id}/lines")},
        "livemode": false,
    })
}

fn event(kind: &str, object: Value, previous: Option<Value>) -> Value {
    let mut data = json!({ "object": object });
    if let Some(previous) = previous {
        data["previous_attributes"] = previous;
    }
    json!({
        "id": new_id("evt"),
        "object": "event",
        "type": kind,
        "created": now(),
        "api_version": API_VERSION,
        "livemode": false,
        "pending_webhooks": 1,
        "request": {"id": null, "idempotency_key": null},
        "data": data,
    })
}

/// The end of the period starting at `start` for `price`'s interval, in calendar months as
/// Stripe bills (a month from 31 January ends on the last day of February).
fn period_end(start: i64, price: &Value) -> i64 {
    let months = if price["recurring"]["interval"] == "year" {
        12
    } else {
        1
    };
    chrono::DateTime::from_timestamp(start, 0)
        .and_then(|at| at.checked_add_months(chrono::Months::new(months)))
        .map(|at| at.timestamp())
        .expect("a period end in range")
}

fn quantity(params: &[(String, String)], key: &str) -> Result<u64, ApiError> {
    match param(params, key) {
        None => Ok(1),
        Some(text) => text
            .parse()
            .map_err(|_| ApiError::invalid_integer(key, format!("Invalid integer: {text}"))),
    }
}

fn param<'a>(params: &'a [(String, String)], key: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(name, _)| name == key)
        .map(|(_, value)| value.as_str())
}

/// The hash sent as `{prefix}[key]=value` pairs, e.g. `metadata[workspace_id]`.
fn metadata(params: &[(String, String)], prefix: &str) -> Value {
    let entries: Map<String, Value> = params
        .iter()
        .filter_map(|(name, value)| {
            let key = name
                .strip_prefix(prefix)?
                .strip_prefix('[')?
                .strip_suffix(']')?;
            Some((key.to_owned(), json!(value)))
        })
        .collect();
    Value::Object(entries)
}

fn id_of(object: &Value) -> String {
    object["id"].as_str().unwrap_or_default().to_owned()
}

fn new_id(prefix: &str) -> String {
    let random = uuid::Uuid::new_v4().simple().to_string();
    format!("{prefix}_{}", &random[..24])
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs() as i64)
}

fn json_response(status: StatusCode, body: &Value) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::webhook_receiver::WebhookReceiver;

    #[test]
    fn signature_is_hmac_sha256_of_timestamp_dot_body() {
        // Computed independently: printf '%s' '1700000000.{body}' | openssl dgst -sha256
        // -hmac whsec_test_secret
        let body = r#"{"id":"evt_test","object":"event"}"#;
        assert_eq!(
            stripe_signature("whsec_test_secret", 1_700_000_000, body),
            "t=1700000000,v1=8042376f6ca064adbe037642a718227dfd59047137eb49497a54c49eb0cfb724"
        );
    }

    #[test]
    fn masked_key_keeps_prefix_and_last_four() {
        assert_eq!(mask("sk_test_abcdef1234"), "sk_test_****1234");
        assert_eq!(mask("abc"), "****abc");
    }

    #[test]
    fn catalog_prices_every_paid_plan_and_the_seat_in_cents() {
        let prices = catalog();
        let cents = |key: &str| {
            let price = prices.iter().find(|p| p["lookup_key"] == key).unwrap();
            (
                price["unit_amount"].as_u64().unwrap(),
                price["recurring"]["interval"].clone(),
            )
        };
        assert_eq!(cents("parley_plan-starter_monthly"), (2900, json!("month")));
        assert_eq!(cents("parley_plan-scale_annual"), (191_000, json!("year")));
        assert_eq!(cents("parley_seat_monthly"), (1000, json!("month")));
        assert_eq!(cents("parley_seat_annual"), (9600, json!("year")));
        assert_eq!(
            prices.len(),
            8,
            "three paid plans and the seat, two intervals each"
        );
    }

    #[test]
    fn a_month_is_a_calendar_month() {
        // 2025-01-31T00:00:00Z → 2025-02-28T00:00:00Z; a year from then is 2026-01-31.
        let month = json!({"recurring": {"interval": "month"}});
        let year = json!({"recurring": {"interval": "year"}});
        assert_eq!(period_end(1_738_281_600, &month), 1_740_700_800);
        assert_eq!(period_end(1_738_281_600, &year), 1_769_817_600);
    }

    struct Client {
        http: reqwest::Client,
        stripe: FakeStripe,
    }

    impl Client {
        async fn call(
            &self,
            method: reqwest::Method,
            path: &str,
            form: &[(&str, &str)],
        ) -> (u16, Value) {
            let encoded = form_urlencoded::Serializer::new(String::new())
                .extend_pairs(form)
                .finish();
            // Stripe takes GET and DELETE parameters in the query, the others as a form body.
            let request = if method == reqwest::Method::GET || method == reqwest::Method::DELETE {
                let url = format!("{}{path}?{encoded}", self.stripe.base_url);
                self.http.request(method, url)
            } else {
                let url = format!("{}{path}", self.stripe.base_url);
                self.http
                    .request(method, url)
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .body(encoded)
            };
            let request = request.bearer_auth(&self.stripe.api_key);
            let response = request.send().await.unwrap();
            (response.status().as_u16(), response.json().await.unwrap())
        }
    }

    fn valid_signature(secret: &str, received: &crate::webhook_receiver::Received) -> bool {
        let header = received.header("stripe-signature");
        let t: u64 = header
            .split(',')
            .find_map(|p| p.strip_prefix("t="))
            .unwrap()
            .parse()
            .unwrap();
        stripe_signature(secret, t, &received.body) == header
    }

    #[tokio::test]
    async fn answers_the_billing_calls_and_delivers_signed_events() {
        let receiver = WebhookReceiver::start(0).await;
        let stripe = FakeStripe::start().await.unwrap();
        stripe.set_callback_url(&receiver.url);
        let client = Client {
            http: reqwest::Client::new(),
            stripe,
        };
        use reqwest::Method;

        let (status, customer) = client
            .call(
                Method::POST,
                "/v1/customers",
                &[
                    ("email", "a@example.com"),
                    ("metadata[workspace_id]", "ws-1"),
                ],
            )
            .await;
        assert_eq!(status, 200);
        assert_eq!(customer["object"], "customer");
        assert_eq!(customer["metadata"]["workspace_id"], "ws-1");
        let customer_id = customer["id"].as_str().unwrap();

        let (_, prices) = client
            .call(
                Method::GET,
                "/v1/prices",
                &[
                    ("active", "true"),
                    ("lookup_keys[]", "parley_plan-growth_monthly"),
                    ("lookup_keys[]", "parley_seat_monthly"),
                ],
            )
            .await;
        assert_eq!(prices["object"], "list");
        assert_eq!(prices["data"].as_array().unwrap().len(), 2);
        let plan_price = prices["data"][0]["id"].as_str().unwrap().to_owned();
        let seat_price = prices["data"][1]["id"].as_str().unwrap().to_owned();

        let (status, missing) = client
            .call(
                Method::POST,
                "/v1/checkout/sessions",
                &[
                    ("mode", "subscription"),
                    ("customer", customer_id),
                    ("line_items[0][price]", "price_nope"),
                ],
            )
            .await;
        assert_eq!(status, 400);
        assert_eq!(missing["error"]["code"], "resource_missing");
        assert_eq!(missing["error"]["param"], "line_items[0][price]");

        let (status, session) = client
            .call(
                Method::POST,
                "/v1/checkout/sessions",
                &[
                    ("mode", "subscription"),
                    ("customer", customer_id),
                    ("line_items[0][price]", &plan_price),
                    ("line_items[0][quantity]", "1"),
                    ("success_url", "http://parley/ok"),
                    ("client_reference_id", "ws-1"),
                    ("subscription_data[metadata][plan_id]", "plan-growth"),
                ],
            )
            .await;
        assert_eq!(status, 200);
        assert_eq!(session["status"], "open");
        assert!(
            session["url"]
                .as_str()
                .unwrap()
                .starts_with(&client.stripe.base_url)
        );

        let delivered = client
            .stripe
            .complete_checkout(session["id"].as_str().unwrap())
            .await
            .unwrap();
        assert_eq!(delivered.statuses, [200, 200]);
        let received = receiver.wait_for(2).await;
        assert!(
            received
                .iter()
                .all(|r| valid_signature(&client.stripe.webhook_secret, r))
        );
        let completed = received[0].json();
        assert_eq!(completed["type"], "checkout.session.completed");
        assert_eq!(
            completed["data"]["object"]["subscription"],
            delivered.subscription_id.as_str()
        );
        assert_eq!(received[1].json()["data"]["object"]["amount_paid"], 7900);
        assert_eq!(client.stripe.last_event().unwrap(), received[1].json());

        let sub_path = format!("/v1/subscriptions/{}", delivered.subscription_id);
        let (_, subscription) = client.call(Method::GET, &sub_path, &[]).await;
        assert_eq!(subscription["status"], "active");
        assert_eq!(subscription["metadata"]["plan_id"], "plan-growth");
        assert_eq!(
            subscription["items"]["data"][0]["price"]["id"],
            plan_price.as_str()
        );

        let (status, seat) = client
            .call(
                Method::POST,
                "/v1/subscription_items",
                &[
                    ("subscription", &delivered.subscription_id),
                    ("price", &seat_price),
                    ("quantity", "2"),
                    ("proration_behavior", "create_prorations"),
                ],
            )
            .await;
        assert_eq!(status, 200);
        assert_eq!(seat["quantity"], 2);
        let seat_path = format!("/v1/subscription_items/{}", seat["id"].as_str().unwrap());
        let (_, seat) = client
            .call(
                Method::POST,
                &seat_path,
                &[
                    ("quantity", "3"),
                    ("proration_behavior", "create_prorations"),
                ],
            )
            .await;
        assert_eq!(seat["quantity"], 3);
        assert_eq!(
            client.stripe.subscription(&delivered.subscription_id)["items"]["data"][1]["quantity"],
            3
        );
        let (_, deleted) = client
            .call(
                Method::DELETE,
                &seat_path,
                &[("proration_behavior", "none")],
            )
            .await;
        assert_eq!(deleted["deleted"], true);
        let prorations: Vec<_> = client
            .stripe
            .requests()
            .into_iter()
            .filter(|r| r.path.starts_with("/v1/subscription_items"))
            .map(|r| r.param("proration_behavior").unwrap().to_owned())
            .collect();
        assert_eq!(
            prorations,
            ["create_prorations", "create_prorations", "none"]
        );
        let updates = receiver.wait_for(5).await;
        assert!(
            updates[2..]
                .iter()
                .all(|r| r.json()["type"] == "customer.subscription.updated")
        );

        let renewed = client
            .stripe
            .renew(&delivered.subscription_id)
            .await
            .unwrap();
        assert_eq!(renewed.statuses, [200, 200]);
        let renewed_sub = client.stripe.subscription(&delivered.subscription_id);
        assert_eq!(
            renewed_sub["current_period_start"],
            subscription["current_period_end"]
        );
        assert_eq!(
            renewed_sub["items"]["data"][0]["current_period_start"],
            subscription["current_period_end"]
        );

        client
            .stripe
            .fail_payment(&delivered.subscription_id)
            .await
            .unwrap();
        assert_eq!(
            client.stripe.subscription(&delivered.subscription_id)["status"],
            "past_due"
        );
        let cancelled = client
            .stripe
            .cancel(&delivered.subscription_id)
            .await
            .unwrap();
        assert_eq!(cancelled.statuses, [200]);
        assert_eq!(
            client.stripe.last_event().unwrap()["type"],
            "customer.subscription.deleted"
        );

        let (status, portal) = client
            .call(
                Method::POST,
                "/v1/billing_portal/sessions",
                &[
                    ("customer", customer_id),
                    ("return_url", "http://parley/billing"),
                ],
            )
            .await;
        assert_eq!(
            (status, portal["object"].as_str()),
            (200, Some("billing_portal.session"))
        );
    }

    #[tokio::test]
    async fn refuses_a_wrong_key_and_unknown_objects_as_stripe_does() {
        let stripe = FakeStripe::start().await.unwrap();
        let http = reqwest::Client::new();
        let wrong = http
            .get(format!("{}/v1/prices", stripe.base_url))
            .bearer_auth("sk_test_wrong1234")
            .send()
            .await
            .unwrap();
        assert_eq!(wrong.status(), 401);
        let body: Value = wrong.json().await.unwrap();
        assert_eq!(body["error"]["type"], "invalid_request_error");
        assert_eq!(
            body["error"]["message"],
            "Invalid API Key provided: sk_test_****1234"
        );
        let missing = http
            .get(format!("{}/v1/subscriptions/sub_nope", stripe.base_url))
            .bearer_auth(&stripe.api_key)
            .send()
            .await
            .unwrap();
        assert_eq!(missing.status(), 404);
        let body: Value = missing.json().await.unwrap();
        assert_eq!(body["error"]["code"], "resource_missing");
    }

    #[tokio::test]
    async fn forged_and_replayed_events_go_out_as_given() {
        let receiver = WebhookReceiver::start(0).await;
        let stripe = FakeStripe::start().await.unwrap();
        stripe.set_callback_url(&receiver.url);
        assert_eq!(stripe.deliver_signed_with("{}", "t=1,v1=00").await, 200);
        let received = receiver.wait_for(1).await;
        assert_eq!(received[0].header("stripe-signature"), "t=1,v1=00");
        assert!(!valid_signature(&stripe.webhook_secret, &received[0]));
        let event = event("invoice.paid", json!({"id": "in_1"}), None);
        assert_eq!(stripe.deliver(event.clone()).await, 200);
        assert_eq!(stripe.last_event(), Some(event));
    }
}
