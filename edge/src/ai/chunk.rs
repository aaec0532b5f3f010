//! Splits knowledge into chunks small enough to retrieve precisely and to fit a prompt.

use parley_shared_types::bot::FaqPair;
use unicode_segmentation::UnicodeSegmentation;

/// Target chunk size in characters: a paragraph or two.
pub const CHUNK_CHARS: usize = 800;

/// Paragraphs packed into chunks of about [`CHUNK_CHARS`]; a longer paragraph is split at
/// sentence ends, a longer sentence at word boundaries, and a longer word between characters.
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

/// A paragraph as pieces of at most [`CHUNK_CHARS`], cut at sentence ends where it can.
/// Nothing is dropped: the pieces hold every character of the paragraph, in order.
fn pieces_of(paragraph: &str) -> Vec<String> {
    if paragraph.chars().count() <= CHUNK_CHARS {
        return vec![paragraph.to_owned()];
    }
    let mut pieces = Vec::new();
    let mut current = String::new();
    // `current` never starts with a space, so its length plus the segment's (less a trailing
    // space, which the cut trims) is the piece's length.
    let mut current_chars = 0;
    for segment in paragraph
        .split_sentence_bounds()
        .flat_map(|sentence| fitting(sentence, CHUNK_CHARS))
    {
        if current_chars > 0 && current_chars + char_len(segment.trim_end()) > CHUNK_CHARS {
            pieces.push(current.trim().to_owned());
            current.clear();
            current_chars = 0;
        }
        let segment = if current.is_empty() {
            segment.trim_start()
        } else {
            segment
        };
        current.push_str(segment);
        current_chars += char_len(segment);
    }
    if !current.trim().is_empty() {
        pieces.push(current.trim().to_owned());
    }
    pieces
}

/// Sentences by the Unicode rules (so `。！？` end them too), each keeping its final
/// punctuation.
pub fn sentences(text: &str) -> Vec<&str> {
    text.split_sentence_bounds()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// `text` as consecutive slices of at most `max` characters: whole if it fits, else cut
/// between words (each CJK character is a word), and a word longer than `max` (a long URL)
/// between characters.
fn fitting(text: &str, max: usize) -> Vec<&str> {
    if char_len(text.trim()) <= max {
        return vec![text];
    }
    text.split_word_bounds()
        .flat_map(|word| {
            if char_len(word) <= max {
                vec![word]
            } else {
                runs_of_graphemes(word, max)
            }
        })
        .collect()
}

/// `word` cut into runs of `max` grapheme clusters (never inside one).
fn runs_of_graphemes(word: &str, max: usize) -> Vec<&str> {
    let mut runs = Vec::new();
    let mut start = 0;
    for (count, (at, _)) in word.grapheme_indices(true).enumerate() {
        if count > 0 && count % max == 0 {
            runs.push(&word[start..at]);
            start = at;
        }
    }
    runs.push(&word[start..]);
    runs
}

fn char_len(text: &str) -> usize {
    text.chars().count()
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

    /// Every non-space character of `text`, in order: what chunking must keep.
    fn letters(text: &str) -> String {
        text.chars().filter(|c| !c.is_whitespace()).collect()
    }

    #[test]
    fn a_long_run_without_spaces_is_kept_whole_across_chunks() {
        let url = format!("https://example.com/{}", "a1b2c3d4".repeat(250));
        let chinese = "退款在五个工作日内到账".repeat(100);
        for text in [url, chinese] {
            let chunks = split_text(&text);
            assert!(chunks.len() > 1, "{} chars in one chunk", text.len());
            assert!(chunks.iter().all(|c| c.chars().count() <= CHUNK_CHARS));
            assert_eq!(letters(&chunks.concat()), letters(&text));
        }
    }

    #[test]
    fn cjk_sentences_end_at_their_own_punctuation() {
        assert_eq!(
            sentences("退款需要五天。可以改地址吗？可以！"),
            ["退款需要五天。", "可以改地址吗？", "可以！"]
        );
        let sentence = "配送は無料です。";
        let text = sentence.repeat(150);
        let chunks = split_text(&text);
        assert!(chunks.len() > 1);
        for chunk in &chunks {
            assert!(chunk.chars().count() <= CHUNK_CHARS);
            assert!(chunk.ends_with('。'), "{chunk}");
        }
        assert_eq!(letters(&chunks.concat()), letters(&text));
    }
}
