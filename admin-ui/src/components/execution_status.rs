use leptos::prelude::*;
use parley_shared_types::agent_loop::ExecutionStatus;

/// An execution's status, and why it failed or was canceled.
#[component]
pub fn ExecutionStatusBadge(status: ExecutionStatus, reason: Option<String>) -> impl IntoView {
    let name = status.as_str();
    view! {
        <span class=format!("source-status execution-{name}") data-status=name>{name}</span>
        {reason.map(|r| view! { <span class="muted execution-reason">" ("{r}")"</span> })}
    }
}
