use crate::api::{explain, use_api};
use crate::components::loader::Loader;
use crate::figures::{duration, percent, score};
use crate::report_range::ReportRange;
use leptos::prelude::*;
use parley_shared_types::analytics::BotMetrics;
use parley_shared_types::bot::Bot;

/// Every bot's headline figures over the range, side by side, to compare before picking one.
#[component]
pub fn BotTable(bots: Vec<Bot>, range: Memo<ReportRange>) -> impl IntoView {
    let api = use_api();
    let bots = StoredValue::new(bots);
    let rows = LocalResource::new(move || {
        let (bots, range) = (bots.get_value(), range.get());
        async move {
            let mut rows = Vec::new();
            for bot in bots {
                let report = api
                    .bot_analytics(&bot.id, &range)
                    .await
                    .map_err(|e| explain(&e))?;
                rows.push((bot, report.metrics));
            }
            Ok(rows)
        }
    });
    view! { <Loader resource=rows what="every bot's figures" show=|rows| view! { <Rows rows /> } /> }
}

#[component]
fn Rows(rows: Vec<(Bot, BotMetrics)>) -> impl IntoView {
    let rows = rows
        .into_iter()
        .map(|(bot, metrics)| {
            view! {
                <tr data-bot-id=bot.id>
                    <th scope="row">{bot.name}</th>
                    <td>{metrics.total_conversations}</td>
                    <td>{metrics.total_messages}</td>
                    <td>{metrics.total_questions}</td>
                    <td>{duration(metrics.average_response_time)}</td>
                    <td>{score(metrics.user_satisfaction)}</td>
                    <td>{percent(metrics.handoff_rate)}</td>
                    <td>{percent(metrics.unanswered_rate)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="report-table" id="bot-table">
                <thead>
                    <tr>
                        <th scope="col">"Bot"</th>
                        <th scope="col">"Conversations"</th>
                        <th scope="col">"Messages"</th>
                        <th scope="col">"Questions"</th>
                        <th scope="col">"Average response"</th>
                        <th scope="col">"Satisfaction"</th>
                        <th scope="col">"Handoff rate"</th>
                        <th scope="col">"Unanswered rate"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
