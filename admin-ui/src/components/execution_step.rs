use leptos::prelude::*;
use parley_shared_types::agent_loop::{ExecutionStep, StepKind, StepStatus};

/// One recorded step: what was called with what, what came back, how long it took.
#[component]
pub fn StepItem(step: ExecutionStep) -> impl IntoView {
    let what = match (step.kind, &step.tool) {
        (StepKind::Model, _) => "model".to_owned(),
        (StepKind::Tool, Some(tool)) => tool.clone(),
        (StepKind::Tool, None) => "tool".to_owned(),
    };
    let status = match step.status {
        StepStatus::Succeeded => "succeeded",
        StepStatus::Failed => "failed",
    };
    let pretty =
        |value: &serde_json::Value| serde_json::to_string_pretty(value).unwrap_or_default();
    let tool = what.clone();
    view! {
        <li class="execution-step" data-tool=tool data-status=status>
            <strong class="step-what">{what}</strong>
            " "<span class=format!("source-status step-{status}")>{status}</span>
            <span class="muted">{format!(" {} ms · {} tokens", step.duration_ms, step.tokens)}</span>
            {step.error.clone().map(|e| view! { <p class="error step-error">{e}</p> })}
            <details>
                <summary>"Input and output"</summary>
                <pre class="step-input">{pretty(&step.input)}</pre>
                <pre class="step-output">{pretty(&step.output)}</pre>
            </details>
        </li>
    }
}
