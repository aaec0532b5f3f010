//! The markdown subset agents and bots write in chat (paragraphs, bold, italic, inline code,
//! code blocks, lists, links), read into a flat shape the UIs draw as elements: never as
//! HTML, so nothing in a message can add markup or script. Links are kept only for http,
//! https and mailto addresses; anything else stays text. Bare web addresses become links.

use crate::linkify::{Segment, segments};

/// A block of a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// Lines of text (their line breaks kept as `\n`).
    Paragraph(Vec<Run>),
    /// A fenced code block's lines, as written.
    Code(String),
    /// A list; `start` is the first number of an ordered list, `None` for bullets.
    List {
        start: Option<u32>,
        items: Vec<Vec<Run>>,
    },
}

/// A stretch of text with one style.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Run {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    pub code: bool,
    /// The address the run links to (http, https or mailto only).
    pub link: Option<String>,
}

/// Reads `text` as markdown.
pub fn blocks(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        if trimmed.is_empty() {
            continue;
        }
        if trimmed.starts_with("```") {
            let mut code = Vec::new();
            for line in lines.by_ref() {
                if line.trim_start().starts_with("```") {
                    break;
                }
                code.push(line);
            }
            blocks.push(Block::Code(code.join("\n")));
        } else if let Some((start, first)) = list_item(trimmed) {
            let mut items = vec![first.to_owned()];
            while let Some(next) = lines.peek() {
                let next_trimmed = next.trim_start();
                if next_trimmed.is_empty() {
                    break;
                }
                match list_item(next_trimmed) {
                    Some((next_start, text)) if next_start.is_some() == start.is_some() => {
                        items.push(text.to_owned())
                    }
                    Some(_) => break,
                    // An indented line continues the item above it.
                    None if next.starts_with([' ', '\t']) => {
                        let last = items.last_mut().expect("a first item");
                        last.push('\n');
                        last.push_str(next_trimmed);
                    }
                    None => break,
                }
                lines.next();
            }
            let items = items.iter().map(|item| runs(item)).collect();
            blocks.push(Block::List { start, items });
        } else {
            let mut paragraph = vec![line.trim()];
            while let Some(next) = lines.peek() {
                let next_trimmed = next.trim_start();
                if next_trimmed.is_empty()
                    || next_trimmed.starts_with("```")
                    || list_item(next_trimmed).is_some()
                {
                    break;
                }
                paragraph.push(next.trim());
                lines.next();
            }
            blocks.push(Block::Paragraph(runs(&paragraph.join("\n"))));
        }
    }
    blocks
}

/// Text nobody styles (a visitor's): one paragraph, as written, its web addresses linked.
pub fn plain(text: &str) -> Vec<Block> {
    let mut runs = Vec::new();
    flush(&mut text.to_owned(), &Run::default(), &mut runs);
    vec![Block::Paragraph(runs)]
}

/// A list item's marker: `- `, `* ` or `+ ` (bullets: `None`), or `3. ` / `3) ` (its number),
/// and the item's text.
fn list_item(line: &str) -> Option<(Option<u32>, &str)> {
    if let Some(text) = ["- ", "* ", "+ "]
        .iter()
        .find_map(|marker| line.strip_prefix(marker))
    {
        return Some((None, text.trim()));
    }
    let digits = line.find(|c: char| !c.is_ascii_digit())?;
    let rest = &line[digits..];
    let text = rest
        .strip_prefix(". ")
        .or_else(|| rest.strip_prefix(") "))?;
    // By hand: the number parser would cost the widget more than this whole module.
    let number = (1..=9).contains(&digits).then(|| {
        line[..digits]
            .bytes()
            .fold(0, |number, digit| number * 10 + u32::from(digit - b'0'))
    })?;
    Some((Some(number), text.trim()))
}

/// The inline styles of `text`, as runs.
pub fn runs(text: &str) -> Vec<Run> {
    let mut out = Vec::new();
    inline(text, Run::default(), &mut out);
    merge_adjacent(out)
}

/// Appends `text`'s runs to `out`, each with the styles of `style` plus its own.
fn inline(text: &str, style: Run, out: &mut Vec<Run>) {
    let mut plain = String::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if let Some(after) = styled(rest, &style, out, &mut plain) {
            rest = after;
            continue;
        }
        if c == '\\'
            && let Some(escaped) = rest[1..]
                .chars()
                .next()
                .filter(|c| c.is_ascii_punctuation())
        {
            plain.push(escaped);
            rest = &rest[1 + escaped.len_utf8()..];
            continue;
        }
        plain.push(c);
        rest = &rest[c.len_utf8()..];
    }
    flush(&mut plain, &style, out);
}

