//! `/api/labels` (the workspace's labels: members read them, admins keep them) and
//! `/api/conversations/{id}/labels` (any member puts them on conversations and takes them off).

use super::extract::{Admin, Agent, Body, valid};
use super::list::Listing;
use super::problem::Problems;
use crate::AppState;
use crate::auth::Caller;
use crate::clock::now_rfc3339;
use crate::domain::conversations::visible;
use crate::domain::labels;
use crate::error::ApiResult;
use crate::ids::new_id;
use crate::store::{self, labels::LabelRow};
use axum::Json;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use parley_shared_types::conversation::Conversation;
use parley_shared_types::label::{
    AttachLabelRequest, CreateLabelRequest, DEFAULT_LABEL_COLOR, Label, UpdateLabelRequest,
};
use parley_shared_types::page::{ListQuery, Page};

/// What a 409 says.
const NAME_TAKEN: &str = "the workspace already has a label of that name";

/// `GET /api/labels`: oldest first.
#[utoipa::path(get, path = "/api/labels", tag = "labels", operation_id = "listLabels", params(ListQuery), responses((status = 200, body = Page<Label>), Problems))]
#[worker::send]
pub async fn list(state: AppState, Agent(me): Agent, listing: Listing) -> ApiResult<Response> {
    let db = store::db(&state.env)?;
    let (rows, total) = store::labels::list(&db, &me.workspace_id, &listing.request()).await?;
    let data = rows.into_iter().map(LabelRow::into_label).collect();
    Ok(listing.page(data, total, |label: &Label| &label.id))
}

/// `POST /api/labels`: a name the workspace has (in any case) is a 409 `CONFLICT`.
#[utoipa::path(post, path = "/api/labels", tag = "labels", operation_id = "createLabel", request_body = CreateLabelRequest, responses((status = 201, body = Label), Problems))]
#[worker::send]
pub async fn create(
    state: AppState,
    Admin(me): Admin,
    Body(request): Body<CreateLabelRequest>,
) -> ApiResult<(StatusCode, Json<Label>)> {
    valid(request.validate())?;
    let row = LabelRow {
        id: new_id(),
        workspace_id: me.workspace_id,
        name: request.name.trim().to_owned(),
        color: request
            .color
            .unwrap_or_else(|| DEFAULT_LABEL_COLOR.to_owned()),
        created_at: now_rfc3339(),
    };
    store::labels::insert(&store::db(&state.env)?, &row)
        .await
        .map_err(|e| e.conflict_as(NAME_TAKEN))?;
    Ok((StatusCode::CREATED, Json(row.into_label())))
}

#[utoipa::path(get, path = "/api/labels/{id}", tag = "labels", operation_id = "getLabel", params(("id" = String, Path, description = "label id")), responses((status = 200, body = Label), Problems))]
#[worker::send]
pub async fn get(
    state: AppState,
    Agent(me): Agent,
    Path(id): Path<String>,
) -> ApiResult<Json<Label>> {
    let db = store::db(&state.env)?;
    Ok(Json(
        labels::find(&db, &me.workspace_id, &id).await?.into_label(),
    ))
}

/// `PATCH /api/labels/{id}`: renames or recolours it, on every conversation at once.
#[utoipa::path(patch, path = "/api/labels/{id}", tag = "labels", operation_id = "updateLabel", params(("id" = String, Path, description = "label id")), request_body = UpdateLabelRequest, responses((status = 200, body = Label), Problems))]
#[worker::send]
pub async fn update(
    state: AppState,
    Admin(me): Admin,
    Path(id): Path<String>,
    Body(request): Body<UpdateLabelRequest>,
) -> ApiResult<Json<Label>> {
    valid(request.validate())?;
    let db = store::db(&state.env)?;
    let mut row = labels::find(&db, &me.workspace_id, &id).await?;
    if let Some(name) = request.name {
        row.name = name.trim().to_owned();
    }
    if let Some(color) = request.color {
        row.color = color;
    }
    store::labels::update(&db, &row)
        .await
        .map_err(|e| e.conflict_as(NAME_TAKEN))?;
    Ok(Json(row.into_label()))
}

/// `DELETE /api/labels/{id}`: also takes it off every conversation.
#[utoipa::path(delete, path = "/api/labels/{id}", tag = "labels", operation_id = "deleteLabel", params(("id" = String, Path, description = "label id")), responses((status = 204, description = "Deleted"), Problems))]
#[worker::send]
pub async fn remove(
    state: AppState,
    Admin(me): Admin,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    let db = store::db(&state.env)?;
    let label = labels::find(&db, &me.workspace_id, &id).await?;
    store::labels::delete(&db, &me.workspace_id, &label.id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/conversations/{id}/labels`: puts a label on; twice changes nothing (200 both
/// times, with the conversation and its labels).
#[utoipa::path(post, path = "/api/conversations/{id}/labels", tag = "labels", operation_id = "attachLabel", params(("id" = String, Path, description = "conversation id")), request_body = AttachLabelRequest, responses((status = 200, body = Conversation), Problems))]
#[worker::send]
pub async fn attach(
    state: AppState,
    Agent(me): Agent,
    Path(id): Path<String>,
    Body(request): Body<AttachLabelRequest>,
) -> ApiResult<Json<Conversation>> {
    valid(request.validate())?;
    let conversation = visible(&state.env, &Caller::User(me), &id).await?;
    Ok(Json(
        labels::attach(&state.env, &conversation, &request.label_id).await?,
    ))
}

/// `DELETE /api/conversations/{id}/labels/{labelId}`: takes a label off.
#[utoipa::path(delete, path = "/api/conversations/{id}/labels/{label_id}", tag = "labels", operation_id = "detachLabel", params(("id" = String, Path, description = "conversation id"), ("label_id" = String, Path, description = "label id")), responses((status = 204, description = "Taken off"), Problems))]
#[worker::send]
pub async fn detach(
    state: AppState,
    Agent(me): Agent,
    Path((id, label_id)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    let conversation = visible(&state.env, &Caller::User(me), &id).await?;
    labels::detach(&state.env, &conversation, &label_id).await?;
    Ok(StatusCode::NO_CONTENT)
}
