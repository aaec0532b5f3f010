//! Addresses from the edge that the page leaves for or links to (Stripe Checkout, the billing
//! portal, Paymob, invoice PDFs): only web addresses, never `javascript:` or `data:`.

/// `url` if it is an `http(s)` address.
pub fn external_url(url: &str) -> Option<&str> {
    let url = url.trim();
    let scheme = url.split_once("://").map(|(scheme, _)| scheme)?;
    (scheme.eq_ignore_ascii_case("https") || scheme.eq_ignore_ascii_case("http")).then_some(url)
}

/// Sends the browser to `url` (a payment page); false when it is not a web address.
pub fn leave_for(url: &str) -> bool {
    let Some(url) = external_url(url) else {
        return false;
    };
    web_sys::window().is_some_and(|w| w.location().assign(url).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test(unsupported = test)]
    fn only_web_addresses_are_followed() {
        assert_eq!(
            external_url("https://checkout.stripe.com/c/pay/cs_1"),
            Some("https://checkout.stripe.com/c/pay/cs_1")
        );
        assert_eq!(
            external_url(" http://127.0.0.1:9000/pay "),
            Some("http://127.0.0.1:9000/pay")
        );
        assert_eq!(external_url("HTTPS://x.example"), Some("HTTPS://x.example"));
        assert_eq!(external_url("javascript:alert(1)//://"), None);
        assert_eq!(external_url("javascript://%0aalert(1)"), None);
        assert_eq!(external_url("data:text/html,<p>"), None);
        assert_eq!(external_url("/admin/#/billing"), None);
        assert_eq!(external_url(""), None);
    }
}
