//! The widget's weight as a visitor's browser pays it (issue 20): a host page loads the widget
//! and opens the chat in headless Chromium, and everything the page fetched from Parley,
//! besides the API's data, must be files the build measured (dist/sizes.json) and fit the
//! budget at brotli's best quality, as a CDN serves them. Until it does, a ceiling at what it
//! weighs now keeps it from growing.

use parley_tests::fixtures::Team;
use parley_tests::sizes::{
    BuildSizes, LOADER, LOADER_BROTLI_BUDGET, Size, WHOLE_WIDGET, WHOLE_WIDGET_BROTLI_BUDGET,
    WHOLE_WIDGET_BROTLI_CEILING,
};
use parley_tests::widget_page::{open, visit};
use parley_tests::{Browser, Server};

/// The built file a path of Parley's origin serves; `None` for the API's data. The panel's
/// files are served from a folder named by their content hash (`/widget/<build>/…`): copies of
/// the files the build measured.
fn built_file(path: &str) -> Option<String> {
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let data = path.starts_with("/api/") || path.starts_with("/hubs/");
    let file = match path
        .strip_prefix("/widget/")
        .and_then(|rest| rest.split_once('/'))
    {
        Some((_build, file)) => format!("/widget/{file}"),
        None => path.to_owned(),
    };
    (!data).then(|| format!("dist{file}"))
}

#[test]
fn paths_map_to_built_files_and_data_is_not_weight() {
    assert_eq!(built_file("/widget.js").as_deref(), Some(LOADER));
    assert_eq!(
        built_file("/widget/parley_widget_bg.wasm?v=2").as_deref(),
        Some("dist/widget/parley_widget_bg.wasm")
    );
    assert_eq!(
        built_file("/widget/3fa9c2d17b04/parley_widget.js").as_deref(),
        Some("dist/widget/parley_widget.js")
    );
    assert_eq!(built_file("/api/widgets/w/config"), None);
    assert_eq!(built_file("/hubs/chat?conversationId=c"), None);
}

/// The built files the page received from Parley so far (every response the page got:
/// scripts, modules, the wasm, fetches, by URL), then closes the browser.
async fn built_files_loaded(browser: Browser, server: &Server) -> Vec<String> {
    let urls = browser
        .wait_for(
            "the page's resources",
            "return performance.getEntriesByType('resource').map(e => e.name);",
        )
        .await
        .unwrap();
    browser.close().await.unwrap();
    urls.as_array()
        .unwrap()
        .iter()
        .filter_map(|url| url.as_str()?.strip_prefix(&server.base_url))
        .filter_map(built_file)
        .collect()
}

/// The files a page that embeds the widget and opens the chat loaded from Parley (checked to
/// be the build's measured files), and their sizes summed.
async fn opened_widget_weight(sizes: &BuildSizes) -> (Vec<String>, Size) {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let (_page, browser) = visit(&team, "").await;
    open(&browser).await;
    let mut loaded = built_files_loaded(browser, server).await;
    loaded.sort();
    loaded.dedup();
    let mut whole: Vec<String> = WHOLE_WIDGET.iter().map(|f| (*f).to_owned()).collect();
    whole.sort();
    assert_eq!(
        loaded, whole,
        "the page loads the loader, the glue and the wasm from Parley, and nothing else"
    );

    // What was served is what the build measured.
    let http = reqwest::Client::new();
    for file in &loaded {
        let url = format!("{}{}", server.base_url, &file["dist".len()..]);
        let served = http.get(&url).send().await.unwrap().bytes().await.unwrap();
        assert_eq!(
            served.len() as u64,
            sizes.get(file).unwrap().raw,
            "{url} is not the file dist/sizes.json measured: rerun `cargo xtask build`"
        );
    }
    let files: Vec<&str> = loaded.iter().map(String::as_str).collect();
    let total = sizes.total(&files).unwrap();
    (loaded, total)
}

fn described(sizes: &BuildSizes, files: &[String]) -> String {
    let each: Vec<String> = files
        .iter()
        .map(|f| format!("{f}: {}", sizes.get(f).unwrap().brotli))
        .collect();
    each.join(", ")
}

#[tokio::test]
#[ignore = "issue 20: the opened widget is 83.5 KB brotli, over its 60 KB budget; run with --ignored"]
async fn a_page_that_opens_the_chat_loads_no_more_than_the_budget_from_parley() {
    let sizes = BuildSizes::read().unwrap();
    let (files, total) = opened_widget_weight(&sizes).await;
    assert!(
        sizes.get(LOADER).unwrap().brotli <= LOADER_BROTLI_BUDGET,
        "the loader is {} bytes brotli, over its {LOADER_BROTLI_BUDGET}",
        sizes.get(LOADER).unwrap().brotli
    );
    assert!(
        total.brotli <= WHOLE_WIDGET_BROTLI_BUDGET,
        "the opened widget loads {} bytes brotli from Parley, over its {WHOLE_WIDGET_BROTLI_BUDGET} ({})",
        total.brotli,
        described(&sizes, &files)
    );
}

/// Until the budget holds, what the widget weighs today may not grow (lower it as it shrinks).
#[tokio::test]
async fn the_opened_widget_does_not_grow_past_its_current_weight() {
    let sizes = BuildSizes::read().unwrap();
    let (files, total) = opened_widget_weight(&sizes).await;
    assert!(
        total.brotli <= WHOLE_WIDGET_BROTLI_CEILING,
        "the opened widget loads {} bytes brotli from Parley, more than the {WHOLE_WIDGET_BROTLI_CEILING} it weighed ({})",
        total.brotli,
        described(&sizes, &files)
    );
}

/// Before the visitor reaches for the chat, a page pays for the loader alone: the panel is
/// fetched on intent (pointer over or focus on the launcher, or a click), or while the browser
/// is idle only for a visitor whose conversation is under way.
#[tokio::test]
async fn a_page_loads_only_the_loader_until_the_visitor_reaches_for_the_chat() {
    let sizes = BuildSizes::read().unwrap();
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let (_page, browser) = visit(&team, "").await;
    // Past the browser's idle callback and the config fetch, which used to start the panel.
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    let loaded = built_files_loaded(browser, server).await;
    assert_eq!(
        loaded,
        [LOADER],
        "nothing but the loader before the chat is wanted"
    );
    let loader = sizes.get(LOADER).unwrap().brotli;
    assert!(
        loader <= LOADER_BROTLI_BUDGET,
        "the loader is {loader} bytes brotli, over its {LOADER_BROTLI_BUDGET}"
    );
}
