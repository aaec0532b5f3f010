//! Knowledge sources and their chunks. Chunks live in the FTS5 table `knowledge_chunks`,
//! searched with MATCH and ranked with bm25; `bot_id` narrows every search to one bot.

use super::d1::{all, first, run, statement};
use crate::error::ApiResult;
use parley_shared_types::bot::{KnowledgeKind, KnowledgeSource, KnowledgeStatus};
use parley_shared_types::page::ListRequest;
use serde::Deserialize;
use worker::D1Database;

/// Chunks written per D1 batch, to keep each request small.
const CHUNKS_PER_BATCH: usize = 100;

#[derive(Debug, Clone, Deserialize)]
pub struct SourceRow {
    pub id: String,
    pub workspace_id: String,
    pub bot_id: String,
    pub kind: String,
    pub title: String,
    pub url: Option<String>,
    pub status: String,
    pub error: Option<String>,
    pub chunk_count: i64,
    pub meta: String,
    pub created_at: String,
    pub updated_at: String,
}

impl SourceRow {
    pub fn meta(&self) -> serde_json::Map<String, serde_json::Value> {
        serde_json::from_str(&self.meta).unwrap_or_default()
    }

    pub fn into_source(self) -> KnowledgeSource {
        KnowledgeSource {
            kind: match self.kind.as_str() {
                "faq" => KnowledgeKind::Faq,
                "website" => KnowledgeKind::Website,
                _ => KnowledgeKind::Text,
            },
            status: match self.status.as_str() {
                "processing" => KnowledgeStatus::Processing,
                "error" => KnowledgeStatus::Error,
                _ => KnowledgeStatus::Active,
            },
            meta: self.meta(),
            chunk_count: self.chunk_count.max(0) as u32,
            id: self.id,
            bot_id: self.bot_id,
            title: self.title,
            url: self.url,
            error: self.error,
            created_at: self.created_at,
            updated_at: self.updated_at,
        }
    }
}

const SOURCE_COLUMNS: &str = "id, workspace_id, bot_id, kind, title, url, status, error, chunk_count, meta, created_at, updated_at";

pub async fn insert_source(db: &D1Database, row: &SourceRow) -> ApiResult<()> {
    run(
        db,
        &format!(
            "INSERT INTO knowledge_sources ({SOURCE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        ),
        &[
            (&row.id).into(),
            (&row.workspace_id).into(),
            (&row.bot_id).into(),
            (&row.kind).into(),
            (&row.title).into(),
            row.url.as_deref().into(),
            (&row.status).into(),
            row.error.as_deref().into(),
            row.chunk_count.into(),
            (&row.meta).into(),
            (&row.created_at).into(),
            (&row.updated_at).into(),
        ],
    )
    .await
    .map(drop)
}

/// A piece of a source, as indexed.
pub struct NewChunk<'a> {
    pub title: &'a str,
    pub content: &'a str,
}

/// Indexes a source's chunks and marks it active, or records why it failed; `source` is
/// left as stored. Only a source still present is updated, so a source deleted while it was
/// processing stays deleted.
pub async fn finish_source(
    db: &D1Database,
    source: &mut SourceRow,
    outcome: Result<&[NewChunk<'_>], &str>,
    at: &str,
) -> ApiResult<()> {
    let chunks = outcome.unwrap_or(&[]);
    for batch in chunks.chunks(CHUNKS_PER_BATCH) {
        let statements = batch
            .iter()
            .map(|chunk| {
                statement(
                    db,
                    "INSERT INTO knowledge_chunks (content, title, bot_id, source_id, url)
                     SELECT ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM knowledge_sources WHERE id = ?)",
                    &[
                        chunk.content.into(),
                        chunk.title.into(),
                        (&source.bot_id).into(),
                        (&source.id).into(),
                        source.url.as_deref().into(),
                        (&source.id).into(),
                    ],
                )
            })
            .collect::<ApiResult<Vec<_>>>()?;
        super::d1::batch(db, statements).await?;
    }
    let (status, error) = match outcome {
        Ok(_) => (KnowledgeStatus::Active, None),
        Err(reason) => (KnowledgeStatus::Error, Some(reason.to_owned())),
    };
    source.status = status.as_str().into();
    source.error = error;
    source.chunk_count = chunks.len() as i64;
    source.updated_at = at.to_owned();
    run(
        db,
        "UPDATE knowledge_sources SET status = ?, error = ?, chunk_count = ?, updated_at = ? WHERE id = ?",
        &[
            (&source.status).into(),
            source.error.as_deref().into(),
            source.chunk_count.into(),
            (&source.updated_at).into(),
            (&source.id).into(),
        ],
    )
    .await
    .map(drop)
}

/// Forgets what was learned from a source (before it is learned anew).
pub async fn forget_chunks(db: &D1Database, source_id: &str) -> ApiResult<()> {
    run(
        db,
        "DELETE FROM knowledge_chunks WHERE source_id = ?",
        &[source_id.into()],
    )
    .await
    .map(drop)
}

/// Names a source anew (a page after its title, a renamed dataset), and what was learned
/// from it, so answers cite it by its new name.
pub async fn rename_source(db: &D1Database, id: &str, title: &str) -> ApiResult<()> {
    super::d1::batch(
        db,
        vec![
            statement(
                db,
                "UPDATE knowledge_sources SET title = ? WHERE id = ?",
                &[title.into(), id.into()],
            )?,
            statement(
                db,
                "UPDATE knowledge_chunks SET title = ? WHERE source_id = ?",
                &[title.into(), id.into()],
            )?,
        ],
    )
    .await
}

