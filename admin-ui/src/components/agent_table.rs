use crate::figures::{duration, rated};
use leptos::prelude::*;
use parley_shared_types::analytics::{AgentFigures, AgentPerformance};

/// The cells every row shares, a person's or the totals.
fn figure_cells(figures: &AgentFigures) -> impl IntoView + use<> {
    view! {
        <td>{figures.conversations_handled}</td>
        <td>{figures.messages_sent}</td>
        <td>{duration(figures.average_first_response_time)}</td>
        <td>{figures.conversations_resolved}</td>
        <td>{duration(figures.average_resolution_time)}</td>
        <td>{rated(figures.csat, figures.ratings.total())}</td>
    }
}

/// What each person did in the range, then everyone together.
#[component]
pub fn AgentTable(agents: Vec<AgentPerformance>, totals: AgentFigures) -> impl IntoView {
    let rows = agents
        .into_iter()
        .map(|agent| {
            view! {
                <tr data-agent-id=agent.agent_id>
                    <th scope="row" title=agent.email>{agent.name}</th>
                    {figure_cells(&agent.figures)}
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="report-table" id="agent-table">
                <thead>
                    <tr>
                        <th scope="col">"Name"</th>
                        <th scope="col">"Conversations handled"</th>
                        <th scope="col">"Messages sent"</th>
                        <th scope="col">"Average first response"</th>
                        <th scope="col">"Resolved"</th>
                        <th scope="col">"Average resolution"</th>
                        <th scope="col">"CSAT"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
                <tfoot>
                    <tr>
                        <th scope="row">"Everyone"</th>
                        {figure_cells(&totals)}
                    </tr>
                </tfoot>
            </table>
        </div>
    }
}
