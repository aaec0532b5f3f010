//! Stripe: form-encoded REST with a secret key (`STRIPE_SECRET_KEY`, base URL
//! `STRIPE_API_BASE`), and webhooks signed with `Stripe-Signature` (`STRIPE_WEBHOOK_SECRET`).
//!
//! Parley names its prices by lookup key, so a deployment creates them once in Stripe
//! (`parley_<planId>_<monthly|annual>` and `parley_seat_<monthly|annual>`) and configures no ids.

use super::{Answer, base_url, call, secret};
use crate::error::{ApiError, ApiResult};
use parley_shared_types::billing::BillingInterval;
use serde::Deserialize;
use serde_json::Value;
use std::collections::HashMap;
use worker::{Env, Headers, Method};

const DEFAULT_API_BASE: &str = "https://api.stripe.com";
/// How old a signed webhook may be (Stripe's libraries' default), so a captured one cannot be
/// replayed later.
pub const SIGNATURE_TOLERANCE_SECS: u64 = 300;

pub struct Stripe {
    base: String,
    key: String,
}

/// The lookup key of a plan's price for `interval`.
pub fn plan_lookup_key(plan_id: &str, interval: BillingInterval) -> String {
    format!("parley_{plan_id}_{}", interval.as_str())
}

/// The lookup key of a seat beyond the plan's own.
pub fn seat_lookup_key(interval: BillingInterval) -> String {
    plan_lookup_key("seat", interval)
}

/// A plan price's lookup key read back: the plan id and interval, or `None` for a seat or a
/// price Parley did not name.
pub fn plan_of_lookup_key(key: &str) -> Option<(&str, BillingInterval)> {
    let rest = key.strip_prefix("parley_")?;
    let (plan, interval) = rest.rsplit_once('_')?;
    let interval = BillingInterval::parse(interval)?;
    (plan != "seat").then_some((plan, interval))
}

/// Form encoding with Stripe's nested keys written out (`line_items[0][price]`).
fn form(params: &[(&str, &str)]) -> String {
    let mut encoder = form_urlencoded::Serializer::new(String::new());
    for (name, value) in params {
        encoder.append_pair(name, value);
    }
    encoder.finish()
}

/// A Stripe error's message, or the status when it has none.
fn failure(what: &str, answer: &Answer) -> ApiError {
    let json = answer.json();
    let message = json["error"]["message"]
        .as_str()
        .unwrap_or("no message")
        .to_owned();
    ApiError::internal(format!(
        "Stripe refused to {what} ({}): {message}",
        answer.status
    ))
}

impl Stripe {
    pub fn from_env(env: &Env) -> ApiResult<Stripe> {
        Ok(Stripe {
            base: base_url(env, "STRIPE_API_BASE", DEFAULT_API_BASE),
            key: secret(env, "STRIPE_SECRET_KEY")?,
        })
    }

    async fn send(
        &self,
        what: &str,
        method: Method,
        path: &str,
        params: &[(&str, &str)],
    ) -> ApiResult<Value> {
        let headers = Headers::new();
        headers.set("authorization", &format!("Bearer {}", self.key))?;
        let (url, body) = match method {
            Method::Post => {
                headers.set("content-type", "application/x-www-form-urlencoded")?;
                (format!("{}{path}", self.base), Some(form(params)))
            }
            _ if params.is_empty() => (format!("{}{path}", self.base), None),
            _ => (format!("{}{path}?{}", self.base, form(params)), None),
        };
        let answer = call("Stripe", method, &url, headers, body).await?;
        if (200..300).contains(&answer.status) {
            Ok(answer.json())
        } else {
            Err(failure(what, &answer))
        }
    }

    pub async fn create_customer(
        &self,
        email: &str,
        name: &str,
        workspace_id: &str,
    ) -> ApiResult<String> {
        let customer = self
            .send(
                "create a customer",
                Method::Post,
                "/v1/customers",
                &[
                    ("email", email),
                    ("name", name),
                    ("metadata[workspace_id]", workspace_id),
                ],
            )
            .await?;
        id_of(&customer)
    }

