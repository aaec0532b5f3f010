use crate::api::{perform, use_api};
use crate::bot_fields::{keywords_from_text, keywords_to_text};
use crate::components::choice_select::ChoiceSelect;
use leptos::prelude::*;
use parley_shared_types::bot::{
    Bot, BotInput, BotSettingsInput, HandoffRules, HumanInputMode, Integration, ResponseStyle,
};
use parley_shared_types::validate::describe;

/// Each response style: its option value and what the admin reads.
static STYLES: [(ResponseStyle, &str, &str); 3] = [
    (ResponseStyle::Friendly, "friendly", "Friendly"),
    (ResponseStyle::Concise, "concise", "Concise"),
    (ResponseStyle::Formal, "formal", "Formal"),
];

static INPUT_MODES: [(HumanInputMode, &str, &str); 2] = [
    (HumanInputMode::Never, "never", "Send replies at once"),
    (
        HumanInputMode::Always,
        "always",
        "Wait for a person to confirm each reply (developer chats)",
    ),
];

/// What the bot says and how: name, welcome, style, length, system prompt, the answer engine
/// (built-in or one of its integrations), when to hand over to people and what to say then.
#[component]
pub fn BotSettingsForm(bot: Bot, integrations: RwSignal<Vec<Integration>>) -> impl IntoView {
    let api = use_api();
    let id = bot.id.clone();
    let settings = bot.settings;
    let name = RwSignal::new(bot.name);
    let description = RwSignal::new(bot.description);
    let welcome = RwSignal::new(settings.welcome_message);
    let style = RwSignal::new(settings.response_style);
    let max_tokens = RwSignal::new(settings.max_tokens.to_string());
    let system_prompt = RwSignal::new(settings.system_prompt);
    let engine = RwSignal::new(settings.integration_id.unwrap_or_default());
    let keywords = RwSignal::new(keywords_to_text(&settings.handoff.keywords));
    let handoff_message = RwSignal::new(settings.handoff.message);
    let on_unknown = RwSignal::new(settings.handoff.on_unknown);
    let input_mode = RwSignal::new(settings.human_input_mode);
    let error = RwSignal::new(None::<String>);
    let note = RwSignal::new(None::<&'static str>);
    let busy = RwSignal::new(false);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(max_tokens) = max_tokens.get_untracked().trim().parse::<u32>() else {
            error.set(Some("Max tokens must be a whole number.".into()));
            return;
        };
        let input = BotInput {
            name: Some(name.get_untracked().trim().to_owned()),
            description: Some(description.get_untracked().trim().to_owned()),
            settings: Some(BotSettingsInput {
                welcome_message: Some(welcome.get_untracked().trim().to_owned()),
                response_style: Some(style.get_untracked()),
                max_tokens: Some(max_tokens),
                system_prompt: Some(system_prompt.get_untracked()),
                integration_id: Some(Some(engine.get_untracked()).filter(|e| !e.is_empty())),
                handoff: Some(HandoffRules {
                    keywords: keywords_from_text(&keywords.get_untracked()),
                    on_unknown: on_unknown.get_untracked(),
                    message: handoff_message.get_untracked().trim().to_owned(),
                }),
                human_input_mode: Some(input_mode.get_untracked()),
            }),
            ..BotInput::default()
        };
        if let Err(errors) = input.validate(false) {
            error.set(Some(describe(&errors)));
            return;
        }
        note.set(None);
        let id = id.clone();
        let call = async move { api.update_bot(&id, &input).await };
        perform(busy, error, call, move |_| {
            note.set(Some("Saved. New answers use these settings."))
        });
    };

    let engines = move || {
        integrations
            .get()
            .into_iter()
            .map(|i| {
                let chosen = engine.with_untracked(|e| *e == i.id);
                view! { <option value=i.id.clone() selected=chosen>{i.name.clone()}</option> }
            })
            .collect_view()
    };
    view! {
        <form id="bot-settings" class="stacked bot-card" on:submit=submit>
            <h3>"Settings"</h3>
            <label>"Name" <input id="bot-settings-name" required bind:value=name /></label>
            <label>"Description" <input id="bot-description" bind:value=description /></label>
            <label>
                "Welcome message"
                <textarea id="bot-welcome" rows="2" bind:value=welcome></textarea>
            </label>
            <div class="field-row">
                <label>
                    "Response style"
                    <ChoiceSelect id="bot-style" choices=&STYLES value=style />
                </label>
                <label>
                    "Max tokens per answer"
                    <input id="bot-max-tokens" type="number" min="1" bind:value=max_tokens />
                </label>
                <label>
                    "Answer engine"
                    <select id="bot-engine" on:change=move |ev| engine.set(event_target_value(&ev))>
                        <option value="" selected=move || engine.with(String::is_empty)>"Built-in (offline, from knowledge)"</option>
                        {engines}
                    </select>
                </label>
            </div>
            <label>
                "System prompt (for AI integrations)"
                <textarea id="bot-system-prompt" rows="4" bind:value=system_prompt></textarea>
            </label>
            <label>
                "Hand over to a person when the visitor writes (comma-separated)"
                <input id="bot-handoff-keywords" bind:value=keywords />
            </label>
            <label>
                "Handoff message"
                <textarea id="bot-handoff-message" rows="2" bind:value=handoff_message></textarea>
            </label>
            <label class="check">
                <input id="bot-handoff-unknown" type="checkbox" bind:checked=on_unknown />
                "Also hand over when the bot knows no answer"
            </label>
            <label>
                "Human input"
                <ChoiceSelect id="bot-input-mode" choices=&INPUT_MODES value=input_mode />
            </label>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            {move || note.get().map(|n| view! { <p class="ok" role="status">{n}</p> })}
            <button type="submit" id="save-bot" class="primary" disabled=busy>
                {move || if busy.get() { "Saving…" } else { "Save settings" }}
            </button>
        </form>
    }
}
