use crate::api::{explain, use_api};
use crate::components::bot_report::BotReport;
use crate::components::bot_table::BotTable;
use crate::components::loader::Loader;
use crate::report_range::ReportRange;
use leptos::prelude::*;
use parley_shared_types::bot::Bot;

/// Every bot's figures side by side, then the whole report of one of them (the first until
/// another is picked) over `range`.
#[component]
pub fn BotAnalyticsSection(range: Memo<ReportRange>) -> impl IntoView {
    let api = use_api();
    let bots = LocalResource::new(move || async move { api.bots().await.map_err(|e| explain(&e)) });
    let show = move |bots: Vec<Bot>| {
        let Some(first) = bots.first().cloned() else {
            return view! {
                <p class="empty-state">"No bots yet: an admin creates one on the Bots page."</p>
            }
            .into_any();
        };
        let table = view! { <BotTable bots=bots.clone() range /> };
        let picked = RwSignal::new(first);
        let report = LocalResource::new(move || {
            let bot = picked.get();
            let range = range.get();
            async move {
                let report = api.bot_analytics(&bot.id, &range).await;
                report
                    .map(|report| (bot.name, report))
                    .map_err(|e| explain(&e))
            }
        });
        let options = bots
            .iter()
            .map(|bot| view! { <option value=bot.id.clone()>{bot.name.clone()}</option> })
            .collect_view();
        let bots = StoredValue::new(bots);
        let pick = move |ev| {
            let id = event_target_value(&ev);
            if let Some(bot) = bots.with_value(|bots| bots.iter().find(|b| b.id == id).cloned()) {
                picked.set(bot);
            }
        };
        view! {
            {table}
            <label class="bot-picker">
                "Bot"
                <select id="report-bot" on:change=pick>{options}</select>
            </label>
            <Loader
                resource=report
                what="the bot's report"
                show=|(bot_name, report)| view! { <BotReport bot_name report /> }
            />
        }
        .into_any()
    };
    view! {
        <section class="report-section" aria-labelledby="bot-analytics-title">
            <h3 id="bot-analytics-title">"Bots"</h3>
            <Loader resource=bots what="the bots" show />
        </section>
    }
}
