//! The Parley admin UI: Leptos CSR, served under /admin by the edge's assets. Agents answer
//! conversations live in the inbox; admins also get the dashboard, widgets and the team.
//! Layout as in Leptos' hackernews example: `api` holds every call to the edge, `pages/` one
//! file per screen, `components/` the shared pieces.

mod alerts;
mod api;
mod app;
mod bot_fields;
mod components;
mod download;
mod export;
mod external;
mod feed;
mod figures;
mod filter;
mod form;
mod history;
mod money;
mod pages;
mod poll;
mod report_range;
mod route;
mod session;
mod subscription;
#[cfg(test)]
mod test_page;
mod usage;

use wasm_bindgen::prelude::*;

#[wasm_bindgen(start)]
pub fn start() {
    leptos::mount::mount_to_body(app::App);
}