    /// The ids of the active prices with these lookup keys.
    pub async fn prices(&self, lookup_keys: &[&str]) -> ApiResult<HashMap<String, String>> {
        let mut params = vec![("active", "true")];
        params.extend(lookup_keys.iter().map(|key| ("lookup_keys[]", *key)));
        let list = self
            .send("list prices", Method::Get, "/v1/prices", &params)
            .await?;
        let found = list["data"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|price| {
                Some((
                    price["lookup_key"].as_str()?.to_owned(),
                    price["id"].as_str()?.to_owned(),
                ))
            })
            .collect::<HashMap<_, _>>();
        if let Some(missing) = lookup_keys.iter().find(|key| !found.contains_key(**key)) {
            return Err(ApiError::internal(format!(
                "Stripe has no active price with lookup key {missing}: create it in the dashboard"
            )));
        }
        Ok(found)
    }

    pub async fn checkout_session(&self, checkout: &Checkout<'_>) -> ApiResult<String> {
        let session = self
            .send(
                "start a checkout",
                Method::Post,
                "/v1/checkout/sessions",
                &[
                    ("mode", "subscription"),
                    ("customer", checkout.customer),
                    ("line_items[0][price]", checkout.price),
                    ("line_items[0][quantity]", "1"),
                    ("success_url", checkout.success_url),
                    ("cancel_url", checkout.cancel_url),
                    ("client_reference_id", checkout.workspace_id),
                    ("metadata[workspace_id]", checkout.workspace_id),
                    ("metadata[plan_id]", checkout.plan_id),
                    (
                        "subscription_data[metadata][workspace_id]",
                        checkout.workspace_id,
                    ),
                    ("subscription_data[metadata][plan_id]", checkout.plan_id),
                ],
            )
            .await?;
        url_of(&session)
    }

    pub async fn portal_session(&self, customer: &str, return_url: &str) -> ApiResult<String> {
        let session = self
            .send(
                "open the billing portal",
                Method::Post,
                "/v1/billing_portal/sessions",
                &[("customer", customer), ("return_url", return_url)],
            )
            .await?;
        url_of(&session)
    }

    pub async fn subscription(&self, id: &str) -> ApiResult<StripeSubscription> {
        let subscription = self
            .send(
                "read a subscription",
                Method::Get,
                &format!("/v1/subscriptions/{id}"),
                &[],
            )
            .await?;
        serde_json::from_value(subscription).map_err(ApiError::internal)
    }

    /// Adds an item of `price` to the subscription (prorated); answers its id.
    pub async fn add_item(
        &self,
        subscription: &str,
        price: &str,
        quantity: u32,
    ) -> ApiResult<String> {
        let quantity = quantity.to_string();
        let item = self
            .send(
                "add seats",
                Method::Post,
                "/v1/subscription_items",
                &[
                    ("subscription", subscription),
                    ("price", price),
                    ("quantity", &quantity),
                    ("proration_behavior", "create_prorations"),
                ],
            )
            .await?;
        id_of(&item)
    }

    pub async fn set_quantity(&self, item: &str, quantity: u32) -> ApiResult<()> {
        let quantity = quantity.to_string();
        self.send(
            "change seats",
            Method::Post,
            &format!("/v1/subscription_items/{item}"),
            &[
                ("quantity", &quantity),
                ("proration_behavior", "create_prorations"),
            ],
        )
        .await
        .map(drop)
    }

    pub async fn delete_item(&self, item: &str) -> ApiResult<()> {
        self.send(
            "remove seats",
            Method::Delete,
            &format!("/v1/subscription_items/{item}"),
            &[("proration_behavior", "create_prorations")],
        )
        .await
        .map(drop)
    }
}

/// What a Checkout Session is made of.
pub struct Checkout<'a> {
    pub customer: &'a str,
    pub price: &'a str,
    pub workspace_id: &'a str,
    pub plan_id: &'a str,
    pub success_url: &'a str,
    pub cancel_url: &'a str,
}

fn id_of(object: &Value) -> ApiResult<String> {
    object["id"]
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| ApiError::internal("Stripe answered an object without an id"))
}

fn url_of(session: &Value) -> ApiResult<String> {
    session["url"]
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| ApiError::internal("Stripe answered a session without a url"))
}

