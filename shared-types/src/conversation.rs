//! Conversations between a visitor and the workspace's agents (and bots).

use crate::label::LabelRef;
use crate::page::{ListQuery, ListRequest, finish_list};
use crate::validate::{FieldErrors, Validator, is_uuid};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

pub const DEFAULT_CONVERSATION_PAGE: u32 = 20;
pub const MAX_VISITOR_ID_CHARS: usize = 64;
/// Serialized size limit of a conversation's `metadata`.
pub const MAX_METADATA_BYTES: usize = 4096;
pub const MAX_SEARCH_CHARS: usize = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum ConversationStatus {
    Open,
    Pending,
    Closed,
}

impl ConversationStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ConversationStatus::Open => "open",
            ConversationStatus::Pending => "pending",
            ConversationStatus::Closed => "closed",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "open" => Some(ConversationStatus::Open),
            "pending" => Some(ConversationStatus::Pending),
            "closed" => Some(ConversationStatus::Closed),
            _ => None,
        }
    }
}

/// The seed's conversation object, plus the summary the room keeps current.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Conversation {
    pub id: String,
    pub workspace_id: String,
    pub widget_id: String,
    pub visitor_id: String,
    pub assigned_agent_id: Option<String>,
    pub status: ConversationStatus,
    pub channel: String,
    pub started_at: String,
    pub closed_at: Option<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub metadata: Map<String, Value>,
    pub last_message: Option<String>,
    pub last_message_at: Option<String>,
    pub message_count: u64,
    /// Visitor messages no agent has marked read.
    #[serde(default)]
    pub unread_count: u64,
    /// The bot answering this conversation while `aiActive`.
    #[serde(default)]
    pub bot_id: Option<String>,
    /// The bot answers until a person takes over (the visitor asks, an agent steps in, or the
    /// bot hands off).
    #[serde(default)]
    pub ai_active: bool,
    /// Bumped by every change to the conversation. Updates can arrive out of order (each
    /// reads the index at its own moment), so of two copies the higher version is the newer.
    /// Absent means 0, so a new conversation is exactly the seed's object.
    #[serde(default, skip_serializing_if = "is_unchanged")]
    pub version: u64,
    /// The visitor's satisfaction rating, 1–5, once given (`POST …/rating`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating_comment: Option<String>,
    /// The workspace's labels on it, by name; left out when there are none, so an unlabelled
    /// conversation is the seed's object.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub labels: Vec<LabelRef>,
    /// The contact the visitor is (`GET /api/contacts/{id}`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_id: Option<String>,
    /// Where the team's replies are emailed while the visitor is away, once they asked
    /// (`POST …/follow-up`) and until they unsubscribe.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow_up_email: Option<String>,
    /// Where a content `search` found this conversation (lists only).
    #[serde(default, rename = "match", skip_serializing_if = "Option::is_none")]
    pub search_match: Option<SearchMatch>,
}

/// A message whose content matched a list's `search`: a snippet of it and, in the snippet,
/// the spans that matched as `[start, end)` character offsets (Unicode scalar values).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct SearchMatch {
    pub message_id: String,
    pub snippet: String,
    pub highlights: Vec<[u32; 2]>,
}

impl SearchMatch {
    /// The snippet cut into pieces, each with whether it matched, in order.
    pub fn pieces(&self) -> Vec<(String, bool)> {
        let chars: Vec<char> = self.snippet.chars().collect();
        let mut pieces = Vec::new();
        let mut at = 0;
        for &[start, end] in &self.highlights {
            let (start, end) = (start as usize, (end as usize).min(chars.len()));
            if start < at || start >= end {
                continue;
            }
            if start > at {
                pieces.push((chars[at..start].iter().collect(), false));
            }
            pieces.push((chars[start..end].iter().collect(), true));
            at = end;
        }
        if at < chars.len() {
            pieces.push((chars[at..].iter().collect(), false));
        }
        pieces
    }
}

fn is_unchanged(version: &u64) -> bool {
    *version == 0
}

impl Conversation {
    /// Whether this copy may replace `current`: an older copy arriving late must not undo a
    /// newer one (a close shown as open again).
    pub fn supersedes(&self, current: &Conversation) -> bool {
        self.version >= current.version
    }
}

/// `POST /api/conversations` (widget auth).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct StartConversationRequest {
    #[cfg_attr(feature = "openapi", schema(format = "uuid"))]
    pub widget_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visitor_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub metadata: Option<Map<String, Value>>,
}

