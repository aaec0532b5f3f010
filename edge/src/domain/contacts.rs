//! Contacts as the HTTP layer sees them: one with their conversations, an admin's edit, an
//! export of everything Parley holds about them, and their erasure everywhere (D1 and each
//! conversation's room).

use crate::clock::now_rfc3339;
use crate::error::{ApiError, ApiResult};
use crate::ids::parse_id;
use crate::store::{self, contacts, contacts::ContactRow, conversations};
use parley_shared_types::contact::{
    Contact, ContactDetails, ContactExport, ExportedConversation, UpdateContactRequest,
};
use parley_shared_types::problem::ErrorCode;
use worker::Env;

/// The workspace's contact `id`; any other is 404, so ids of other workspaces reveal nothing.
async fn found(env: &Env, workspace_id: &str, id: &str) -> ApiResult<ContactRow> {
    let id = parse_id(id, "contact")?;
    contacts::find(&store::db(env)?, workspace_id, &id)
        .await?
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound, format!("no contact {id}")))
}

/// The contact and their conversations, newest first.
pub async fn details(env: &Env, workspace_id: &str, id: &str) -> ApiResult<ContactDetails> {
    let contact = found(env, workspace_id, id).await?;
    let rows = conversations::of_contact(&store::db(env)?, workspace_id, &contact.id).await?;
    Ok(ContactDetails {
        contact: contact.into_contact(),
        conversations: rows
            .into_iter()
            .map(|row| row.into_conversation())
            .collect(),
    })
}

/// Applies an admin's edit: name and email replace (`""` clears), attributes merge.
pub async fn update(
    env: &Env,
    workspace_id: &str,
    id: &str,
    request: &UpdateContactRequest,
) -> ApiResult<Contact> {
    let contact = found(env, workspace_id, id).await?.into_contact();
    let attributes = request
        .merged_attributes(contact.attributes)
        .map_err(|errors| ApiError::validation("the attributes are too big", errors))?;
    let replaced = |given: &Option<String>, stored: Option<String>| match given {
        Some(value) => Some(value.trim().to_owned()).filter(|v| !v.is_empty()),
        None => stored,
    };
    let name = replaced(&request.name, contact.name);
    let email = replaced(&request.email, contact.email);
    let attributes = serde_json::to_string(&attributes).map_err(ApiError::internal)?;
    let db = store::db(env)?;
    contacts::update(
        &db,
        workspace_id,
        &contact.id,
        (name.as_deref(), email.as_deref(), &attributes),
    )
    .await?;
    Ok(found(env, workspace_id, &contact.id).await?.into_contact())
}

/// Everything Parley holds about the contact: who they are, and each conversation with its
/// messages (and rating).
pub async fn export(env: &Env, workspace_id: &str, id: &str) -> ApiResult<ContactExport> {
    let details = details(env, workspace_id, id).await?;
    let mut exported = Vec::with_capacity(details.conversations.len());
    for conversation in details.conversations {
        // Everything Parley holds about them, the team's notes included.
        let messages = super::conversations::every_message(env, &conversation.id, true).await?;
        exported.push(ExportedConversation {
            conversation,
            messages,
        });
    }
    Ok(ContactExport {
        exported_at: now_rfc3339(),
        contact: details.contact,
        conversations: exported,
    })
}

/// Erases the contact and everything of theirs: first D1 (the contact, their conversations
/// with ratings and what hangs on them, search entries, webhook deliveries), so every route
/// answers 404 at once, then each conversation's room (its sockets closed, its messages
/// deleted).
pub async fn erase(env: &Env, workspace_id: &str, id: &str) -> ApiResult<()> {
    let contact = found(env, workspace_id, id).await?;
    let db = store::db(env)?;
    let conversation_ids: Vec<String> = conversations::of_contact(&db, workspace_id, &contact.id)
        .await?
        .into_iter()
        .map(|row| row.id)
        .collect();
    contacts::erase(&db, workspace_id, &contact.id, &conversation_ids).await?;
    for conversation_id in &conversation_ids {
        super::conversations::erase_room(env, conversation_id).await?;
    }
    Ok(())
}
