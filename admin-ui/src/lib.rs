//! The Parley admin UI: Leptos CSR, served under /admin by the edge's assets.

mod api;
mod app;
mod components;

use wasm_bindgen::prelude::*;

#[wasm_bindgen(start)]
pub fn start() {
    leptos::mount::mount_to_body(app::App);
}
