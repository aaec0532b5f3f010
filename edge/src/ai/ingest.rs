//! Turning a knowledge source into indexed chunks: text and FAQ pairs at once, web pages
//! fetched at the edge and reduced to text.

use super::{chunk, html};
use crate::clock::now_rfc3339;
use crate::error::ApiResult;
use crate::outbound;
use crate::store::knowledge::{self, NewChunk, SourceRow};
use futures_util::StreamExt;
use parley_shared_types::bot::{KnowledgeKind, KnowledgeSourceInput};
use parley_shared_types::outbound::UrlPolicy;
use std::time::Duration;
use worker::{D1Database, Method, Request, RequestInit, Response};

/// How long a page has to answer.
const PAGE_TIMEOUT: Duration = Duration::from_secs(15);

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

/// A web page's title and text chunks; `Err` says why it could not be read, without
/// repeating what answered (an error page is not knowledge, nor a message for the admin).
pub async fn fetch_page(
    url: &str,
    policy: UrlPolicy,
) -> Result<(Option<String>, Vec<String>), String> {
    let mut response = outbound::send(url, policy, true, PAGE_TIMEOUT, |target| {
        let mut init = RequestInit::new();
        outbound::manual_redirects(&mut init).with_method(Method::Get);
        Request::new_with_init(target.as_str(), &init)
    })
    .await
    .map_err(|why| format!("the page could not be fetched: {why}"))?;
    let status = response.status_code();
    if !(200..300).contains(&status) {
        return Err(format!("the page answered {status}"));
    }
    let content_type = response
        .headers()
        .get("content-type")
        .ok()
        .flatten()
        .unwrap_or_default();
    let plain = content_type.starts_with("text/plain");
    if !plain && !content_type.contains("html") {
        return Err("only HTML and plain text pages can be learned".to_owned());
    }
    let body = read_capped(&mut response).await?;
    if plain {
        return Ok((None, chunk::split_text(&body)));
    }
    Ok((html::title(&body), chunk::split_text(&html::to_text(&body))))
}

/// At most [`MAX_PAGE_BYTES`] of the body: reading stops there, so a huge or endless page
/// costs no more than that.
async fn read_capped(response: &mut Response) -> Result<String, String> {
    let unreadable = || "the page could not be read".to_owned();
    let mut stream = response.stream().map_err(|_| unreadable())?;
    let mut bytes = Vec::new();
    while let Some(chunk) = stream.next().await {
        bytes.extend_from_slice(&chunk.map_err(|_| unreadable())?);
        if bytes.len() >= MAX_PAGE_BYTES {
            bytes.truncate(MAX_PAGE_BYTES);
            break;
        }
    }
    let text = String::from_utf8_lossy(&bytes);
    Ok(text[..floor_char_boundary(&text, MAX_PAGE_BYTES)].to_owned())
}

fn floor_char_boundary(text: &str, max: usize) -> usize {
    let mut end = max.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    end
}
