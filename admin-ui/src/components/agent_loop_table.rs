use crate::components::resource_table::ResourceTable;
use crate::route::href;
use leptos::prelude::*;
use parley_shared_types::agent_loop::AgentLoop;
use parley_shared_types::bot::Bot;

/// The workspace's loops: each opens its screen (settings, runs and their steps).
#[component]
pub fn AgentLoopTable(loops: Vec<AgentLoop>, bots: Vec<Bot>) -> impl IntoView {
    let bot_name = move |id: &str| {
        bots.iter()
            .find(|b| b.id == id)
            .map_or_else(|| "(deleted bot)".to_owned(), |b| b.name.clone())
    };
    let rows = loops
        .into_iter()
        .map(|agent_loop| {
            let tools: Vec<&str> = agent_loop.tools.iter().map(|t| t.name()).collect();
            let schedule = agent_loop.schedule.map_or_else(
                || "when run".to_owned(),
                |s| format!("every {} min", s.every_minutes),
            );
            view! {
                <tr class="agent-loop-row">
                    <td><a href=href("agent-loops", Some(&agent_loop.id))>{agent_loop.name.clone()}</a></td>
                    <td>{bot_name(&agent_loop.bot_id)}</td>
                    <td>{tools.join(", ")}</td>
                    <td>{agent_loop.max_steps}</td>
                    <td>{schedule}</td>
                    <td></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <ResourceTable id="agent-loops-table" columns=&["Name", "Bot", "Tools", "Step budget", "Runs"]>
            {rows}
        </ResourceTable>
    }
}
