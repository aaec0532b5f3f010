//! Wall-clock time at the edge. Under `wrangler dev` the clock can be set to another time
//! (`PUT /api/dev/clock`), so tests and the demo write a history of past days through the same
//! code that writes today; a deployed Worker never shifts it.

use parley_shared_types::business_hours::{LocalTime, Weekday};
use std::sync::atomic::{AtomicI64, Ordering};
use worker::js_sys::{Array, Function, Object, Reflect};
use worker::wasm_bindgen::JsCast;

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

/// Now in Unix milliseconds, as the (settable) clock says: schedules run on it.
pub fn now_ms() -> i64 {
    shifted_now_ms() as i64
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

/// Now on the wall clock of `time_zone` (an IANA name such as `Europe/Berlin`), from the
/// runtime's time zone database; `None` for a zone it does not know.
pub fn local_time(time_zone: &str) -> Option<LocalTime> {
    let options = Object::new();
    for (key, value) in [
        ("timeZone", time_zone),
        ("weekday", "short"),
        ("hour", "2-digit"),
        ("minute", "2-digit"),
        ("hourCycle", "h23"),
    ] {
        Reflect::set(&options, &key.into(), &value.into()).ok()?;
    }
    let intl = Reflect::get(&worker::js_sys::global(), &"Intl".into()).ok()?;
    let constructor: Function = Reflect::get(&intl, &"DateTimeFormat".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let arguments = Array::of2(&"en-US".into(), &options);
    // An unknown zone throws a RangeError, caught here as an Err.
    let format = Reflect::construct(&constructor, &arguments).ok()?;
    let to_parts: Function = Reflect::get(&format, &"formatToParts".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let now = worker::js_sys::Date::new(&shifted_now_ms().into());
    let parts: Array = to_parts.call1(&format, &now).ok()?.dyn_into().ok()?;
    let part = |kind: &str| -> Option<String> {
        parts.iter().find_map(|part| {
            let matches = Reflect::get(&part, &"type".into()).ok()?.as_string()? == kind;
            matches
                .then(|| Reflect::get(&part, &"value".into()).ok()?.as_string())
                .flatten()
        })
    };
    let number = |kind: &str| -> Option<u16> { part(kind)?.parse().ok() };
    Some(LocalTime {
        weekday: Weekday::parse(&part("weekday")?)?,
        minute_of_day: number("hour")? * 60 + number("minute")?,
    })
}

/// Whether `time_zone` names a zone the runtime knows.
pub fn is_time_zone(time_zone: &str) -> bool {
    local_time(time_zone).is_some()
}
