//! Attachments' bytes in R2, one object per file under its conversation's prefix
//! (`<conversationId>/<attachmentId>`), so a conversation's files are found, and deleted, by
//! their prefix. The object carries what the message shows: the file's name in its custom
//! metadata, its sniffed type as its HTTP content type.

use crate::error::ApiResult;
use parley_shared_types::attachment::Attachment;
use std::collections::HashMap;
use worker::{Bucket, Env, HttpMetadata, Object};

const NAME: &str = "name";

fn bucket(env: &Env) -> ApiResult<Bucket> {
    Ok(env.bucket("ATTACHMENTS")?)
}

fn key(conversation_id: &str, attachment_id: &str) -> String {
    String::from(conversation_id) + "/" + attachment_id
}

fn prefix(conversation_id: &str) -> String {
    String::from(conversation_id) + "/"
}

/// What an object's metadata says of it, or `None` for an object Parley did not write.
fn described(object: &Object, attachment_id: &str) -> Option<Attachment> {
    let name = object.custom_metadata().ok()?.remove(NAME)?;
    Some(Attachment {
        id: attachment_id.to_owned(),
        name,
        content_type: object.http_metadata().content_type?,
        size: object.size(),
    })
}

pub async fn put(
    env: &Env,
    conversation_id: &str,
    attachment: &Attachment,
    bytes: Vec<u8>,
) -> ApiResult<()> {
    let metadata = HttpMetadata {
        content_type: Some(attachment.content_type.clone()),
        ..HttpMetadata::default()
    };
    bucket(env)?
        .put(key(conversation_id, &attachment.id), bytes)
        .http_metadata(metadata)
        .custom_metadata(HashMap::from([(NAME.to_owned(), attachment.name.clone())]))
        .execute()
        .await?;
    Ok(())
}

/// The conversation's file `attachment_id`, without its bytes.
pub async fn head(
    env: &Env,
    conversation_id: &str,
    attachment_id: &str,
) -> ApiResult<Option<Attachment>> {
    let object = bucket(env)?
        .head(key(conversation_id, attachment_id))
        .await?;
    Ok(object.and_then(|object| described(&object, attachment_id)))
}

/// The conversation's file `attachment_id` with its bytes.
pub async fn get(
    env: &Env,
    conversation_id: &str,
    attachment_id: &str,
) -> ApiResult<Option<(Attachment, Vec<u8>)>> {
    let Some(object) = bucket(env)?
        .get(key(conversation_id, attachment_id))
        .execute()
        .await?
    else {
        return Ok(None);
    };
    let Some(attachment) = described(&object, attachment_id) else {
        return Ok(None);
    };
    let bytes = match object.body() {
        Some(body) => body.bytes().await?,
        None => Vec::new(),
    };
    Ok(Some((attachment, bytes)))
}

/// Deletes every file of the conversation, a listing page (up to 1 000) at a time.
pub async fn erase_conversation(env: &Env, conversation_id: &str) -> ApiResult<()> {
    let bucket = bucket(env)?;
    loop {
        let listed = bucket
            .list()
            .prefix(prefix(conversation_id))
            .execute()
            .await?;
        let keys: Vec<String> = listed.objects().iter().map(Object::key).collect();
        if keys.is_empty() {
            return Ok(());
        }
        bucket.delete_multiple(keys).await?;
        if !listed.truncated() {
            return Ok(());
        }
    }
}
