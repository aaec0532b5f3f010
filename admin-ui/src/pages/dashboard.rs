use crate::api::{Api, explain, use_api};
use crate::components::bar_chart::BarChart;
use crate::components::health_panel::HealthPanel;
use crate::components::stat_card::StatCard;
use crate::figures::day_label;
use leptos::prelude::*;
use leptos::task::spawn_local;
use parley_shared_types::stats::{
    ConversationStats, DEFAULT_DAILY_DAYS, DailyActivity, MessageStats, WidgetStats,
};

pub fn render() -> AnyView {
    view! { <DashboardPage /> }.into_any()
}

#[derive(Clone)]
struct Stats {
    conversations: ConversationStats,
    messages: MessageStats,
    widgets: WidgetStats,
    daily: Vec<DailyActivity>,
}

async fn load(api: Api) -> Result<Stats, String> {
    let e = |e| explain(&e);
    Ok(Stats {
        conversations: api.conversation_stats().await.map_err(e)?,
        messages: api.message_stats().await.map_err(e)?,
        widgets: api.widget_stats().await.map_err(e)?,
        daily: api.daily(DEFAULT_DAILY_DAYS).await.map_err(e)?,
    })
}

/// `+12.5% vs yesterday`, or "none yesterday" when there is nothing to compare with.
fn trend_note(trend: f64, yesterday: u64) -> String {
    if yesterday == 0 {
        return "none yesterday".to_owned();
    }
    let sign = if trend > 0.0 { "+" } else { "" };
    format!("{sign}{trend}% vs yesterday")
}

fn minutes(value: f64) -> String {
    match value {
        v if v > 0.0 && v < 1.0 / 60.0 => "under 1 s".to_owned(),
        v if v > 0.0 && v < 1.0 => format!("{:.0} s", v * 60.0),
        v => format!("{v:.1} min"),
    }
}

/// The control room: headline numbers, activity over the last 30 days, per-widget activity
/// and system health.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let api = use_api();
    let stats = RwSignal::new(None::<Result<Stats, String>>);
    spawn_local(async move {
        let result = load(api).await;
        stats.try_set(Some(result));
    });
    let body = move || match stats.get() {
        None => view! { <p aria-busy="true">"Loading statistics…"</p> }.into_any(),
        Some(Err(e)) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
        Some(Ok(s)) => {
            let conversations_per_day: Vec<(String, u64)> = s
                .daily
                .iter()
                .map(|d| (day_label(&d.day), d.conversations))
                .collect();
            let messages_per_day: Vec<(String, u64)> = s
                .daily
                .iter()
                .map(|d| (day_label(&d.day), d.messages))
                .collect();
            let busiest = s
                .widgets
                .widgets
                .iter()
                .map(|w| w.conversations_today)
                .max()
                .unwrap_or(0)
                .max(1);
            let widget_rows = s
                .widgets
                .widgets
                .iter()
                .map(|w| {
                    let share = w.conversations_today as f64 / busiest as f64 * 100.0;
                    view! {
                        <tr>
                            <th scope="row">{w.name.clone()}</th>
                            <td class="bar-cell">
                                <span class="inline-bar" style:width=format!("{share:.0}%")></span>
                                <span>{w.conversations_today}</span>
                            </td>
                            <td>{minutes(w.avg_response_time)}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <div class="stat-grid" id="headline">
                    <StatCard
                        label="Conversations"
                        value=s.conversations.total_conversations.to_string()
                        note=format!("{} active now", s.conversations.active_conversations)
                    />
                    <StatCard
                        label="Conversations today"
                        value=s.conversations.today_conversations.to_string()
                        note=trend_note(s.conversations.conversation_trend, s.conversations.yesterday_conversations)
                    />
                    <StatCard
                        label="Messages today"
                        value=s.messages.today_messages.to_string()
                        note=trend_note(s.messages.message_trend, s.messages.yesterday_messages)
                    />
                    <StatCard
                        label="People's response time"
                        value=minutes(s.messages.avg_response_time)
                        note="average, first visitor message to a teammate's first reply".to_owned()
                    />
                    <StatCard
                        label="Bot's response time"
                        value=minutes(s.messages.avg_bot_response_time)
                        note="average, first visitor message to the bot's first answer".to_owned()
                    />
                    <StatCard
                        label="Average conversation"
                        value=minutes(s.conversations.avg_conversation_duration)
                        note="start to close".to_owned()
                    />
                    <StatCard
                        label="Active widgets"
                        value=format!("{} / {}", s.widgets.active_widgets, s.widgets.total_widgets)
                        note="with a conversation in 30 days".to_owned()
                    />
                </div>
                <div class="chart-grid">
                    <BarChart title="Conversations per day".to_owned() points=conversations_per_day />
                    <BarChart title="Messages per day".to_owned() points=messages_per_day color="#0ea5e9" />
                </div>
                <section aria-labelledby="widget-activity-title">
                    <h3 id="widget-activity-title">"Widgets today"</h3>
                    <table class="widget-activity">
                        <thead>
                            <tr>
                                <th scope="col">"Widget"</th>
                                <th scope="col">"Conversations today"</th>
                                <th scope="col">"Average response"</th>
                            </tr>
                        </thead>
                        <tbody>{widget_rows}</tbody>
                    </table>
                </section>
            }
            .into_any()
        }
    };
    view! {
        <section class="page dashboard">
            <div class="page-head">
                <h2>"Dashboard"</h2>
            </div>
            {body}
            <HealthPanel />
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn labels_read_as_people_write_them() {
        assert_eq!(trend_note(12.5, 40), "+12.5% vs yesterday");
        assert_eq!(trend_note(-25.0, 40), "-25% vs yesterday");
        assert_eq!(trend_note(0.0, 0), "none yesterday");
        assert_eq!(minutes(0.002), "under 1 s");
        assert_eq!(minutes(2.25), "2.2 min");
        assert_eq!(minutes(0.5), "30 s");
        assert_eq!(minutes(0.0), "0.0 min");
    }
}
