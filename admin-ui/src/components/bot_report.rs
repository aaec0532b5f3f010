use crate::components::bar_chart::BarChart;
use crate::components::csv_download::CsvDownload;
use crate::components::line_chart::{LineChart, LineSeries};
use crate::components::stat_card::StatCard;
use crate::components::top_questions::TopQuestions;
use crate::export;
use crate::figures::{duration, percent, point_label, score};
use leptos::prelude::*;
use parley_shared_types::analytics::BotAnalytics;

/// One bot's report: headline figures, conversations and messages over the range, what
/// visitors asked most and how they rated it.
#[component]
pub fn BotReport(bot_name: String, report: BotAnalytics) -> impl IntoView {
    let csv = export::csv(&export::bot_report(&bot_name, &report));
    let file_name = export::file_name("bot", &report.period);
    let metrics = report.metrics;
    let ratings = metrics.ratings;
    let activity = if metrics.total_conversations == 0 {
        view! {
            <p class="chart empty-state">"No conversations in this range: widen it, or pick another bot."</p>
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
                name: "Conversations",
                values: report.series.iter().map(|p| p.conversations).collect(),
            },
            LineSeries {
                name: "Messages",
                values: report.series.iter().map(|p| p.messages).collect(),
            },
        ];
        view! { <LineChart title="Conversations and messages".to_owned() labels series /> }
            .into_any()
    };
    let rating_chart = if ratings.total() == 0 {
        view! { <p class="chart empty-state">"No ratings in this range."</p> }.into_any()
    } else {
        let points = (1..=5)
            .zip(ratings.0)
            .map(|(stars, count)| (format!("Rated {stars}"), count))
            .collect();
        view! { <BarChart title="Ratings".to_owned() points color="#f59e0b" /> }.into_any()
    };
    view! {
        <div class="report-actions">
            <CsvDownload id="bot-csv" file_name csv />
        </div>
        <div class="stat-grid" id="bot-figures">
            <StatCard label="Conversations" value=metrics.total_conversations.to_string() />
            <StatCard label="Messages" value=metrics.total_messages.to_string() />
            <StatCard label="Questions" value=metrics.total_questions.to_string() />
            <StatCard
                label="Average response time"
                value=duration(metrics.average_response_time)
                note="question to the bot's answer".to_owned()
            />
            <StatCard
                label="Satisfaction"
                value=score(metrics.user_satisfaction)
                note="out of 5, rated by visitors".to_owned()
            />
            <StatCard
                label="Handoff rate"
                value=percent(metrics.handoff_rate)
                note="conversations handed to people".to_owned()
            />
            <StatCard
                label="Unanswered rate"
                value=percent(metrics.unanswered_rate)
                note="questions the bot could not answer".to_owned()
            />
        </div>
        <div class="chart-grid" id="bot-charts">
            {activity}
            {rating_chart}
        </div>
        <section aria-labelledby="top-questions-title">
            <h4 id="top-questions-title">"Top questions"</h4>
            <TopQuestions questions=metrics.top_questions />
        </section>
    }
}
