use leptos::prelude::*;
use parley_shared_types::validate::is_hex_color;
use parley_shared_types::widget::{DEFAULT_THEME_COLOR, public_title, text_on};

/// A static likeness of the widget (launcher and open panel) drawn from the form as it is
/// typed: its public title, the greeting visitors read first (the bot's welcome while a bot
/// answers), and, with "offline", what visitors see when no agent is connected.
#[component]
pub fn WidgetPreview(
    title: RwSignal<String>,
    greeting: Signal<String>,
    offline: RwSignal<String>,
    color: RwSignal<String>,
) -> impl IntoView {
    let show_offline = RwSignal::new(false);
    let accent = move || {
        let c = color.get();
        if is_hex_color(c.trim()) {
            c.trim().to_owned()
        } else {
            DEFAULT_THEME_COLOR.to_owned()
        }
    };
    view! {
        <figure class="preview" aria-label="Widget preview">
            <figcaption>
                "Preview "
                <label class="check inline">
                    <input type="checkbox" bind:checked=show_offline />
                    "offline"
                </label>
            </figcaption>
            <div class="preview-stage">
                <div class="preview-panel">
                    <div class="preview-head" id="preview-title" style:background-color=accent style:color=move || text_on(&accent())>
                        {move || public_title(&title.get()).to_owned()}
                    </div>
                    <div class="preview-body">
                        <p class="preview-bubble" id="preview-welcome">
                            {move || if show_offline.get() { offline.get() } else { greeting.get() }}
                        </p>
                    </div>
                    <div class="preview-input">
                        <span>"Type a message…"</span>
                        <span class="preview-send" style:background-color=accent style:color=move || text_on(&accent())>"➤"</span>
                    </div>
                </div>
                <div class="preview-launcher" style:background-color=accent style:color=move || text_on(&accent()) aria-hidden="true">
                    <svg viewBox="0 0 24 24" width="26" height="26" fill="currentColor">
                        <path d="M6 4h14a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z" />
                    </svg>
                </div>
            </div>
        </figure>
    }
}
