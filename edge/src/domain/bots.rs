//! Bots as the routes and the room look them up.

use crate::error::{ApiError, ApiResult};
use crate::ids::parse_id;
use crate::store::{self, bots, bots::BotRow, conversations::ConversationRow, knowledge};
use parley_shared_types::bot::{Bot, DEFAULT_HANDOFF_MESSAGE};
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
