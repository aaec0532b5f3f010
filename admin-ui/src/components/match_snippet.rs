use leptos::prelude::*;
use parley_shared_types::conversation::SearchMatch;

/// Where a search found a conversation: the message's snippet with the matched words in
/// `<mark>`. Every piece is text, never markup, so a message cannot inject any.
#[component]
pub fn MatchSnippet(found: SearchMatch) -> impl IntoView {
    let pieces = found
        .pieces()
        .into_iter()
        .map(|(text, matched)| {
            if matched {
                view! { <mark>{text}</mark> }.into_any()
            } else {
                text.into_any()
            }
        })
        .collect_view();
    view! { <span class="item-preview item-match" data-message-id=found.message_id>{pieces}</span> }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn the_match_is_marked_and_markup_in_a_message_stays_text() {
        let container = crate::test_page::container();
        let found = SearchMatch {
            message_id: "m-1".into(),
            snippet: "<b>refund</b> in five days".into(),
            highlights: vec![[3, 9]],
        };
        leptos::mount::mount_to(container.clone(), move || view! { <MatchSnippet found /> })
            .forget();
        assert_eq!(container.inner_html().matches("<mark>").count(), 1);
        let mark = container.query_selector("mark").unwrap().unwrap();
        assert_eq!(mark.text_content().as_deref(), Some("refund"));
        assert!(
            container.query_selector("b").unwrap().is_none(),
            "no element from the message"
        );
        assert_eq!(
            container.text_content().as_deref(),
            Some("<b>refund</b> in five days")
        );
    }
}
