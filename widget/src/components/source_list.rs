use leptos::either::Either;
use leptos::prelude::*;
use parley_shared_types::bot::Source;
use parley_web_client::linkify::is_web_link;

/// Where a bot's answer came from, best first: each title, a link only when its address is a
/// web page (anything else stays text).
#[component]
pub fn SourceList(sources: Vec<Source>, label: String) -> impl IntoView {
    let items = sources
        .into_iter()
        .map(|source| {
            let title = source.title;
            let item = match source.url.filter(|url| is_web_link(url)) {
                Some(url) => Either::Left(view! {
                    <a href=url target="_blank" rel="noopener noreferrer nofollow">{title}</a>
                }),
                None => Either::Right(title),
            };
            view! { <li>{item}</li> }
        })
        .collect_view();
    view! {
        <ul class="parley-sources" aria-label=label.clone() data-label=label>{items}</ul>
    }
}