/// The parts of a Stripe subscription Parley keeps.
#[derive(Debug, Clone, Deserialize)]
pub struct StripeSubscription {
    pub id: String,
    pub customer: String,
    pub status: String,
    /// On the subscription in API versions before 2025-03-31, on each item since.
    pub current_period_start: Option<i64>,
    pub current_period_end: Option<i64>,
    pub items: ItemList,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ItemList {
    pub data: Vec<Item>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Item {
    pub id: String,
    pub quantity: Option<u32>,
    pub price: Price,
    pub current_period_start: Option<i64>,
    pub current_period_end: Option<i64>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Price {
    pub lookup_key: Option<String>,
}

impl StripeSubscription {
    /// The plan item's plan and interval.
    pub fn plan(&self) -> Option<(&str, BillingInterval)> {
        self.items
            .data
            .iter()
            .find_map(|item| plan_of_lookup_key(item.price.lookup_key.as_deref()?))
    }

    /// The seat item, if seats were added.
    pub fn seats(&self) -> Option<&Item> {
        self.items.data.iter().find(|item| {
            item.price
                .lookup_key
                .as_deref()
                .is_some_and(|key| key.starts_with("parley_seat_"))
        })
    }

    pub fn period(&self) -> Option<(i64, i64)> {
        let item = self.items.data.first();
        let start = self
            .current_period_start
            .or_else(|| item?.current_period_start)?;
        let end = self
            .current_period_end
            .or_else(|| item?.current_period_end)?;
        Some((start, end))
    }
}

/// A webhook event, as far as Parley reads it.
#[derive(Debug, Clone, Deserialize)]
pub struct Event {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub created: i64,
    pub data: EventData,
}

#[derive(Debug, Clone, Deserialize)]
pub struct EventData {
    pub object: Value,
}

/// Checks a `Stripe-Signature` header (`t=<unix>,v1=<hex>[,v1=…]`) over the raw body.
pub fn verify_signature(header: &str, body: &str, secret: &str, now: u64) -> Result<(), String> {
    crate::crypto::verify_timestamped_signature(header, body, secret, now, SIGNATURE_TOLERANCE_SECS)
        .map_err(|why| format!("the Stripe-Signature header {why}"))
}

pub fn webhook_secret(env: &Env) -> ApiResult<String> {
    secret(env, "STRIPE_WEBHOOK_SECRET")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sign(secret: &str, t: u64, body: &str) -> String {
        let tag = crate::crypto::hmac_sha256(secret.as_bytes(), format!("{t}.{body}").as_bytes());
        format!("t={t},v1={}", crate::crypto::hex(&tag))
    }

    #[test]
    fn a_signature_verifies_within_the_tolerance_only() {
        let body = r#"{"id":"evt_1"}"#;
        let header = sign("whsec_x", 1_000, body);
        assert_eq!(verify_signature(&header, body, "whsec_x", 1_200), Ok(()));
        assert!(
            verify_signature(&header, body, "whsec_x", 1_301).is_err(),
            "too old"
        );
        assert!(
            verify_signature(&header, body, "whsec_y", 1_000).is_err(),
            "other secret"
        );
        assert!(
            verify_signature(&header, "{}", "whsec_x", 1_000).is_err(),
            "other body"
        );
        let rotated = format!("{header},v1=00ff");
        assert_eq!(verify_signature(&rotated, body, "whsec_x", 1_000), Ok(()));
        assert!(verify_signature("v1=00", body, "whsec_x", 1_000).is_err());
    }

    #[test]
    fn lookup_keys_name_plan_and_interval() {
        let key = plan_lookup_key("plan-growth", BillingInterval::Annual);
        assert_eq!(key, "parley_plan-growth_annual");
        assert_eq!(
            plan_of_lookup_key(&key),
            Some(("plan-growth", BillingInterval::Annual))
        );
        assert_eq!(
            plan_of_lookup_key(&seat_lookup_key(BillingInterval::Monthly)),
            None
        );
        assert_eq!(plan_of_lookup_key("other_price"), None);
    }

    #[test]
    fn nested_keys_are_form_encoded() {
        assert_eq!(
            form(&[
                ("line_items[0][price]", "price_1"),
                ("success_url", "https://a/b?c=d")
            ]),
            "line_items%5B0%5D%5Bprice%5D=price_1&success_url=https%3A%2F%2Fa%2Fb%3Fc%3Dd"
        );
    }
}
