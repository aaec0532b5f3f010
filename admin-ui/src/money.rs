//! Amounts of money as people read them, and a plan's price in a currency.

use parley_shared_types::billing::{BillingInterval, Plan};

/// `amount` (in the currency's major unit) with two decimals and the currency's code:
/// `29.00 USD`. Stripe writes codes in lowercase; they read the same in capitals.
pub fn money(amount: f64, currency: &str) -> String {
    format!("{amount:.2} {}", currency.trim().to_ascii_uppercase())
}

/// A plan's price for `interval`: `29.00 USD a month`, `278.00 USD a year`.
pub fn price_label(amount: u32, currency: &str, interval: BillingInterval) -> String {
    let per = match interval {
        BillingInterval::Monthly => "a month",
        BillingInterval::Annual => "a year",
    };
    format!("{} {per}", money(f64::from(amount), currency))
}

/// What `plan` costs in `currency` (`USD`, `EGP`) for `interval`, if it is sold in it.
pub fn price_in(plan: &Plan, currency: &str, interval: BillingInterval) -> Option<u32> {
    plan.prices
        .iter()
        .find(|price| price.currency.eq_ignore_ascii_case(currency))
        .map(|price| match interval {
            BillingInterval::Monthly => price.monthly_price,
            BillingInterval::Annual => price.annual_price,
        })
        .filter(|&price| price > 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use parley_shared_types::billing::{STARTER_PLAN, find_plan};
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test(unsupported = test)]
    fn amounts_have_two_decimals_and_the_currency_code() {
        assert_eq!(money(29.0, "USD"), "29.00 USD");
        assert_eq!(money(29.5, "usd"), "29.50 USD");
        assert_eq!(money(0.0, "EGP"), "0.00 EGP");
        assert_eq!(money(13_900.0, "EGP"), "13900.00 EGP");
        assert_eq!(money(9.999, "USD"), "10.00 USD");
        assert_eq!(money(-5.0, "USD"), "-5.00 USD", "a credit");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_plan_is_priced_per_interval_in_each_currency_it_is_sold_in() {
        let starter = Plan::from(find_plan(STARTER_PLAN).unwrap());
        assert_eq!(
            price_in(&starter, "USD", BillingInterval::Monthly),
            Some(29)
        );
        assert_eq!(
            price_in(&starter, "EGP", BillingInterval::Annual),
            Some(13_900)
        );
        assert_eq!(
            price_in(&starter, "egp", BillingInterval::Monthly),
            Some(1450)
        );
        assert_eq!(price_in(&starter, "EUR", BillingInterval::Monthly), None);
        let mut usd_only = starter;
        usd_only.prices.retain(|p| p.currency == "USD");
        assert_eq!(price_in(&usd_only, "EGP", BillingInterval::Monthly), None);
        assert_eq!(
            price_label(29, "USD", BillingInterval::Monthly),
            "29.00 USD a month"
        );
        assert_eq!(
            price_label(278, "USD", BillingInterval::Annual),
            "278.00 USD a year"
        );
    }
}
