//! Wall-clock time at the edge.

/// Now, as RFC 3339 UTC (`2025-01-15T10:30:05.123Z`).
pub fn now_rfc3339() -> String {
    String::from(worker::js_sys::Date::new_0().to_iso_string())
}

/// Now, in Unix seconds (for token expiry).
pub fn now_secs() -> u64 {
    (worker::js_sys::Date::now() / 1000.0) as u64
}

/// A UTC day as `YYYY-MM-DD`, `days_ago` before today.
pub fn utc_day(days_ago: u32) -> String {
    let millis = worker::js_sys::Date::now() - f64::from(days_ago) * 86_400_000.0;
    let iso = String::from(worker::js_sys::Date::new(&millis.into()).to_iso_string());
    iso[..10].to_owned()
}

/// Now, in Unix milliseconds (for request durations; at the edge the clock advances only
/// across I/O, which is where a request's time goes).
pub fn now_millis() -> f64 {
    worker::js_sys::Date::now()
}
