use crate::api::{explain, use_api};
use crate::components::loader::Loader;
use crate::components::people_report::PeopleReport;
use crate::report_range::ReportRange;
use leptos::prelude::*;

/// How the team (admins and agents alike) answered visitors over `range`.
#[component]
pub fn PeopleAnalyticsSection(range: Memo<ReportRange>) -> impl IntoView {
    let api = use_api();
    let report = LocalResource::new(move || {
        let range = range.get();
        async move { api.agent_analytics(&range).await.map_err(|e| explain(&e)) }
    });
    view! {
        <section class="report-section" aria-labelledby="people-analytics-title">
            <h3 id="people-analytics-title">"People"</h3>
            <Loader resource=report what="the team's report" show=|report| view! { <PeopleReport report /> } />
        </section>
    }
}
