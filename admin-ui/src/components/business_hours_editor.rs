use crate::components::business_day_row::BusinessDayRow;
use leptos::prelude::*;
use parley_shared_types::business_hours::{BusinessHours, Weekday};

/// A few zones to pick from; any IANA name may be typed.
const COMMON_ZONES: [&str; 10] = [
    "UTC",
    "Europe/London",
    "Europe/Berlin",
    "Africa/Cairo",
    "Asia/Dubai",
    "Asia/Kolkata",
    "Asia/Tokyo",
    "America/New_York",
    "America/Los_Angeles",
    "Australia/Sydney",
];

/// The browser's own time zone, the sensible default for a team setting its hours.
fn browser_time_zone() -> String {
    let options = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new())
        .resolved_options();
    js_sys::Reflect::get(&options, &"timeZone".into())
        .ok()
        .and_then(|zone| zone.as_string())
        .unwrap_or_else(|| "UTC".into())
}

/// The widget's business hours: on or off, the time zone, and each day's opening hours.
#[component]
pub fn BusinessHoursEditor(hours: RwSignal<BusinessHours>) -> impl IntoView {
    let enable = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        hours.update(|h| {
            h.enabled = on;
            if on && h.time_zone.trim().is_empty() {
                h.time_zone = browser_time_zone();
            }
        });
    };
    view! {
        <fieldset class="business-hours">
            <legend>"Business hours"</legend>
            <label class="check">
                <input id="hours-enabled" type="checkbox" prop:checked=move || hours.with(|h| h.enabled) on:change=enable />
                "Only offer a live answer during these hours (outside them the widget shows the offline message)"
            </label>
            <Show when=move || hours.with(|h| h.enabled)>
                <label>
                    "Time zone"
                    <input
                        id="hours-zone"
                        list="hours-zones"
                        prop:value=move || hours.with(|h| h.time_zone.clone())
                        on:change=move |ev| hours.update(|h| h.time_zone = event_target_value(&ev))
                    />
                    <datalist id="hours-zones">
                        {COMMON_ZONES.map(|zone| view! { <option value=zone></option> })}
                    </datalist>
                </label>
                {Weekday::ALL.map(|day| view! { <BusinessDayRow hours day /> })}
            </Show>
        </fieldset>
    }
}
