//! `/api/conversations/{id}/attachments`: a participant uploads a file (its bytes as the
//! body), then names it in a message; participants read it back with their usual credentials.
//! A file is served so that no browser runs it on Parley's origin: its sniffed type, never
//! sniffed again (`nosniff`), under a sandboxing CSP, and as a download unless an image.

use super::extract::{Params, upload as upload_body};
use super::problem::Problems;
use crate::AppState;
use crate::auth::Caller;
use crate::domain::attachments;
use crate::domain::conversations::{visible, workspace_to_write_in};
use crate::error::{ApiError, ApiResult};
use crate::ids::parse_id;
use axum::Json;
use axum::body::Body;
use axum::extract::Path;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use parley_shared_types::attachment::{Attachment, MAX_ATTACHMENT_BYTES};
use parley_shared_types::problem::Problem;
use serde::Deserialize;
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, Schema, SchemaFormat, Type};

/// A file's bytes, as the spec describes a binary body (generators make it a file argument).
pub struct FileBytes;

impl utoipa::PartialSchema for FileBytes {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Binary)))
            .into()
    }
}

impl utoipa::ToSchema for FileBytes {}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UploadQuery {
    /// The file's name as the sender knows it; kept without its path, with an extension of
    /// what the bytes are.
    #[serde(default)]
    pub name: String,
}

/// Uploads a file to the conversation (up to 10 MiB: an image, a PDF, an Office document or
/// plain text, as its bytes say, whatever its name): the body is the file. Send a message with
/// `attachments: [id]` to show it.
#[utoipa::path(post, path = "/api/conversations/{id}/attachments", tag = "messages", operation_id = "uploadAttachment", params(("id" = String, Path, description = "conversation id"), UploadQuery), request_body(content = FileBytes, content_type = "application/octet-stream", description = "The file's bytes"), responses((status = 201, body = Attachment), (status = 413, description = "Over 10 MiB", content_type = "application/problem+json", body = Problem), (status = 415, description = "Not an accepted file type", content_type = "application/problem+json", body = Problem), Problems))]
#[worker::send]
pub async fn upload(
    state: AppState,
    caller: Caller,
    Path(id): Path<String>,
    Params(query): Params<UploadQuery>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<(StatusCode, Json<Attachment>)> {
    let conversation_id = parse_id(&id, "conversation")?;
    workspace_to_write_in(&state.env, &caller, &conversation_id).await?;
    let bytes = upload_body(&headers, body, MAX_ATTACHMENT_BYTES).await?;
    let attachment = attachments::upload(&state.env, &conversation_id, &query.name, bytes).await?;
    Ok((StatusCode::CREATED, Json(attachment)))
}

/// A file of the conversation, for its participants: an image inline, anything else as a
/// download.
#[utoipa::path(get, path = "/api/conversations/{id}/attachments/{attachment_id}", tag = "messages", operation_id = "getAttachment", params(("id" = String, Path, description = "conversation id"), ("attachment_id" = String, Path, description = "attachment id")), responses((status = 200, description = "The file's bytes, with its sniffed type", content_type = "application/octet-stream", body = FileBytes), Problems))]
#[worker::send]
pub async fn download(
    state: AppState,
    caller: Caller,
    Path((id, attachment_id)): Path<(String, String)>,
) -> ApiResult<Response> {
    let conversation = visible(&state.env, &caller, &id).await?;
    let attachment_id = parse_id(&attachment_id, "attachment")?;
    let (attachment, bytes) =
        attachments::read(&state.env, &conversation.id, &attachment_id).await?;
    let headers = [
        (
            header::CONTENT_TYPE,
            header_value(&attachment.content_type)?,
        ),
        (
            header::CONTENT_DISPOSITION,
            header_value(&disposition(&attachment))?,
        ),
        (
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        (
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'; sandbox"),
        ),
        // A file never changes; only its participants may keep it.
        (
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, max-age=86400"),
        ),
    ];
    Ok((headers, bytes).into_response())
}

fn header_value(text: &str) -> ApiResult<HeaderValue> {
    HeaderValue::from_str(text).map_err(ApiError::internal)
}

/// `Content-Disposition` (RFC 6266): inline for images, a download for the rest, named in
/// ASCII for old clients and exactly (RFC 8187) for the rest.
fn disposition(attachment: &Attachment) -> String {
    let kind = if attachment.is_image() {
        "inline"
    } else {
        "attachment"
    };
    let ascii: String = attachment
        .name
        .chars()
        .map(|c| match c {
            ' '..='~' if c != '"' && c != '\\' => c,
            _ => '_',
        })
        .collect();
    let mut exact = String::new();
    for byte in attachment.name.bytes() {
        if byte.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&byte) {
            exact.push(byte as char);
        } else {
            exact.push_str(&format!("%{byte:02X}"));
        }
    }
    format!("{kind}; filename=\"{ascii}\"; filename*=UTF-8''{exact}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, content_type: &str) -> Attachment {
        Attachment {
            id: "a-1".into(),
            name: name.into(),
            content_type: content_type.into(),
            size: 1,
        }
    }

    #[test]
    fn images_show_inline_and_the_rest_downloads_under_its_exact_name() {
        assert_eq!(
            disposition(&file("shot.png", "image/png")),
            "inline; filename=\"shot.png\"; filename*=UTF-8''shot.png"
        );
        assert_eq!(
            disposition(&file("Résumé \"final\".pdf", "application/pdf")),
            "attachment; filename=\"R_sum_ _final_.pdf\"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%22final%22.pdf"
        );
    }
}
