//! `/api/bots/{botId}/knowledge-sources` and `/api/knowledge-sources/{id}`: what a bot knows.
//! Text and FAQ pairs are indexed before the answer (201, `active`); a web page is fetched
//! after it (202, `processing`, then `active` or `error` with the reason).

use super::extract::{Admin, Agent};
use super::extract::{Body, fetchable, valid};
use super::list::Listing;
use super::problem::Problems;
use crate::AppState;
use crate::ai::ingest;
use crate::clock::now_rfc3339;
use crate::domain::bots;
use crate::error::{ApiError, ApiResult};
use crate::ids::new_id;
use crate::ids::parse_id;
use crate::outbound::{self, Purpose};
use crate::store::{self, knowledge, knowledge::SourceRow};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use parley_shared_types::bot::{
    KnowledgeKind, KnowledgeSource, KnowledgeSourceInput, KnowledgeStatus,
};
use parley_shared_types::page::{ListQuery, Page};
use parley_shared_types::problem::ErrorCode;
use worker::Env;

/// How much of a text source names it when no title is given.
const TITLE_FROM_TEXT_CHARS: usize = 60;

#[utoipa::path(get, path = "/api/bots/{id}/knowledge-sources", tag = "bots", operation_id = "listKnowledgeSources", params(("id" = String, Path, description = "bot id"), ListQuery), responses((status = 200, body = Page<KnowledgeSource>), Problems))]
#[worker::send]
pub async fn list(
    State(state): State<AppState>,
    Agent(me): Agent,
    Path(bot_id): Path<String>,
    listing: Listing,
) -> ApiResult<Response> {
    let bot = bots::find(&state.env, &me.workspace_id, &bot_id).await?;
    let db = store::db(&state.env)?;
    let (rows, total) =
        knowledge::sources_of(&db, &me.workspace_id, &bot.id, &listing.request()).await?;
    let data = rows.into_iter().map(SourceRow::into_source).collect();
    Ok(listing.page(data, total, |source: &KnowledgeSource| &source.id))
}

#[utoipa::path(post, path = "/api/bots/{id}/knowledge-sources", tag = "bots", operation_id = "createKnowledgeSource", params(("id" = String, Path, description = "bot id")), request_body = KnowledgeSourceInput, responses((status = 201, description = "Text or FAQ pairs, indexed", body = KnowledgeSource), (status = 202, description = "A web page, fetched after the answer", body = KnowledgeSource), Problems))]
#[worker::send]
pub async fn create(
    State(state): State<AppState>,
    Admin(me): Admin,
    Path(bot_id): Path<String>,
    Body(input): Body<KnowledgeSourceInput>,
) -> ApiResult<(StatusCode, Json<KnowledgeSource>)> {
    valid(input.validate())?;
    if input.kind == KnowledgeKind::Website {
        fetchable(&state.env, "url", input.url.as_deref())?;
    }
    let bot = bots::find(&state.env, &me.workspace_id, &bot_id).await?;
    let now = now_rfc3339();
    let mut row = SourceRow {
        id: new_id(),
        workspace_id: me.workspace_id,
        bot_id: bot.id,
        kind: kind_name(input.kind).into(),
        title: title_of(&input),
        url: input.url.clone(),
        status: KnowledgeStatus::Processing.as_str().into(),
        error: None,
        chunk_count: 0,
        meta: serde_json::to_string(&input.meta.clone().unwrap_or_default())
            .map_err(ApiError::internal)?,
        created_at: now.clone(),
        updated_at: now,
    };
    let db = store::db(&state.env)?;
    knowledge::insert_source(&db, &row).await?;
    if input.kind == KnowledgeKind::Website {
        let (env, source, titled) = (state.env.clone(), row.clone(), input.title.is_some());
        state.ctx.wait_until(async move {
            if let Err(e) = learn_page(&env, source, titled).await {
                worker::console_error!("learning a page failed: {e}");
            }
        });
        return Ok((StatusCode::ACCEPTED, Json(row.into_source())));
    }
    ingest::index(&db, &mut row, Ok(ingest::chunks_of(&input))).await?;
    Ok((StatusCode::CREATED, Json(row.into_source())))
}

/// Fetches and indexes a page; a page's own `<title>` names a source that was given none.
async fn learn_page(env: &Env, mut source: SourceRow, titled: bool) -> ApiResult<()> {
    let url = source.url.clone().unwrap_or_default();
    let chunks = match ingest::fetch_page(&url, outbound::policy(env, Purpose::Fetch)).await {
        Ok((page_title, chunks)) => {
            if let Some(page_title) = page_title.filter(|_| !titled) {
                source.title = page_title;
                knowledge::rename_source(&store::db(env)?, &source.id, &source.title).await?;
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
    State(state): State<AppState>,
    Agent(me): Agent,
    Path(id): Path<String>,
) -> ApiResult<Json<KnowledgeSource>> {
    Ok(Json(
        find(&state.env, &me.workspace_id, &id).await?.into_source(),
    ))
}

/// Deletes the source and everything learned from it.
#[utoipa::path(delete, path = "/api/knowledge-sources/{id}", tag = "bots", operation_id = "deleteKnowledgeSource", params(("id" = String, Path, description = "knowledge source id")), responses((status = 204, description = "Deleted"), Problems))]
#[worker::send]
pub async fn remove(
    State(state): State<AppState>,
    Admin(me): Admin,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    let row = find(&state.env, &me.workspace_id, &id).await?;
    knowledge::delete_source(&store::db(&state.env)?, &me.workspace_id, &row.id).await?;
    Ok(StatusCode::NO_CONTENT)
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

async fn find(env: &Env, workspace_id: &str, id: &str) -> ApiResult<SourceRow> {
    let id = parse_id(id, "knowledge source")?;
    knowledge::find_source(&store::db(env)?, workspace_id, &id)
        .await?
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound, format!("no knowledge source {id}")))
}
