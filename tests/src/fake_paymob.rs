//! A local Paymob speaking the Accept API's wire format: an API key is traded for an auth
//! token, the token makes an order, then a payment key for an integration, which opens the
//! card iframe. Errors come in Paymob's (Django REST) shapes: `{"detail"}`, per-field lists,
//! `{"message": "duplicate"}`. The payer is played by `pay`, which POSTs the Transaction
//! Processed Callback with its HMAC-SHA512 in the query string, as Paymob does.

use axum::Router;
use axum::extract::State;
use axum::http::{Method, StatusCode, Uri, header};
use axum::response::{Html, IntoResponse, Response};
use hmac::{Hmac, Mac};
use serde_json::{Value, json};
use sha2::Sha512;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

/// The transaction fields Paymob's HMAC covers, in the order they are concatenated.
const HMAC_FIELDS: [&str; 20] = [
    "amount_cents",
    "created_at",
    "currency",
    "error_occured",
    "has_parent_transaction",
    "id",
    "integration_id",
    "is_3d_secure",
    "is_auth",
    "is_capture",
    "is_refunded",
    "is_standalone_payment",
    "is_voided",
    "order.id",
    "owner",
    "pending",
    "source_data.pan",
    "source_data.sub_type",
    "source_data.type",
    "success",
];

/// What a payment key's `billing_data` must hold (Paymob wants "NA" for what is unknown).
const BILLING_FIELDS: [&str; 13] = [
    "apartment",
    "email",
    "floor",
    "first_name",
    "street",
    "building",
    "phone_number",
    "shipping_method",
    "postal_code",
    "city",
    "country",
    "last_name",
    "state",
];

/// The merchant's profile and user, as Paymob numbers them.
const PROFILE_ID: u64 = 164_295;
const OWNER: u64 = 302_852;

