//! Paymob (Accept API): an authentication token, an order, a payment key, then the payer goes
//! to the hosted iframe. The transaction processed callback is verified with Paymob's
//! HMAC-SHA512 over its documented fields in their documented order.
//!
//! Settings: `PAYMOB_API_BASE` (var), `PAYMOB_API_KEY`, `PAYMOB_INTEGRATION_ID`,
//! `PAYMOB_IFRAME_ID` and `PAYMOB_HMAC_SECRET` (secrets).

use super::{base_url, call, secret};
use crate::error::{ApiError, ApiResult};
use serde_json::{Value, json};
use worker::{Env, Headers, Method};

const DEFAULT_API_BASE: &str = "https://accept.paymob.com";
/// How long the payer has to pay (Paymob's `expiration`, seconds).
const PAYMENT_KEY_SECS: u64 = 3600;

/// The callback's `obj` fields the HMAC covers, in Paymob's order (dots go into objects).
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

pub struct Paymob {
    base: String,
    api_key: String,
    integration_id: String,
    iframe_id: String,
}

/// A payer about to pay.
pub struct Payer<'a> {
    pub email: &'a str,
    pub name: &'a str,
}

impl Paymob {
    pub fn from_env(env: &Env) -> ApiResult<Paymob> {
        Ok(Paymob {
            base: base_url(env, "PAYMOB_API_BASE", DEFAULT_API_BASE),
            api_key: secret(env, "PAYMOB_API_KEY")?,
            integration_id: secret(env, "PAYMOB_INTEGRATION_ID")?,
            iframe_id: secret(env, "PAYMOB_IFRAME_ID")?,
        })
    }

    async fn post(&self, what: &str, path: &str, body: &Value) -> ApiResult<Value> {
        let headers = Headers::new();
        headers.set("content-type", "application/json")?;
        let url = format!("{}{path}", self.base);
        let answer = call(
            "Paymob",
            Method::Post,
            &url,
            headers,
            Some(body.to_string()),
        )
        .await?;
        if (200..300).contains(&answer.status) {
            Ok(answer.json())
        } else {
            Err(ApiError::internal(format!(
                "Paymob refused to {what} ({}): {}",
                answer.status,
                answer.body.chars().take(200).collect::<String>()
            )))
        }
    }

    /// Registers an order for `amount_cents` and answers the hosted payment page and
    /// Paymob's order id.
    pub async fn start(
        &self,
        merchant_order_id: &str,
        amount_cents: i64,
        currency: &str,
        payer: &Payer<'_>,
    ) -> ApiResult<(String, String)> {
        let auth = self
            .post(
                "authenticate",
                "/api/auth/tokens",
                &json!({"api_key": self.api_key}),
            )
            .await?;
        let token = auth["token"]
            .as_str()
            .ok_or_else(|| ApiError::internal("Paymob answered no token"))?;
        let order = self
            .post(
                "register the order",
                "/api/ecommerce/orders",
                &json!({
                    "auth_token": token,
                    "delivery_needed": false,
                    "amount_cents": amount_cents,
                    "currency": currency,
                    "merchant_order_id": merchant_order_id,
                    "items": [],
                }),
            )
            .await?;
        let order_id = order["id"]
            .as_i64()
            .ok_or_else(|| ApiError::internal("Paymob answered an order without an id"))?;
        let integration_id: i64 = self
            .integration_id
            .trim()
            .parse()
            .map_err(|_| ApiError::internal("PAYMOB_INTEGRATION_ID is not a number"))?;
        let (first_name, last_name) = payer.name.split_once(' ').unwrap_or((payer.name, "-"));
        let key = self
            .post(
                "issue a payment key",
                "/api/acceptance/payment_keys",
                &json!({
                    "auth_token": token,
                    "amount_cents": amount_cents,
                    "expiration": PAYMENT_KEY_SECS,
                    "order_id": order_id,
                    "currency": currency,
                    "integration_id": integration_id,
                    "lock_order_when_paid": true,
                    // Paymob requires every billing field; a subscription has no address.
                    "billing_data": {
                        "first_name": first_name, "last_name": last_name, "email": payer.email,
                        "phone_number": "NA", "apartment": "NA", "floor": "NA", "street": "NA",
                        "building": "NA", "shipping_method": "NA", "postal_code": "NA",
                        "city": "NA", "country": "NA", "state": "NA",
                    },
                }),
            )
            .await?;
        let payment_token = key["token"]
            .as_str()
            .ok_or_else(|| ApiError::internal("Paymob answered no payment key"))?;
        let url = format!(
            "{}/api/acceptance/iframes/{}?payment_token={payment_token}",
            self.base,
            self.iframe_id.trim()
        );
        Ok((url, order_id.to_string()))
    }
}

/// A field's text as Paymob concatenates it: strings as they are, numbers and booleans
/// written out, missing ones empty.
fn field_text(obj: &Value, path: &str) -> String {
    let value = path.split('.').fold(obj, |value, key| &value[key]);
    match value {
        Value::String(text) => text.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// The string Paymob's HMAC is computed over.
pub fn hmac_message(obj: &Value) -> String {
    HMAC_FIELDS
        .iter()
        .map(|path| field_text(obj, path))
        .collect()
}

/// Whether `hmac` (the callback's query parameter) signs the callback's `obj`.
pub fn verify_callback(env: &Env, obj: &Value, hmac: &str) -> ApiResult<bool> {
    let secret = secret(env, "PAYMOB_HMAC_SECRET")?;
    Ok(crate::crypto::hmac_sha512_hex_verifies(
        secret.as_bytes(),
        hmac_message(obj).as_bytes(),
        hmac,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hmac_message_follows_paymobs_documented_example() {
        let obj = json!({
            "id": 192036465, "pending": false, "amount_cents": 100000, "success": true,
            "is_auth": false, "is_capture": false, "is_standalone_payment": true,
            "is_voided": false, "is_refunded": false, "is_3d_secure": true,
            "integration_id": 4097558, "has_parent_transaction": false,
            "order": {"id": 217503754}, "created_at": "2024-06-13T11:33:44.592345",
            "currency": "EGP", "error_occured": false, "owner": 302852,
            "source_data": {"pan": "2346", "type": "card", "sub_type": "MasterCard"},
        });
        assert_eq!(
            hmac_message(&obj),
            "1000002024-06-13T11:33:44.592345EGPfalsefalse1920364654097558truefalsefalsefalsetruefalse217503754302852false2346MasterCardcardtrue"
        );
    }
}
