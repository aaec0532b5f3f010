//! Finding the knowledge that answers a question: FTS5 finds candidate chunks and bm25 orders
//! them; relevance (0–1) is then how much of the question a chunk covers, with bm25 as the
//! tie-breaker. bm25 alone cannot say "nothing here answers it": its scale depends on the
//! corpus, and on a small one every score is near zero.
//!
//! Coverage weighs each question word by how rare it is in the bot's knowledge (IDF): a word
//! most chunks share ("open") says little, a word no chunk has ("hours") says the knowledge
//! does not answer the question. A word counts fully when the chunk has it in any inflection
//! ("refund", "refunds"), a third when only its stem matches ("located", "location").

use crate::error::ApiResult;
use crate::store::knowledge::{self, ChunkHit};
use parley_shared_types::bot::Source;
use rust_stemmers::{Algorithm, Stemmer};
use worker::D1Database;

/// Candidates fetched from the index per question.
const CANDIDATES: u32 = 8;
/// Below this a chunk is not cited as a source.
const SOURCE_RELEVANCE: f64 = 0.3;
/// At most this many sources per answer.
const MAX_SOURCES: usize = 3;
/// How much of the question the best chunk must cover to answer from it.
pub const ANSWER_RELEVANCE: f64 = 0.5;

/// How much a word whose stem alone matches (another word of its family) counts.
const STEM_ONLY: f64 = 1.0 / 3.0;

/// Words that carry no question; greetings and thanks included, so "Hi, how do I…" is judged
/// by what it asks.
const STOPWORDS: &[&str] = &[
    "a", "about", "an", "and", "are", "as", "at", "be", "by", "can", "could", "did", "do", "does",
    "for", "from", "get", "hello", "hey", "hi", "have", "how", "i", "if", "in", "is", "it", "its",
    "me", "my", "of", "on", "or", "our", "please", "should", "so", "thank", "thanks", "that",
    "the", "their", "there", "this", "to", "us", "was", "we", "what", "when", "where", "which",
    "who", "why", "will", "with", "would", "you", "your",
];

/// The most words of a question retrieval weighs: each is a bound parameter when their
/// rarity is counted, and D1 takes at most 100 per statement.
pub const MAX_TERMS: usize = 32;

/// A question's meaningful words, each once, with their stems (the first [`MAX_TERMS`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Terms {
    pub words: Vec<String>,
    pub stems: Vec<String>,
}

pub fn terms(text: &str) -> Terms {
    let stemmer = Stemmer::create(Algorithm::English);
    let mut terms = Terms {
        words: Vec::new(),
        stems: Vec::new(),
    };
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() > 1 && !STOPWORDS.contains(&w.as_str()))
    {
        if terms.words.len() == MAX_TERMS {
            break;
        }
        let stem = stemmer.stem(&word).into_owned();
        if !terms.stems.contains(&stem) {
            terms.stems.push(stem);
            terms.words.push(word);
        }
    }
    terms
}

/// An FTS5 query matching any of the words; each is quoted, so nothing in a question is
/// read as query syntax.
pub fn fts_query(terms: &Terms) -> Option<String> {
    (!terms.words.is_empty()).then(|| {
        terms
            .words
            .iter()
            .map(|w| quote(w))
            .collect::<Vec<_>>()
            .join(" OR ")
    })
}

/// A word as an FTS5 string, so nothing in it is read as query syntax.
fn quote(word: &str) -> String {
    format!("\"{}\"", word.replace('"', "\"\""))
}

/// A chunk judged against the question.
#[derive(Debug, Clone, PartialEq)]
pub struct Retrieved {
    pub source_id: String,
    pub title: String,
    pub url: Option<String>,
    pub content: String,
    pub relevance: f64,
}

/// How common each question word is in the bot's knowledge: of `chunks`, how many contain
/// each of the question's words (in `Terms::words` order).
#[derive(Debug, Clone, PartialEq)]
pub struct Rarity {
    pub chunks: u64,
    pub containing: Vec<u64>,
}

impl Rarity {
    /// Each word's weight: its inverse document frequency, smoothed so a word no chunk has
    /// weighs most and one every chunk has still weighs a little.
    fn weights(&self, count: usize) -> Vec<f64> {
        (0..count)
            .map(|i| {
                let containing = self.containing.get(i).copied().unwrap_or(0) as f64;
                (1.0 + self.chunks as f64 / (containing + 1.0)).ln()
            })
            .collect()
    }
}

