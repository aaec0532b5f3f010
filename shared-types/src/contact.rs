//! Contacts: the visitors a workspace has talked to, with who the site says they are
//! (`Parley.identify`), their attributes and when they were first and last seen.

use crate::conversation::{Conversation, checked_search};
use crate::message::Message;
use crate::page::{ListQuery, ListRequest, finish_list};
use crate::validate::{FieldErrors, MAX_EMAIL_CHARS, MAX_NAME_CHARS, Validator};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

pub const DEFAULT_CONTACT_PAGE: u32 = 20;
/// Serialized size limit of a contact's `attributes`.
pub const MAX_ATTRIBUTES_BYTES: usize = 8192;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Contact {
    pub id: String,
    pub workspace_id: String,
    /// The visitor id of their latest conversation.
    pub visitor_id: String,
    /// The site's own id for them, from `Parley.identify`.
    pub user_id: Option<String>,
    pub name: Option<String>,
    pub email: Option<String>,
    /// Whether the site proved who they are (identity verification); false until Parley
    /// checks `userHash`.
    pub verified: bool,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub attributes: Map<String, Value>,
    pub first_seen_at: String,
    pub last_seen_at: String,
    pub conversation_count: u64,
}

/// `GET /api/contacts/{id}`: the contact and their conversations, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ContactDetails {
    #[serde(flatten)]
    pub contact: Contact,
    pub conversations: Vec<Conversation>,
}

/// `PATCH /api/contacts/{id}`. `name` and `email` replace what is stored (`""` clears one);
/// `attributes` merges: each key given replaces that attribute, a key given as `null` deletes
/// it, and keys not given stay.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct UpdateContactRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub attributes: Option<Map<String, Value>>,
}

impl UpdateContactRequest {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut check = Validator::new();
        if let Some(name) = &self.name {
            check.max_chars("name", name, MAX_NAME_CHARS);
        }
        if let Some(email) = self.email.as_deref().filter(|e| !e.is_empty()) {
            check.email("email", email);
        }
        check.finish()
    }

    /// The contact's attributes after this update's merge, or the error when they grew too
    /// big.
    pub fn merged_attributes(
        &self,
        current: Map<String, Value>,
    ) -> Result<Map<String, Value>, FieldErrors> {
        let Some(changes) = &self.attributes else {
            return Ok(current);
        };
        let merged = merge_attributes(current, changes);
        let bytes = serde_json::to_string(&merged).map_or(usize::MAX, |s| s.len());
        let mut check = Validator::new();
        if bytes > MAX_ATTRIBUTES_BYTES {
            check.fail(
                "attributes",
                format!("must be at most {MAX_ATTRIBUTES_BYTES} bytes of JSON (got {bytes})"),
            );
        }
        check.finish().map(|()| merged)
    }
}

/// `current` with `changes` merged in: a key set to `null` is removed, any other replaces.
pub fn merge_attributes(
    mut current: Map<String, Value>,
    changes: &Map<String, Value>,
) -> Map<String, Value> {
    for (key, value) in changes {
        if value.is_null() {
            current.remove(key);
        } else {
            current.insert(key.clone(), value.clone());
        }
    }
    current
}

/// `GET /api/contacts` query: paging, and `search` over name, email and user id.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[serde(rename_all = "camelCase")]
pub struct ContactQuery {
    #[cfg_attr(feature = "openapi", param(minimum = 1))]
    pub page: Option<u32>,
    /// Page size, at most 100; `per_page` is the same.
    #[serde(alias = "per_page")]
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 100))]
    pub limit: Option<u32>,
    /// The id of the last contact already seen; the list continues after it.
    #[cfg_attr(feature = "openapi", param(format = "uuid"))]
    pub cursor: Option<String>,
    /// Part of a name, an email address or a user id (case-insensitive).
    pub search: Option<String>,
}

/// A checked [`ContactQuery`].
#[derive(Debug, Clone, PartialEq)]
pub struct ContactFilter {
    pub list: ListRequest,
    pub search: Option<String>,
}

impl ContactQuery {
    pub fn validate(&self) -> Result<ContactFilter, FieldErrors> {
        let mut check = Validator::new();
        let paging = ListQuery {
            page: self.page,
            limit: self.limit,
            cursor: self.cursor.clone(),
        };
        let list = paging.check_into(&mut check, DEFAULT_CONTACT_PAGE);
        let search = checked_search(&mut check, self.search.as_deref());
        Ok(ContactFilter {
            list: finish_list(&mut check, list)?,
            search,
        })
    }
}

