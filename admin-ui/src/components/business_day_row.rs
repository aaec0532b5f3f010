use leptos::prelude::*;
use parley_shared_types::business_hours::{BusinessHours, Weekday};
use parley_shared_types::validate::capitalized;

/// One day of the business hours: open or closed, and from when until when.
#[component]
pub fn BusinessDayRow(hours: RwSignal<BusinessHours>, day: Weekday) -> impl IntoView {
    let name = day.name();
    let is_open = move || hours.with(|h| h.span_of(day).is_some());
    let time = move |opening: bool| {
        hours.with(|h| {
            h.span_of(day)
                .map(|span| {
                    if opening {
                        span.open.clone()
                    } else {
                        span.close.clone()
                    }
                })
                .unwrap_or_default()
        })
    };
    let toggle = move |ev: leptos::ev::Event| {
        let open = event_target_checked(&ev).then(|| ("09:00".to_owned(), "17:00".to_owned()));
        hours.update(|h| h.set_day(day, open));
    };
    let set_time = move |opening: bool, value: String| {
        hours.update(|h| {
            let Some(span) = h.span_of(day).cloned() else {
                return;
            };
            let times = if opening {
                (value, span.close)
            } else {
                (span.open, value)
            };
            h.set_day(day, Some(times));
        })
    };
    view! {
        <div class="hours-day">
            <label class="check">
                <input id=format!("hours-{name}-open") type="checkbox" prop:checked=is_open on:change=toggle />
                {capitalized(name)}
            </label>
            {[(true, "from", "opens"), (false, "to", "closes")].map(|(opening, id, verb)| view! {
                <input
                    id=format!("hours-{name}-{id}")
                    type="time"
                    aria-label=format!("{name} {verb} at")
                    disabled=move || !is_open()
                    prop:value=move || time(opening)
                    on:change=move |ev| set_time(opening, event_target_value(&ev))
                />
            })}
        </div>
    }
}