/// The `hmac` query parameter of a Transaction Processed Callback: lowercase hex
/// HMAC-SHA512(secret, the values of `HMAC_FIELDS` of the callback's `obj`, concatenated).
pub fn paymob_hmac(secret: &str, obj: &Value) -> String {
    let mut mac = Hmac::<Sha512>::new_from_slice(secret.as_bytes()).expect("any key length");
    mac.update(hmac_message(obj).as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

fn hmac_message(obj: &Value) -> String {
    HMAC_FIELDS
        .iter()
        .map(
            |path| match path.split('.').fold(obj, |value, key| &value[key]) {
                Value::String(text) => text.clone(),
                Value::Null => String::new(),
                other => other.to_string(),
            },
        )
        .collect()
}

#[derive(Default)]
struct Ledger {
    auth_tokens: Vec<String>,
    orders: Vec<Value>,
    /// Payment key → the order it pays.
    payment_keys: HashMap<String, u64>,
    last_id: u64,
    last_callback: Option<(Value, String)>,
}

impl Ledger {
    /// Paymob's ids are integers, increasing.
    fn next_id(&mut self) -> u64 {
        self.last_id += 1;
        self.last_id
    }
}

struct Shared {
    api_key: String,
    integration_id: u64,
    iframe_id: u64,
    ledger: Mutex<Ledger>,
}

impl Shared {
    fn ledger(&self) -> MutexGuard<'_, Ledger> {
        self.ledger.lock().unwrap_or_else(|e| e.into_inner())
    }
}

pub struct FakePaymob {
    /// What `PAYMOB_API_BASE` is set to (requests go to `{base_url}/api/…`).
    pub base_url: String,
    pub api_key: String,
    pub hmac_secret: String,
    pub integration_id: u64,
    pub iframe_id: u64,
    callback_url: Mutex<String>,
    shared: Arc<Shared>,
    client: reqwest::Client,
    server: tokio::task::JoinHandle<()>,
}

impl FakePaymob {
    pub async fn start() -> crate::Result<FakePaymob> {
        let (listener, port) = crate::process::loopback_listener().await?;
        let shared = Arc::new(Shared {
            api_key: random_hex(),
            integration_id: 4_000_000 + random() % 1_000_000,
            iframe_id: 800_000 + random() % 100_000,
            ledger: Mutex::new(Ledger {
                last_id: 190_000_000 + random() % 1_000_000,
                ..Ledger::default()
            }),
        });
        let app = Router::new().fallback(handle).with_state(shared.clone());
        let server = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Ok(FakePaymob {
            base_url: format!("http://127.0.0.1:{port}"),
            api_key: shared.api_key.clone(),
            hmac_secret: random_hex().to_uppercase(),
            integration_id: shared.integration_id,
            iframe_id: shared.iframe_id,
            callback_url: Mutex::new(String::new()),
            shared,
            client: reqwest::Client::new(),
            server,
        })
    }

    /// Where callbacks go: `{parley}/api/v1/billing/webhooks/paymob`, known once Parley runs.
    pub fn set_callback_url(&self, url: &str) {
        *self.callback_url.lock().unwrap_or_else(|e| e.into_inner()) = url.to_owned();
    }

    /// The payer pays (or is declined for) the order with this `merchant_order_id` by card;
    /// Paymob's Transaction Processed Callback is POSTed. Parley's status.
    pub async fn pay(&self, merchant_order_id: &str, success: bool) -> u16 {
        let (order, id) = {
            let mut ledger = self.shared.ledger();
            let order = ledger
                .orders
                .iter()
                .find(|order| order["merchant_order_id"] == merchant_order_id)
                .unwrap_or_else(|| panic!("no Paymob order {merchant_order_id}"))
                .clone();
            (order, ledger.next_id())
        };
        let created_at = now().format("%Y-%m-%dT%H:%M:%S%.6f").to_string();
        let obj = json!({
            "id": id,
            "pending": false,
            "amount_cents": order["amount_cents"],
            "success": success,
            "is_auth": false,
            "is_capture": false,
            "is_standalone_payment": true,
            "is_voided": false,
            "is_refunded": false,
            "is_3d_secure": true,
            "integration_id": self.integration_id,
            "profile_id": PROFILE_ID,
            "has_parent_transaction": false,
            "order": order,
            "created_at": created_at,
            "updated_at": created_at,
            "transaction_processed_callback_responses": [],
            "currency": order["currency"],
            "source_data": {"pan": "2346", "type": "card", "sub_type": "MasterCard"},
            "api_source": "IFRAME",
            "terminal_id": null,
            "merchant_commission": 0,
            "installment": null,
            "discount_details": [],
            "is_void": false,
            "is_refund": false,
            "data": if success {
                json!({"message": "Approved", "txn_response_code": "APPROVED"})
            } else {
                json!({"message": "Do not honour", "txn_response_code": "DECLINED"})
            },
            "is_hidden": false,
            "error_occured": false,
            "is_live": false,
            "other_endorsement_info": null,
            "refunded_amount_cents": 0,
            "source_id": -1,
            "is_captured": false,
            "captured_amount": 0,
            "merchant_staff_tag": null,
            "is_settled": false,
            "bill_balanced": false,
            "is_bill": false,
            "owner": OWNER,
            "parent_transaction": null,
        });
        let hmac = paymob_hmac(&self.hmac_secret, &obj);
        self.post_callback(&json!({"type": "TRANSACTION", "obj": obj}), &hmac)
            .await
    }

    /// POSTs `body` to the callback URL with `?hmac={hmac}` (replays, forgeries).
    pub async fn post_callback(&self, body: &Value, hmac: &str) -> u16 {
        self.shared.ledger().last_callback = Some((body.clone(), hmac.to_owned()));
        let url = self
            .callback_url
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        let separator = if url.contains('?') { '&' } else { '?' };
        self.client
            .post(format!("{url}{separator}hmac={hmac}"))
            .json(body)
            .send()
            .await
            .unwrap_or_else(|e| panic!("posting a Paymob callback to {url:?}: {e}"))
            .status()
            .as_u16()
    }

    /// The last callback's body and `hmac`, to replay verbatim.
    pub fn last_callback(&self) -> Option<(Value, String)> {
        self.shared.ledger().last_callback.clone()
    }
}

impl Drop for FakePaymob {
    fn drop(&mut self) {
        self.server.abort();
    }
}

async fn handle(
    State(shared): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    body: String,
) -> Response {
    let segments: Vec<&str> = uri.path().trim_matches('/').split('/').collect();
    if let (&Method::GET, ["api", "acceptance", "iframes", id]) = (&method, segments.as_slice()) {
        return iframe(&shared, id, uri.query().unwrap_or_default());
    }
    let request: Value = match serde_json::from_str(&body) {
        Ok(request) => request,
        Err(e) => return answer(StatusCode::BAD_REQUEST, json!({"detail": e.to_string()})),
    };
    match (&method, segments.as_slice()) {
        (&Method::POST, ["api", "auth", "tokens"]) => authenticate(&shared, &request),
        (&Method::POST, ["api", "ecommerce", "orders"]) => create_order(&shared, &request),
        (&Method::POST, ["api", "acceptance", "payment_keys"]) => payment_key(&shared, &request),
        _ => not_found(),
    }
}

fn authenticate(shared: &Shared, request: &Value) -> Response {
    if request["api_key"] != shared.api_key.as_str() {
        return answer(
            StatusCode::FORBIDDEN,
            json!({"detail": "incorrect credentials"}),
        );
    }
    let token = random_hex();
    shared.ledger().auth_tokens.push(token.clone());
    answer(
        StatusCode::CREATED,
        json!({"token": token, "profile": {"id": PROFILE_ID, "user": {"id": OWNER}}}),
    )
}

fn create_order(shared: &Shared, request: &Value) -> Response {
    let mut ledger = shared.ledger();
    if !authorized(&ledger, request) {
        return invalid_token();
    }
    let Some(amount_cents) = cents(&request["amount_cents"]) else {
        return required(&["amount_cents"]);
    };
    let merchant_order_id = &request["merchant_order_id"];
    if !merchant_order_id.is_null()
        && ledger
            .orders
            .iter()
            .any(|order| order["merchant_order_id"] == *merchant_order_id)
    {
        return answer(
            StatusCode::UNPROCESSABLE_ENTITY,
            json!({"message": "duplicate"}),
        );
    }
    let order = json!({
        "id": ledger.next_id(),
        "created_at": now().format("%Y-%m-%dT%H:%M:%S%.6f").to_string(),
        "delivery_needed": request["delivery_needed"].as_bool().unwrap_or(false),
        "merchant": {"id": PROFILE_ID, "company_name": "Parley"},
        "collector": null,
        "amount_cents": amount_cents,
        "shipping_data": null,
        "currency": request["currency"].as_str().unwrap_or("EGP"),
        "is_payment_locked": false,
        "is_return": false,
        "is_cancel": false,
        "is_returned": false,
        "is_canceled": false,
        "merchant_order_id": merchant_order_id,
        "wallet_notification": null,
        "paid_amount_cents": 0,
        "notify_user_with_email": false,
        "items": request["items"].as_array().cloned().unwrap_or_default(),
        "commission_fees": 0,
        "delivery_fees_cents": 0,
        "delivery_vat_cents": 0,
        "payment_method": "tbc",
        "merchant_staff_tag": null,
        "api_source": "OTHER",
        "data": {},
    });
    ledger.orders.push(order.clone());
    answer(StatusCode::CREATED, order)
}

fn payment_key(shared: &Shared, request: &Value) -> Response {
    let mut ledger = shared.ledger();
    if !authorized(&ledger, request) {
        return invalid_token();
    }
    let missing: Vec<&str> = ["amount_cents", "currency", "integration_id", "billing_data"]
        .into_iter()
        .filter(|field| request[*field].is_null())
        .collect();
    if !missing.is_empty() {
        return required(&missing);
    }
    let missing: Vec<&str> = BILLING_FIELDS
        .into_iter()
        .filter(|field| match &request["billing_data"][*field] {
            Value::String(text) => text.is_empty(),
            other => other.is_null(),
        })
        .collect();
    if !missing.is_empty() {
        let errors: serde_json::Map<String, Value> = missing
            .iter()
            .map(|field| (field.to_string(), json!(["This field is required."])))
            .collect();
        return answer(StatusCode::BAD_REQUEST, json!({ "billing_data": errors }));
    }
    if cents(&request["integration_id"]) != Some(shared.integration_id) {
        return not_found();
    }
    let Some(order) = cents(&request["order_id"])
        .filter(|id| ledger.orders.iter().any(|order| order["id"] == *id))
    else {
        return not_found();
    };
    let token = random_hex();
    ledger.payment_keys.insert(token.clone(), order);
    answer(StatusCode::CREATED, json!({ "token": token }))
}

/// The card form the payer's browser is sent to; only a page for a known payment key.
fn iframe(shared: &Shared, iframe: &str, query: &str) -> Response {
    let token = form_urlencoded::parse(query.as_bytes())
        .find(|(key, _)| key == "payment_token")
        .map(|(_, value)| value.into_owned());
    let ledger = shared.ledger();
    let order = token.and_then(|token| ledger.payment_keys.get(&token).copied());
    match order {
        Some(order) if iframe == shared.iframe_id.to_string() => Html(format!(
            "<!doctype html><title>Paymob</title><p>Pay order {order} by card</p>"
        ))
        .into_response(),
        _ => not_found(),
    }
}

fn authorized(ledger: &Ledger, request: &Value) -> bool {
    let token = request["auth_token"].as_str().unwrap_or_default();
    ledger.auth_tokens.iter().any(|known| known == token)
}

fn invalid_token() -> Response {
    answer(StatusCode::UNAUTHORIZED, json!({"detail": "invalid token"}))
}

fn not_found() -> Response {
    answer(StatusCode::NOT_FOUND, json!({"detail": "Not found."}))
}

fn required(fields: &[&str]) -> Response {
    let errors: serde_json::Map<String, Value> = fields
        .iter()
        .map(|field| (field.to_string(), json!(["This field is required."])))
        .collect();
    answer(StatusCode::BAD_REQUEST, Value::Object(errors))
}

/// An integer Paymob takes as a JSON number or a numeric string.
fn cents(value: &Value) -> Option<u64> {
    value
        .as_u64()
        .or_else(|| value.as_str().and_then(|text| text.parse().ok()))
}

fn random() -> u64 {
    uuid::Uuid::new_v4().as_u64_pair().0
}

fn random_hex() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

fn now() -> chrono::DateTime<chrono::Utc> {
    let micros = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_micros() as i64);
    chrono::DateTime::from_timestamp_micros(micros).expect("now is in range")
}

