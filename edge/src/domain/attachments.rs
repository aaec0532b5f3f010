//! Files in conversations: what Parley takes (decided by the bytes, never the name), the name
//! it keeps, and the files a message may carry (only its own conversation's).

use crate::error::{ApiError, ApiResult};
use crate::ids::new_id;
use crate::store;
use parley_shared_types::attachment::{Attachment, MAX_ATTACHMENT_BYTES, MAX_FILE_NAME_CHARS};
use parley_shared_types::problem::ErrorCode;
use worker::Env;

/// Plain text: what a file whose bytes match no allowed format may still be.
const PLAIN_TEXT: &str = "text/plain; charset=utf-8";

/// The types Parley stores, each with the extensions its files' names end in (the first is
/// added to a name that ends in none of them). No HTML, SVG, XML or scripts: nothing that a
/// browser would run on Parley's origin.
const ALLOWED: [(&str, &[&str]); 9] = [
    ("image/png", &["png"]),
    ("image/jpeg", &["jpg", "jpeg"]),
    ("image/gif", &["gif"]),
    ("image/webp", &["webp"]),
    ("application/pdf", &["pdf"]),
    (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        &["docx"],
    ),
    (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        &["xlsx"],
    ),
    (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        &["pptx"],
    ),
    (PLAIN_TEXT, &["txt", "csv", "log", "md"]),
];

/// What the bytes are, if Parley takes them: a format told by its magic number, or UTF-8 text
/// that is not markup (a `<` first would make it HTML, SVG or XML to someone).
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if let Some(kind) = infer::get(bytes) {
        return ALLOWED
            .iter()
            .map(|(content_type, _)| *content_type)
            .find(|allowed| *allowed == kind.mime_type());
    }
    let text = std::str::from_utf8(bytes).ok()?;
    let control = text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'));
    let markup = text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('<');
    (!text.trim().is_empty() && !control && !markup).then_some(PLAIN_TEXT)
}

/// The name a file is kept under: the last part of what the uploader called it, without
/// control characters, at most [`MAX_FILE_NAME_CHARS`], ending in an extension of what it is
/// (`invoice.html` holding a PDF is kept as `invoice.html.pdf`).
pub fn file_name(given: &str, content_type: &str) -> String {
    let base = given.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base.chars().filter(|c| !hidden(*c)).collect();
    let cleaned = cleaned.trim().trim_start_matches('.');
    let stem = if cleaned.is_empty() { "file" } else { cleaned };
    let extensions = ALLOWED
        .iter()
        .find(|(allowed, _)| *allowed == content_type)
        .map_or(&[][..], |(_, extensions)| *extensions);
    let extension = stem
        .rsplit_once('.')
        .map(|(_, extension)| extension.to_ascii_lowercase());
    let suffix = match (extension, extensions.first()) {
        (Some(extension), _) if extensions.contains(&extension.as_str()) => None,
        (_, first) => first.map(|first| String::from(".") + first),
    };
    let room = MAX_FILE_NAME_CHARS - suffix.as_ref().map_or(0, |s| s.chars().count());
    let mut name = if stem.chars().count() > room {
        shortened(stem, room)
    } else {
        stem.to_owned()
    };
    name.extend(suffix);
    name
}

