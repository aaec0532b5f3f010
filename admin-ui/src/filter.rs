//! The inbox's filters: what to ask the edge for, and whether a conversation pushed by the
//! workspace feed belongs in the list. Pure, so both are tested.

use parley_shared_types::conversation::{Conversation, ConversationStatus};
use parley_web_client::url::encode;

/// Whose conversations to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Assignment {
    #[default]
    All,
    Mine,
    Unassigned,
}

impl Assignment {
    pub fn as_str(self) -> &'static str {
        match self {
            Assignment::All => "all",
            Assignment::Mine => "mine",
            Assignment::Unassigned => "unassigned",
        }
    }

    pub fn parse(value: &str) -> Assignment {
        match value {
            "mine" => Assignment::Mine,
            "unassigned" => Assignment::Unassigned,
            _ => Assignment::All,
        }
    }
}

/// Who answers the conversations to show. By default the inbox holds what people handle; the
/// bot's conversations join it when it hands them over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Handler {
    #[default]
    People,
    Bot,
    Anyone,
}

impl Handler {
    pub fn as_str(self) -> &'static str {
        match self {
            Handler::People => "people",
            Handler::Bot => "bot",
            Handler::Anyone => "anyone",
        }
    }

    pub fn parse(value: &str) -> Handler {
        match value {
            "bot" => Handler::Bot,
            "anyone" => Handler::Anyone,
            _ => Handler::People,
        }
    }

    /// The `aiActive` the edge filters on, if any.
    fn ai_active(self) -> Option<bool> {
        match self {
            Handler::People => Some(false),
            Handler::Bot => Some(true),
            Handler::Anyone => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct InboxFilter {
    /// `None` shows every status.
    pub status: Option<ConversationStatus>,
    pub assignment: Assignment,
    pub handler: Handler,
    pub widget_id: Option<String>,
    /// Only conversations carrying this label (its id).
    pub label_id: Option<String>,
    /// Part of a visitor id, or words of a message.
    pub search: String,
}

impl Default for InboxFilter {
    fn default() -> Self {
        InboxFilter {
            status: Some(ConversationStatus::Open),
            assignment: Assignment::All,
            handler: Handler::People,
            widget_id: None,
            label_id: None,
            search: String::new(),
        }
    }
}

/// How many conversations the list holds.
pub const LIST_LIMIT: u32 = 50;

impl InboxFilter {
    /// The query string for `GET /api/conversations`, `me` being the signed-in user's id.
    pub fn query(&self, me: &str) -> String {
        let mut query = format!("?page=1&limit={LIST_LIMIT}");
        if let Some(status) = self.status {
            query += &format!("&status={}", status.as_str());
        }
        match self.assignment {
            Assignment::All => {}
            Assignment::Mine => query += &format!("&agentId={}", encode(me)),
            Assignment::Unassigned => query += "&assigned=false",
        }
        if let Some(ai_active) = self.handler.ai_active() {
            query += &format!("&aiActive={ai_active}");
        }
        if let Some(widget) = &self.widget_id {
            query += &format!("&widgetId={}", encode(widget));
        }
        if let Some(label) = &self.label_id {
            query += &format!("&label={}", encode(label));
        }
        let search = self.search.trim();
        if !search.is_empty() {
            query += &format!("&search={}", encode(search));
        }
        query
    }

    /// Whether `conversation` belongs in the list, as the edge would decide (for live
    /// updates, which arrive unfiltered). Only the edge searches messages: a conversation it
    /// found by one carries its match.
    pub fn matches(&self, conversation: &Conversation, me: &str) -> bool {
        let search = self.search.trim().to_lowercase();
        self.status.is_none_or(|s| s == conversation.status)
            && match self.assignment {
                Assignment::All => true,
                Assignment::Mine => conversation.assigned_agent_id.as_deref() == Some(me),
                Assignment::Unassigned => conversation.assigned_agent_id.is_none(),
            }
            && self
                .handler
                .ai_active()
                .is_none_or(|ai| ai == conversation.ai_active)
            && self
                .widget_id
                .as_ref()
                .is_none_or(|w| *w == conversation.widget_id)
            && self
                .label_id
                .as_ref()
                .is_none_or(|l| conversation.labels.iter().any(|label| label.id == *l))
            && (search.is_empty()
                || conversation.visitor_id.to_lowercase().contains(&search)
                || conversation.search_match.is_some())
    }
}

/// A conversation pushed by the feed: it keeps the search match of the copy listed (the feed
/// does not search), then goes where it belongs.
pub fn merge_live(
    list: &mut Vec<Conversation>,
    mut conversation: Conversation,
    filter: &InboxFilter,
    me: &str,
) {
    if conversation.search_match.is_none() {
        conversation.search_match = list
            .iter()
            .find(|c| c.id == conversation.id)
            .and_then(|c| c.search_match.clone());
    }
    let belongs = filter.matches(&conversation, me);
    merge(list, conversation, belongs);
}

/// Puts a new or changed conversation into the list (newest started first) when it belongs
/// there, and takes it out when it no longer does.
pub fn merge(list: &mut Vec<Conversation>, conversation: Conversation, belongs: bool) {
    let existing = list.iter().position(|c| c.id == conversation.id);
    if existing.is_some_and(|at| !conversation.supersedes(&list[at])) {
        return;
    }
    match (existing, belongs) {
        (Some(at), true) => list[at] = conversation,
        (Some(at), false) => {
            list.remove(at);
        }
        (None, true) => {
            let at = list
                .iter()
                .position(|c| c.started_at < conversation.started_at)
                .unwrap_or(list.len());
            list.insert(at, conversation);
        }
        (None, false) => {}
    }
}

/// The neighbour of `current` in `ids`, `step` away (j/k): the first one when nothing is
/// selected, and no wrapping past either end.
pub fn step_selection(ids: &[String], current: Option<&str>, step: isize) -> Option<String> {
    if ids.is_empty() {
        return None;
    }
    let at = match current.and_then(|c| ids.iter().position(|id| id == c)) {
        Some(at) => (at as isize + step).clamp(0, ids.len() as isize - 1) as usize,
        None => 0,
    };
    Some(ids[at].clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Map;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    fn conversation(id: &str, started: &str, agent: Option<&str>) -> Conversation {
        Conversation {
            id: id.into(),
            workspace_id: "w".into(),
            widget_id: "g-1".into(),
            visitor_id: format!("Visitor-{id}"),
            assigned_agent_id: agent.map(str::to_owned),
            status: ConversationStatus::Open,
            channel: "widget".into(),
            started_at: started.into(),
            closed_at: None,
            metadata: Map::new(),
            last_message: None,
            last_message_at: None,
            message_count: 0,
            unread_count: 0,
            bot_id: None,
            ai_active: false,
            version: 0,
            rating: None,
            rating_comment: None,
            labels: Vec::new(),
            contact_id: None,
            follow_up_email: None,
            search_match: None,
        }
    }

    #[wasm_bindgen_test]
    fn filters_become_the_query_string() {
        assert_eq!(
            InboxFilter::default().query("me"),
            "?page=1&limit=50&status=open&aiActive=false"
        );
        let filter = InboxFilter {
            status: None,
            assignment: Assignment::Mine,
            handler: Handler::Anyone,
            widget_id: Some("g-1".into()),
            label_id: Some("l-1".into()),
            search: "  ana & bo ".into(),
        };
        assert_eq!(
            filter.query("u-1"),
            "?page=1&limit=50&agentId=u-1&widgetId=g-1&label=l-1&search=ana%20%26%20bo"
        );
        let unassigned = InboxFilter {
            status: Some(ConversationStatus::Closed),
            assignment: Assignment::Unassigned,
            handler: Handler::Bot,
            ..InboxFilter::default()
        };
        assert_eq!(
            unassigned.query("u-1"),
            "?page=1&limit=50&status=closed&assigned=false&aiActive=true"
        );
        assert_eq!(Handler::parse(Handler::Bot.as_str()), Handler::Bot);
        assert_eq!(
            Assignment::parse(Assignment::Mine.as_str()),
            Assignment::Mine
        );
    }

    #[wasm_bindgen_test]
    fn live_conversations_are_matched_like_the_edge_would() {
        let mut c = conversation("a", "2026-01-01T10:00:00Z", None);
        let mine = InboxFilter {
            assignment: Assignment::Mine,
            ..InboxFilter::default()
        };
        assert!(InboxFilter::default().matches(&c, "u-1"));
        assert!(!mine.matches(&c, "u-1"));
        c.assigned_agent_id = Some("u-1".into());
        assert!(mine.matches(&c, "u-1"));
        let unassigned = InboxFilter {
            assignment: Assignment::Unassigned,
            ..InboxFilter::default()
        };
        assert!(!unassigned.matches(&c, "u-1"));
        c.status = ConversationStatus::Closed;
        assert!(!mine.matches(&c, "u-1"), "closed is not open");
        let search = InboxFilter {
            status: None,
            search: "visitor-A".into(),
            ..InboxFilter::default()
        };
        assert!(search.matches(&c, "u-1"));
        let other_widget = InboxFilter {
            status: None,
            widget_id: Some("g-2".into()),
            ..InboxFilter::default()
        };
        assert!(!other_widget.matches(&c, "u-1"));
        let vip = InboxFilter {
            status: None,
            label_id: Some("l-vip".into()),
            ..InboxFilter::default()
        };
        assert!(!vip.matches(&c, "u-1"));
        c.labels.push(parley_shared_types::label::LabelRef {
            id: "l-vip".into(),
            name: "VIP".into(),
            color: "#f59e0b".into(),
        });
        assert!(vip.matches(&c, "u-1"));
    }

    #[wasm_bindgen_test]
    fn the_bots_conversations_join_the_inbox_when_handed_off() {
        let mut c = conversation("a", "2026-01-01T10:00:00Z", None);
        c.ai_active = true;
        let bots = InboxFilter {
            handler: Handler::Bot,
            ..InboxFilter::default()
        };
        assert!(!InboxFilter::default().matches(&c, "u-1"));
        assert!(bots.matches(&c, "u-1"));
        c.ai_active = false;
        assert!(InboxFilter::default().matches(&c, "u-1"));
        assert!(!bots.matches(&c, "u-1"));
        let anyone = InboxFilter {
            handler: Handler::Anyone,
            ..InboxFilter::default()
        };
        assert!(anyone.matches(&c, "u-1"));
    }

    #[wasm_bindgen_test]
    fn a_conversation_found_by_its_words_stays_listed_when_the_feed_updates_it() {
        let searching = InboxFilter {
            search: "refund".into(),
            ..InboxFilter::default()
        };
        let mut found = conversation("a", "2026-01-01T10:00:00Z", None);
        found.search_match = Some(parley_shared_types::conversation::SearchMatch {
            message_id: "m-1".into(),
            snippet: "a refund please".into(),
            highlights: vec![[2, 8]],
        });
        let mut list = vec![found.clone()];
        let mut updated = conversation("a", "2026-01-01T10:00:00Z", Some("u-1"));
        updated.version = 1;
        merge_live(&mut list, updated, &searching, "u-1");
        assert_eq!(list.len(), 1, "still listed");
        assert_eq!(list[0].assigned_agent_id.as_deref(), Some("u-1"));
        assert_eq!(list[0].search_match, found.search_match, "with its match");
        let stranger = conversation("b", "2026-01-02T10:00:00Z", None);
        merge_live(&mut list, stranger, &searching, "u-1");
        assert_eq!(list.len(), 1, "the feed cannot say a new one matches");
    }

    #[wasm_bindgen_test]
    fn merging_keeps_newest_first_and_drops_what_no_longer_matches() {
        let mut list = vec![
            conversation("b", "2026-01-02T00:00:00Z", None),
            conversation("a", "2026-01-01T00:00:00Z", None),
        ];
        merge(
            &mut list,
            conversation("c", "2026-01-03T00:00:00Z", None),
            true,
        );
        merge(
            &mut list,
            conversation("z", "2025-12-31T00:00:00Z", None),
            true,
        );
        let ids: Vec<_> = list.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["c", "b", "a", "z"]);
        merge(
            &mut list,
            conversation("b", "2026-01-02T00:00:00Z", Some("u")),
            true,
        );
        assert_eq!(list[1].assigned_agent_id.as_deref(), Some("u"));
        merge(
            &mut list,
            conversation("b", "2026-01-02T00:00:00Z", None),
            false,
        );
        merge(
            &mut list,
            conversation("q", "2026-01-02T00:00:00Z", None),
            false,
        );
        assert_eq!(list.len(), 3);
    }

    #[wasm_bindgen_test]
    fn an_update_older_than_the_shown_one_changes_nothing() {
        let closed = Conversation {
            status: ConversationStatus::Closed,
            version: 3,
            ..conversation("a", "2026-01-01T00:00:00Z", None)
        };
        let stale = Conversation {
            version: 2,
            ..conversation("a", "2026-01-01T00:00:00Z", None)
        };
        let mut list = vec![closed.clone()];
        merge(&mut list, stale.clone(), true);
        assert_eq!(list, std::slice::from_ref(&closed));
        merge(&mut list, stale, false);
        assert_eq!(list, [closed], "nor does it take the conversation out");
    }

    #[wasm_bindgen_test]
    fn j_and_k_move_without_wrapping() {
        let ids: Vec<String> = ["a", "b", "c"].map(String::from).to_vec();
        assert_eq!(step_selection(&ids, None, 1).as_deref(), Some("a"));
        assert_eq!(step_selection(&ids, Some("a"), 1).as_deref(), Some("b"));
        assert_eq!(step_selection(&ids, Some("c"), 1).as_deref(), Some("c"));
        assert_eq!(step_selection(&ids, Some("a"), -1).as_deref(), Some("a"));
        assert_eq!(step_selection(&ids, Some("gone"), -1).as_deref(), Some("a"));
        assert_eq!(step_selection(&[], None, 1), None);
    }
}
