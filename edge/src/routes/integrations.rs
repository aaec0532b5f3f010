//! `/api/bots/{botId}/integrations` and `/api/integrations/{id}`: a bot's AI backends. The
//! API key is write-only.

use super::extract::{Admin, Agent};
use super::extract::{Body, fetchable, valid};
use super::list::Listing;
use super::problem::Problems;
use crate::AppState;
use crate::clock::now_rfc3339;
use crate::domain::bots;
use crate::error::{ApiError, ApiResult};
use crate::ids::new_id;
use crate::ids::parse_id;
use crate::store::{self, bots::IntegrationRow};
use axum::Json;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use parley_shared_types::bot::{
    DEFAULT_CONTEXT_WINDOW, Integration, IntegrationInput, IntegrationKind,
};
use parley_shared_types::page::{ListQuery, Page};
use parley_shared_types::problem::ErrorCode;
use worker::Env;

#[utoipa::path(get, path = "/api/bots/{id}/integrations", tag = "bots", operation_id = "listIntegrations", params(("id" = String, Path, description = "bot id"), ListQuery), responses((status = 200, body = Page<Integration>), Problems))]
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
        store::bots::integrations_of(&db, &me.workspace_id, &bot.id, &listing.request()).await?;
    let data = rows
        .into_iter()
        .map(IntegrationRow::into_integration)
        .collect();
    Ok(listing.page(data, total, |integration: &Integration| &integration.id))
}

#[utoipa::path(post, path = "/api/bots/{id}/integrations", tag = "bots", operation_id = "createIntegration", params(("id" = String, Path, description = "bot id")), request_body = IntegrationInput, responses((status = 201, body = Integration), Problems))]
#[worker::send]
pub async fn create(
    state: AppState,
    Admin(me): Admin,
    Path(bot_id): Path<String>,
    Body(input): Body<IntegrationInput>,
) -> ApiResult<(StatusCode, Json<Integration>)> {
    let kind = input.kind.unwrap_or(IntegrationKind::Builtin);
    valid(input.validate(kind, true))?;
    fetchable(&state.env, "baseUrl", input.base_url.as_deref())?;
    let bot = bots::find(&state.env, &me.workspace_id, &bot_id).await?;
    let now = now_rfc3339();
    let mut row = IntegrationRow {
        id: new_id(),
        workspace_id: me.workspace_id,
        bot_id: bot.id,
        kind: String::new(),
        name: String::new(),
        base_url: None,
        model: None,
        api_key: None,
        context_window: i64::from(DEFAULT_CONTEXT_WINDOW),
        status: "active".into(),
        last_error: None,
        meta: "{}".into(),
        created_at: now.clone(),
        updated_at: now,
    };
    apply(&mut row, input)?;
    store::bots::insert_integration(&store::db(&state.env)?, &row).await?;
    Ok((StatusCode::CREATED, Json(row.into_integration())))
}

#[utoipa::path(get, path = "/api/integrations/{id}", tag = "bots", operation_id = "getIntegration", params(("id" = String, Path, description = "integration id")), responses((status = 200, body = Integration), Problems))]
#[worker::send]
pub async fn get(
    state: AppState,
    Agent(me): Agent,
    Path(id): Path<String>,
) -> ApiResult<Json<Integration>> {
    Ok(Json(
        find(&state.env, &me.workspace_id, &id)
            .await?
            .into_integration(),
    ))
}

