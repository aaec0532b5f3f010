//! Workspaces and their users.

use super::d1::{Arg, all, batch, first, run, statement};
use super::sub_accounts::{FAMILY, family_args};
use crate::error::ApiResult;
use parley_shared_types::auth::{Role, User};
use serde::Deserialize;
use worker::{D1Database, D1PreparedStatement};

/// A user row, with the password hash that never leaves the store's callers in auth.
#[derive(Deserialize)]
pub struct UserRow {
    pub id: String,
    pub workspace_id: String,
    pub email: String,
    pub name: String,
    pub role: String,
    pub password_hash: String,
    pub created_at: String,
}

impl UserRow {
    pub fn role(&self) -> Role {
        Role::parse(&self.role).unwrap_or(Role::Agent)
    }

    pub fn into_user(self) -> User {
        User {
            role: self.role(),
            id: self.id,
            workspace_id: self.workspace_id,
            email: self.email,
            name: self.name,
            created_at: self.created_at,
        }
    }
}

pub struct NewUser<'a> {
    pub id: &'a str,
    pub email: &'a str,
    pub name: &'a str,
    pub role: Role,
    pub password_hash: &'a str,
    pub created_at: &'a str,
}

const INSERT_USER: &str = "INSERT INTO users (id, workspace_id, email, name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
const USER_COLUMNS: &str = "id, workspace_id, email, name, role, password_hash, created_at";

fn user_args<'a>(workspace_id: &'a str, user: &NewUser<'a>) -> Vec<Arg<'a>> {
    vec![
        user.id.into(),
        workspace_id.into(),
        user.email.into(),
        user.name.into(),
        user.role.as_str().into(),
        user.password_hash.into(),
        user.created_at.into(),
    ]
}

/// A workspace, its first admin and `plan` (its trial), together or not at all.
pub async fn create_workspace(
    db: &D1Database,
    workspace_id: &str,
    workspace_name: &str,
    admin: &NewUser<'_>,
    plan: D1PreparedStatement,
) -> ApiResult<()> {
    batch(
        db,
        vec![
            statement(
                db,
                "INSERT INTO workspaces (id, name, created_at) VALUES (?, ?, ?)",
                &[
                    workspace_id.into(),
                    workspace_name.into(),
                    admin.created_at.into(),
                ],
            )?,
            statement(db, INSERT_USER, &user_args(workspace_id, admin))?,
            plan,
        ],
    )
    .await
}

/// Adds a user if the workspace's payer's family (see [`FAMILY`]) has fewer than `seats`;
/// answers whether it did. One statement, so two admins adding people at once never pass the
/// seats together.
pub async fn create_within_seats(
    db: &D1Database,
    (workspace_id, payer_id): (&str, &str),
    user: &NewUser<'_>,
    seats: u32,
) -> ApiResult<bool> {
    let mut args = user_args(workspace_id, user);
    args.extend(family_args(payer_id));
    args.push(i64::from(seats).into());
    let added = run(
        db,
        &format!(
            "INSERT INTO users (id, workspace_id, email, name, role, password_hash, created_at) \
             SELECT ?, ?, ?, ?, ?, ?, ? \
             WHERE (SELECT COUNT(*) FROM users WHERE workspace_id IN ({FAMILY})) < ?"
        ),
        &args,
    )
    .await?;
    Ok(added == 1)
}

/// By email, across workspaces: emails are unique, and sign-in does not know the workspace.
pub async fn find_by_email(db: &D1Database, email: &str) -> ApiResult<Option<UserRow>> {
    first(
        db,
        &format!("SELECT {USER_COLUMNS} FROM users WHERE email = ?"),
        &[email.into()],
    )
    .await
}

/// Only for redeeming a refresh token, whose row names the user but not the workspace.
pub async fn find_by_id(db: &D1Database, id: &str) -> ApiResult<Option<UserRow>> {
    first(
        db,
        &format!("SELECT {USER_COLUMNS} FROM users WHERE id = ?"),
        &[id.into()],
    )
    .await
}

pub async fn find(db: &D1Database, workspace_id: &str, id: &str) -> ApiResult<Option<UserRow>> {
    first(
        db,
        &format!("SELECT {USER_COLUMNS} FROM users WHERE workspace_id = ? AND id = ?"),
        &[workspace_id.into(), id.into()],
    )
    .await
}

pub async fn list(db: &D1Database, workspace_id: &str) -> ApiResult<Vec<UserRow>> {
    all(
        db,
        &format!(
            "SELECT {USER_COLUMNS} FROM users WHERE workspace_id = ? ORDER BY created_at, email"
        ),
        &[workspace_id.into()],
    )
    .await
}

pub async fn set_role(db: &D1Database, workspace_id: &str, id: &str, role: Role) -> ApiResult<()> {
    run(
        db,
        "UPDATE users SET role = ? WHERE workspace_id = ? AND id = ?",
        &[role.as_str().into(), workspace_id.into(), id.into()],
    )
    .await
    .map(drop)
}

/// Removes a user; their conversations become unassigned and their refresh tokens go too.
pub async fn delete(db: &D1Database, workspace_id: &str, id: &str) -> ApiResult<()> {
    run(
        db,
        "DELETE FROM users WHERE workspace_id = ? AND id = ?",
        &[workspace_id.into(), id.into()],
    )
    .await
    .map(drop)
}

pub async fn count_admins(db: &D1Database, workspace_id: &str) -> ApiResult<u64> {
    super::d1::count(
        db,
        "users WHERE workspace_id = ? AND role = 'admin'",
        &[workspace_id.into()],
    )
    .await
}
