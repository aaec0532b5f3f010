//! `/api/bots/{botId}/knowledge-sources` and `/api/knowledge-sources/{id}`: what a bot knows.
//! Text and FAQ pairs are indexed before the answer (201, `active`); a web page is fetched
//! after it (202, `processing`, then `active` or `error` with the reason).

use super::extract::{Admin, Agent};
use super::extract::{Body, fetchable, valid};
use super::list::Listing;
use super::problem::Problems;
use crate::AppState;
use crate::ai::ingest;
use crate::domain::{bots, knowledge};
use crate::error::ApiResult;
use crate::outbound::{self, Purpose};
use crate::store::{self, knowledge::SourceRow};
use axum::Json;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use parley_shared_types::bot::{
    KnowledgeChunks, KnowledgeKind, KnowledgeSource, KnowledgeSourceInput,
};
use parley_shared_types::page::{ListQuery, Page};
use worker::Env;

#[utoipa::path(get, path = "/api/bots/{id}/knowledge-sources", tag = "bots", operation_id = "listKnowledgeSources", params(("id" = String, Path, description = "bot id"), ListQuery), responses((status = 200, body = Page<KnowledgeSource>), Problems))]
#[worker::send]
pub async fn list(
    state: AppState,
    Agent(me): Agent,
    Path(bot_id): Path<String>,
    listing: Listing,
) -> ApiResult<Response> {
    let bot = bots::find(&state.env, &me.workspace_id, &bot_id).await?;
    let db = store::db(&state.env)?;
    let (rows, total) =
        store::knowledge::sources_of(&db, &me.workspace_id, &bot.id, &listing.request()).await?;
    let data = rows.into_iter().map(SourceRow::into_source).collect();
    Ok(listing.page(data, total, |source: &KnowledgeSource| &source.id))
}

#[utoipa::path(post, path = "/api/bots/{id}/knowledge-sources", tag = "bots", operation_id = "createKnowledgeSource", params(("id" = String, Path, description = "bot id")), request_body = KnowledgeSourceInput, responses((status = 201, description = "Text or FAQ pairs, indexed", body = KnowledgeSource), (status = 202, description = "A web page, fetched after the answer", body = KnowledgeSource), Problems))]
#[worker::send]
pub async fn create(
    state: AppState,
    Admin(me): Admin,
    Path(bot_id): Path<String>,
    Body(input): Body<KnowledgeSourceInput>,
) -> ApiResult<(StatusCode, Json<KnowledgeSource>)> {
    valid(input.validate())?;
    if input.kind == KnowledgeKind::Website {
        fetchable(&state.env, "url", input.url.as_deref())?;
    }
    let bot = bots::find(&state.env, &me.workspace_id, &bot_id).await?;
    let row = knowledge::add(&state.env, &me.workspace_id, &bot.id, &input).await?;
    if input.kind == KnowledgeKind::Website {
        let (env, source, titled) = (state.env.clone(), row.clone(), input.title.is_some());
        state.ctx.wait_until(async move {
            if let Err(e) = learn_page(&env, source, titled).await {
                worker::console_error!("learning a page failed: {e}");
            }
        });
        return Ok((StatusCode::ACCEPTED, Json(row.into_source())));
    }
    Ok((StatusCode::CREATED, Json(row.into_source())))
}

/// Fetches and indexes a page; a page's own `<title>` names a source that was given none.
async fn learn_page(env: &Env, mut source: SourceRow, titled: bool) -> ApiResult<()> {
    let url = source.url.clone().unwrap_or_default();
    let chunks = match ingest::fetch_page(&url, outbound::policy(env, Purpose::Fetch)).await {
        Ok((page_title, chunks)) => {
            if let Some(page_title) = page_title.filter(|_| !titled) {
                source.title = page_title;
                store::knowledge::rename_source(&store::db(env)?, &source.id, &source.title)
                    .await?;
            }
            Ok(chunks)
        }
        Err(reason) => Err(reason),
    };
    ingest::index(&store::db(env)?, &mut source, chunks).await
}

#[utoipa::path(get, path = "/api/knowledge-sources/{id}", tag = "bots", operation_id = "getKnowledgeSource", params(("id" = String, Path, description = "knowledge source id")), responses((status = 200, body = KnowledgeSource), Problems))]
#[worker::send]
pub async fn get(
    state: AppState,
    Agent(me): Agent,
    Path(id): Path<String>,
) -> ApiResult<Json<KnowledgeSource>> {
    Ok(Json(
        knowledge::find(&state.env, &me.workspace_id, &id)
            .await?
            .into_source(),
    ))
}

/// Replaces what a text or FAQ source says (and its title): the bot forgets the old and
/// learns the new at once. A source keeps its type; a web page is re-added to be fetched again.
#[utoipa::path(put, path = "/api/knowledge-sources/{id}", tag = "bots", operation_id = "replaceKnowledgeSource", params(("id" = String, Path, description = "knowledge source id")), request_body = KnowledgeSourceInput, responses((status = 200, description = "Indexed anew", body = KnowledgeSource), Problems))]
#[worker::send]
pub async fn replace(
    state: AppState,
    Admin(me): Admin,
    Path(id): Path<String>,
    Body(input): Body<KnowledgeSourceInput>,
) -> ApiResult<Json<KnowledgeSource>> {
    valid(input.validate())?;
    let mut row = knowledge::find(&state.env, &me.workspace_id, &id).await?;
    knowledge::relearn(&state.env, &mut row, &input).await?;
    Ok(Json(row.into_source()))
}

/// What the bot learned from the source, chunk by chunk (what retrieval searches).
#[utoipa::path(get, path = "/api/knowledge-sources/{id}/chunks", tag = "bots", operation_id = "getKnowledgeChunks", params(("id" = String, Path, description = "knowledge source id")), responses((status = 200, body = KnowledgeChunks), Problems))]
#[worker::send]
pub async fn chunks(
    state: AppState,
    Agent(me): Agent,
    Path(id): Path<String>,
) -> ApiResult<Json<KnowledgeChunks>> {
    let row = knowledge::find(&state.env, &me.workspace_id, &id).await?;
    let chunks = store::knowledge::chunks(&store::db(&state.env)?, &row.bot_id, &row.id).await?;
    Ok(Json(KnowledgeChunks { chunks }))
}

/// Deletes the source and everything learned from it.
#[utoipa::path(delete, path = "/api/knowledge-sources/{id}", tag = "bots", operation_id = "deleteKnowledgeSource", params(("id" = String, Path, description = "knowledge source id")), responses((status = 204, description = "Deleted"), Problems))]
#[worker::send]
pub async fn remove(
    state: AppState,
    Admin(me): Admin,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    knowledge::remove(&state.env, &me.workspace_id, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
