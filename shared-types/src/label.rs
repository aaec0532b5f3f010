//! Labels: a workspace's tags for conversations ("billing", "VIP"), attached by its team and
//! used to filter the inbox and the conversation lists (`?label=<id>`).

use crate::validate::{FieldErrors, Validator, is_hex_color, is_uuid};
use serde::{Deserialize, Serialize};

pub const MAX_LABEL_NAME_CHARS: usize = 40;
/// The colour of a label made without one.
pub const DEFAULT_LABEL_COLOR: &str = "#64748b";

/// A label as `/api/labels` answers it. Its name is unique in the workspace, whatever its case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Label {
    pub id: String,
    pub name: String,
    /// `#rgb` or `#rrggbb`.
    pub color: String,
    pub created_at: String,
}

/// A label as a conversation carries it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct LabelRef {
    pub id: String,
    pub name: String,
    pub color: String,
}

/// `POST /api/labels`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CreateLabelRequest {
    pub name: String,
    /// Default `#64748b` (slate).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
}

/// `PATCH /api/labels/{id}`: what is given changes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct UpdateLabelRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
}

/// `POST /api/conversations/{id}/labels`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct AttachLabelRequest {
    #[cfg_attr(feature = "openapi", schema(format = "uuid"))]
    pub label_id: String,
}

fn check_label(check: &mut Validator, name: Option<&str>, color: Option<&str>) {
    if let Some(name) = name {
        check.text("name", name, MAX_LABEL_NAME_CHARS);
    }
    if let Some(color) = color
        && !is_hex_color(color)
    {
        check.fail("color", "must be a hex colour such as #22c55e");
    }
}

impl CreateLabelRequest {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut check = Validator::new();
        check_label(&mut check, Some(&self.name), self.color.as_deref());
        check.finish()
    }
}

impl UpdateLabelRequest {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut check = Validator::new();
        check_label(&mut check, self.name.as_deref(), self.color.as_deref());
        check.finish()
    }
}

impl AttachLabelRequest {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut check = Validator::new();
        if !is_uuid(&self.label_id) {
            check.fail("labelId", "must be a label's id");
        }
        check.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_needs_a_name_and_a_hex_colour() {
        let ok = CreateLabelRequest {
            name: "VIP".into(),
            color: Some("#f59e0b".into()),
        };
        assert_eq!(ok.validate(), Ok(()));
        let bad = CreateLabelRequest {
            name: " ".into(),
            color: Some("gold".into()),
        };
        let errors = bad.validate().unwrap_err();
        assert_eq!(errors.keys().collect::<Vec<_>>(), ["color", "name"]);
        assert_eq!(UpdateLabelRequest::default().validate(), Ok(()));
        let long = UpdateLabelRequest {
            name: Some("x".repeat(MAX_LABEL_NAME_CHARS + 1)),
            color: None,
        };
        assert!(long.validate().unwrap_err().contains_key("name"));
    }

    #[test]
    fn attaching_names_a_label_by_its_id() {
        let attach: AttachLabelRequest =
            serde_json::from_str(r#"{"labelId":"9b2d4e61-3f5a-4e7c-8d2b-6a4c1e8f0b02"}"#).unwrap();
        assert_eq!(attach.validate(), Ok(()));
        let bad = AttachLabelRequest {
            label_id: "vip".into(),
        };
        assert!(bad.validate().unwrap_err().contains_key("labelId"));
    }
}
