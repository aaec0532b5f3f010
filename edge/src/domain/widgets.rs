//! Widgets as visitors reach them.

use crate::cache::{self, Key};
use crate::clock;
use crate::crypto;
use crate::error::{ApiError, ApiResult};
use crate::ids::parse_id;
use crate::store::{self, bots, widgets, widgets::WidgetRow};
use parley_shared_types::contact::Identity;
use parley_shared_types::problem::ErrorCode;
use parley_shared_types::widget::WidgetInput;
use serde_json::{Map, Value};
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

/// Where a conversation's metadata says whether its visitor's `userId` was proven: set by
/// Parley alone (whatever the page sent under it is replaced).
pub const IDENTITY_VERIFIED_KEY: &str = "identityVerified";
const USER_HASH_KEY: &str = "userHash";

/// Who a conversation start says the visitor is, as far as the widget vouches for it, and the
/// metadata to store: `userHash` is taken out, and `identityVerified` says whether a claimed
/// `userId` was proven. A widget with an identity secret refuses a `userId` without the right
/// `userHash`, so nobody can pass for another user.
pub fn vouched_identity(
    widget: &WidgetRow,
    mut metadata: Map<String, Value>,
) -> ApiResult<(Identity, Map<String, Value>)> {
    let user_hash = metadata.remove(USER_HASH_KEY);
    metadata.remove(IDENTITY_VERIFIED_KEY);
    let mut identity = Identity::from_metadata(&metadata);
    if let Some(user_id) = &identity.user_id {
        let hash = user_hash.as_ref().map(|h| h.as_str().unwrap_or_default());
        identity.verified = proves_user(widget, user_id, hash)?;
        metadata.insert(IDENTITY_VERIFIED_KEY.into(), identity.verified.into());
    }
    Ok((identity, metadata))
}

/// Whether the widget vouches for the site's user `user_id`: never without an identity
/// secret; with one, `user_hash` must be the hex HMAC-SHA256 of the id under it, and a
/// missing or wrong one is refused (403) rather than kept as a claim.
pub fn proves_user(widget: &WidgetRow, user_id: &str, user_hash: Option<&str>) -> ApiResult<bool> {
    let Some(secret) = &widget.identity_secret else {
        return Ok(false);
    };
    let proven = user_hash
        .and_then(|hash| crypto::unhex(hash.trim()))
        .is_some_and(|tag| {
            crypto::hmac_sha256_verifies(secret.as_bytes(), user_id.as_bytes(), &tag)
        });
    if proven {
        return Ok(true);
    }
    let why = if user_hash.is_none() {
        "this widget verifies identities: identify with userHash, the hex HMAC-SHA256 of userId under the widget's identity secret, computed on your server"
    } else {
        "userHash does not match userId: the visitor's identity is not trusted"
    };
    Err(ApiError::new(ErrorCode::Forbidden, why))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn widget(secret: Option<&str>) -> WidgetRow {
        let mut row = WidgetRow::new(
            "w-1".into(),
            "ws-1".into(),
            WidgetInput::default(),
            "2026-12-06T00:00:00Z".into(),
        );
        row.identity_secret = secret.map(str::to_owned);
        row
    }

    fn metadata(value: Value) -> Map<String, Value> {
        value.as_object().cloned().unwrap()
    }

    fn hash(secret: &str, user_id: &str) -> String {
        crypto::hex(&crypto::hmac_sha256(secret.as_bytes(), user_id.as_bytes()))
    }

    #[test]
    fn without_a_secret_a_claim_is_kept_but_unverified() {
        let (identity, stored) = vouched_identity(
            &widget(None),
            metadata(json!({"userId": "u-1", "userHash": "ab", "identityVerified": true})),
        )
        .unwrap();
        assert!(!identity.verified);
        assert_eq!(identity.user_id.as_deref(), Some("u-1"));
        assert_eq!(
            Value::Object(stored),
            json!({"userId": "u-1", "identityVerified": false})
        );
    }

    #[test]
    fn with_a_secret_only_the_right_hash_passes() {
        let row = widget(Some("s3cret"));
        let right = hash("s3cret", "u-1");
        let (identity, stored) = vouched_identity(
            &row,
            metadata(json!({"userId": "u-1", "userHash": right.to_uppercase()})),
        )
        .unwrap();
        assert!(identity.verified);
        assert_eq!(stored["identityVerified"], true);
        for forged in [
            json!({"userId": "u-1", "userHash": hash("guess", "u-1")}),
            json!({"userId": "u-2", "userHash": right}),
            json!({"userId": "u-1"}),
        ] {
            let refused = vouched_identity(&row, metadata(forged)).unwrap_err();
            assert_eq!(refused.code(), ErrorCode::Forbidden);
        }
    }

    #[test]
    fn an_anonymous_visitor_needs_no_hash() {
        let (identity, stored) =
            vouched_identity(&widget(Some("s3cret")), metadata(json!({"page": "/"}))).unwrap();
        assert_eq!(identity.user_id, None);
        assert!(!stored.contains_key("identityVerified"));
    }
}