/// Scores the hits (bm25 order in, relevance order out).
pub fn judge(question: &Terms, rarity: &Rarity, hits: Vec<ChunkHit>) -> Vec<Retrieved> {
    let best_rank = hits.iter().map(|h| h.rank).fold(0.0_f64, f64::min);
    let weights = rarity.weights(question.words.len());
    let mut judged: Vec<Retrieved> = hits
        .into_iter()
        .map(|hit| {
            let covered = coverage(
                question,
                &weights,
                &format!("{} {}", hit.title, hit.content),
            );
            // bm25 ranks are negative, best lowest; a corpus too small to score gives 0s.
            let rank_share = if best_rank < -1e-9 {
                (hit.rank / best_rank).clamp(0.0, 1.0)
            } else {
                1.0
            };
            // bm25 only breaks ties: a chunk never scores above its coverage.
            let relevance = covered * (0.8 + 0.2 * rank_share);
            Retrieved {
                relevance: (relevance * 100.0).round() / 100.0,
                source_id: hit.source_id,
                title: hit.title,
                url: hit.url,
                content: hit.content,
            }
        })
        .collect();
    judged.sort_by(|a, b| b.relevance.total_cmp(&a.relevance));
    judged
}

/// The weighted share of the question's words the text contains.
fn coverage(question: &Terms, weights: &[f64], text: &str) -> f64 {
    let total: f64 = weights.iter().sum();
    if question.words.is_empty() || total <= 0.0 {
        return 0.0;
    }
    let text = all_terms(text);
    let found: f64 = question
        .words
        .iter()
        .zip(&question.stems)
        .zip(weights)
        .map(|((word, stem), weight)| {
            let forms = inflections(word);
            let same_word = text
                .words
                .iter()
                .any(|w| inflections(w).iter().any(|f| forms.contains(f)));
            if same_word {
                *weight
            } else if text.stems.contains(stem) {
                weight * STEM_ONLY
            } else {
                0.0
            }
        })
        .sum();
    found / total
}

/// Every meaningful word of a text (not once per stem, as a question's), with its stem.
fn all_terms(text: &str) -> Terms {
    let stemmer = Stemmer::create(Algorithm::English);
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() > 1 && !STOPWORDS.contains(&w.as_str()))
        .collect();
    let stems = words.iter().map(|w| stemmer.stem(w).into_owned()).collect();
    Terms { words, stems }
}

/// The word and what it may be an inflection of ("takes" → "take", "policies" → "policy"):
/// two words sharing one are forms of one word, while words merely sharing a stem
/// ("location", "located") are not.
fn inflections(word: &str) -> Vec<String> {
    let mut forms = vec![word.to_owned()];
    for (suffix, replacement) in [
        ("s", ""),
        ("es", ""),
        ("ies", "y"),
        ("d", ""),
        ("ed", ""),
        ("ing", ""),
        ("ing", "e"),
    ] {
        if let Some(root) = word.strip_suffix(suffix)
            && root.chars().count() >= 3
        {
            forms.push(format!("{root}{replacement}"));
        }
    }
    forms
}

/// The sources to cite: each source once, at its best chunk's relevance, best first.
pub fn sources(retrieved: &[Retrieved]) -> Vec<Source> {
    let mut cited: Vec<Source> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for chunk in retrieved.iter().filter(|c| c.relevance >= SOURCE_RELEVANCE) {
        if seen.contains(&chunk.source_id.as_str()) {
            continue;
        }
        seen.push(&chunk.source_id);
        cited.push(Source {
            title: chunk.title.clone(),
            url: chunk.url.clone(),
            relevance: chunk.relevance,
        });
        if cited.len() == MAX_SOURCES {
            break;
        }
    }
    cited
}

