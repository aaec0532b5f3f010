//! The Parley chat widget. The loader (`loader/loader.js`) draws the launcher inside a Shadow
//! DOM at once and calls [`mount`] when the visitor opens the chat or the page is idle.

mod chat;
mod components;
mod events;
mod outbox;
mod rows;
mod session;
mod timeline;

use chat::{Chat, Host};
use components::panel::Panel;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

/// Renders the chat into `panel` (inside the loader's shadow root) and resumes any saved
/// conversation. `config_json` is the widget's public config (or "null" if it could not be
/// read); `emit(name, payload)` fires the page's `Parley.on` listeners; `identity()` returns
/// the JSON the page gave `Parley.identify`; `texts()` the texts in the visitor's language.
#[wasm_bindgen]
#[allow(clippy::too_many_arguments)] // the loader's call: plain arguments cross to wasm cheapest
pub fn mount(
    panel: web_sys::HtmlElement,
    widget_id: String,
    base_url: String,
    config_json: String,
    locale: String,
    emit: js_sys::Function,
    identity: js_sys::Function,
    texts: js_sys::Function,
) {
    let config = parley_web_client::json::parse(&config_json)
        .and_then(|config| parley_web_client::json::FromJs::from_js(&config));
    let host = Host {
        panel: panel.clone(),
        emit,
        identity,
        texts,
    };
    let chat = Chat::new(widget_id, base_url, config, locale, host);
    let draw = move || leptos::mount::mount_to(panel.clone(), move || view! { <Panel chat /> });
    let drawn = std::cell::RefCell::new(Some(draw()));
    // Drawn anew when the page changes the language (dropping the old one takes it down).
    chat.on_panel("parley-texts", move || {
        drawn.borrow_mut().take();
        *drawn.borrow_mut() = Some(draw());
    });
    chat.start();
}
