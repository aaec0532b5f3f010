//! Turning a knowledge source into indexed chunks: text and FAQ pairs at once, web pages
//! fetched at the edge and reduced to text.

use super::{chunk, html};
use crate::clock::now_rfc3339;
use crate::error::ApiResult;
use crate::store::knowledge::{self, NewChunk, SourceRow};
use parley_shared_types::bot::{KnowledgeKind, KnowledgeSourceInput};
use worker::{D1Database, Fetch, Url};

/// The most of a page read, so one huge page cannot exhaust the Worker.
const MAX_PAGE_BYTES: usize = 2_000_000;

/// The chunks of a text or FAQ source (a website has none until fetched).
pub fn chunks_of(input: &KnowledgeSourceInput) -> Vec<String> {
    match input.kind {
        KnowledgeKind::Text => chunk::split_text(input.content.as_deref().unwrap_or_default()),
        KnowledgeKind::Faq => chunk::faq_chunks(input.faqs.as_deref().unwrap_or_default()),
        KnowledgeKind::Website => Vec::new(),
    }
}

/// Indexes `chunks` under the source, or records `Err(reason)` as its error; `source` is
/// left as stored.
pub async fn index(
    db: &D1Database,
    source: &mut SourceRow,
    chunks: Result<Vec<String>, String>,
) -> ApiResult<()> {
    let at = now_rfc3339();
    match &chunks {
        Ok(texts) if texts.is_empty() => {
            knowledge::finish_source(db, source, Err("no text found to learn from"), &at).await
        }
        Ok(texts) => {
            let title = source.title.clone();
            let new: Vec<NewChunk<'_>> = texts
                .iter()
                .map(|content| NewChunk {
                    title: &title,
                    content,
                })
                .collect();
            knowledge::finish_source(db, source, Ok(&new), &at).await
        }
        Err(reason) => knowledge::finish_source(db, source, Err(reason), &at).await,
    }
}

/// A web page's title and text chunks; `Err` says why it could not be read.
pub async fn fetch_page(url: &str) -> Result<(Option<String>, Vec<String>), String> {
    let parsed = Url::parse(url).map_err(|e| format!("not a URL: {e}"))?;
    let mut response = Fetch::Url(parsed)
        .send()
        .await
        .map_err(|e| format!("could not fetch {url}: {e}"))?;
    let status = response.status_code();
    if !(200..300).contains(&status) {
        return Err(format!("{url} answered {status}"));
    }
    let content_type = response
        .headers()
        .get("content-type")
        .ok()
        .flatten()
        .unwrap_or_default();
    let body = response
        .text()
        .await
        .map_err(|e| format!("could not read {url}: {e}"))?;
    let body = &body[..floor_char_boundary(&body, MAX_PAGE_BYTES)];
    if content_type.starts_with("text/plain") {
        return Ok((None, chunk::split_text(body)));
    }
    if !content_type.contains("html") {
        return Err(format!(
            "{url} is {content_type:?}; only HTML and plain text pages can be learned"
        ));
    }
    Ok((html::title(body), chunk::split_text(&html::to_text(body))))
}

fn floor_char_boundary(text: &str, max: usize) -> usize {
    let mut end = max.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    end
}
