//! `/api/users`: the workspace's team. Everyone sees it; admins add to it.

use super::extract::{Admin, Agent};
use super::extract::{Body, valid};
use super::list;
use super::problem::Problems;
use crate::AppState;
use crate::auth::password;
use crate::clock::now_rfc3339;
use crate::domain::billing;
use crate::error::{ApiError, ApiResult};
use crate::ids::new_id;
use crate::object_client::{self, InboxCommand};
use crate::revocation::{self, Access};
use crate::store::{self, users};
use axum::Json;
use axum::extract::Path;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use parley_shared_types::auth::{CreateUserRequest, Role, TeamMember, UpdateUserRequest, User};
use parley_shared_types::problem::ErrorCode;

/// `GET /api/users`: the team, with who is online now.
#[utoipa::path(get, path = "/api/users", tag = "users", operation_id = "listUsers",  responses((status = 200, body = Vec<TeamMember>), Problems))]
#[worker::send]
pub async fn list(state: AppState, Agent(me): Agent, headers: HeaderMap) -> ApiResult<Response> {
    let rows = users::list(&store::db(&state.env)?, &me.workspace_id).await?;
    let inbox = object_client::inbox(&state.env, &me.workspace_id)?;
    let online: Vec<String> = object_client::call(&inbox, &InboxCommand::OnlineAgents).await?;
    let members = rows
        .into_iter()
        .map(|row| TeamMember {
            online: online.contains(&row.id),
            user: row.into_user(),
        })
        .collect();
    Ok(list::array(&headers, members))
}

#[utoipa::path(post, path = "/api/users", tag = "users", operation_id = "createUser", request_body = CreateUserRequest, responses((status = 201, body = User), Problems))]
#[worker::send]
pub async fn create(
    state: AppState,
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
    let (payer_id, seats) = billing::seats(&state.env, &me.workspace_id).await?;
    let added = users::create_within_seats(&db, (&me.workspace_id, &payer_id), &user, seats)
        .await
        .map_err(|e| e.conflict_as("a user with this email already exists"))?;
    if !added {
        return Err(billing::seats_full(seats));
    }
    let row = users::find(&db, &me.workspace_id, &id)
        .await?
        .ok_or_else(|| ApiError::internal("new user vanished"))?;
    Ok((StatusCode::CREATED, Json(row.into_user())))
}

/// `PATCH /api/users/{id}`: change a role. A workspace always keeps an admin.
#[utoipa::path(patch, path = "/api/users/{id}", tag = "users", operation_id = "updateUser", params(("id" = String, Path, description = "user id")), request_body = UpdateUserRequest, responses((status = 200, body = User), Problems))]
#[worker::send]
pub async fn update(
    state: AppState,
    Admin(me): Admin,
    Path(id): Path<String>,
    Body(request): Body<UpdateUserRequest>,
) -> ApiResult<Json<User>> {
    let db = store::db(&state.env)?;
    let member = find(&db, &me.workspace_id, &id).await?;
    if member.role() == Role::Admin && request.role != Role::Admin {
        keep_an_admin(&db, &me.workspace_id).await?;
    }
    users::set_role(&db, &me.workspace_id, &member.id, request.role).await?;
    if member.role() != request.role {
        revocation::close_sockets(&state.env, &me.workspace_id, &member.id, Access::Changed)
            .await?;
    }
    Ok(Json(
        find(&db, &me.workspace_id, &member.id).await?.into_user(),
    ))
}

/// `DELETE /api/users/{id}`: remove a member (not yourself); their conversations become
/// unassigned and they can no longer refresh their session.
#[utoipa::path(delete, path = "/api/users/{id}", tag = "users", operation_id = "deleteUser", params(("id" = String, Path, description = "user id")), responses((status = 204, description = "Removed"), Problems))]
#[worker::send]
pub async fn remove(
    state: AppState,
    Admin(me): Admin,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    let db = store::db(&state.env)?;
    let member = find(&db, &me.workspace_id, &id).await?;
    if member.id == me.id {
        return Err(ApiError::new(
            ErrorCode::Conflict,
            "you cannot remove yourself; ask another admin",
        ));
    }
    if member.role() == Role::Admin {
        keep_an_admin(&db, &me.workspace_id).await?;
    }
    users::delete(&db, &me.workspace_id, &member.id).await?;
    revocation::close_sockets(&state.env, &me.workspace_id, &member.id, Access::Removed).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn find(db: &worker::D1Database, workspace_id: &str, id: &str) -> ApiResult<users::UserRow> {
    let id = crate::ids::parse_id(id, "user")?;
    users::find(db, workspace_id, &id)
        .await?
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound, format!("no user {id}")))
}

async fn keep_an_admin(db: &worker::D1Database, workspace_id: &str) -> ApiResult<()> {
    if users::count_admins(db, workspace_id).await? <= 1 {
        return Err(ApiError::new(
            ErrorCode::Conflict,
            "a workspace needs at least one admin",
        ));
    }
    Ok(())
}
