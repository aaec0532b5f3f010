use leptos::prelude::*;
use parley_shared_types::pre_chat::{Ask, PreChat};

/// The widget's pre-chat form: on or off, what it asks (each field off, optional or required),
/// the consent text, and whether it asks only while nobody answers live.
#[component]
pub fn PreChatEditor(form: RwSignal<PreChat>) -> impl IntoView {
    let ask_select =
        move |id: &'static str, label: &'static str, pick: fn(&mut PreChat) -> &mut Ask| {
            let current = move || pick(&mut form.get()).as_str();
            view! {
                <label>
                    {label}
                    <select
                        id=id
                        prop:value=current
                        on:change=move |ev| {
                            let chosen = Ask::parse(&event_target_value(&ev)).unwrap_or_default();
                            form.update(|f| *pick(f) = chosen);
                        }
                    >
                        <option value="off">"Not asked"</option>
                        <option value="optional">"Optional"</option>
                        <option value="required">"Required"</option>
                    </select>
                </label>
            }
        };
    view! {
        <fieldset class="pre-chat">
            <legend>"Pre-chat form"</legend>
            <label class="check">
                <input
                    id="pre-chat-enabled"
                    type="checkbox"
                    prop:checked=move || form.with(|f| f.enabled)
                    on:change=move |ev| form.update(|f| f.enabled = event_target_checked(&ev))
                />
                "Ask visitors before their first message"
            </label>
            <Show when=move || form.with(|f| f.enabled)>
                {ask_select("pre-chat-name", "Name", |f| &mut f.name)}
                {ask_select("pre-chat-email", "Email", |f| &mut f.email)}
                {ask_select("pre-chat-consent", "Consent checkbox", |f| &mut f.consent)}
                <label>
                    "Consent text (what visitors agree to)"
                    <input
                        id="pre-chat-consent-text"
                        prop:value=move || form.with(|f| f.consent_text.clone())
                        on:input=move |ev| form.update(|f| f.consent_text = event_target_value(&ev))
                    />
                </label>
                <label class="check">
                    <input
                        id="pre-chat-offline"
                        type="checkbox"
                        prop:checked=move || form.with(|f| f.only_when_offline)
                        on:change=move |ev| form.update(|f| f.only_when_offline = event_target_checked(&ev))
                    />
                    "Only while nobody answers live (outside business hours or no agent online)"
                </label>
            </Show>
        </fieldset>
    }
}
