//! Widgets as visitors reach them.

use crate::cache::{self, Key};
use crate::error::{ApiError, ApiResult};
use crate::ids::parse_id;
use crate::store::{self, bots, widgets, widgets::WidgetRow};
use parley_shared_types::problem::ErrorCode;
use worker::Env;

/// A widget by id alone (for visitors), from KV when cached, else D1 (then cached).
pub async fn public_widget(env: &Env, id: &str) -> ApiResult<WidgetRow> {
    let id = parse_id(id, "widget")?;
    if let Some(row) = cache::get(env, Key::Widget(&id)).await? {
        return Ok(row);
    }
    let row = widgets::find_public(&store::db(env)?, &id)
        .await?
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound, format!("no widget {id}")))?;
    cache::put(env, Key::Widget(&row.id), &row, None).await?;
    Ok(row)
}

/// The bot that answers the widget's new conversations: its bot, if AI is on and the bot
/// still exists (the cached widget may predate the bot's deletion).
pub async fn answering_bot(env: &Env, widget: &WidgetRow) -> ApiResult<Option<String>> {
    let Some(bot_id) = widget.bot_id.as_deref().filter(|_| widget.ai_enabled()) else {
        return Ok(None);
    };
    let bot = bots::find(&store::db(env)?, &widget.workspace_id, bot_id).await?;
    Ok(bot.map(|bot| bot.id))
}
