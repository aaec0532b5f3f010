//! Sub-accounts (ChatBotKit's Partner API): a workspace makes child workspaces, one level deep,
//! and acts in them with `X-RunAs-UserId`. A child is an ordinary workspace (every rule of
//! isolation holds for it unchanged) whose plan is its parent's (`domain::billing`). Deleting
//! one erases it: its rows first, so every call into it answers 404 at once, then its KV
//! entries and its conversations' rooms.

use crate::cache::{self, Key};
use crate::clock::now_rfc3339;
use crate::error::{ApiError, ApiResult};
use crate::ids::{new_id, parse_id};
use crate::object_client::{self, RoomCommand};
use crate::store::{self, sub_accounts, sub_accounts::SubAccountRow};
use parley_shared_types::page::ListRequest;
use parley_shared_types::problem::ErrorCode;
use parley_shared_types::sub_account::{SubAccount, SubAccountInput};
use worker::{D1Database, Env};

/// The parent's child `id`; anything else (another workspace's child, a sibling, the parent
/// itself, no workspace at all) is 404, so ids reveal nothing.
async fn found(db: &D1Database, parent_id: &str, id: &str) -> ApiResult<SubAccountRow> {
    let id = parse_id(id, "sub-account")?;
    sub_accounts::find(db, parent_id, &id)
        .await?
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound, format!("no sub-account {id}")))
}

/// The workspace a request from `caller_workspace_id` acts in when it names `child_id` in
/// `X-RunAs-UserId`: the child, if it is the caller's.
pub async fn run_as(env: &Env, caller_workspace_id: &str, child_id: &str) -> ApiResult<String> {
    let db = store::db(env)?;
    Ok(found(&db, caller_workspace_id, child_id).await?.id)
}

pub async fn get(env: &Env, parent_id: &str, id: &str) -> ApiResult<SubAccount> {
    Ok(found(&store::db(env)?, parent_id, id)
        .await?
        .into_sub_account())
}

/// The parent's children, oldest first.
pub async fn list(
    env: &Env,
    parent_id: &str,
    list: &ListRequest,
) -> ApiResult<(Vec<SubAccount>, u64)> {
    let (rows, total) = sub_accounts::list(&store::db(env)?, parent_id, list).await?;
    let data = rows
        .into_iter()
        .map(SubAccountRow::into_sub_account)
        .collect();
    Ok((data, total))
}

fn meta_text(meta: &serde_json::Map<String, serde_json::Value>) -> ApiResult<String> {
    serde_json::to_string(meta).map_err(ApiError::internal)
}

/// A blank email clears it.
fn email_of(given: Option<&str>) -> Option<String> {
    given
        .map(|email| email.trim().to_lowercase())
        .filter(|email| !email.is_empty())
}

/// Makes a child of `parent_id`; a sub-account cannot have children of its own (403).
pub async fn create(env: &Env, parent_id: &str, input: &SubAccountInput) -> ApiResult<SubAccount> {
    let db = store::db(env)?;
    if sub_accounts::is_child(&db, parent_id).await? {
        return Err(ApiError::new(
            ErrorCode::Forbidden,
            "a sub-account cannot have sub-accounts of its own: make them from the parent account",
        ));
    }
    let now = now_rfc3339();
    let row = SubAccountRow {
        id: new_id(),
        parent_id: parent_id.to_owned(),
        name: input.name_to_create(),
        email: email_of(input.email.as_deref()),
        meta: meta_text(&input.meta.apply(Default::default()))?,
        created_at: now.clone(),
        updated_at: now,
    };
    sub_accounts::insert(&db, &row).await?;
    Ok(row.into_sub_account())
}

/// Applies what the input gives: name, email, and `meta` (replaces) or `$update` (merges).
pub async fn update(
    env: &Env,
    parent_id: &str,
    id: &str,
    input: &SubAccountInput,
) -> ApiResult<SubAccount> {
    let db = store::db(env)?;
    let mut row = found(&db, parent_id, id).await?;
    if let Some(name) = &input.name {
        row.name = name.trim().to_owned();
    }
    if input.email.is_some() {
        row.email = email_of(input.email.as_deref());
    }
    let meta = serde_json::from_str(&row.meta).unwrap_or_default();
    row.meta = meta_text(&input.meta.apply(meta))?;
    row.updated_at = now_rfc3339();
    sub_accounts::update(&db, &row).await?;
    Ok(row.into_sub_account())
}

/// Erases the child and everything it holds: D1 first (one transaction), then the cached
/// widgets and keys, then each conversation's room (sockets closed, messages deleted).
pub async fn delete(env: &Env, parent_id: &str, id: &str) -> ApiResult<String> {
    let db = store::db(env)?;
    let child = found(&db, parent_id, id).await?;
    let leftovers = sub_accounts::leftovers(&db, &child.id).await?;
    sub_accounts::erase(&db, parent_id, &child.id).await?;
    for widget_id in &leftovers.widget_ids {
        cache::forget(env, Key::Widget(widget_id)).await?;
    }
    for hash in &leftovers.key_hashes {
        cache::forget(env, Key::ApiKey(hash)).await?;
    }
    for conversation_id in &leftovers.conversation_ids {
        let room = object_client::room(env, conversation_id)?;
        object_client::call::<_, ()>(&room, &RoomCommand::Erase).await?;
    }
    Ok(child.id)
}
