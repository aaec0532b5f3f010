use crate::api::use_api;
use crate::form::Submission;
use leptos::prelude::*;
use parley_shared_types::agent_loop::{
    AgentLoop, AgentLoopInput, AgentTool, DEFAULT_MAX_STEPS, LoopSchedule, PlannedStep,
};
use parley_shared_types::bot::Bot;
use parley_shared_types::validate::FieldErrors;

/// Creates a loop (`existing` is `None`) or changes one: its bot, instructions, tools, the
/// hosts `http_request` may reach, its step budget, its schedule and the steps the built-in
/// engine runs. `saved` gets the loop as stored.
#[component]
pub fn AgentLoopForm(
    existing: Option<AgentLoop>,
    bots: Vec<Bot>,
    saved: Callback<AgentLoop>,
) -> impl IntoView {
    let api = use_api();
    let id = existing.as_ref().map(|l| l.id.clone());
    let first_bot = bots.first().map(|b| b.id.clone()).unwrap_or_default();
    let name = RwSignal::new(
        existing
            .as_ref()
            .map(|l| l.name.clone())
            .unwrap_or_default(),
    );
    let bot_id = RwSignal::new(existing.as_ref().map_or(first_bot, |l| l.bot_id.clone()));
    let instructions = RwSignal::new(
        existing
            .as_ref()
            .map(|l| l.instructions.clone())
            .unwrap_or_default(),
    );
    let tools = RwSignal::new(
        existing
            .as_ref()
            .map(|l| l.tools.clone())
            .unwrap_or_default(),
    );
    let hosts = RwSignal::new(
        existing
            .as_ref()
            .map(|l| l.allowed_hosts.join(", "))
            .unwrap_or_default(),
    );
    let max_steps = RwSignal::new(
        existing
            .as_ref()
            .map_or(DEFAULT_MAX_STEPS, |l| l.max_steps)
            .to_string(),
    );
    let every_minutes = RwSignal::new(
        existing
            .as_ref()
            .and_then(|l| l.schedule)
            .map(|s| s.every_minutes.to_string())
            .unwrap_or_default(),
    );
    let planned = RwSignal::new(
        existing
            .as_ref()
            .filter(|l| !l.planned_steps.is_empty())
            .and_then(|l| serde_json::to_string_pretty(&l.planned_steps).ok())
            .unwrap_or_default(),
    );
    let creating = id.is_none();
    let stored_schedule = existing.as_ref().and_then(|l| l.schedule);
    let save = Submission::new(
        move |input: AgentLoopInput| {
            let id = id.clone();
            async move {
                match id {
                    Some(id) => api.update_agent_loop(&id, &input).await,
                    None => api.create_agent_loop(&input).await,
                }
            }
        },
        move |stored: AgentLoop| saved.run(stored),
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut problems = FieldErrors::new();
        let mut fail = |field: &str, why: &str| {
            problems.insert(field.to_owned(), vec![why.to_owned()]);
        };
        let planned_steps = match planned.get_untracked().trim() {
            "" => Vec::new(),
            text => serde_json::from_str::<Vec<PlannedStep>>(text).unwrap_or_else(|_| {
                fail(
                    "plannedSteps",
                    "must be a JSON list of {\"tool\": …, \"input\": {…}}",
                );
                Vec::new()
            }),
        };
        let number = |text: String| text.trim().parse::<u32>();
        let max_steps = number(max_steps.get_untracked()).unwrap_or_else(|_| {
            fail("maxSteps", "must be a number");
            0
        });
        let schedule = match every_minutes.get_untracked().trim() {
            "" => None,
            text => Some(LoopSchedule {
                every_minutes: text.parse().unwrap_or_else(|_| {
                    fail("schedule.everyMinutes", "must be a number of minutes");
                    0
                }),
            }),
        };
        let input = AgentLoopInput {
            name: Some(name.get_untracked()),
            bot_id: Some(bot_id.get_untracked()),
            instructions: Some(instructions.get_untracked()),
            // In the order the form lists them.
            tools: Some(
                AgentTool::ALL
                    .into_iter()
                    .filter(|t| tools.with_untracked(|ticked| ticked.contains(t)))
                    .map(|t| t.name().to_owned())
                    .collect(),
            ),
            allowed_hosts: Some(
                hosts
                    .get_untracked()
                    .split([',', '\n', ' '])
                    .map(str::trim)
                    .filter(|h| !h.is_empty())
                    .map(str::to_owned)
                    .collect(),
            ),
            max_steps: Some(max_steps),
            // Sent only when it changes: a schedule set anew counts its period from now.
            schedule: (creating || schedule != stored_schedule).then_some(schedule),
            planned_steps: Some(planned_steps),
        };
        let checked = if problems.is_empty() {
            input.validate(true)
        } else {
            Err(problems)
        };
        save.submit(input, checked);
    };
    let bot_options = bots
        .into_iter()
        .map(|bot| view! { <option value=bot.id.clone()>{bot.name}</option> })
        .collect_view();
    let tool_boxes = AgentTool::ALL
        .into_iter()
        .map(|tool| {
            let toggle = move |ev: leptos::ev::Event| {
                let on = event_target_checked(&ev);
                tools.update(|ticked| {
                    ticked.retain(|t| *t != tool);
                    if on {
                        ticked.push(tool);
                    }
                });
            };
            view! {
                <label class="check" title=tool.description()>
                    <input
                        type="checkbox"
                        name="loop-tool"
                        value=tool.name()
                        prop:checked=move || tools.with(|ticked| ticked.contains(&tool))
                        on:change=toggle
                    />
                    {tool.name()}
                </label>
            }
        })
        .collect_view();
    view! {
        <form id="agent-loop-form" class="stacked-form" on:submit=submit>
            <h3>{if creating { "New agent loop" } else { "Settings" }}</h3>
            <label>
                "Name"
                <input id="loop-name" required placeholder="e.g. Refund follow-up" bind:value=name />
            </label>
            <label>
                "Bot"
                <select id="loop-bot" prop:value=bot_id on:change=move |ev| bot_id.set(event_target_value(&ev))>
                    {bot_options}
                </select>
            </label>
            <label>
                "Instructions"
                <textarea
                    id="loop-instructions"
                    rows="3"
                    placeholder="What the bot should get done"
                    prop:value=instructions
                    on:input=move |ev| instructions.set(event_target_value(&ev))
                ></textarea>
            </label>
            <fieldset class="webhook-events">
                <legend>"Tools"</legend>
                {tool_boxes}
            </fieldset>
            <label>
                "Allowed hosts (for http_request; comma separated)"
                <input id="loop-hosts" placeholder="api.example.com, *.status.io" bind:value=hosts />
            </label>
            <label>
                "Step budget (most tool calls per run)"
                <input id="loop-max-steps" type="number" min="1" max="50" bind:value=max_steps />
            </label>
            <label>
                "Run every … minutes (empty: only when run)"
                <input id="loop-every-minutes" type="number" min="1" placeholder="e.g. 60" bind:value=every_minutes />
            </label>
            <label>
                "Planned steps for the built-in engine (JSON)"
                <textarea
                    id="loop-planned-steps"
                    rows="5"
                    placeholder=r#"[{"tool": "search_knowledge", "input": {"query": "refunds"}}]"#
                    prop:value=planned
                    on:input=move |ev| planned.set(event_target_value(&ev))
                ></textarea>
            </label>
            <p class="muted">
                "A bot with an OpenAI-compatible integration decides its own steps with the tools ticked; without one, the built-in engine runs the planned steps in order."
            </p>
            <button type="submit" class="primary" id="save-loop" disabled=move || save.pending()>
                {if creating { "Create loop" } else { "Save" }}
            </button>
            {move || save.error().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </form>
    }
}
