//! A local FawryPay speaking its wire format: a signed charge request (`PAYATFAWRY`) answered
//! with a reference number the payer takes to a Fawry outlet, the Get Payment Status query,
//! and Fawry's habit of answering HTTP 200 with the failure in `statusCode` (9901 merchant,
//! 9946 signature, …). The payer and the clock are played by `pay` and `expire`, which POST
//! the Server Notification V2 with its `messageSignature`, as Fawry does.

use axum::Router;
use axum::extract::State;
use axum::http::{Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

const OK: &str = "Operation done successfully";

/// The charge request's `signature`: lowercase hex SHA-256 of `merchantCode + merchantRefNum +
/// customerProfileId ("" when absent) + paymentMethod + amount (two decimals) + secureKey`.
pub fn fawry_charge_signature(
    merchant_code: &str,
    merchant_ref_num: &str,
    customer_profile_id: &str,
    payment_method: &str,
    amount: f64,
    secure_key: &str,
) -> String {
    sha256_hex(&[
        merchant_code,
        merchant_ref_num,
        customer_profile_id,
        payment_method,
        &format!("{amount:.2}"),
        secure_key,
    ])
}

/// A Server Notification V2's `messageSignature`: hex SHA-256 of `fawryRefNumber +
/// merchantRefNumber + paymentAmount + orderAmount (two decimals each) + orderStatus +
/// paymentMethod + paymentRefrenceNumber ("" when absent) + secureKey`.
pub fn fawry_notification_signature(notification: &Value, secure_key: &str) -> String {
    sha256_hex(&[
        &text(&notification["fawryRefNumber"]),
        &text(&notification["merchantRefNumber"]),
        &two_decimals(&notification["paymentAmount"]),
        &two_decimals(&notification["orderAmount"]),
        &text(&notification["orderStatus"]),
        &text(&notification["paymentMethod"]),
        // Fawry's own spelling.
        &text(&notification["paymentRefrenceNumber"]),
        secure_key,
    ])
}

fn sha256_hex(parts: &[&str]) -> String {
    hex::encode(Sha256::digest(parts.concat().as_bytes()))
}

/// A charge as Fawry keeps it.
struct Charge {
    request: Value,
    reference_number: String,
    /// `UNPAID`, `PAID` or `EXPIRED`.
    status: &'static str,
    expiration_time: i64,
    payment_time: Option<i64>,
}

#[derive(Default)]
struct Ledger {
    /// By `merchantRefNum`.
    charges: HashMap<String, Charge>,
    last_notification: Option<Value>,
}

struct Shared {
    merchant_code: String,
    secure_key: String,
    ledger: Mutex<Ledger>,
}

impl Shared {
    fn ledger(&self) -> MutexGuard<'_, Ledger> {
        self.ledger.lock().unwrap_or_else(|e| e.into_inner())
    }
}

pub struct FakeFawry {
    /// What `FAWRY_API_BASE` is set to (requests go to `{base_url}/ECommerceWeb/Fawry/…`).
    pub base_url: String,
    pub merchant_code: String,
    pub secure_key: String,
    callback_url: Mutex<String>,
    shared: Arc<Shared>,
    client: reqwest::Client,
    server: tokio::task::JoinHandle<()>,
}

