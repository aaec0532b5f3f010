//! Bots as the routes and the room look them up.

use crate::error::{ApiError, ApiResult};
use crate::ids::parse_id;
use crate::store::{self, bots, bots::BotRow, conversations::ConversationRow};
use parley_shared_types::bot::DEFAULT_HANDOFF_MESSAGE;
use parley_shared_types::problem::ErrorCode;
use worker::Env;

/// A bot of the caller's workspace; any other id is 404.
pub async fn find(env: &Env, workspace_id: &str, id: &str) -> ApiResult<BotRow> {
    let id = parse_id(id, "bot")?;
    bots::find(&store::db(env)?, workspace_id, &id)
        .await?
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound, format!("no bot {id}")))
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