/// If `rest` starts a styled span (code, link, bold or italic), writes what came before it
/// (`plain`) and the span to `out` and returns what follows it.
fn styled<'a>(
    rest: &'a str,
    style: &Run,
    out: &mut Vec<Run>,
    plain: &mut String,
) -> Option<&'a str> {
    if let Some(inner) = rest.strip_prefix('`') {
        let end = inner.find('`').filter(|&end| end > 0)?;
        flush(plain, style, out);
        out.push(Run {
            text: inner[..end].to_owned(),
            code: true,
            ..style.clone()
        });
        return Some(&inner[end + 1..]);
    }
    if style.link.is_none()
        && let Some((label, url, after)) = link(rest)
    {
        flush(plain, style, out);
        let linked = Run {
            link: Some(url.to_owned()),
            ..style.clone()
        };
        inline(label, linked, out);
        return Some(after);
    }
    for (marker, bold) in [("**", true), ("__", true), ("*", false), ("_", false)] {
        let Some(inner) = rest.strip_prefix(marker) else {
            continue;
        };
        // `_` styles only whole words: snake_case names stay as written. (ASCII words: the
        // Unicode tables would cost the widget kilobytes.)
        if marker.starts_with('_') && plain.ends_with(|c: char| c.is_ascii_alphanumeric()) {
            continue;
        }
        let end = closing(inner, marker)?;
        flush(plain, style, out);
        let mut inner_style = style.clone();
        if bold {
            inner_style.bold = true;
        } else {
            inner_style.italic = true;
        }
        inline(&inner[..end], inner_style, out);
        return Some(&inner[end + marker.len()..]);
    }
    None
}

/// Where `marker` closes a span that opens right before `text`: not right after the opening,
/// not after a space, and for `_` not inside a word.
fn closing(text: &str, marker: &str) -> Option<usize> {
    if text.starts_with(char::is_whitespace) {
        return None;
    }
    let mut from = 0;
    while let Some(at) = text[from..].find(marker).map(|at| from + at) {
        let after = &text[at + marker.len()..];
        let doubled = marker.len() == 1 && after.starts_with(marker);
        let word_inside =
            marker.starts_with('_') && after.starts_with(|c: char| c.is_ascii_alphanumeric());
        if at > 0 && !text[..at].ends_with(char::is_whitespace) && !doubled && !word_inside {
            // `***` after an inner `*…` closes the inner span first, then this one.
            let tripled = marker.len() == 2 && after.starts_with(&marker[..1]);
            return Some(at + usize::from(tripled));
        }
        from = at + marker.len() + usize::from(doubled);
    }
    None
}

/// `[label](url)` at the start of `text`, for an http, https or mailto address.
fn link(text: &str) -> Option<(&str, &str, &str)> {
    let inner = text.strip_prefix('[')?;
    let label_end = inner.find("](")?;
    let label = &inner[..label_end];
    let target = &inner[label_end + 2..];
    let url_end = target.find(')')?;
    let url = target[..url_end].trim();
    let allowed = ["https://", "http://", "mailto:"]
        .iter()
        .any(|scheme| url.len() > scheme.len() && url.starts_with(scheme));
    (allowed && !label.is_empty() && !url.contains(char::is_whitespace))
        .then(|| (label, url, &target[url_end + 1..]))
}

/// Writes the plain text so far as runs of `style`, its bare web addresses as links (unless
/// it is already inside one).
fn flush(plain: &mut String, style: &Run, out: &mut Vec<Run>) {
    let text = std::mem::take(plain);
    if style.link.is_some() {
        out.push(Run {
            text,
            ..style.clone()
        });
        return;
    }
    for segment in segments(&text) {
        let (text, link) = match segment {
            Segment::Text(text) => (text, None),
            Segment::Link(url) => (url, Some(url.to_owned())),
        };
        out.push(Run {
            text: text.to_owned(),
            link,
            ..style.clone()
        });
    }
}

