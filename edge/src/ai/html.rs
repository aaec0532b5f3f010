//! A web page reduced to the text a reader comes for: scripts, styles, markup and the page's
//! chrome (navigation, sidebars, footers, forms) removed, block elements become paragraph
//! breaks, every HTML5 entity decoded.

/// Elements whose content is never the page's own text: unseen, or the same chrome on every
/// page of a site (which would crowd the knowledge with menus and cookie notices).
const HIDDEN: [&str; 10] = [
    "script", "style", "noscript", "template", "svg", "head", "nav", "aside", "footer", "form",
];
/// Elements that end a paragraph.
const BLOCKS: [&str; 15] = [
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "section",
    "article",
    "header",
    "blockquote",
];

/// The page's `<title>`, if it has one.
pub fn title(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let start = lower.find("<title")?;
    let open_end = start + lower[start..].find('>')? + 1;
    let close = open_end + lower[open_end..].find("</title")?;
    let title = decode_entities(html[open_end..close].trim());
    (!title.is_empty()).then_some(title)
}

/// The visible text, paragraphs separated by blank lines.
pub fn to_text(html: &str) -> String {
    let lower = html.to_ascii_lowercase();
    let mut text = String::new();
    let mut at = 0;
    while let Some(offset) = lower[at..].find('<') {
        let tag_start = at + offset;
        text.push_str(&html[at..tag_start]);
        let Some(tag_len) = lower[tag_start..].find('>') else {
            at = html.len();
            break;
        };
        let tag_end = tag_start + tag_len + 1;
        let name = tag_name(&lower[tag_start + 1..tag_end - 1]);
        at = tag_end;
        if lower[tag_start..].starts_with("<!--") {
            at = lower[tag_start..]
                .find("-->")
                .map_or(html.len(), |end| tag_start + end + 3);
        } else if HIDDEN.contains(&name) && !lower[tag_start + 1..].starts_with('/') {
            let close = format!("</{name}");
            at = lower[tag_end..]
                .find(&close)
                .and_then(|end| {
                    let close_at = tag_end + end;
                    lower[close_at..].find('>').map(|gt| close_at + gt + 1)
                })
                .unwrap_or(html.len());
        } else if BLOCKS.contains(&name) {
            text.push_str("\n\n");
        } else if matches!(name, "td" | "th") {
            text.push(' ');
        }
    }
    if at < html.len() {
        text.push_str(&html[at..]);
    }
    decode_entities(&text)
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// `p` from `p class="x"`, `br` from `br/`, `div` from `/div`.
fn tag_name(inside: &str) -> &str {
    let inside = inside.trim_start_matches('/');
    let end = inside
        .find(|c: char| c.is_whitespace() || c == '/')
        .unwrap_or(inside.len());
    &inside[..end]
}

/// Named (all of HTML5's), decimal and hex references; anything else stays as written.
fn decode_entities(text: &str) -> String {
    html_escape::decode_html_entities(text).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html><head><title>Shipping &amp; Returns</title>
        <style>p { color: red }</style><script>var x = "<p>not text</p>";</script></head>
        <body><h1>Returns</h1><p>Send items back within <b>30&nbsp;days</b>.</p>
        <!-- a comment --><ul><li>Free labels</li><li>Refund in 5 days</li></ul>
        <p>Questions? Write to&#32;us &#x2014; we answer &lt;24h.</p></body></html>"#;

    #[test]
    fn keeps_visible_text_in_paragraphs() {
        assert_eq!(
            to_text(PAGE),
            "Returns\n\nSend items back within 30 days.\n\nFree labels\n\nRefund in 5 days\n\nQuestions? Write to us — we answer <24h."
        );
    }

    #[test]
    fn reads_the_title() {
        assert_eq!(title(PAGE).as_deref(), Some("Shipping & Returns"));
        assert_eq!(title("<p>no title</p>"), None);
    }

    #[test]
    fn survives_broken_markup() {
        assert_eq!(to_text("a <b"), "a");
        assert_eq!(to_text("<script>never closed"), "");
        assert_eq!(
            to_text("fish & chips &bogus; &#xZZ;"),
            "fish & chips &bogus; &#xZZ;"
        );
    }

    #[test]
    fn decodes_every_named_entity() {
        assert_eq!(
            to_text("<p>We&rsquo;re open &mdash; 9&ndash;5&hellip; &euro;5 &copy; Caf&eacute;</p>"),
            "We\u{2019}re open \u{2014} 9\u{2013}5\u{2026} \u{20ac}5 \u{a9} Caf\u{e9}"
        );
    }

    #[test]
    fn leaves_out_navigation_sidebars_footers_and_forms() {
        let page = "<body><nav><a href=/>Home</a> <a href=/shop>Shop</a></nav>\
            <main><p>Refunds take five days.</p></main>\
            <aside>Popular posts</aside><form><label>Email</label><button>Subscribe</button></form>\
            <footer>&copy; Example Ltd</footer></body>";
        assert_eq!(to_text(page), "Refunds take five days.");
    }
}