/// The bot's knowledge relevant to `question`, most relevant first.
pub async fn retrieve(db: &D1Database, bot_id: &str, question: &str) -> ApiResult<Vec<Retrieved>> {
    let terms = terms(question);
    let Some(query) = fts_query(&terms) else {
        return Ok(Vec::new());
    };
    let hits = knowledge::search(db, bot_id, &query, CANDIDATES).await?;
    let quoted: Vec<String> = terms.words.iter().map(|w| quote(w)).collect();
    let (chunks, containing) = knowledge::term_counts(db, bot_id, &quoted).await?;
    Ok(judge(&terms, &Rarity { chunks, containing }, hits))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(source: &str, content: &str, rank: f64) -> ChunkHit {
        ChunkHit {
            source_id: source.into(),
            title: format!("{source} title"),
            url: None,
            content: content.into(),
            rank,
        }
    }

    /// Every word of the question equally common.
    fn evenly(question: &Terms) -> Rarity {
        Rarity {
            chunks: 10,
            containing: vec![1; question.words.len()],
        }
    }

    /// A bot's knowledge like the demo's FAQ: (source, chunk).
    const KNOWLEDGE: [(&str, &str); 6] = [
        (
            "take-over",
            "Can my team take over a conversation from the bot?\nYes. In the admin inbox, open the conversation and press Take over.",
        ),
        (
            "parley",
            "What is Parley?\nParley is an open-source live chat and AI chatbot platform.",
        ),
        (
            "pricing",
            "How much does it cost?\nIt is open source and free to self-host.",
        ),
        (
            "data",
            "Where is my data stored? Data location and privacy\nEverything stays in your own Cloudflare account.",
        ),
        (
            "openai",
            "Can I connect OpenAI or another AI model?\nYes. Without one, the built-in engine works offline.",
        ),
        (
            "embed",
            "How do I embed or install the chat widget on my website?\nPaste one script tag before the closing body tag.",
        ),
    ];

    /// The best chunk for `question` in [`KNOWLEDGE`], counting word rarity as FTS5 would
    /// (by stem), every chunk a candidate.
    fn best(question: &str) -> Retrieved {
        let question = terms(question);
        let chunk_terms: Vec<Terms> = KNOWLEDGE.iter().map(|(_, c)| all_terms(c)).collect();
        let rarity = Rarity {
            chunks: KNOWLEDGE.len() as u64,
            containing: question
                .stems
                .iter()
                .map(|stem| {
                    chunk_terms
                        .iter()
                        .filter(|t| t.stems.contains(stem))
                        .count() as u64
                })
                .collect(),
        };
        let hits = KNOWLEDGE
            .iter()
            .map(|(source, content)| hit(source, content, 0.0))
            .collect();
        judge(&question, &rarity, hits).remove(0)
    }

    #[test]
    fn a_common_word_alone_does_not_carry_an_answer() {
        for question in [
            "What are your opening hours?",
            "Does it work with WordPress?",
            "Where are you located?",
        ] {
            let found = best(question);
            assert!(
                found.relevance < ANSWER_RELEVANCE,
                "{question:?} would be answered from {}: {}",
                found.source_id,
                found.relevance
            );
        }
    }

    #[test]
    fn the_distinctive_words_of_a_question_still_find_their_answer() {
        for (question, source) in [
            ("How do I take over a conversation?", "take-over"),
            ("Can I connect OpenAI?", "openai"),
            ("Where is my data stored?", "data"),
            ("Hi! How do I install the widget?", "embed"),
            ("cost?", "pricing"),
        ] {
            let found = best(question);
            assert_eq!(found.source_id, source, "{question:?}");
            assert!(
                found.relevance >= ANSWER_RELEVANCE,
                "{question:?}: {}",
                found.relevance
            );
        }
    }

    #[test]
    fn forms_of_one_word_match_fully_a_shared_stem_only_partly() {
        let forms = |w: &str| inflections(w);
        assert!(forms("takes").contains(&"take".to_owned()));
        assert!(forms("policies").contains(&"policy".to_owned()));
        assert!(forms("opening").contains(&"open".to_owned()));
        assert!(
            !forms("located")
                .iter()
                .any(|f| forms("location").contains(f))
        );
    }

    #[test]
    fn terms_drop_stopwords_and_repeat_stems_once() {
        let t = terms("How do REFUNDS work? Refund, refunded... is it quick?");
        assert_eq!(t.words, ["refunds", "work", "quick"]);
        assert_eq!(t.stems, ["refund", "work", "quick"]);
    }

    #[test]
    fn a_long_question_keeps_its_first_words() {
        let question: Vec<String> = (0..100).map(|i| format!("word{i}")).collect();
        let t = terms(&question.join(" "));
        assert_eq!(t.words.len(), MAX_TERMS);
        assert_eq!(t.words[0], "word0");
    }

    #[test]
    fn fts_query_quotes_every_word() {
        let t = terms("price \"OR\" NEAR(x)");
        assert_eq!(fts_query(&t).unwrap(), "\"price\" OR \"near\"");
        assert_eq!(fts_query(&terms("what is it?")), None);
    }

    #[test]
    fn relevance_prefers_the_chunk_covering_more_of_the_question() {
        let question = terms("How long do refunds take?");
        let judged = judge(
            &question,
            &evenly(&question),
            vec![
                hit("shipping", "Shipping takes 3 days.", -2.0),
                hit("refunds", "Refunds take 5 business days.", -1.5),
            ],
        );
        assert_eq!(judged[0].source_id, "refunds");
        assert!(judged[0].relevance > judged[1].relevance);
        assert!(judged[0].relevance >= ANSWER_RELEVANCE);
        assert!(judged.iter().all(|j| (0.0..=1.0).contains(&j.relevance)));
    }

    #[test]
    fn a_tiny_corpus_with_zero_bm25_still_scores_by_coverage() {
        let question = terms("refund policy");
        let judged = judge(
            &question,
            &evenly(&question),
            vec![hit("a", "Our refund policy.", 0.0)],
        );
        assert_eq!(judged[0].relevance, 1.0);
    }

    #[test]
    fn sources_cite_each_source_once_and_skip_weak_chunks() {
        let chunk = |source: &str, relevance| Retrieved {
            source_id: source.into(),
            title: source.into(),
            url: None,
            content: String::new(),
            relevance,
        };
        let cited = sources(&[
            chunk("a", 0.9),
            chunk("a", 0.8),
            chunk("b", 0.5),
            chunk("c", 0.1),
        ]);
        assert_eq!(
            cited
                .iter()
                .map(|s| (s.title.as_str(), s.relevance))
                .collect::<Vec<_>>(),
            [("a", 0.9), ("b", 0.5)]
        );
    }
}