impl StartConversationRequest {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut check = Validator::new();
        check.uuid("widgetId", &self.widget_id);
        if let Some(visitor) = &self.visitor_id {
            check.text("visitorId", visitor, MAX_VISITOR_ID_CHARS);
        }
        if let Some(metadata) = &self.metadata {
            let bytes = serde_json::to_string(metadata).map_or(usize::MAX, |s| s.len());
            if bytes > MAX_METADATA_BYTES {
                check.fail(
                    "metadata",
                    format!("must be at most {MAX_METADATA_BYTES} bytes of JSON (got {bytes})"),
                );
            }
        }
        check.finish()
    }
}

/// The new conversation and the token its visitor uses for every later read and write.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct StartedConversation {
    #[serde(flatten)]
    pub conversation: Conversation,
    pub visitor_token: String,
}

/// `GET /api/conversations` and `/api/admin/conversations` query. Its paging fields repeat
/// [`ListQuery`]'s because query strings cannot `#[serde(flatten)]` numbers; `validate` checks
/// them with `ListQuery::validate`, so the rules stay in one place.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[serde(rename_all = "camelCase")]
pub struct ConversationQuery {
    #[cfg_attr(feature = "openapi", param(minimum = 1))]
    pub page: Option<u32>,
    /// Page size, at most 100; `per_page` is the same.
    #[serde(alias = "per_page")]
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 100))]
    pub limit: Option<u32>,
    /// The id of the last conversation already seen; the list continues after it.
    #[cfg_attr(feature = "openapi", param(format = "uuid"))]
    pub cursor: Option<String>,
    #[cfg_attr(feature = "openapi", param(value_type = Option<ConversationStatus>))]
    pub status: Option<String>,
    pub search: Option<String>,
    pub agent_id: Option<String>,
    pub widget_id: Option<String>,
    /// `false`: only unassigned conversations; `true`: only assigned ones.
    pub assigned: Option<bool>,
    /// `true`: only those a bot is answering; `false`: only those people handle.
    pub ai_active: Option<bool>,
    /// Only those carrying this label (its id).
    #[cfg_attr(feature = "openapi", param(format = "uuid"))]
    pub label: Option<String>,
    /// Only those that came through this channel (`widget`, or a messaging platform's kind).
    pub channel: Option<String>,
}

/// A checked [`ConversationQuery`].
#[derive(Debug, Clone, PartialEq)]
pub struct ConversationFilter {
    pub list: ListRequest,
    pub status: Option<ConversationStatus>,
    pub search: Option<String>,
    pub agent_id: Option<String>,
    pub widget_id: Option<String>,
    pub assigned: Option<bool>,
    pub ai_active: Option<bool>,
    pub label: Option<String>,
    pub channel: Option<String>,
    /// Only those of this bot (its id, from the path of `/api/bots/{botId}/conversations`).
    pub bot_id: Option<String>,
}

impl ConversationQuery {
    pub fn validate(&self) -> Result<ConversationFilter, FieldErrors> {
        let mut check = Validator::new();
        let paging = ListQuery {
            page: self.page,
            limit: self.limit,
            cursor: self.cursor.clone(),
        };
        let list = paging.check_into(&mut check, DEFAULT_CONVERSATION_PAGE);
        let status = self.status.as_deref().map(ConversationStatus::parse);
        if status == Some(None) {
            check.fail("status", "must be open, closed or pending");
        }
        let search = checked_search(&mut check, self.search.as_deref());
        let ids = [
            ("agentId", &self.agent_id),
            ("widgetId", &self.widget_id),
            ("label", &self.label),
        ];
        for (field, id) in ids {
            if let Some(id) = id
                && !is_uuid(id)
            {
                check.fail(field, "must be a UUID");
            }
        }
        if let Some(channel) = &self.channel
            && !is_channel_kind(channel)
        {
            check.fail("channel", "must be a channel kind such as widget");
        }
        Ok(ConversationFilter {
            list: finish_list(&mut check, list)?,
            status: status.flatten(),
            search,
            agent_id: self.agent_id.clone(),
            widget_id: self.widget_id.clone(),
            assigned: self.assigned,
            ai_active: self.ai_active,
            label: self.label.clone(),
            channel: self.channel.clone(),
            bot_id: None,
        })
    }
}

/// Where a conversation came from: `widget`, or the kind of a messaging channel.
pub const WIDGET_CHANNEL: &str = "widget";
/// The longest channel kind.
const MAX_CHANNEL_CHARS: usize = 32;