fn answer(status: StatusCode, body: Value) -> Response {
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

    /// The transaction of Paymob's HMAC documentation.
    fn documented_obj() -> Value {
        json!({
            "amount_cents": 100000,
            "created_at": "2024-06-13T11:33:44.592345",
            "currency": "EGP",
            "error_occured": false,
            "has_parent_transaction": false,
            "id": 192036465,
            "integration_id": 4097558,
            "is_3d_secure": true,
            "is_auth": false,
            "is_capture": false,
            "is_refunded": false,
            "is_standalone_payment": true,
            "is_voided": false,
            "order": {"id": 217503754},
            "owner": 302852,
            "pending": false,
            "source_data": {"pan": "2346", "sub_type": "MasterCard", "type": "card"},
            "success": true,
        })
    }

    #[test]
    fn hmac_concatenates_the_documented_fields_in_order() {
        assert_eq!(
            hmac_message(&documented_obj()),
            "1000002024-06-13T11:33:44.592345EGPfalsefalse1920364654097558truefalsefalsefalse\
             truefalse217503754302852false2346MasterCardcardtrue"
        );
    }

    #[test]
    fn hmac_is_lowercase_hex_hmac_sha512() {
        // Computed independently: printf '%s' '<the concatenation>' | openssl dgst -sha512
        // -hmac paymob_test_secret
        assert_eq!(
            paymob_hmac("paymob_test_secret", &documented_obj()),
            "ede59c48557f10fed44d5a0613a9bffc07a6f3fbd4781899ce1b8a1c428d8d40\
             94fca6b4dbc444501520ea52e1691cf9d51625c062e043a3fc14e517316e7c4f"
        );
    }

    async fn post(paymob: &FakePaymob, path: &str, body: Value) -> (u16, Value) {
        let response = reqwest::Client::new()
            .post(format!("{}{path}", paymob.base_url))
            .json(&body)
            .send()
            .await
            .unwrap();
        (response.status().as_u16(), response.json().await.unwrap())
    }

    fn billing_data() -> Value {
        let mut data = serde_json::Map::new();
        for field in BILLING_FIELDS {
            data.insert(field.to_owned(), json!("NA"));
        }
        data.insert("email".to_owned(), json!("a@example.com"));
        Value::Object(data)
    }

    #[tokio::test]
    async fn answers_the_accept_flow_and_posts_a_signed_callback() {
        let receiver = WebhookReceiver::start(0).await;
        let paymob = FakePaymob::start().await.unwrap();
        paymob.set_callback_url(&receiver.url);

        let (status, refused) = post(&paymob, "/api/auth/tokens", json!({"api_key": "nope"})).await;
        assert_eq!(
            (status, refused),
            (403, json!({"detail": "incorrect credentials"}))
        );
        let (status, auth) = post(
            &paymob,
            "/api/auth/tokens",
            json!({"api_key": paymob.api_key}),
        )
        .await;
        assert_eq!(status, 201);
        let token = auth["token"].as_str().unwrap();

        let order_request = json!({
            "auth_token": token, "delivery_needed": false, "amount_cents": 145000,
            "currency": "EGP", "merchant_order_id": "ws-1-1", "items": [],
        });
        let (status, order) = post(&paymob, "/api/ecommerce/orders", order_request.clone()).await;
        assert_eq!(status, 201);
        assert_eq!(order["merchant_order_id"], "ws-1-1");
        let (status, duplicate) = post(&paymob, "/api/ecommerce/orders", order_request).await;
        assert_eq!((status, duplicate), (422, json!({"message": "duplicate"})));
        let (status, _) = post(
            &paymob,
            "/api/ecommerce/orders",
            json!({"auth_token": "forged", "amount_cents": 1}),
        )
        .await;
        assert_eq!(status, 401);

        let mut key_request = json!({
            "auth_token": token, "amount_cents": 145000, "expiration": 3600,
            "order_id": order["id"], "billing_data": billing_data(), "currency": "EGP",
            "integration_id": paymob.integration_id, "lock_order_when_paid": true,
        });
        key_request["billing_data"]["first_name"] = Value::Null;
        let (status, invalid) =
            post(&paymob, "/api/acceptance/payment_keys", key_request.clone()).await;
        assert_eq!(status, 400);
        assert_eq!(
            invalid,
            json!({"billing_data": {"first_name": ["This field is required."]}})
        );
        key_request["billing_data"] = billing_data();
        key_request["integration_id"] = json!(1);
        let (status, _) = post(&paymob, "/api/acceptance/payment_keys", key_request.clone()).await;
        assert_eq!(status, 404);
        key_request["integration_id"] = json!(paymob.integration_id);
        let (status, key) = post(&paymob, "/api/acceptance/payment_keys", key_request).await;
        assert_eq!(status, 201);

        let page = |token: &str| {
            format!(
                "{}/api/acceptance/iframes/{}?payment_token={token}",
                paymob.base_url, paymob.iframe_id
            )
        };
        let known = reqwest::get(page(key["token"].as_str().unwrap()))
            .await
            .unwrap();
        assert_eq!(known.status(), 200);
        assert_eq!(reqwest::get(page("unknown")).await.unwrap().status(), 404);

        assert_eq!(paymob.pay("ws-1-1", true).await, 200);
        let received = receiver.wait_for(1).await;
        let callback = received[0].json();
        assert_eq!(callback["type"], "TRANSACTION");
        assert_eq!(callback["obj"]["order"]["id"], order["id"]);
        assert_eq!(callback["obj"]["amount_cents"], 145000);
        assert_eq!(callback["obj"]["success"], true);
        let (body, hmac) = paymob.last_callback().unwrap();
        assert_eq!(body, callback);
        assert_eq!(hmac, paymob_hmac(&paymob.hmac_secret, &callback["obj"]));
    }
}
