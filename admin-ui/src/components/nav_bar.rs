use crate::api::use_api;
use crate::components::alerts_toggle::AlertsToggle;
use crate::feed::use_feed;
use crate::pages::PAGES;
use crate::route::{href, navigate, use_router};
use leptos::prelude::*;
use parley_web_client::hub::HubStatus;

/// The header: the product name, the screens this user may open, who is signed in and
/// whether the live feed is connected.
#[component]
pub fn NavBar() -> impl IntoView {
    let api = use_api();
    let feed = use_feed();
    let page = use_router().page();
    let links = move || {
        let role = api.role()?;
        let current = page.get();
        let links = PAGES
            .iter()
            .filter(|p| p.visible_to(role))
            .enumerate()
            .map(|(i, p)| {
                let active = current == p.path || (current.is_empty() && i == 0);
                view! {
                    <a href=href(p.path, None) aria-current=active.then_some("page")>
                        {p.title}
                    </a>
                }
            })
            .collect_view();
        Some(view! { <nav aria-label="Main" class="main-nav">{links}</nav> })
    };
    let live = move || match feed.status.get() {
        HubStatus::Connected => ("live-on", "Live"),
        HubStatus::Closed => ("live-off", "Offline"),
        _ => ("live-wait", "Connecting…"),
    };
    let user = move || {
        api.user().map(|user| {
            view! {
                <div class="who">
                    <span class=move || format!("live {}", live().0) title="Workspace feed">
                        {move || live().1}
                    </span>
                    <span class="who-name">{user.name.clone()}</span>
                    <span class="role-badge">{user.role.as_str()}</span>
                    <AlertsToggle />
                    <button
                        type="button"
                        class="link-button"
                        id="sign-out"
                        on:click=move |_| {
                            api.sign_out();
                            navigate("#/");
                        }
                    >
                        "Sign out"
                    </button>
                </div>
            }
        })
    };
    view! {
        <header class="shell-header">
            <h1>"Parley"</h1>
            {links}
            {user}
        </header>
    }
}