/// Whether `kind` can name a channel: 1 to 32 lowercase letters, digits, `_` or `-`.
pub fn is_channel_kind(kind: &str) -> bool {
    (1..=MAX_CHANNEL_CHARS).contains(&kind.len())
        && kind
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

/// A list's `search`, checked into `check`: `None` when blank.
pub fn checked_search(check: &mut Validator, search: Option<&str>) -> Option<String> {
    let search = search?;
    check.max_chars("search", search, MAX_SEARCH_CHARS);
    Some(search.to_owned()).filter(|s| !s.trim().is_empty())
}

/// `POST /api/conversations/{id}/assign`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct AssignRequest {
    #[cfg_attr(feature = "openapi", schema(format = "uuid"))]
    pub agent_id: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn channel_filters_name_a_kind() {
        for kind in [WIDGET_CHANNEL, "telegram", "whatsapp_cloud", "web-hook"] {
            assert!(is_channel_kind(kind), "{kind}");
        }
        for bad in ["", "Widget", "a b", "x;", &"a".repeat(33)] {
            assert!(!is_channel_kind(bad), "{bad}");
        }
        let query = ConversationQuery {
            channel: Some("Tele gram".into()),
            ..ConversationQuery::default()
        };
        assert!(query.validate().is_err());
    }

    #[test]
    fn a_match_cuts_its_snippet_into_marked_and_plain_pieces() {
        let found = SearchMatch {
            message_id: "m".into(),
            snippet: "…the café opens at nine…".into(),
            highlights: vec![[5, 9], [17, 19], [3, 4], [30, 40]],
        };
        let pieces = found.pieces();
        assert_eq!(
            pieces,
            [
                ("…the ".to_owned(), false),
                ("café".to_owned(), true),
                (" opens a".to_owned(), false),
                ("t ".to_owned(), true),
                ("nine…".to_owned(), false),
            ],
            "overlapping and out-of-range spans are skipped"
        );
    }

    #[test]
    fn query_defaults_and_rejections() {
        let filter = ConversationQuery::default().validate().unwrap();
        assert_eq!((filter.list.page.page, filter.list.page.limit), (1, 20));
        let bad = ConversationQuery {
            status: Some("done".into()),
            limit: Some(500),
            agent_id: Some("x".into()),
            label: Some("vip".into()),
            ..Default::default()
        };
        let errors = bad.validate().unwrap_err();
        assert_eq!(
            errors.keys().collect::<Vec<_>>(),
            ["agentId", "label", "limit", "status"]
        );
    }

    #[test]
    fn start_request_limits_metadata() {
        let mut big = Map::new();
        big.insert("page".into(), Value::from("x".repeat(MAX_METADATA_BYTES)));
        let request = StartConversationRequest {
            widget_id: "9b2d4e61-3f5a-4e7c-8d2b-6a4c1e8f0b02".into(),
            visitor_id: None,
            metadata: Some(big),
        };
        assert!(request.validate().unwrap_err().contains_key("metadata"));
    }

    #[test]
    fn started_conversation_is_the_seed_object_plus_a_visitor_token() {
        let json = serde_json::json!({
            "id": "c", "workspaceId": "w", "widgetId": "g", "visitorId": "v", "assignedAgentId": null,
            "status": "open", "channel": "widget", "startedAt": "2025-01-15T10:30:00Z", "closedAt": null,
            "metadata": {"page": "/pricing"}, "lastMessage": null, "lastMessageAt": null, "messageCount": 0, "unreadCount": 0,
            "botId": null, "aiActive": false, "visitorToken": "t"
        });
        let started: StartedConversation = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(started.conversation.metadata["page"], "/pricing");
        assert_eq!(serde_json::to_value(&started).unwrap(), json);
    }

    #[test]
    fn the_higher_version_is_the_newer_copy() {
        let json = serde_json::json!({
            "id": "c", "workspaceId": "w", "widgetId": "g", "visitorId": "v", "assignedAgentId": null,
            "status": "closed", "channel": "widget", "startedAt": "2025-01-15T10:30:00Z", "closedAt": null,
            "metadata": {}, "lastMessage": null, "lastMessageAt": null, "messageCount": 0, "unreadCount": 0,
            "botId": null, "aiActive": false, "version": 3
        });
        let closed: Conversation = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(serde_json::to_value(&closed).unwrap(), json);
        let stale = Conversation {
            status: ConversationStatus::Open,
            version: 2,
            ..closed.clone()
        };
        assert!(!stale.supersedes(&closed));
        assert!(closed.supersedes(&stale));
        assert!(
            closed.supersedes(&closed),
            "the same version again changes nothing"
        );
    }
}
