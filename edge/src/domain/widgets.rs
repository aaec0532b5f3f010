//! Widgets as visitors reach them.

use crate::cache::{self, Key};
use crate::clock;
use crate::error::{ApiError, ApiResult};
use crate::ids::parse_id;
use crate::store::{self, bots, widgets, widgets::WidgetRow};
use parley_shared_types::problem::ErrorCode;
use parley_shared_types::widget::WidgetInput;
use std::collections::BTreeMap;
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

/// Whether people answer now by the widget's business hours (in its time zone). A zone the
/// runtime stopped knowing counts as open: the widget must not go dark by accident.
pub fn within_business_hours(widget: &WidgetRow) -> bool {
    let hours = widget.business_hours();
    match clock::local_time(&hours.time_zone) {
        Some(now) => hours.is_open(now),
        None => true,
    }
}

/// Refuses business hours in a time zone the runtime does not know.
pub fn check_time_zone(input: &WidgetInput) -> ApiResult<()> {
    let Some(hours) = input.business_hours.as_ref().filter(|h| h.enabled) else {
        return Ok(());
    };
    if clock::is_time_zone(&hours.time_zone) {
        return Ok(());
    }
    let why = format!(
        "{:?} is not a time zone: use an IANA name such as Europe/Berlin",
        hours.time_zone
    );
    let errors = BTreeMap::from([("businessHours.timeZone".to_owned(), vec![why])]);
    Err(ApiError::validation("the request is not valid", errors))
}
