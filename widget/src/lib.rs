//! The Parley chat widget. The loader (`loader/loader.js`) draws the launcher inside a Shadow
//! DOM at once and calls [`mount`] only when the visitor opens the chat or the page is idle.

mod components;

use components::panel::Panel;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

/// Renders the chat panel into `container`, an element inside the loader's shadow root.
#[wasm_bindgen]
pub fn mount(container: web_sys::HtmlElement, widget_id: String) {
    leptos::mount::mount_to(container, move || view! { <Panel widget_id /> }).forget();
}
