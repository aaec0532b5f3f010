use crate::components::agent_loop_detail::AgentLoopDetail;
use crate::components::agent_loop_list::AgentLoopList;
use crate::route::use_router;
use leptos::prelude::*;

pub fn render() -> AnyView {
    view! { <AgentLoopsPage /> }.into_any()
}

/// `#/agent-loops` lists and creates loops; `#/agent-loops/<id>` edits and runs one, with
/// its runs and their steps.
#[component]
pub fn AgentLoopsPage() -> impl IntoView {
    let rest = use_router().rest();
    move || match rest.get() {
        None => view! { <AgentLoopList /> }.into_any(),
        Some(id) => view! { <AgentLoopDetail id /> }.into_any(),
    }
}
