//! A web page reduced to the text a reader sees: scripts, styles and markup removed, block
//! elements become paragraph breaks, entities decoded.

/// Elements whose content is never text a reader sees.
const HIDDEN: [&str; 6] = ["script", "style", "noscript", "template", "svg", "head"];
/// Elements that end a paragraph.
const BLOCKS: [&str; 16] = [
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
    "footer",
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

fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = rest
            .find(';')
            .filter(|&semi| semi <= 10)
            .and_then(|semi| entity(&rest[1..semi]).map(|c| (c, semi + 1)));
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
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
}
