//! Wall-clock time at the edge.

/// Now, as RFC 3339 UTC (`2025-01-15T10:30:05.123Z`).
pub fn now_rfc3339() -> String {
    String::from(worker::js_sys::Date::new_0().to_iso_string())
}