/// One conversation of an export, with every message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ExportedConversation {
    #[serde(flatten)]
    pub conversation: Conversation,
    pub messages: Vec<Message>,
}

/// `GET /api/contacts/{id}/export`: everything Parley holds about a contact, for a data
/// request. Ratings are on their conversations (`rating`, `ratingComment`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ContactExport {
    pub exported_at: String,
    pub contact: Contact,
    pub conversations: Vec<ExportedConversation>,
}

/// What a visitor's conversation start says about who they are: `Parley.identify`'s fields,
/// copied by the widget into the conversation's metadata.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Identity {
    pub user_id: Option<String>,
    pub name: Option<String>,
    pub email: Option<String>,
    /// The site proved `user_id` with its `userHash` (the widget verifies identities).
    pub verified: bool,
}

impl Identity {
    /// The identity fields of a conversation's metadata: non-blank strings, trimmed, the
    /// email only when it looks like one, each cut to what a contact stores.
    pub fn from_metadata(metadata: &Map<String, Value>) -> Identity {
        let field = |key: &str, max: usize| {
            metadata
                .get(key)
                .and_then(Value::as_str)
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(|v| v.chars().take(max).collect::<String>())
        };
        Identity {
            user_id: field("userId", MAX_NAME_CHARS),
            name: field("name", MAX_NAME_CHARS),
            email: field("email", MAX_EMAIL_CHARS).filter(|e| crate::validate::is_email(e)),
            verified: false,
        }
    }

    /// What a contact is keyed by in its workspace: the site's user id once known, else the
    /// visitor id.
    pub fn key(&self, visitor_id: &str) -> String {
        match &self.user_id {
            Some(user_id) => format!("user:{user_id}"),
            None => format!("visitor:{visitor_id}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn map(value: Value) -> Map<String, Value> {
        value.as_object().cloned().unwrap()
    }

    #[test]
    fn attributes_merge_keys_and_null_deletes_one() {
        let current = map(json!({"plan": "pro", "seats": 3, "city": "Cairo"}));
        let merged = merge_attributes(
            current,
            &map(json!({"plan": "team", "city": null, "vip": true})),
        );
        assert_eq!(
            Value::Object(merged),
            json!({"plan": "team", "seats": 3, "vip": true})
        );
    }

    #[test]
    fn attributes_that_grow_too_big_are_refused() {
        let update = UpdateContactRequest {
            attributes: Some(map(json!({"notes": "x".repeat(MAX_ATTRIBUTES_BYTES)}))),
            ..Default::default()
        };
        assert!(
            update
                .merged_attributes(Map::new())
                .unwrap_err()
                .contains_key("attributes")
        );
        let none = UpdateContactRequest::default();
        assert_eq!(
            none.merged_attributes(map(json!({"a": 1}))).unwrap(),
            map(json!({"a": 1}))
        );
    }

    #[test]
    fn an_update_checks_its_email_and_lets_an_empty_one_clear_it() {
        let bad = UpdateContactRequest {
            email: Some("not mail".into()),
            ..Default::default()
        };
        assert!(bad.validate().unwrap_err().contains_key("email"));
        let clear = UpdateContactRequest {
            email: Some(String::new()),
            ..Default::default()
        };
        assert!(clear.validate().is_ok());
    }

    #[test]
    fn identity_comes_from_the_metadata_identify_filled() {
        let metadata = map(json!({
            "page": "/pricing", "userId": " u-42 ", "name": "Grace", "email": "no mail", "userHash": "h"
        }));
        let identity = Identity::from_metadata(&metadata);
        assert_eq!(identity.user_id.as_deref(), Some("u-42"));
        assert_eq!(identity.name.as_deref(), Some("Grace"));
        assert_eq!(identity.email, None, "not an address");
        assert_eq!(identity.key("v-1"), "user:u-42");
        assert_eq!(Identity::default().key("v-1"), "visitor:v-1");
    }

    #[test]
    fn a_contact_search_is_checked_like_a_list() {
        let query = ContactQuery {
            search: Some("x".repeat(crate::conversation::MAX_SEARCH_CHARS + 1)),
            limit: Some(500),
            ..Default::default()
        };
        let errors = query.validate().unwrap_err();
        assert_eq!(errors.keys().collect::<Vec<_>>(), ["limit", "search"]);
        let blank = ContactQuery {
            search: Some("  ".into()),
            ..Default::default()
        };
        assert_eq!(blank.validate().unwrap().search, None);
    }
}
