//! Finding the knowledge that answers a question: FTS5 finds candidate chunks and bm25 orders
//! them; relevance (0–1) is then how much of the question a chunk covers, by word stem, with
//! bm25 as the tie-breaker. bm25 alone cannot say "nothing here answers it": its scale
//! depends on the corpus, and on a small one every score is near zero.

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

const STOPWORDS: &[&str] = &[
    "a", "about", "an", "and", "are", "as", "at", "be", "by", "can", "could", "did", "do", "does",
    "for", "from", "get", "have", "how", "i", "if", "in", "is", "it", "its", "me", "my", "of",
    "on", "or", "our", "please", "should", "so", "that", "the", "their", "there", "this", "to",
    "us", "was", "we", "what", "when", "where", "which", "who", "why", "will", "with", "would",
    "you", "your",
];

/// A question's meaningful words, each once, with their stems.
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
            .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
            .collect::<Vec<_>>()
            .join(" OR ")
    })
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

/// Scores the hits (bm25 order in, relevance order out).
pub fn judge(question: &Terms, hits: Vec<ChunkHit>) -> Vec<Retrieved> {
    let best_rank = hits.iter().map(|h| h.rank).fold(0.0_f64, f64::min);
    let mut judged: Vec<Retrieved> = hits
        .into_iter()
        .map(|hit| {
            let covered = coverage(question, &format!("{} {}", hit.title, hit.content));
            // bm25 ranks are negative, best lowest; a corpus too small to score gives 0s.
            let rank_share = if best_rank < -1e-9 {
                (hit.rank / best_rank).clamp(0.0, 1.0)
            } else {
                1.0
            };
            let relevance = if covered > 0.0 {
                0.8 * covered + 0.2 * rank_share
            } else {
                0.0
            };
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

/// The share of the question's stems the text contains.
fn coverage(question: &Terms, text: &str) -> f64 {
    if question.stems.is_empty() {
        return 0.0;
    }
    let text = terms(text);
    let found = question
        .stems
        .iter()
        .filter(|stem| text.stems.contains(stem))
        .count();
    found as f64 / question.stems.len() as f64
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
    Ok(judge(&terms, hits))
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

    #[test]
    fn terms_drop_stopwords_and_repeat_stems_once() {
        let t = terms("How do REFUNDS work? Refund, refunded... is it quick?");
        assert_eq!(t.words, ["refunds", "work", "quick"]);
        assert_eq!(t.stems, ["refund", "work", "quick"]);
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
        let judged = judge(
            &terms("refund policy"),
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