/// `PATCH /api/integrations/{id}`: what is sent changes; an empty `apiKey` removes the key.
#[utoipa::path(patch, path = "/api/integrations/{id}", tag = "bots", operation_id = "updateIntegration", params(("id" = String, Path, description = "integration id")), request_body = IntegrationInput, responses((status = 200, body = Integration), Problems))]
#[worker::send]
pub async fn update(
    state: AppState,
    Admin(me): Admin,
    Path(id): Path<String>,
    Body(input): Body<IntegrationInput>,
) -> ApiResult<Json<Integration>> {
    let mut row = find(&state.env, &me.workspace_id, &id).await?;
    let kind = input.kind.unwrap_or(row.kind());
    valid(input.validate(kind, false))?;
    fetchable(&state.env, "baseUrl", input.base_url.as_deref())?;
    key_follows_endpoint(&row, &input)?;
    apply(&mut row, input)?;
    row.updated_at = now_rfc3339();
    store::bots::update_integration(&store::db(&state.env)?, &row).await?;
    Ok(Json(row.into_integration()))
}

/// A bot whose integration is removed answers with the built-in engine.
#[utoipa::path(delete, path = "/api/integrations/{id}", tag = "bots", operation_id = "deleteIntegration", params(("id" = String, Path, description = "integration id")), responses((status = 204, description = "Deleted"), Problems))]
#[worker::send]
pub async fn remove(
    state: AppState,
    Admin(me): Admin,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    let row = find(&state.env, &me.workspace_id, &id).await?;
    store::bots::delete_integration(&store::db(&state.env)?, &me.workspace_id, &row.id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The stored key was given for one endpoint: sending it anywhere else needs the key again,
/// or anyone who may edit the integration could point it at their own server and read it.
fn key_follows_endpoint(row: &IntegrationRow, input: &IntegrationInput) -> ApiResult<()> {
    let moves =
        |new: Option<&str>, old: Option<&str>| new.is_some_and(|new| Some(new.trim()) != old);
    let endpoint_changes = moves(input.base_url.as_deref(), row.base_url.as_deref())
        || input.kind.is_some_and(|kind| kind != row.kind());
    if endpoint_changes && row.api_key.is_some() && input.api_key.is_none() {
        return Err(ApiError::validation(
            "the request is not valid",
            [(
                "apiKey".to_owned(),
                vec!["send the API key again (or an empty one to remove it) when baseUrl or kind changes".to_owned()],
            )]
            .into(),
        ));
    }
    Ok(())
}

/// Applies a validated input; an OpenAI integration must end up with an endpoint and model.
fn apply(row: &mut IntegrationRow, input: IntegrationInput) -> ApiResult<()> {
    let IntegrationInput {
        kind,
        name,
        base_url,
        model,
        api_key,
        context_window,
        meta,
    } = input;
    if let Some(kind) = kind {
        row.kind = match kind {
            IntegrationKind::Builtin => "builtin",
            IntegrationKind::Openai => "openai",
        }
        .into();
    } else if row.kind.is_empty() {
        row.kind = "builtin".into();
    }
    if let Some(url) = base_url {
        row.base_url = Some(url.trim().to_owned());
    }
    if let Some(model) = model {
        row.model = Some(model.trim().to_owned());
    }
    if let Some(key) = api_key {
        row.api_key = Some(key).filter(|k| !k.is_empty());
    }
    if let Some(window) = context_window {
        row.context_window = i64::from(window);
    }
    match name {
        Some(name) => row.name = name.trim().to_owned(),
        None if row.name.is_empty() => {
            row.name = row.model.clone().unwrap_or_else(|| "Built-in".into());
        }
        None => {}
    }
    row.meta = serde_json::to_string(&meta.apply(row.meta())).map_err(ApiError::internal)?;
    if row.kind() == IntegrationKind::Openai && (row.base_url.is_none() || row.model.is_none()) {
        return Err(ApiError::validation(
            "an openai integration needs baseUrl and model",
            [(
                "kind".to_owned(),
                vec!["openai needs baseUrl and model".to_owned()],
            )]
            .into(),
        ));
    }
    Ok(())
}

async fn find(env: &Env, workspace_id: &str, id: &str) -> ApiResult<IntegrationRow> {
    let id = parse_id(id, "integration")?;
    store::bots::find_integration(&store::db(env)?, workspace_id, &id)
        .await?
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound, format!("no integration {id}")))
}
