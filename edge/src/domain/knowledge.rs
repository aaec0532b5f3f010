//! What a bot knows, as every API dialect adds, relearns and finds it.

use crate::ai::ingest;
use crate::clock::now_rfc3339;
use crate::error::{ApiError, ApiResult};
use crate::ids::{new_id, parse_id};
use crate::store::{self, knowledge, knowledge::SourceRow};
use parley_shared_types::bot::{KnowledgeKind, KnowledgeSourceInput, KnowledgeStatus};
use parley_shared_types::problem::ErrorCode;
use worker::Env;

/// How much of a text source names it when no title is given.
const TITLE_FROM_TEXT_CHARS: usize = 60;

/// Stores a validated source for the bot `bot_id` (already found in the workspace). Text and
/// FAQ pairs are learned at once; a web page stays `processing` until it is fetched.
pub async fn add(
    env: &Env,
    workspace_id: &str,
    bot_id: &str,
    input: &KnowledgeSourceInput,
) -> ApiResult<SourceRow> {
    let now = now_rfc3339();
    let mut row = SourceRow {
        id: new_id(),
        workspace_id: workspace_id.to_owned(),
        bot_id: bot_id.to_owned(),
        kind: kind_name(input.kind).into(),
        title: title_of(input),
        url: input.url.clone(),
        status: KnowledgeStatus::Processing.as_str().into(),
        error: None,
        chunk_count: 0,
        meta: serde_json::to_string(&input.meta.clone().unwrap_or_default())
            .map_err(ApiError::internal)?,
        created_at: now.clone(),
        updated_at: now,
    };
    let db = store::db(env)?;
    knowledge::insert_source(&db, &row).await?;
    if input.kind != KnowledgeKind::Website {
        ingest::index(&db, &mut row, Ok(ingest::chunks_of(input))).await?;
    }
    Ok(row)
}

/// Replaces what a text or FAQ source says (and its title): the bot forgets the old and
/// learns the new at once. A source keeps its type; a web page is re-added to be fetched again.
pub async fn relearn(
    env: &Env,
    row: &mut SourceRow,
    input: &KnowledgeSourceInput,
) -> ApiResult<()> {
    if row.kind != kind_name(input.kind) || input.kind == KnowledgeKind::Website {
        let why = format!(
            "must stay {:?}; a web page is deleted and added again",
            row.kind
        );
        return Err(ApiError::validation(
            "only a text or FAQ source's content can be replaced",
            [("type".to_owned(), vec![why])].into(),
        ));
    }
    let db = store::db(env)?;
    row.title = title_of(input);
    knowledge::rename_source(&db, &row.id, &row.title).await?;
    knowledge::forget_chunks(&db, &row.id).await?;
    ingest::index(&db, row, Ok(ingest::chunks_of(input))).await
}

/// A source of the caller's workspace; any other id is 404.
pub async fn find(env: &Env, workspace_id: &str, id: &str) -> ApiResult<SourceRow> {
    let id = parse_id(id, "knowledge source")?;
    knowledge::find_source(&store::db(env)?, workspace_id, &id)
        .await?
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound, format!("no knowledge source {id}")))
}

/// Deletes a source of the workspace and everything learned from it.
pub async fn remove(env: &Env, workspace_id: &str, id: &str) -> ApiResult<SourceRow> {
    let row = find(env, workspace_id, id).await?;
    knowledge::delete_source(&store::db(env)?, workspace_id, &row.id).await?;
    Ok(row)
}

fn kind_name(kind: KnowledgeKind) -> &'static str {
    match kind {
        KnowledgeKind::Text => "text",
        KnowledgeKind::Faq => "faq",
        KnowledgeKind::Website => "website",
    }
}

/// The given title, else one taken from the content.
fn title_of(input: &KnowledgeSourceInput) -> String {
    if let Some(title) = input.title.as_deref().map(str::trim) {
        return title.to_owned();
    }
    match input.kind {
        KnowledgeKind::Text => {
            let text = input.content.as_deref().unwrap_or_default();
            let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
            words.chars().take(TITLE_FROM_TEXT_CHARS).collect()
        }
        KnowledgeKind::Faq => "FAQ".into(),
        KnowledgeKind::Website => input.url.clone().unwrap_or_default(),
    }
}
