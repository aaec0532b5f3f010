use crate::components::agent_table::AgentTable;
use crate::components::csv_download::CsvDownload;
use crate::components::line_chart::{LineChart, LineSeries};
use crate::export;
use crate::figures::point_label;
use leptos::prelude::*;
use parley_shared_types::analytics::AgentAnalytics;

/// Each person's figures with the totals, and what the team handled over the range.
#[component]
pub fn PeopleReport(report: AgentAnalytics) -> impl IntoView {
    let csv = export::csv(&export::people_report(&report));
    let file_name = export::file_name("people", &report.period);
    let activity = if report.totals.conversations_handled == 0 {
        view! {
            <p class="chart empty-state">"Nobody answered a conversation in this range: widen it."</p>
        }
        .into_any()
    } else {
        let labels = report
            .series
            .iter()
            .map(|p| point_label(&p.start, report.granularity))
            .collect();
        let series = vec![
            LineSeries {
                name: "Conversations handled",
                values: report
                    .series
                    .iter()
                    .map(|p| p.conversations_handled)
                    .collect(),
            },
            LineSeries {
                name: "Messages sent",
                values: report.series.iter().map(|p| p.messages_sent).collect(),
            },
        ];
        view! { <LineChart title="What people handled".to_owned() labels series /> }.into_any()
    };
    view! {
        <div class="report-actions">
            <CsvDownload id="people-csv" file_name csv />
        </div>
        <AgentTable agents=report.agents totals=report.totals />
        {activity}
    }
}