/// A character that changes how a name looks without showing: control characters, and the
/// bidirectional overrides that make `gpj.exe` read as `exe.jpg`.
fn hidden(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `name` cut to `room` characters, keeping its extension.
fn shortened(name: &str, room: usize) -> String {
    let (stem, extension) = match name.rsplit_once('.') {
        Some((stem, extension)) if extension.chars().count() < 10 => (stem, Some(extension)),
        _ => (name, None),
    };
    let kept = room - extension.map_or(0, |e| e.chars().count() + 1);
    let mut short: String = stem.chars().take(kept).collect();
    if let Some(extension) = extension {
        short.push('.');
        short.push_str(extension);
    }
    short
}

/// Stores an uploaded file in the conversation: refused with 413 over the size limit and 415
/// when its bytes are not an allowed type.
pub async fn upload(
    env: &Env,
    conversation_id: &str,
    given_name: &str,
    bytes: Vec<u8>,
) -> ApiResult<Attachment> {
    if bytes.len() as u64 > MAX_ATTACHMENT_BYTES {
        return Err(too_large());
    }
    let content_type = sniff(&bytes).ok_or_else(|| {
        ApiError::new(
            ErrorCode::UnsupportedMediaType,
            "this file's type is not accepted: send an image (PNG, JPEG, GIF, WebP), a PDF, \
             an Office document (DOCX, XLSX, PPTX) or plain text",
        )
    })?;
    let attachment = Attachment {
        id: new_id(),
        name: file_name(given_name, content_type),
        content_type: content_type.to_owned(),
        size: bytes.len() as u64,
    };
    store::attachments::put(env, conversation_id, &attachment, bytes).await?;
    Ok(attachment)
}

pub fn too_large() -> ApiError {
    ApiError::new(
        ErrorCode::PayloadTooLarge,
        String::from("a file may be at most ")
            + &(MAX_ATTACHMENT_BYTES / (1024 * 1024)).to_string()
            + " MB",
    )
}

/// The files named by `ids`, each uploaded to this conversation; any other id is a 422.
pub async fn carried(
    env: &Env,
    conversation_id: &str,
    ids: &[String],
) -> ApiResult<Vec<Attachment>> {
    let heads = ids
        .iter()
        .map(|id| store::attachments::head(env, conversation_id, id));
    let found = futures_util::future::try_join_all(heads).await?;
    ids.iter()
        .zip(found)
        .map(|(id, attachment)| {
            attachment.ok_or_else(|| {
                let mut errors = parley_shared_types::validate::FieldErrors::new();
                errors.insert(
                    "attachments".into(),
                    vec![format!("no file {id} was uploaded to this conversation")],
                );
                ApiError::validation("the message names a file it cannot carry", errors)
            })
        })
        .collect()
}

/// The conversation's file with its bytes, or 404.
pub async fn read(
    env: &Env,
    conversation_id: &str,
    attachment_id: &str,
) -> ApiResult<(Attachment, Vec<u8>)> {
    store::attachments::get(env, conversation_id, attachment_id)
        .await?
        .ok_or_else(|| {
            ApiError::new(
                ErrorCode::NotFound,
                format!("no file {attachment_id} in this conversation"),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0";

    #[test]
    fn files_are_told_by_their_bytes() {
        assert_eq!(sniff(PNG), Some("image/png"));
        assert_eq!(
            sniff(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"),
            Some("application/pdf")
        );
        assert_eq!(sniff(b"\xff\xd8\xff\xe0\0\x10JFIF\0"), Some("image/jpeg"));
        assert_eq!(
            sniff("Order 1042, size M\nThanks!".as_bytes()),
            Some(PLAIN_TEXT)
        );
    }

    #[test]
    fn markup_programs_and_binary_noise_are_refused() {
        assert_eq!(sniff(b"<!doctype html><script>alert(1)</script>"), None);
        assert_eq!(
            sniff(b"  \n<svg xmlns='http://www.w3.org/2000/svg' onload='x()'/>"),
            None
        );
        assert_eq!(
            sniff(b"\xef\xbb\xbf<html>"),
            None,
            "a byte-order mark hides nothing"
        );
        assert_eq!(
            sniff(b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff"),
            None,
            "a Windows program"
        );
        assert_eq!(sniff(b"\0\x01\x02\x03binary"), None);
        assert_eq!(sniff(b""), None);
        assert_eq!(
            sniff(b"PK\x03\x04\x14\0\0\0\x08\0"),
            None,
            "a bare zip archive"
        );
    }

    #[test]
    fn names_lose_paths_and_control_characters_and_end_in_what_the_file_is() {
        assert_eq!(file_name("screenshot.PNG", "image/png"), "screenshot.PNG");
        assert_eq!(
            file_name("C:\\Users\\me\\photo.jpeg", "image/jpeg"),
            "photo.jpeg"
        );
        assert_eq!(file_name("../../etc/passwd", PLAIN_TEXT), "passwd.txt");
        assert_eq!(
            file_name("invoice.html", "application/pdf"),
            "invoice.html.pdf"
        );
        assert_eq!(
            file_name("bad\u{0}\u{202e}name\n.txt", PLAIN_TEXT),
            "badname.txt"
        );
        assert_eq!(file_name("   ", "image/png"), "file.png");
        assert_eq!(file_name(".htaccess", PLAIN_TEXT), "htaccess.txt");
    }

    #[test]
    fn long_names_are_shortened_before_their_extension() {
        let long = "a".repeat(300) + ".pdf";
        let kept = file_name(&long, "application/pdf");
        assert_eq!(kept.chars().count(), MAX_FILE_NAME_CHARS);
        assert!(kept.ends_with("a.pdf"));
        let long_wrong = "b".repeat(300) + ".exe";
        let kept = file_name(&long_wrong, "image/png");
        assert_eq!(kept.chars().count(), MAX_FILE_NAME_CHARS);
        assert!(kept.ends_with(".exe.png"));
    }
}