/// Runs of one style next to each other become one.
fn merge_adjacent(runs: Vec<Run>) -> Vec<Run> {
    let mut merged: Vec<Run> = Vec::with_capacity(runs.len());
    for run in runs {
        match merged.last_mut() {
            Some(last)
                if (last.bold, last.italic, last.code, &last.link)
                    == (run.bold, run.italic, run.code, &run.link)
                    && last.link.is_none() =>
            {
                last.text.push_str(&run.text)
            }
            _ => merged.push(run),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Run {
        Run {
            text: text.into(),
            ..Run::default()
        }
    }

    fn styled_run(text: &str, bold: bool, italic: bool, code: bool) -> Run {
        Run {
            bold,
            italic,
            code,
            ..run(text)
        }
    }

    fn linked(text: &str, url: &str) -> Run {
        Run {
            link: Some(url.into()),
            ..run(text)
        }
    }

    #[test]
    fn paragraphs_keep_their_line_breaks_and_split_on_blank_lines() {
        assert_eq!(
            blocks("Hello,\nthanks for waiting.\n\n  Next one  "),
            [
                Block::Paragraph(vec![run("Hello,\nthanks for waiting.")]),
                Block::Paragraph(vec![run("Next one")]),
            ]
        );
        assert_eq!(blocks(""), []);
        assert_eq!(blocks("\n \n"), []);
    }

    #[test]
    fn bold_italic_and_code_nest() {
        assert_eq!(
            runs("a **bold *and italic*** and _this_ `x * y`"),
            [
                run("a "),
                styled_run("bold ", true, false, false),
                styled_run("and italic", true, true, false),
                run(" and "),
                styled_run("this", false, true, false),
                run(" "),
                styled_run("x * y", false, false, true),
            ]
        );
    }

    #[test]
    fn what_is_not_a_span_stays_as_written() {
        for text in [
            "2 * 3 * 4",
            "snake_case_name and __init__.py",
            "** not bold**",
            "unclosed **bold",
            "a lone ` tick",
            "``",
        ] {
            let plain: String = runs(text).iter().map(|r| r.text.as_str()).collect();
            assert_eq!(plain, text.replace("__init__", "init"), "{text}");
        }
        assert_eq!(runs("2 * 3 * 4"), [run("2 * 3 * 4")]);
        assert_eq!(runs("snake_case_name"), [run("snake_case_name")]);
        assert_eq!(runs(r"\*not italic\*"), [run("*not italic*")]);
    }

    #[test]
    fn links_only_to_web_and_mail_addresses() {
        assert_eq!(
            runs("See [the docs](https://parley.dev/docs) or [mail us](mailto:hi@parley.dev)."),
            [
                run("See "),
                linked("the docs", "https://parley.dev/docs"),
                run(" or "),
                linked("mail us", "mailto:hi@parley.dev"),
                run("."),
            ]
        );
        for hostile in [
            "[click](javascript:alert(1))",
            "[x](data:text/html,<script>alert(1)</script>)",
            "[x](vbscript:msgbox)",
            "[x](//evil.example)",
        ] {
            assert!(runs(hostile).iter().all(|r| r.link.is_none()), "{hostile}");
        }
        assert_eq!(
            runs("Try https://parley.dev/pricing, it helps"),
            [
                run("Try "),
                linked("https://parley.dev/pricing", "https://parley.dev/pricing"),
                run(", it helps"),
            ]
        );
    }

    #[test]
    fn markup_is_text() {
        let text = "<img src=x onerror=alert(1)> <b>hi</b>";
        assert_eq!(blocks(text), [Block::Paragraph(vec![run(text)])]);
    }

    #[test]
    fn lists_and_code_blocks() {
        let text = "Steps:\n1. Open **Settings**\n2. Click *Save*\n   then wait\n\n- one\n* two\n\n```\nlet x = 1;\n  **not bold**\n```\nDone";
        assert_eq!(
            blocks(text),
            [
                Block::Paragraph(vec![run("Steps:")]),
                Block::List {
                    start: Some(1),
                    items: vec![
                        vec![run("Open "), styled_run("Settings", true, false, false)],
                        vec![
                            run("Click "),
                            styled_run("Save", false, true, false),
                            run("\nthen wait")
                        ],
                    ]
                },
                Block::List {
                    start: None,
                    items: vec![vec![run("one")], vec![run("two")]]
                },
                Block::Code("let x = 1;\n  **not bold**".into()),
                Block::Paragraph(vec![run("Done")]),
            ]
        );
        assert_eq!(
            blocks("3) third\n4) fourth"),
            [Block::List {
                start: Some(3),
                items: vec![vec![run("third")], vec![run("fourth")]]
            }]
        );
        // As in CommonMark: drawn as "2024. was a year" all the same.
        assert_eq!(
            blocks("2024. was a year"),
            [Block::List {
                start: Some(2024),
                items: vec![vec![run("was a year")]]
            }]
        );
        assert_eq!(
            blocks("1234567890. too long"),
            [Block::Paragraph(vec![run("1234567890. too long")])]
        );
    }
}
