//! Fawry (FawryPay): a "Pay at Fawry" charge request signed with SHA-256 over its documented
//! fields gives a reference number the payer pays at any Fawry kiosk; Fawry's server
//! notification (V2) reports it paid, signed the same way.
//!
//! Settings: `FAWRY_API_BASE` (var), `FAWRY_MERCHANT_CODE` and `FAWRY_SECURE_KEY` (secrets).

use super::{base_url, call, secret};
use crate::error::{ApiError, ApiResult};
use serde_json::{Value, json};
use worker::{Env, Headers, Method};

const DEFAULT_API_BASE: &str = "https://www.atfawry.com";
pub const PAYMENT_METHOD: &str = "PAYATFAWRY";

pub struct Fawry {
    base: String,
    merchant_code: String,
    secure_key: String,
}

/// A charge Parley asks Fawry to collect.
pub struct Charge<'a> {
    pub merchant_ref: &'a str,
    pub customer_id: &'a str,
    pub email: &'a str,
    pub name: &'a str,
    pub amount_minor: i64,
    pub description: &'a str,
    /// When the reference stops being payable (Unix ms).
    pub expires_at_ms: i64,
}

/// An amount in minor units as Fawry writes it: two decimals.
pub fn amount_text(minor: i64) -> String {
    format!("{}.{:02}", minor / 100, minor % 100)
}

/// A charge request's signature: SHA-256 of merchant code, merchant reference, customer
/// profile id, payment method, amount and the secure key, in that order.
pub fn charge_signature(merchant_code: &str, charge: &Charge<'_>, secure_key: &str) -> String {
    crate::crypto::sha256_hex(
        format!(
            "{merchant_code}{}{}{PAYMENT_METHOD}{}{secure_key}",
            charge.merchant_ref,
            charge.customer_id,
            amount_text(charge.amount_minor)
        )
        .as_bytes(),
    )
}

fn text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// An amount field of a notification as Fawry signs it: two decimals.
fn amount_field(value: &Value) -> String {
    let amount = value
        .as_f64()
        .or_else(|| value.as_str().and_then(|s| s.parse().ok()))
        .unwrap_or(0.0);
    format!("{amount:.2}")
}

/// What a server notification's `messageSignature` is the SHA-256 of (before the key).
pub fn notification_message(n: &Value) -> String {
    format!(
        "{}{}{}{}{}{}{}",
        text(&n["fawryRefNumber"]),
        text(&n["merchantRefNumber"]),
        amount_field(&n["paymentAmount"]),
        amount_field(&n["orderAmount"]),
        text(&n["orderStatus"]),
        text(&n["paymentMethod"]),
        text(&n["paymentRefrenceNumber"]),
    )
}

pub fn verify_notification(env: &Env, notification: &Value) -> ApiResult<bool> {
    let key = secret(env, "FAWRY_SECURE_KEY")?;
    let signature = notification["messageSignature"].as_str().unwrap_or("");
    let message = format!("{}{key}", notification_message(notification));
    Ok(crate::crypto::sha256_hex_matches(
        message.as_bytes(),
        signature,
    ))
}

impl Fawry {
    pub fn from_env(env: &Env) -> ApiResult<Fawry> {
        Ok(Fawry {
            base: base_url(env, "FAWRY_API_BASE", DEFAULT_API_BASE),
            merchant_code: secret(env, "FAWRY_MERCHANT_CODE")?,
            secure_key: secret(env, "FAWRY_SECURE_KEY")?,
        })
    }

    /// Asks Fawry for a reference number the payer pays at a kiosk.
    pub async fn charge(&self, charge: &Charge<'_>) -> ApiResult<String> {
        let amount = amount_text(charge.amount_minor);
        let body = json!({
            "merchantCode": self.merchant_code,
            "merchantRefNum": charge.merchant_ref,
            "customerProfileId": charge.customer_id,
            "customerEmail": charge.email,
            "customerName": charge.name,
            "customerMobile": "",
            "paymentMethod": PAYMENT_METHOD,
            "amount": amount.parse::<f64>().unwrap_or(0.0),
            "currencyCode": "EGP",
            "description": charge.description,
            "paymentExpiry": charge.expires_at_ms,
            "chargeItems": [{
                "itemId": charge.merchant_ref,
                "description": charge.description,
                "price": amount.parse::<f64>().unwrap_or(0.0),
                "quantity": 1,
            }],
            "signature": charge_signature(&self.merchant_code, charge, &self.secure_key),
        });
        let headers = Headers::new();
        headers.set("content-type", "application/json")?;
        let url = format!("{}/ECommerceWeb/Fawry/payments/charge", self.base);
        let answer = call("Fawry", Method::Post, &url, headers, Some(body.to_string())).await?;
        let reply = answer.json();
        // Fawry answers 200 with its own status code in the body.
        match (
            reply["statusCode"].as_i64(),
            reply["referenceNumber"].as_str(),
        ) {
            (Some(200), Some(reference)) => Ok(reference.to_owned()),
            _ => Err(ApiError::internal(format!(
                "Fawry refused the charge ({}): {}",
                text(&reply["statusCode"]),
                text(&reply["statusDescription"])
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_have_two_decimals() {
        assert_eq!(amount_text(145_000), "1450.00");
        assert_eq!(amount_text(5), "0.05");
        assert_eq!(amount_field(&json!(1450)), "1450.00");
        assert_eq!(amount_field(&json!("20.5")), "20.50");
    }

    #[test]
    fn the_charge_signature_covers_the_documented_fields_in_order() {
        let charge = Charge {
            merchant_ref: "ref-1",
            customer_id: "ws-1",
            email: "a@b.c",
            name: "A",
            amount_minor: 145_000,
            description: "Starter",
            expires_at_ms: 0,
        };
        assert_eq!(
            charge_signature("MC", &charge, "KEY"),
            crate::crypto::sha256_hex(b"MCref-1ws-1PAYATFAWRY1450.00KEY")
        );
    }

    #[test]
    fn the_notification_message_covers_the_documented_fields_in_order() {
        let n = json!({
            "fawryRefNumber": "9990076204", "merchantRefNumber": "ref-1",
            "paymentAmount": 1450, "orderAmount": 1450.0, "orderStatus": "PAID",
            "paymentMethod": "PAYATFAWRY", "paymentRefrenceNumber": "12345",
        });
        assert_eq!(
            notification_message(&n),
            "9990076204ref-11450.001450.00PAIDPAYATFAWRY12345"
        );
    }
}
