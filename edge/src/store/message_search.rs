//! The message search index (FTS5): each message's text, fed by the room's summary write and
//! deleted with its conversation. Team-only: every query is narrowed to one workspace.

use super::d1::{Arg, all, statement};
use crate::error::ApiResult;
use parley_shared_types::conversation::SearchMatch;
use serde::Deserialize;
use worker::{D1Database, D1PreparedStatement};

/// What marks a match in FTS5's `snippet()`: characters no message is likely to hold
/// (private use), taken out again by [`highlighted`].
const MARK_START: char = '\u{E000}';
const MARK_END: char = '\u{E001}';
/// How many tokens a snippet shows around the match.
const SNIPPET_TOKENS: u8 = 16;
/// The most words of a search that reach FTS5.
const MAX_TERMS: usize = 8;

/// A stored message's entry in the index.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub message_id: String,
    pub content: String,
}

/// An FTS5 query for a search typed by a person: each word becomes a quoted prefix term
/// (`"refund"*`), all of which must match, so nothing typed is read as query syntax (quotes,
/// `*`, `AND`, `NEAR(`…). `None` when nothing searchable is left.
pub fn fts_query(search: &str) -> Option<String> {
    let terms: Vec<String> = search
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .take(MAX_TERMS)
        .map(|word| format!("\"{word}\"*"))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

/// A snippet with FTS5's marks made into plain text and the marked spans (character offsets).
pub fn highlighted(marked: &str) -> (String, Vec<[u32; 2]>) {
    let mut text = String::new();
    let mut spans = Vec::new();
    let mut chars = 0_u32;
    let mut start = None;
    for c in marked.chars() {
        match c {
            MARK_START => start = Some(chars),
            MARK_END => {
                if let Some(start) = start.take() {
                    spans.push([start, chars]);
                }
            }
            _ => {
                text.push(c);
                chars += 1;
            }
        }
    }
    (text, spans)
}

/// Adds messages to the index (part of the summary's batch).
pub fn add(
    db: &D1Database,
    workspace_id: &str,
    conversation_id: &str,
    entries: &[Entry],
) -> ApiResult<Vec<D1PreparedStatement>> {
    entries
        .iter()
        .map(|entry| {
            statement(
                db,
                "INSERT INTO message_search (content, workspace_id, conversation_id, message_id) VALUES (?, ?, ?, ?)",
                &[
                    entry.content.as_str().into(),
                    workspace_id.into(),
                    conversation_id.into(),
                    entry.message_id.as_str().into(),
                ],
            )
        })
        .collect()
}

/// Deletes a conversation's messages from the index (part of its erasure's batch).
pub fn forget_conversation(
    db: &D1Database,
    workspace_id: &str,
    conversation_id: &str,
) -> ApiResult<D1PreparedStatement> {
    statement(
        db,
        "DELETE FROM message_search WHERE workspace_id = ? AND conversation_id = ?",
        &[workspace_id.into(), conversation_id.into()],
    )
}

/// The SQL condition (on `conversations`) of a content search and its arguments: the
/// conversation has a message matching `fts_query` in the workspace.
pub fn matching_conversations<'a>(
    workspace_id: &'a str,
    fts_query: &'a str,
) -> (&'static str, [Arg<'a>; 2]) {
    (
        "id IN (SELECT conversation_id FROM message_search WHERE message_search MATCH ? AND workspace_id = ?)",
        [fts_query.into(), workspace_id.into()],
    )
}

/// For each of `conversation_ids` (of the workspace), its best-ranked message matching
/// `fts_query`, as a highlighted snippet.
pub async fn best_matches(
    db: &D1Database,
    workspace_id: &str,
    fts_query: &str,
    conversation_ids: &[&str],
) -> ApiResult<Vec<(String, SearchMatch)>> {
    if conversation_ids.is_empty() {
        return Ok(Vec::new());
    }
    #[derive(Deserialize)]
    struct Found {
        conversation_id: String,
        message_id: String,
        snippet: String,
    }
    let placeholders = vec!["?"; conversation_ids.len()].join(", ");
    let sql = format!(
        "SELECT conversation_id, message_id,
                snippet(message_search, 0, char({}), char({}), '…', {SNIPPET_TOKENS}) AS snippet
         FROM message_search
         WHERE message_search MATCH ? AND workspace_id = ? AND conversation_id IN ({placeholders})
         ORDER BY rank",
        u32::from(MARK_START),
        u32::from(MARK_END),
    );
    let mut args: Vec<Arg<'_>> = vec![fts_query.into(), workspace_id.into()];
    args.extend(conversation_ids.iter().map(|id| Arg::from(*id)));
    let found: Vec<Found> = all(db, &sql, &args).await?;
    let mut best: Vec<(String, SearchMatch)> = Vec::new();
    for found in found {
        if best.iter().any(|(id, _)| *id == found.conversation_id) {
            continue;
        }
        let (snippet, highlights) = highlighted(&found.snippet);
        best.push((
            found.conversation_id,
            SearchMatch {
                message_id: found.message_id,
                snippet,
                highlights,
            },
        ));
    }
    Ok(best)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_words_become_quoted_prefix_terms_and_syntax_is_dropped() {
        assert_eq!(
            fts_query("refund card"),
            Some("\"refund\"* \"card\"*".into())
        );
        assert_eq!(fts_query("AND ("), Some("\"AND\"*".into()));
        assert_eq!(
            fts_query("NEAR(a b"),
            Some("\"NEAR\"* \"a\"* \"b\"*".into())
        );
        assert_eq!(fts_query("\"quoted\" *"), Some("\"quoted\"*".into()));
        assert_eq!(fts_query("café-crème"), Some("\"café\"* \"crème\"*".into()));
        for nothing in ["\"", "*", "()", "  - ^ :", ""] {
            assert_eq!(fts_query(nothing), None, "{nothing:?}");
        }
        assert_eq!(
            fts_query("a b c d e f g h i j").map(|q| q.matches('*').count()),
            Some(MAX_TERMS)
        );
    }

    #[test]
    fn marks_become_spans_over_the_plain_snippet() {
        let marked = format!("…the {MARK_START}café{MARK_END} opens at {MARK_START}nine{MARK_END}");
        let (text, spans) = highlighted(&marked);
        assert_eq!(text, "…the café opens at nine");
        assert_eq!(spans, [[5, 9], [19, 23]]);
        let unclosed = format!("a {MARK_START}b");
        assert_eq!(highlighted(&unclosed), ("a b".into(), vec![]));
    }
}