pub async fn find_source(
    db: &D1Database,
    workspace_id: &str,
    id: &str,
) -> ApiResult<Option<SourceRow>> {
    first(
        db,
        &format!(
            "SELECT {SOURCE_COLUMNS} FROM knowledge_sources WHERE workspace_id = ? AND id = ?"
        ),
        &[workspace_id.into(), id.into()],
    )
    .await
}

pub async fn sources_of(
    db: &D1Database,
    workspace_id: &str,
    bot_id: &str,
    list: &ListRequest,
) -> ApiResult<(Vec<SourceRow>, u64)> {
    let from = (
        SOURCE_COLUMNS,
        "knowledge_sources",
        "workspace_id = ? AND bot_id = ?",
    );
    super::d1::page_of(db, from, &[workspace_id.into(), bot_id.into()], list).await
}

/// Every source of the workspace, whichever bot it teaches.
pub async fn sources_in(
    db: &D1Database,
    workspace_id: &str,
    list: &ListRequest,
) -> ApiResult<(Vec<SourceRow>, u64)> {
    let from = (SOURCE_COLUMNS, "knowledge_sources", "workspace_id = ?");
    super::d1::page_of(db, from, &[workspace_id.into()], list).await
}

/// Stores a source's metadata as it now is.
pub async fn set_meta(db: &D1Database, source: &SourceRow) -> ApiResult<()> {
    run(
        db,
        "UPDATE knowledge_sources SET meta = ?, updated_at = ? WHERE id = ?",
        &[
            (&source.meta).into(),
            (&source.updated_at).into(),
            (&source.id).into(),
        ],
    )
    .await
    .map(drop)
}

/// Deletes a source and its chunks together.
pub async fn delete_source(db: &D1Database, workspace_id: &str, id: &str) -> ApiResult<bool> {
    let Some(source) = find_source(db, workspace_id, id).await? else {
        return Ok(false);
    };
    super::d1::batch(
        db,
        vec![
            statement(
                db,
                "DELETE FROM knowledge_chunks WHERE source_id = ?",
                &[(&source.id).into()],
            )?,
            statement(
                db,
                "DELETE FROM knowledge_sources WHERE id = ?",
                &[(&source.id).into()],
            )?,
        ],
    )
    .await?;
    Ok(true)
}

/// What the bot learned from a source: its chunks' text, in the order they were written.
pub async fn chunks(db: &D1Database, bot_id: &str, source_id: &str) -> ApiResult<Vec<String>> {
    #[derive(Deserialize)]
    struct Chunk {
        content: String,
    }
    let rows: Vec<Chunk> = all(
        db,
        "SELECT content FROM knowledge_chunks WHERE bot_id = ? AND source_id = ? ORDER BY rowid",
        &[bot_id.into(), source_id.into()],
    )
    .await?;
    Ok(rows.into_iter().map(|c| c.content).collect())
}

/// A chunk that matched a search; `rank` is bm25's (more negative is better).
#[derive(Debug, Clone, Deserialize)]
pub struct ChunkHit {
    pub source_id: String,
    pub title: String,
    pub url: Option<String>,
    pub content: String,
    pub rank: f64,
}

/// The bot's chunks matching an FTS5 query, best first. Titles weigh half as much as text.
pub async fn search(
    db: &D1Database,
    bot_id: &str,
    fts_query: &str,
    limit: u32,
) -> ApiResult<Vec<ChunkHit>> {
    all(
        db,
        "SELECT source_id, title, url, content, bm25(knowledge_chunks, 1.0, 0.5) AS rank
         FROM knowledge_chunks WHERE knowledge_chunks MATCH ? AND bot_id = ?
         ORDER BY rank LIMIT ?",
        &[fts_query.into(), bot_id.into(), i64::from(limit).into()],
    )
    .await
}

/// How many chunks the bot has, and how many of them match each FTS5 query in `terms` (one
/// quoted word each): what retrieval weighs a word's rarity by. One row of counts, each a
/// subquery: D1 refuses a compound SELECT (`UNION ALL`) of more than five terms.
pub async fn term_counts(
    db: &D1Database,
    bot_id: &str,
    terms: &[String],
) -> ApiResult<(u64, Vec<u64>)> {
    let mut sql =
        "SELECT (SELECT COUNT(*) FROM knowledge_chunks WHERE bot_id = ?1) AS n0".to_owned();
    for i in 1..=terms.len() {
        sql += &format!(
            ", (SELECT COUNT(*) FROM knowledge_chunks WHERE knowledge_chunks MATCH ?{} AND bot_id = ?1) AS n{i}",
            i + 1
        );
    }
    let args: Vec<_> = std::iter::once(bot_id.into())
        .chain(terms.iter().map(Into::into))
        .collect();
    let row = all::<std::collections::HashMap<String, u64>>(db, &sql, &args)
        .await?
        .pop()
        .unwrap_or_default();
    let count = |i: usize| row.get(&format!("n{i}")).copied().unwrap_or(0);
    Ok((count(0), (1..=terms.len()).map(count).collect()))
}
