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
    /// Reads `#/inbox/abc` (leading `#` and `/` optional); a query (`?checkout=success`,
    /// see [`hash_query`]) is not part of the route.
    pub fn parse(hash: &str) -> Route {
        let path = hash.split('?').next().unwrap_or_default();
        let path = path.trim_start_matches('#').trim_matches('/');
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

/// The value of `name` in the fragment's query: `checkout` in `#/billing?checkout=success`
/// (where a payment page sends the payer back) is `success`.
pub fn hash_query(hash: &str, name: &str) -> Option<String> {
    let (_, query) = hash.split_once('?')?;
    query
        .split('&')
        .filter_map(|pair| pair.split_once('=').or(Some((pair, ""))))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_owned())
}

/// The current fragment's [`hash_query`] value of `name`.
pub fn current_query(name: &str) -> Option<String> {
    hash_query(&current_hash(), name)
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

    #[wasm_bindgen_test(unsupported = test)]
    fn a_query_in_the_fragment_is_read_apart_from_the_route() {
        assert_eq!(
            Route::parse("#/billing?checkout=success"),
            Route {
                page: "billing".into(),
                rest: None
            }
        );
        assert_eq!(Route::parse("#/inbox/c-1?x=1").rest.as_deref(), Some("c-1"));
        let hash = "#/billing?checkout=success&plan=plan-growth";
        assert_eq!(hash_query(hash, "checkout").as_deref(), Some("success"));
        assert_eq!(hash_query(hash, "plan").as_deref(), Some("plan-growth"));
        assert_eq!(hash_query(hash, "check"), None);
        assert_eq!(hash_query("#/billing", "checkout"), None);
        assert_eq!(
            hash_query("#/billing?checkout", "checkout").as_deref(),
            Some("")
        );
    }
}