impl FakeFawry {
    /// The settings that aim a Parley server at this fake (`Server::start_with_vars`).
    pub fn settings(&self) -> [(&'static str, &str); 3] {
        [
            ("FAWRY_API_BASE", &self.base_url),
            ("FAWRY_MERCHANT_CODE", &self.merchant_code),
            ("FAWRY_SECURE_KEY", &self.secure_key),
        ]
    }

    pub async fn start() -> crate::Result<FakeFawry> {
        let (listener, port) = crate::process::loopback_listener().await?;
        let random = uuid::Uuid::new_v4().simple().to_string();
        let shared = Arc::new(Shared {
            // Merchant codes are base64 (`1tSa6uxz2nTwlaAmt38enA==`); the `+` makes sure the
            // status query is percent-encoded, as a real `+` would be read as a space.
            merchant_code: format!("{}+{}==", &random[..10], &random[10..21]),
            secure_key: uuid::Uuid::new_v4().simple().to_string(),
            ledger: Mutex::new(Ledger::default()),
        });
        let app = Router::new().fallback(handle).with_state(shared.clone());
        let server = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Ok(FakeFawry {
            base_url: format!("http://127.0.0.1:{port}"),
            merchant_code: shared.merchant_code.clone(),
            secure_key: shared.secure_key.clone(),
            callback_url: Mutex::new(String::new()),
            shared,
            client: reqwest::Client::new(),
            server,
        })
    }

    /// Where notifications go: `{parley}/api/v1/billing/webhooks/fawry`, known once Parley
    /// runs.
    pub fn set_callback_url(&self, url: &str) {
        *self.callback_url.lock().unwrap_or_else(|e| e.into_inner()) = url.to_owned();
    }

    /// The payer pays the charge `merchant_ref` at an outlet; the `PAID` notification is
    /// POSTed. Parley's status.
    pub async fn pay(&self, merchant_ref: &str) -> u16 {
        let notification = self.settle(merchant_ref, "PAID");
        self.post_notification(&notification).await
    }

    /// The charge `merchant_ref` passes its expiry unpaid; the `EXPIRED` notification is
    /// POSTed. Parley's status.
    pub async fn expire(&self, merchant_ref: &str) -> u16 {
        let notification = self.settle(merchant_ref, "EXPIRED");
        self.post_notification(&notification).await
    }

    /// POSTs `body` as a notification, verbatim (replays, forgeries).
    pub async fn post_notification(&self, body: &Value) -> u16 {
        self.shared.ledger().last_notification = Some(body.clone());
        let url = self
            .callback_url
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        self.client
            .post(&url)
            .json(body)
            .send()
            .await
            .unwrap_or_else(|e| panic!("posting a Fawry notification to {url:?}: {e}"))
            .status()
            .as_u16()
    }

    /// The last notification's body, to replay verbatim.
    pub fn last_notification(&self) -> Option<Value> {
        self.shared.ledger().last_notification.clone()
    }

    /// Moves the charge to `status` and builds its signed notification.
    fn settle(&self, merchant_ref: &str, status: &'static str) -> Value {
        let mut ledger = self.shared.ledger();
        let charge = ledger
            .charges
            .get_mut(merchant_ref)
            .unwrap_or_else(|| panic!("no Fawry charge {merchant_ref}"));
        charge.status = status;
        let request = &charge.request;
        let amount = request["amount"].as_f64().unwrap_or_default();
        let items: Vec<Value> = request["chargeItems"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|item| {
                json!({"itemCode": item["itemId"], "price": item["price"], "quantity": item["quantity"]})
            })
            .collect();
        let mut notification = json!({
            "requestId": uuid::Uuid::new_v4().simple().to_string(),
            "fawryRefNumber": charge.reference_number,
            "merchantRefNumber": merchant_ref,
            "customerName": request["customerName"],
            "customerMobile": request["customerMobile"],
            "customerMail": request["customerEmail"],
            "customerMerchantId": request["customerProfileId"],
            "paymentAmount": amount,
            "orderAmount": amount,
            "fawryFees": 0.0,
            "shippingFees": 0.0,
            "orderStatus": status,
            "paymentMethod": request["paymentMethod"],
            "orderExpiryDate": charge.expiration_time,
            "orderItems": items,
        });
        // Only a payment has a time, an authorization and a reference; an expiry leaves them
        // out, and the signature then takes "" for the reference.
        if status == "PAID" {
            let paid_at = now_ms();
            charge.payment_time = Some(paid_at);
            notification["paymentTime"] = json!(paid_at);
            notification["authNumber"] = json!(digits(8));
            notification["paymentRefrenceNumber"] = json!(digits(7));
        }
        notification["messageSignature"] = json!(fawry_notification_signature(
            &notification,
            &self.secure_key
        ));
        notification
    }
}

impl Drop for FakeFawry {
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
    match (&method, uri.path()) {
        (&Method::POST, "/ECommerceWeb/Fawry/payments/charge") => charge(&shared, &body),
        (&Method::GET, "/ECommerceWeb/Fawry/payments/status") => {
            status(&shared, uri.query().unwrap_or_default())
        }
        _ => (StatusCode::NOT_FOUND, "Not Found").into_response(),
    }
}

fn charge(shared: &Shared, body: &str) -> Response {
    let reply = |code: u32, description: &str| {
        answer(
            json!({"type": "ChargeResponse", "statusCode": code, "statusDescription": description}),
        )
    };
    let Ok(request) = serde_json::from_str::<Value>(body) else {
        return reply(9999, "Invalid request");
    };
    if request["merchantCode"] != shared.merchant_code.as_str() {
        return reply(9901, "Invalid merchant code");
    }
    let merchant_ref = text(&request["merchantRefNum"]);
    let expected = fawry_charge_signature(
        &shared.merchant_code,
        &merchant_ref,
        &text(&request["customerProfileId"]),
        &text(&request["paymentMethod"]),
        request["amount"].as_f64().unwrap_or_default(),
        &shared.secure_key,
    );
    if !text(&request["signature"]).eq_ignore_ascii_case(&expected) {
        return reply(9946, "Wrong Signature");
    }
    let reference_number = digits(9);
    let expiration_time = request["paymentExpiry"]
        .as_i64()
        .unwrap_or_else(|| now_ms() + 24 * 3600 * 1000);
    let response = json!({
        "type": "ChargeResponse",
        "referenceNumber": reference_number,
        "merchantRefNumber": merchant_ref,
        "expirationTime": expiration_time,
        "statusCode": 200,
        "statusDescription": OK,
    });
    let charge = Charge {
        request,
        reference_number,
        status: "UNPAID",
        expiration_time,
        payment_time: None,
    };
    shared.ledger().charges.insert(merchant_ref, charge);
    answer(response)
}

/// Get Payment Status, with the codes Fawry documents: 9901 merchant, 9944 blank reference,
/// 9946 signature, 9938 payment not found.
fn status(shared: &Shared, query: &str) -> Response {
    let reply = |code: u32, description: &str| {
        answer(
            json!({"type": "PaymentStatusResponse", "statusCode": code, "statusDescription": description}),
        )
    };
    let field = |name: &str| {
        form_urlencoded::parse(query.as_bytes())
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.into_owned())
            .unwrap_or_default()
    };
    let (merchant_code, merchant_ref) = (field("merchantCode"), field("merchantRefNumber"));
    if merchant_code != shared.merchant_code {
        return reply(9901, "merchant code is blank or invalid");
    }
    if merchant_ref.is_empty() {
        return reply(9944, "reference number is blank");
    }
    let expected = sha256_hex(&[&merchant_code, &merchant_ref, &shared.secure_key]);
    if !field("signature").eq_ignore_ascii_case(&expected) {
        return reply(9946, "Wrong Signature");
    }
    let ledger = shared.ledger();
    let Some(charge) = ledger.charges.get(&merchant_ref) else {
        return reply(9938, "payment not found");
    };
    answer(json!({
        "type": "PaymentStatusResponse",
        "referenceNumber": charge.reference_number,
        "merchantRefNumber": merchant_ref,
        "paymentAmount": charge.request["amount"],
        "paymentDate": charge.payment_time,
        "expirationTime": charge.expiration_time,
        "paymentStatus": charge.status,
        "paymentMethod": charge.request["paymentMethod"],
        "statusCode": 200,
        "statusDescription": OK,
    }))
}

