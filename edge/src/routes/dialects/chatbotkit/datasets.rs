//! `/v1/dataset/…`: each dataset is one text knowledge source of a Parley bot (`botId`),
//! learned from its `text` as `/api/bots/{id}/knowledge-sources` learns it. Members read
//! them, admins (and full keys) change them.

use super::{CbkListing, CbkProblems, millis};
use crate::AppState;
use crate::clock::now_rfc3339;
use crate::domain::{bots, knowledge};
use crate::error::{ApiError, ApiResult};
use crate::routes::extract::{Admin, Agent, Body, valid};
use crate::store::{self, knowledge::SourceRow};
use axum::Json;
use axum::extract::Path;
use axum::response::Response;
use parley_shared_types::chatbotkit::{CbkDataset, CbkDatasetInput, CbkId, CbkList, CbkListQuery};

fn cbk_dataset(row: SourceRow) -> CbkDataset {
    CbkDataset {
        meta: row.meta(),
        records: row.chunk_count.max(0) as u32,
        created_at: millis(&row.created_at),
        updated_at: millis(&row.updated_at),
        id: row.id,
        name: row.title,
        bot_id: row.bot_id,
    }
}

#[utoipa::path(get, path = "/v1/dataset/list", tag = "ChatBotKit", operation_id = "chatbotkitListDatasets", params(CbkListQuery), responses((status = 200, description = "`{items, cursor}`; with Accept: application/jsonl one `{\"type\":\"item\",\"data\":…}` per line", body = CbkList<CbkDataset>), CbkProblems))]
#[worker::send]
pub async fn list(state: AppState, Agent(me): Agent, listing: CbkListing) -> ApiResult<Response> {
    let db = store::db(&state.env)?;
    let (rows, _) =
        store::knowledge::sources_in(&db, &me.workspace_id, &listing.0.request()).await?;
    let items = rows.into_iter().map(cbk_dataset).collect();
    Ok(listing.answer(items, |dataset: &CbkDataset| &dataset.id))
}

#[utoipa::path(post, path = "/v1/dataset/create", tag = "ChatBotKit", operation_id = "chatbotkitCreateDataset", request_body = CbkDatasetInput, responses((status = 200, body = CbkId), CbkProblems))]
#[worker::send]
pub async fn create(
    state: AppState,
    Admin(me): Admin,
    Body(input): Body<CbkDatasetInput>,
) -> ApiResult<Json<CbkId>> {
    valid(input.validate(true))?;
    let bot_id = input.bot_id.as_deref().unwrap_or_default();
    let bot = bots::find(&state.env, &me.workspace_id, bot_id).await?;
    let mut source = input
        .knowledge(input.name.clone())
        .ok_or_else(|| ApiError::internal("a validated dataset has its text"))?;
    source.meta = Some(input.meta.apply(Default::default()));
    let row = knowledge::add(&state.env, &me.workspace_id, &bot.id, &source).await?;
    Ok(Json(CbkId { id: row.id }))
}

#[utoipa::path(get, path = "/v1/dataset/{datasetId}/fetch", tag = "ChatBotKit", operation_id = "chatbotkitFetchDataset", params(("datasetId" = String, Path, description = "dataset (knowledge source) id")), responses((status = 200, body = CbkDataset), CbkProblems))]
#[worker::send]
pub async fn fetch(
    state: AppState,
    Agent(me): Agent,
    Path(id): Path<String>,
) -> ApiResult<Json<CbkDataset>> {
    let row = knowledge::find(&state.env, &me.workspace_id, &id).await?;
    Ok(Json(cbk_dataset(row)))
}

/// `name` renames; a new `text` is learned in place of the old; `meta` replaces the
/// metadata, `$update` merges into it.
#[utoipa::path(post, path = "/v1/dataset/{datasetId}/update", tag = "ChatBotKit", operation_id = "chatbotkitUpdateDataset", params(("datasetId" = String, Path, description = "dataset (knowledge source) id")), request_body = CbkDatasetInput, responses((status = 200, body = CbkId), CbkProblems))]
#[worker::send]
pub async fn update(
    state: AppState,
    Admin(me): Admin,
    Path(id): Path<String>,
    Body(input): Body<CbkDatasetInput>,
) -> ApiResult<Json<CbkId>> {
    valid(input.validate(false))?;
    let mut row = knowledge::find(&state.env, &me.workspace_id, &id).await?;
    let db = store::db(&state.env)?;
    let name = input.name.clone().unwrap_or_else(|| row.title.clone());
    match input.knowledge(Some(name)) {
        Some(source) => knowledge::relearn(&state.env, &mut row, &source).await?,
        None => {
            if let Some(name) = &input.name {
                row.title = name.trim().to_owned();
                store::knowledge::rename_source(&db, &row.id, &row.title).await?;
            }
        }
    }
    row.meta = serde_json::to_string(&input.meta.apply(row.meta())).map_err(ApiError::internal)?;
    row.updated_at = now_rfc3339();
    store::knowledge::set_meta(&db, &row).await?;
    Ok(Json(CbkId { id: row.id }))
}

#[utoipa::path(post, path = "/v1/dataset/{datasetId}/delete", tag = "ChatBotKit", operation_id = "chatbotkitDeleteDataset", params(("datasetId" = String, Path, description = "dataset (knowledge source) id")), responses((status = 200, body = CbkId), CbkProblems))]
#[worker::send]
pub async fn delete(
    state: AppState,
    Admin(me): Admin,
    Path(id): Path<String>,
) -> ApiResult<Json<CbkId>> {
    let row = knowledge::remove(&state.env, &me.workspace_id, &id).await?;
    Ok(Json(CbkId { id: row.id }))
}
