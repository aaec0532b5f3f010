use crate::markdown::{Block, Run, blocks, plain};
use leptos::either::{Either, EitherOf4};
use leptos::prelude::*;

/// A message's text, drawn as elements and never parsed as HTML: an agent's or the bot's as
/// the markdown subset chat understands, a visitor's as they wrote it. Web addresses link.
/// The widget and the admin UI both draw messages with it (in a `div` of `class`); runs are
/// styled by the classes `parley-b`, `parley-i` and `parley-code`.
#[component]
pub fn MessageText(text: String, markdown: bool, class: &'static str) -> impl IntoView {
    let blocks = if markdown {
        blocks(&text)
    } else {
        plain(&text)
    };
    view! {
        <div class=class>
            {blocks.into_iter().map(block).collect_view()}
        </div>
    }
}

fn block(block: Block) -> impl IntoView {
    match block {
        Block::Paragraph(text) => EitherOf4::A(view! { <p>{runs(text)}</p> }),
        Block::Code(code) => EitherOf4::B(view! { <pre><code>{code}</code></pre> }),
        Block::List { start: None, items } => EitherOf4::C(view! { <ul>{list_items(items)}</ul> }),
        Block::List {
            start: Some(start),
            items,
        } => EitherOf4::D(view! { <ol start=start.to_string()>{list_items(items)}</ol> }),
    }
}

fn list_items(items: Vec<Vec<Run>>) -> impl IntoView {
    items
        .into_iter()
        .map(|item| view! { <li>{runs(item)}</li> })
        .collect_view()
}

fn runs(runs: Vec<Run>) -> impl IntoView {
    runs.into_iter()
        .map(|run| {
            let class = style_class(&run);
            match run.link {
                Some(url) => Either::Left(view! {
                    <a href=url class=class target="_blank" rel="noopener noreferrer nofollow">{run.text}</a>
                }),
                None => Either::Right(view! { <span class=class>{run.text}</span> }),
            }
        })
        .collect_view()
}

/// The run's styles as the panel's classes (`parley-b`, `parley-i`, `parley-code`).
fn style_class(run: &Run) -> Option<String> {
    let class = [
        (run.bold, "parley-b"),
        (run.italic, "parley-i"),
        (run.code, "parley-code"),
    ]
    .into_iter()
    .filter_map(|(on, class)| on.then_some(class))
    .collect::<Vec<_>>()
    .join(" ");
    (!class.is_empty()).then_some(class)
}
