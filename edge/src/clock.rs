//! Wall-clock time at the edge. Under `wrangler dev` the clock can be set to another time
//! (`PUT /api/dev/clock`), so tests and the demo write a history of past days through the same
//! code that writes today; a deployed Worker never shifts it.

use std::sync::atomic::{AtomicI64, Ordering};

/// Milliseconds added to the real clock; 0 unless a development server was told otherwise.
/// One isolate runs the Worker and its Durable Objects locally, so both read the same shift.
static SHIFT_MS: AtomicI64 = AtomicI64::new(0);

fn shifted_now_ms() -> f64 {
    worker::js_sys::Date::now() + SHIFT_MS.load(Ordering::Relaxed) as f64
}

fn iso(millis: f64) -> String {
    String::from(worker::js_sys::Date::new(&millis.into()).to_iso_string())
}

/// Sets the clock to `millis` (Unix ms), or back to the real time. Only for development
/// servers: the caller checks.
pub fn set_now(millis: Option<f64>) {
    let shift = millis.map_or(0, |m| (m - worker::js_sys::Date::now()) as i64);
    SHIFT_MS.store(shift, Ordering::Relaxed);
}

/// Now, as RFC 3339 UTC (`2025-01-15T10:30:05.123Z`).
pub fn now_rfc3339() -> String {
    iso(shifted_now_ms())
}

/// Now, in Unix seconds (for token expiry).
pub fn now_secs() -> u64 {
    (shifted_now_ms() / 1000.0) as u64
}

/// A UTC day as `YYYY-MM-DD`, `days_ago` before today.
pub fn utc_day(days_ago: u32) -> String {
    iso(shifted_now_ms() - f64::from(days_ago) * 86_400_000.0)[..10].to_owned()
}

/// The real time in Unix milliseconds, never shifted (for request durations; at the edge the
/// clock advances only across I/O, which is where a request's time goes).
pub fn now_millis() -> f64 {
    worker::js_sys::Date::now()
}
