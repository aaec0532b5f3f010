//! Files a visitor or the team attaches to a message: uploaded first
//! (`POST /api/conversations/{id}/attachments`), then named by id in the message they belong to.

use serde::{Deserialize, Serialize};

/// Largest file Parley takes, in bytes (10 MiB).
pub const MAX_ATTACHMENT_BYTES: u64 = 10 * 1024 * 1024;
/// Most files one message carries.
pub const MAX_ATTACHMENTS_PER_MESSAGE: usize = 10;
/// Longest file name kept, in characters; longer ones are shortened before their extension.
pub const MAX_FILE_NAME_CHARS: usize = 120;

/// A stored file. `contentType` is what its bytes are (sniffed on upload), never what the
/// uploader called them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Attachment {
    pub id: String,
    pub name: String,
    pub content_type: String,
    /// Bytes.
    pub size: u64,
}

impl Attachment {
    /// Whether it shows inline, as a preview (every image type Parley accepts is a raster
    /// image: no SVG, which can carry script).
    pub fn is_image(&self) -> bool {
        self.content_type.starts_with("image/")
    }

    /// Where its bytes are read, by the conversation's participants with their usual
    /// credentials.
    pub fn path(&self, conversation_id: &str) -> String {
        String::from("/api/conversations/") + conversation_id + "/attachments/" + &self.id
    }
}

/// A size as people read it: `512 B`, `14 KB`, `2.4 MB` (built by concatenation: the widget
/// carries no `core::fmt`).
pub fn readable_size(bytes: u64) -> String {
    const KB: u64 = 1024;
    const MB: u64 = 1024 * 1024;
    if bytes < KB {
        return bytes.to_string() + " B";
    }
    if bytes < MB {
        return bytes.div_ceil(KB).to_string() + " KB";
    }
    let tenths = (bytes * 10).div_ceil(MB);
    (tenths / 10).to_string() + "." + &(tenths % 10).to_string() + " MB"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(readable_size(0), "0 B");
        assert_eq!(readable_size(1023), "1023 B");
        assert_eq!(readable_size(1024), "1 KB");
        assert_eq!(readable_size(14 * 1024 + 1), "15 KB");
        assert_eq!(readable_size(MAX_ATTACHMENT_BYTES), "10.0 MB");
        assert_eq!(readable_size(2_500_000), "2.4 MB");
    }

    #[test]
    fn images_show_inline_and_everything_else_does_not() {
        let file = |content_type: &str| Attachment {
            id: "a-1".into(),
            name: "x".into(),
            content_type: content_type.into(),
            size: 1,
        };
        assert!(file("image/png").is_image());
        assert!(!file("application/pdf").is_image());
        assert_eq!(
            file("image/png").path("c-1"),
            "/api/conversations/c-1/attachments/a-1"
        );
    }
}
