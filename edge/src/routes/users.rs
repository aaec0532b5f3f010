//! `/api/users`: the workspace's team. Everyone sees it; admins add to it.

use super::auth::conflict_as;
use super::{AppState, Body, valid};
use crate::auth::{Admin, Agent, password};
use crate::clock::now_rfc3339;
use crate::error::{ApiError, ApiResult};
use crate::ids::new_id;
use crate::store::{self, users};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use parley_shared_types::auth::{CreateUserRequest, User};

#[worker::send]
pub async fn list(State(state): State<AppState>, Agent(me): Agent) -> ApiResult<Json<Vec<User>>> {
    let rows = users::list(&store::db(&state.env)?, &me.workspace_id).await?;
    Ok(Json(
        rows.into_iter().map(users::UserRow::into_user).collect(),
    ))
}

#[worker::send]
pub async fn create(
    State(state): State<AppState>,
    Admin(me): Admin,
    Body(request): Body<CreateUserRequest>,
) -> ApiResult<(StatusCode, Json<User>)> {
    valid(request.validate())?;
    let db = store::db(&state.env)?;
    let hash = password::hash(&request.password).await?;
    let (id, now) = (new_id(), now_rfc3339());
    let email = request.email.trim().to_lowercase();
    let user = users::NewUser {
        id: &id,
        email: &email,
        name: request.name.trim(),
        role: request.role,
        password_hash: &hash,
        created_at: &now,
    };
    users::create(&db, &me.workspace_id, &user)
        .await
        .map_err(|e| conflict_as(e, "a user with this email already exists"))?;
    let row = users::find(&db, &me.workspace_id, &id)
        .await?
        .ok_or_else(|| ApiError::internal("new user vanished"))?;
    Ok((StatusCode::CREATED, Json(row.into_user())))
}
