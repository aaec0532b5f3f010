//! Splits knowledge into chunks small enough to retrieve precisely and to fit a prompt.

use parley_shared_types::bot::FaqPair;

/// Target chunk size in characters: a paragraph or two.
pub const CHUNK_CHARS: usize = 800;

/// Paragraphs packed into chunks of about [`CHUNK_CHARS`]; a longer paragraph is split at
/// sentence ends, and a longer sentence at word boundaries.
pub fn split_text(text: &str) -> Vec<String> {
    let mut chunks = Vec::new();
    let mut current = String::new();
    for piece in text
        .split("\n\n")
        .map(normalize_space)
        .filter(|p| !p.is_empty())
        .flat_map(|p| pieces_of(&p))
    {
        if !current.is_empty() && current.chars().count() + 1 + piece.chars().count() > CHUNK_CHARS
        {
            chunks.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(&piece);
    }
    if !current.is_empty() {
        chunks.push(current);
    }
    chunks
}

/// One chunk per pair, the question first so both match a visitor's wording.
pub fn faq_chunks(pairs: &[FaqPair]) -> Vec<String> {
    pairs
        .iter()
        .map(|pair| {
            format!(
                "{}\n{}",
                normalize_space(&pair.question),
                normalize_space(&pair.answer)
            )
        })
        .collect()
}

fn normalize_space(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A paragraph as pieces of at most [`CHUNK_CHARS`].
fn pieces_of(paragraph: &str) -> Vec<String> {
    if paragraph.chars().count() <= CHUNK_CHARS {
        return vec![paragraph.to_owned()];
    }
    let mut pieces = Vec::new();
    let mut current = String::new();
    for sentence in sentences(paragraph)
        .into_iter()
        .flat_map(|s| split_words(s, CHUNK_CHARS))
    {
        if !current.is_empty()
            && current.chars().count() + 1 + sentence.chars().count() > CHUNK_CHARS
        {
            pieces.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(&sentence);
    }
    if !current.is_empty() {
        pieces.push(current);
    }
    pieces
}

/// Sentences, each keeping its final punctuation.
pub fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        let ends = matches!(c, '.' | '!' | '?')
            && bytes
                .get(i + 1)
                .is_none_or(|next| next.is_ascii_whitespace());
        if ends {
            let sentence = text[start..=i].trim();
            if !sentence.is_empty() {
                out.push(sentence);
            }
            start = i + 1;
        }
    }
    let rest = text[start..].trim();
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

/// Text of at most `max` characters per piece, cut between words.
fn split_words(text: &str, max: usize) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let word: String = word.chars().take(max).collect();
        if !current.is_empty() && current.chars().count() + 1 + word.chars().count() > max {
            pieces.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(&word);
    }
    if !current.is_empty() {
        pieces.push(current);
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_paragraphs_share_a_chunk() {
        assert_eq!(
            split_text("Refunds take 5 days.\n\nShipping is free."),
            ["Refunds take 5 days. Shipping is free."]
        );
    }

    #[test]
    fn long_text_splits_at_sentences_and_no_chunk_is_too_long() {
        let sentence = "Parley answers visitors on any website in real time. ";
        let text = sentence.repeat(60);
        let chunks = split_text(&text);
        assert!(chunks.len() > 1);
        for chunk in &chunks {
            assert!(chunk.chars().count() <= CHUNK_CHARS, "{}", chunk.len());
            assert!(chunk.ends_with('.'));
        }
        let words: usize = chunks.iter().map(|c| c.split_whitespace().count()).sum();
        assert_eq!(words, text.split_whitespace().count());
    }

    #[test]
    fn a_sentence_longer_than_a_chunk_splits_between_words() {
        let text = "word ".repeat(400);
        let chunks = split_text(&text);
        assert!(chunks.iter().all(|c| c.chars().count() <= CHUNK_CHARS));
        assert_eq!(chunks.concat().matches("word").count(), 400);
    }

    #[test]
    fn faq_pairs_become_one_chunk_each() {
        let pairs = [FaqPair {
            question: "How do refunds  work?".into(),
            answer: "Within 14 days.\n".into(),
        }];
        assert_eq!(
            faq_chunks(&pairs),
            ["How do refunds work?\nWithin 14 days."]
        );
    }

    #[test]
    fn sentences_keep_their_punctuation() {
        assert_eq!(
            sentences("It costs $5.50 a month. Really? Yes!"),
            ["It costs $5.50 a month.", "Really?", "Yes!"]
        );
    }
}
