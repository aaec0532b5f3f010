//! Bots as the routes and the room look them up, and as every API dialect changes them.

use crate::clock::now_rfc3339;
use crate::error::{ApiError, ApiResult};
use crate::ids::{new_id, parse_id};
use crate::store::{self, bots, bots::BotRow, conversations::ConversationRow, knowledge};
use parley_shared_types::bot::{Bot, BotInput, DEFAULT_HANDOFF_MESSAGE};
use parley_shared_types::page::{ListRequest, MAX_PAGE_LIMIT, PageRequest};
use parley_shared_types::problem::ErrorCode;
use worker::Env;

/// A bot of the caller's workspace; any other id is 404.
pub async fn find(env: &Env, workspace_id: &str, id: &str) -> ApiResult<BotRow> {
    let id = parse_id(id, "bot")?;
    bots::find(&store::db(env)?, workspace_id, &id)
        .await?
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound, format!("no bot {id}")))
}

/// A bot of the caller's workspace with its knowledge sources (the first hundred), as
/// RocketFlow's chatbot details show it.
pub async fn with_knowledge_sources(env: &Env, workspace_id: &str, id: &str) -> ApiResult<Bot> {
    let row = find(env, workspace_id, id).await?;
    let (sources, _) =
        knowledge::sources_of(&store::db(env)?, workspace_id, &row.id, &first_hundred()).await?;
    let mut bot = row.into_bot();
    bot.knowledge_sources = Some(sources.into_iter().map(|s| s.into_source()).collect());
    Ok(bot)
}

/// The workspace's bots (the first hundred) and how many it has.
pub async fn list(env: &Env, workspace_id: &str) -> ApiResult<(Vec<Bot>, u64)> {
    let (rows, total) = bots::list(&store::db(env)?, workspace_id, &first_hundred()).await?;
    Ok((rows.into_iter().map(BotRow::into_bot).collect(), total))
}

fn first_hundred() -> ListRequest {
    ListRequest {
        page: PageRequest {
            page: 1,
            limit: MAX_PAGE_LIMIT,
        },
        cursor: None,
    }
}

/// What the conversation's bot says when it hands a visitor to people (the default when the
/// bot is gone).
pub async fn handoff_message(env: &Env, row: &ConversationRow) -> ApiResult<String> {
    let bot = match &row.bot_id {
        Some(bot_id) => bots::find(&store::db(env)?, &row.workspace_id, bot_id).await?,
        None => None,
    };
    Ok(bot.map_or_else(
        || DEFAULT_HANDOFF_MESSAGE.to_owned(),
        |bot| bot.settings().handoff.message,
    ))
}

/// A new bot of the workspace, from an input already validated for creation.
pub async fn create(env: &Env, workspace_id: &str, input: BotInput) -> ApiResult<BotRow> {
    let now = now_rfc3339();
    let mut row = BotRow {
        id: new_id(),
        workspace_id: workspace_id.to_owned(),
        name: String::new(),
        description: String::new(),
        status: "active".into(),
        last_error: None,
        settings: String::new(),
        meta: "{}".into(),
        created_at: now.clone(),
        updated_at: now,
    };
    apply(env, &mut row, input).await?;
    bots::insert(&store::db(env)?, &row).await?;
    Ok(row)
}

/// Changes what a validated input sends; `meta` replaces the metadata, `$update` merges.
pub async fn update(env: &Env, workspace_id: &str, id: &str, input: BotInput) -> ApiResult<BotRow> {
    let mut row = find(env, workspace_id, id).await?;
    apply(env, &mut row, input).await?;
    row.updated_at = now_rfc3339();
    bots::update(&store::db(env)?, &row).await?;
    Ok(row)
}

/// Deletes a bot with its knowledge, integrations and chats; widgets and conversations that
/// used it go back to people.
pub async fn remove(env: &Env, workspace_id: &str, id: &str) -> ApiResult<BotRow> {
    let row = find(env, workspace_id, id).await?;
    bots::delete(&store::db(env)?, workspace_id, &row.id).await?;
    Ok(row)
}

/// Applies a validated input; an `integrationId` must name one of this bot's integrations.
async fn apply(env: &Env, row: &mut BotRow, input: BotInput) -> ApiResult<()> {
    let BotInput {
        name,
        description,
        settings,
        meta,
    } = input;
    if let Some(name) = name {
        row.name = name.trim().to_owned();
    }
    if let Some(description) = description {
        row.description = description.trim().to_owned();
    }
    // A new bot's empty settings read as the defaults.
    let mut current = row.settings();
    if let Some(change) = settings {
        if let Some(Some(integration_id)) = &change.integration_id {
            let owned = bots::find_integration(&store::db(env)?, &row.workspace_id, integration_id)
                .await?
                .is_some_and(|i| i.bot_id == row.id);
            if !owned {
                return Err(ApiError::validation(
                    "no such integration",
                    [(
                        "settings.integrationId".to_owned(),
                        vec!["must be an integration of this bot".to_owned()],
                    )]
                    .into(),
                ));
            }
        }
        change.apply_to(&mut current);
    }
    row.settings = serde_json::to_string(&current).map_err(ApiError::internal)?;
    row.meta = serde_json::to_string(&meta.apply(row.meta())).map_err(ApiError::internal)?;
    Ok(())
}