/// A string field as signed: strings as they are, numbers as written, absent as "".
fn text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn two_decimals(value: &Value) -> String {
    format!("{:.2}", value.as_f64().unwrap_or_default())
}

/// A random number of `count` digits, as Fawry's reference numbers are.
fn digits(count: u32) -> String {
    let low = 10u64.pow(count - 1);
    (low + uuid::Uuid::new_v4().as_u64_pair().0 % (9 * low)).to_string()
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_millis() as i64)
}

/// Fawry answers failures with HTTP 200 too; the outcome is in `statusCode`.
fn answer(body: Value) -> Response {
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::webhook_receiver::WebhookReceiver;

    // The merchant code, reference and secure key of Fawry's documentation samples.
    const CODE: &str = "1tSa6uxz2nTwlaAmt38enA==";
    const REF: &str = "23124654641";
    const KEY: &str = "259af31fc2f74453b3a55739b21ae9ef";

    #[test]
    fn charge_signature_signs_the_documented_fields() {
        // Computed independently: printf '%s' "${CODE}${REF}777777PAYATFAWRY580.55${KEY}" |
        // sha256sum
        assert_eq!(
            fawry_charge_signature(CODE, REF, "777777", "PAYATFAWRY", 580.55, KEY),
            "c1dea5edde35eb49027963bde900143542203ecf4bd3b4ee1d770e3c7542d1c9"
        );
    }

    #[test]
    fn notification_signature_takes_an_absent_reference_as_empty() {
        // Computed independently with sha256sum, as above.
        let mut paid = json!({
            "fawryRefNumber": "963455678", "merchantRefNumber": REF, "paymentAmount": 580.55,
            "orderAmount": 580.55, "orderStatus": "PAID", "paymentMethod": "PAYATFAWRY",
            "paymentRefrenceNumber": "2024001",
        });
        assert_eq!(
            fawry_notification_signature(&paid, KEY),
            "e8a7e3bebb7e3a5effe1576baf3b49a98b20d3d6865a4ab4b4fb4e95c450b63f"
        );
        paid["orderStatus"] = json!("EXPIRED");
        paid.as_object_mut()
            .unwrap()
            .remove("paymentRefrenceNumber");
        assert_eq!(
            fawry_notification_signature(&paid, KEY),
            "13387a3da9de99d8a6700595aff7004090c123ec8beadda7e6567673d40327a4"
        );
    }

    fn charge_request(fawry: &FakeFawry, merchant_ref: &str, signature: &str) -> Value {
        json!({
            "merchantCode": fawry.merchant_code, "merchantRefNum": merchant_ref,
            "customerProfileId": "ws-1", "customerMobile": "01000000000",
            "customerEmail": "a@example.com", "customerName": "Ada", "paymentMethod": "PAYATFAWRY",
            "amount": 1450.0, "currencyCode": "EGP", "description": "Starter",
            "paymentExpiry": 1_900_000_000_000i64,
            "chargeItems": [{"itemId": "plan-starter", "description": "Starter", "price": 1450.0, "quantity": 1}],
            "signature": signature,
        })
    }

    async fn get_status(fawry: &FakeFawry, merchant_ref: &str, signature: &str) -> Value {
        let query = form_urlencoded::Serializer::new(String::new())
            .append_pair("merchantCode", &fawry.merchant_code)
            .append_pair("merchantRefNumber", merchant_ref)
            .append_pair("signature", signature)
            .finish();
        let url = format!(
            "{}/ECommerceWeb/Fawry/payments/status?{query}",
            fawry.base_url
        );
        reqwest::get(url).await.unwrap().json().await.unwrap()
    }

    #[tokio::test]
    async fn charges_reports_and_notifies_as_fawry_does() {
        let receiver = WebhookReceiver::start(0).await;
        let fawry = FakeFawry::start().await.unwrap();
        fawry.set_callback_url(&receiver.url);
        let http = reqwest::Client::new();
        let charge_url = format!("{}/ECommerceWeb/Fawry/payments/charge", fawry.base_url);
        let charge = |body: Value| {
            let request = http.post(&charge_url).json(&body);
            async move {
                let response = request.send().await.unwrap();
                assert_eq!(
                    response.status(),
                    200,
                    "Fawry answers 200 whatever happened"
                );
                response.json::<Value>().await.unwrap()
            }
        };

        let forged = charge(charge_request(&fawry, "ord-1", "00")).await;
        assert_eq!(
            (
                forged["statusCode"].as_u64(),
                forged["statusDescription"].as_str()
            ),
            (Some(9946), Some("Wrong Signature"))
        );
        let mut stranger = charge_request(&fawry, "ord-1", "00");
        stranger["merchantCode"] = json!("someone-else");
        assert_eq!(charge(stranger).await["statusCode"], 9901);

        let signature = fawry_charge_signature(
            &fawry.merchant_code,
            "ord-1",
            "ws-1",
            "PAYATFAWRY",
            1450.0,
            &fawry.secure_key,
        );
        let charged = charge(charge_request(&fawry, "ord-1", &signature)).await;
        assert_eq!(charged["type"], "ChargeResponse");
        assert_eq!(charged["statusCode"], 200);
        assert_eq!(charged["merchantRefNumber"], "ord-1");
        assert_eq!(charged["expirationTime"], 1_900_000_000_000i64);
        let reference = charged["referenceNumber"].as_str().unwrap();
        assert_eq!(reference.len(), 9);

        let status_signature = sha256_hex(&[&fawry.merchant_code, "ord-1", &fawry.secure_key]);
        let unpaid = get_status(&fawry, "ord-1", &status_signature).await;
        assert_eq!(unpaid["paymentStatus"], "UNPAID");
        assert_eq!(get_status(&fawry, "ord-1", "00").await["statusCode"], 9946);
        let unknown = sha256_hex(&[&fawry.merchant_code, "ord-9", &fawry.secure_key]);
        assert_eq!(
            get_status(&fawry, "ord-9", &unknown).await["statusCode"],
            9938
        );

        assert_eq!(fawry.pay("ord-1").await, 200);
        let notification = receiver.wait_for(1).await[0].json();
        assert_eq!(notification["fawryRefNumber"], reference);
        assert_eq!(notification["orderStatus"], "PAID");
        assert_eq!(notification["orderAmount"], 1450.0);
        assert_eq!(
            notification["messageSignature"],
            fawry_notification_signature(&notification, &fawry.secure_key)
        );
        assert_eq!(fawry.last_notification(), Some(notification));
        let paid = get_status(&fawry, "ord-1", &status_signature).await;
        assert_eq!(paid["paymentStatus"], "PAID");
        assert!(paid["paymentDate"].is_i64());

        assert_eq!(fawry.expire("ord-1").await, 200);
        let expired = receiver.wait_for(2).await[1].json();
        assert_eq!(expired["orderStatus"], "EXPIRED");
        assert!(expired.get("paymentRefrenceNumber").is_none());
    }
}
