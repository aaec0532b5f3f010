//! Labels on conversations: the workspace's team puts them on and takes them off, and the
//! agents' feed hears the conversation changed, so every inbox shows it at once.

use super::conversations::announce;
use crate::error::{ApiError, ApiResult};
use crate::ids::parse_id;
use crate::store::{self, conversations::ConversationRow, labels};
use parley_shared_types::conversation::Conversation;
use parley_shared_types::problem::ErrorCode;
use worker::{D1Database, Env};

/// The workspace's label `id`; another workspace's reads as none (404).
pub async fn find(db: &D1Database, workspace_id: &str, id: &str) -> ApiResult<labels::LabelRow> {
    let id = parse_id(id, "label")?;
    labels::find(db, workspace_id, &id)
        .await?
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound, format!("no label {id}")))
}

/// Puts the label on `conversation` (both the workspace's); twice changes nothing.
/// A label of another workspace, or none, is a 422 on `labelId`.
pub async fn attach(
    env: &Env,
    conversation: &ConversationRow,
    label_id: &str,
) -> ApiResult<Conversation> {
    let db = store::db(env)?;
    let workspace_id = &conversation.workspace_id;
    // The label is named in the body, so a label the workspace lacks is a field's error.
    let label = find(&db, workspace_id, label_id).await.map_err(|_| {
        ApiError::validation(
            "no such label",
            [(
                "labelId".to_owned(),
                vec!["must be a label of this workspace".to_owned()],
            )]
            .into(),
        )
    })?;
    labels::attach(&db, workspace_id, &conversation.id, &label.id).await?;
    announce(env, workspace_id, &conversation.id, None).await
}

/// Takes the label off `conversation`; a label it does not carry is a 404.
pub async fn detach(env: &Env, conversation: &ConversationRow, label_id: &str) -> ApiResult<()> {
    let db = store::db(env)?;
    let workspace_id = &conversation.workspace_id;
    let label_id = parse_id(label_id, "label")?;
    if !labels::detach(&db, workspace_id, &conversation.id, &label_id).await? {
        return Err(ApiError::new(
            ErrorCode::NotFound,
            format!("the conversation does not carry label {label_id}"),
        ));
    }
    announce(env, workspace_id, &conversation.id, None)
        .await
        .map(drop)
}
