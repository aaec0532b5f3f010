use crate::components::choice_select::ChoiceSelect;
use leptos::prelude::*;
use parley_shared_types::analytics::Granularity;

/// Each granularity: its option value and what people read.
static GRANULARITIES: [(Granularity, &str, &str); 3] = [
    (Granularity::Day, "day", "By day"),
    (Granularity::Week, "week", "By week"),
    (Granularity::Month, "month", "By month"),
];

/// The first and last day a report covers and how its series is cut.
#[component]
pub fn ReportRangePicker(
    start: RwSignal<String>,
    end: RwSignal<String>,
    granularity: RwSignal<Granularity>,
) -> impl IntoView {
    view! {
        <div class="report-range" role="group" aria-label="Report range">
            <label>
                "From"
                <input
                    type="date"
                    id="report-start"
                    prop:value=start
                    max=end
                    on:change=move |ev| start.set(event_target_value(&ev))
                />
            </label>
            <label>
                "To"
                <input
                    type="date"
                    id="report-end"
                    prop:value=end
                    min=start
                    on:change=move |ev| end.set(event_target_value(&ev))
                />
            </label>
            <label>
                "Points"
                <ChoiceSelect id="report-granularity" choices=&GRANULARITIES value=granularity />
            </label>
        </div>
    }
}
