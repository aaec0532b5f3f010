use crate::alerts::Alerts;
use crate::api::Api;
use crate::components::nav_bar::NavBar;
use crate::feed::Feed;
use crate::pages::outbox::OutboxPage;
use crate::pages::sign_in::SignInPage;
use crate::pages::sign_up::SignUpPage;
use crate::pages::verify::VerifyPage;
use crate::pages::{self, PAGES};
use crate::route::Router;
use crate::session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

/// The admin shell: session, routes and the live feed as context; the header and the screen
/// the route names (sign-in or sign-up while signed out).
#[component]
pub fn App() -> impl IntoView {
    let api = Api::new();
    provide_context(api);
    let router = Router::start();
    provide_context(router);
    let feed = Feed::start(api);
    provide_context(feed);
    provide_context(Alerts::start(api, feed));
    keep_session_fresh(api);

    let page = router.page();
    let role = Memo::new(move |_| api.role());
    let screen = move || {
        let path = page.get();
        // Links from emails work whoever is signed in on this browser.
        match path.as_str() {
            "verify" => {
                set_title("Creating your workspace");
                return view! { <VerifyPage /> }.into_any();
            }
            "outbox" => {
                set_title("Local outbox");
                return view! { <OutboxPage /> }.into_any();
            }
            _ => {}
        }
        match role.get() {
            None if path == "signup" => {
                set_title("Create a workspace");
                view! { <SignUpPage /> }.into_any()
            }
            None => {
                set_title("");
                view! { <SignInPage /> }.into_any()
            }
            Some(role) => match pages::resolve(&path, role) {
                Ok(page) => {
                    set_title(page.title);
                    (page.render)()
                }
                Err(why) => view! {
                    <section class="notice" role="alert">
                        <p>{why}</p>
                        <p><a href=crate::route::href(PAGES[0].path, None)>"Go to the inbox"</a></p>
                    </section>
                }
                .into_any(),
            },
        }
    };
    view! {
        <NavBar />
        <main id="screen">{screen}</main>
    }
}

/// Renews the access token a minute before it expires, so sockets reconnect with a valid one
/// and requests rarely meet a 401.
fn keep_session_fresh(api: Api) {
    let handle = set_interval_with_handle(
        move || {
            let due = api
                .session
                .with_untracked(|s| s.as_ref().map(|s| s.needs_refresh(session::now_ms())));
            if due == Some(true) {
                spawn_local(async move {
                    let _ = api.refresh(false).await;
                });
            }
        },
        Duration::from_secs(20),
    );
    if let Ok(handle) = handle {
        on_cleanup(move || handle.clear());
    }
}

fn set_title(page: &str) {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        if page.is_empty() {
            document.set_title("Parley admin");
        } else {
            document.set_title(&format!("{page} · Parley admin"));
        }
    }
}
