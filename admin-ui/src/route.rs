//! Hash routes (`/admin/#/inbox/<id>`): the asset server only knows `/admin/`, so the screen
//! and its argument live in the fragment, which also makes every screen a shareable link.

use leptos::prelude::*;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Route {
    /// The screen's path, e.g. `inbox`; empty for the default screen.
    pub page: String,
    /// What follows it, e.g. a conversation id.
    pub rest: Option<String>,
}

impl Route {
    /// Reads `#/inbox/abc` (leading `#` and `/` optional).
    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_matches('/');
        let (page, rest) = match path.split_once('/') {
            Some((page, rest)) => (page, Some(rest.trim_matches('/').to_owned())),
            None => (path, None),
        };
        Route {
            page: page.to_owned(),
            rest: rest.filter(|r| !r.is_empty()),
        }
    }
}

/// The link to a screen, with an optional argument.
pub fn href(page: &str, rest: Option<&str>) -> String {
    match rest {
        Some(rest) => format!("#/{page}/{rest}"),
        None => format!("#/{page}"),
    }
}

/// The current route, following `hashchange`. Provided as context by the app.
#[derive(Clone, Copy)]
pub struct Router {
    pub route: RwSignal<Route>,
}

impl Router {
    pub fn start() -> Router {
        let route = RwSignal::new(Route::parse(&current_hash()));
        let handle = window_event_listener(leptos::ev::hashchange, move |_| {
            route.set(Route::parse(&current_hash()));
        });
        on_cleanup(move || handle.remove());
        Router { route }
    }

    pub fn page(&self) -> Memo<String> {
        let route = self.route;
        Memo::new(move |_| route.with(|r| r.page.clone()))
    }

    pub fn rest(&self) -> Memo<Option<String>> {
        let route = self.route;
        Memo::new(move |_| route.with(|r| r.rest.clone()))
    }
}

pub fn use_router() -> Router {
    expect_context::<Router>()
}

fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Goes to `hash` (e.g. from [`href`]); the `hashchange` listener updates the route.
pub fn navigate(hash: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.location().set_hash(hash);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn reads_screen_and_argument_from_the_fragment() {
        assert_eq!(Route::parse(""), Route::default());
        assert_eq!(
            Route::parse("#/inbox"),
            Route {
                page: "inbox".into(),
                rest: None
            }
        );
        assert_eq!(
            Route::parse("#/inbox/c-1/"),
            Route {
                page: "inbox".into(),
                rest: Some("c-1".into())
            }
        );
        assert_eq!(Route::parse("#/widgets/"), Route::parse("widgets"));
        assert_eq!(href("inbox", Some("c-1")), "#/inbox/c-1");
        assert_eq!(Route::parse(&href("team", None)).page, "team");
    }
}
