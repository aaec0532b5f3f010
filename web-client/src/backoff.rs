//! How long to wait before reconnecting: exponential from half a second, capped, with jitter
//! so a server restart is not met by every client at the same instant.

pub const FIRST_DELAY_MS: u32 = 500;
pub const MAX_DELAY_MS: u32 = 30_000;

/// The delay before attempt `attempt` (0-based); `jitter` in [0, 1) spreads it by up to ±25 %.
pub fn delay_ms(attempt: u32, jitter: f64) -> u32 {
    let base = FIRST_DELAY_MS
        .saturating_mul(1u32 << attempt.min(16))
        .min(MAX_DELAY_MS);
    let spread = f64::from(base) * 0.25 * (jitter.clamp(0.0, 1.0) * 2.0 - 1.0);
    (f64::from(base) + spread).round().max(0.0) as u32
}

/// Resolves after `ms` milliseconds (a browser timer); at once where there is no window.
pub async fn pause(ms: u32) {
    let timer = js_sys::Promise::new(&mut |resolve, _| {
        let set = web_sys::window().map(|window| {
            window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32)
        });
        if !matches!(set, Some(Ok(_))) {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(timer).await;
}

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

    wasm_bindgen_test_configure!(run_in_browser);

    use super::*;

    #[wasm_bindgen_test(unsupported = test)]
    fn doubles_up_to_the_cap() {
        let middle = 0.5;
        assert_eq!(
            [0, 1, 2, 3].map(|a| delay_ms(a, middle)),
            [500, 1000, 2000, 4000]
        );
        assert_eq!(delay_ms(10, middle), MAX_DELAY_MS);
        assert_eq!(delay_ms(u32::MAX, middle), MAX_DELAY_MS);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn jitter_stays_within_a_quarter() {
        assert_eq!(delay_ms(2, 0.0), 1500);
        assert_eq!(delay_ms(2, 0.999_999), 2500);
    }
}
