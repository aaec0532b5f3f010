use crate::components::bot_analytics_section::BotAnalyticsSection;
use crate::components::people_analytics_section::PeopleAnalyticsSection;
use crate::components::report_range_picker::ReportRangePicker;
use crate::report_range::ReportRange;
use leptos::prelude::*;

pub fn render() -> AnyView {
    view! { <AnalyticsPage /> }.into_any()
}

/// How the bots and the people answered visitors over a range of days; every control
/// reloads the reports it changes.
#[component]
pub fn AnalyticsPage() -> impl IntoView {
    let initial = ReportRange::default_at(js_sys::Date::now());
    let start = RwSignal::new(initial.start);
    let end = RwSignal::new(initial.end);
    let granularity = RwSignal::new(initial.granularity);
    let range = Memo::new(move |_| ReportRange {
        start: start.get(),
        end: end.get(),
        granularity: granularity.get(),
    });
    view! {
        <section class="page analytics">
            <div class="page-head">
                <h2>"Analytics"</h2>
                <ReportRangePicker start end granularity />
            </div>
            <BotAnalyticsSection range />
            <PeopleAnalyticsSection range />
        </section>
    }
}
