//! Finds web links in message text so they can be made clickable without ever treating the
//! text as HTML.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Segment<'a> {
    Text(&'a str),
    Link(&'a str),
}

/// Splits `text` into plain runs and `http(s)://` links. Trailing punctuation stays text.
pub fn segments(text: &str) -> Vec<Segment<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = find_link_start(rest) {
        let after = &rest[start..];
        let end = after.find(char::is_whitespace).unwrap_or(after.len());
        let link =
            after[..end].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']', '\'', '"']);
        if start > 0 {
            out.push(Segment::Text(&rest[..start]));
        }
        out.push(Segment::Link(link));
        rest = &rest[start + link.len()..];
    }
    if !rest.is_empty() {
        out.push(Segment::Text(rest));
    }
    out
}

/// The schemes that may become links: nothing that runs script or opens other handlers.
const WEB_SCHEMES: [&str; 2] = ["https://", "http://"];

/// Whether `url` (e.g. a knowledge source's) may be a link: a whole web address with no space.
pub fn is_web_link(url: &str) -> bool {
    WEB_SCHEMES
        .iter()
        .any(|scheme| url.len() > scheme.len() && url.starts_with(scheme))
        && !url.contains(char::is_whitespace)
}

fn find_link_start(text: &str) -> Option<usize> {
    WEB_SCHEMES
        .iter()
        .filter_map(|scheme| text.find(scheme))
        .filter(|&at| {
            text[at..]
                .split_whitespace()
                .next()
                .is_some_and(|word| word.len() > "https://".len() - 1)
        })
        .min()
}

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

    wasm_bindgen_test_configure!(run_in_browser);

    use super::*;
    use Segment::{Link, Text};

    #[wasm_bindgen_test(unsupported = test)]
    fn splits_links_out_of_text() {
        assert_eq!(
            segments("See https://example.com/pricing?plan=pro, or http://x.io."),
            [
                Text("See "),
                Link("https://example.com/pricing?plan=pro"),
                Text(", or "),
                Link("http://x.io"),
                Text(".")
            ]
        );
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn text_without_links_is_one_run() {
        assert_eq!(segments("no links here"), [Text("no links here")]);
        assert_eq!(segments(""), []);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn only_http_links_become_links() {
        assert_eq!(
            segments("javascript:alert(1)"),
            [Text("javascript:alert(1)")]
        );
        assert_eq!(
            segments("<a href=x>https://a.b</a>"),
            [Text("<a href=x>"), Link("https://a.b</a>")]
        );
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn only_whole_web_addresses_are_web_links() {
        assert!(is_web_link("https://docs.parley.dev/embed"));
        assert!(is_web_link("http://localhost:8080/faq"));
        for not_a_link in [
            "javascript:alert(1)",
            "data:text/html,<b>x</b>",
            "https://",
            "https://a b",
            "faq",
            "",
        ] {
            assert!(!is_web_link(not_a_link), "{not_a_link}");
        }
    }
}
