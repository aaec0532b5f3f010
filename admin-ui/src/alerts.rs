//! Alerts for an agent whose tab is in the background: a short sound, a desktop notification
//! (once the browser allows it) and the count in the tab's title, when a conversation starts
//! or a visitor writes in a conversation assigned to them. Each agent turns them on or off;
//! the choice is kept in this browser, per user.

use crate::api::Api;
use crate::feed::Feed;
use crate::route::{href, navigate};
use leptos::prelude::*;
use parley_shared_types::hub::ServerEvent;
use std::collections::HashMap;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{AudioContext, Notification, NotificationOptions, NotificationPermission};

/// What to tell the agent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alert {
    pub conversation_id: String,
    pub title: String,
    pub body: String,
}

/// Decides which feed events deserve an alert. It remembers each conversation's unread count,
/// so a conversation announced again (a read, an assignment) is not taken for a new message.
#[derive(Debug, Default)]
pub struct AlertRules {
    unread: HashMap<String, u64>,
}

impl AlertRules {
    pub fn alert_for(&mut self, event: &ServerEvent, me: &str) -> Option<Alert> {
        match event {
            ServerEvent::ConversationStarted(c) => {
                self.unread.insert(c.id.clone(), c.unread_count);
                Some(Alert {
                    conversation_id: c.id.clone(),
                    title: "New conversation".into(),
                    body: c
                        .last_message
                        .clone()
                        .unwrap_or_else(|| "A visitor opened the chat.".into()),
                })
            }
            ServerEvent::ConversationUpdated(c) => {
                let before = self.unread.insert(c.id.clone(), c.unread_count);
                let mine = c.assigned_agent_id.as_deref() == Some(me);
                (mine && c.unread_count > before.unwrap_or(0)).then(|| Alert {
                    conversation_id: c.id.clone(),
                    title: "New message".into(),
                    body: c.last_message.clone().unwrap_or_default(),
                })
            }
            _ => None,
        }
    }
}

/// The tab's title with `count` alerts in front: `(3) Inbox · Parley admin`.
pub fn with_count(title: &str, count: u32) -> String {
    match (without_count(title), count) {
        (base, 0) => base.to_owned(),
        (base, n) => format!("({n}) {base}"),
    }
}

/// The tab's title without an alert count.
pub fn without_count(title: &str) -> &str {
    title
        .strip_prefix('(')
        .and_then(|rest| rest.split_once(") "))
        .filter(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        .map_or(title, |(_, base)| base)
}

fn storage_key(user_id: &str) -> String {
    format!("parley.alerts.{user_id}")
}

/// The agent's choice and the alerts waiting while the tab is hidden.
#[derive(Clone, Copy)]
pub struct Alerts {
    pub enabled: RwSignal<bool>,
    unseen: StoredValue<u32>,
}

impl Alerts {
    /// Listens to the feed for the signed-in agent; provided as context for the toggle.
    pub fn start(api: Api, feed: Feed) -> Alerts {
        let alerts = Alerts {
            enabled: RwSignal::new(true),
            unseen: StoredValue::new(0),
        };
        Effect::new(move |_| {
            let user = api.session.with(|s| s.as_ref().map(|s| s.user.id.clone()));
            if let Some(user) = user {
                let stored = local_storage().and_then(|s| s.get_item(&storage_key(&user)).ok()?);
                alerts.enabled.set(stored.as_deref() != Some("off"));
            }
        });
        let rules = StoredValue::new_local(AlertRules::default());
        feed.subscribe(move |event| {
            let me = api.my_id();
            let alert = rules
                .try_update_value(|rules| rules.alert_for(event, &me))
                .flatten();
            if let Some(alert) = alert
                && alerts.enabled.get_untracked()
                && tab_hidden()
            {
                alerts.raise(&alert);
            }
        });
        alerts.clear_when_seen();
        alerts
    }

    /// Turns alerts on (asking the browser's permission for notifications, which needs this
    /// click) or off, and remembers it for this user.
    pub fn toggle(self, api: Api) {
        let on = !self.enabled.get_untracked();
        self.enabled.set(on);
        if let Some(storage) = local_storage() {
            let _ = storage.set_item(&storage_key(&api.my_id()), if on { "on" } else { "off" });
        }
        if on && Notification::permission() == NotificationPermission::Default {
            let _ = Notification::request_permission();
        }
    }

    fn raise(self, alert: &Alert) {
        let count = self.unseen.get_value() + 1;
        self.unseen.set_value(count);
        if let Some(document) = document() {
            document.set_title(&with_count(&document.title(), count));
        }
        beep();
        notify(alert);
    }

    /// Back in the tab, the count goes.
    fn clear_when_seen(self) {
        let Some(document) = document() else { return };
        let unseen = self.unseen;
        let on_visible = Closure::<dyn Fn()>::new(move || {
            if tab_hidden() {
                return;
            }
            unseen.set_value(0);
            if let Some(document) = self::document() {
                document.set_title(without_count(&document.title()));
            }
        });
        let _ = document.add_event_listener_with_callback(
            "visibilitychange",
            on_visible.as_ref().unchecked_ref(),
        );
        // Lives as long as the app.
        on_visible.forget();
    }
}

pub fn use_alerts() -> Alerts {
    expect_context::<Alerts>()
}

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

fn tab_hidden() -> bool {
    document().is_some_and(|d| d.hidden())
}

/// A desktop notification, when the browser allows them; clicking it opens the conversation.
fn notify(alert: &Alert) {
    if Notification::permission() != NotificationPermission::Granted {
        return;
    }
    let options = NotificationOptions::new();
    options.set_body(&alert.body);
    options.set_tag(&alert.conversation_id);
    let Ok(notification) = Notification::new_with_options(&alert.title, &options) else {
        return;
    };
    let target = href("inbox", Some(&alert.conversation_id));
    let on_click = Closure::<dyn Fn()>::new(move || {
        if let Some(window) = web_sys::window() {
            let _ = window.focus();
        }
        navigate(&target);
    });
    notification.set_onclick(Some(on_click.as_ref().unchecked_ref()));
    on_click.forget();
}

/// A short two-tone chime, made on the spot (no sound file to load).
fn beep() {
    let Ok(audio) = AudioContext::new() else {
        return;
    };
    let start = audio.current_time();
    for (i, frequency) in [880.0, 660.0].into_iter().enumerate() {
        let (Ok(tone), Ok(volume)) = (audio.create_oscillator(), audio.create_gain()) else {
            return;
        };
        tone.frequency().set_value(frequency);
        volume.gain().set_value(0.08);
        let at = start + 0.15 * i as f64;
        let wired = tone
            .connect_with_audio_node(&volume)
            .and_then(|_| volume.connect_with_audio_node(&audio.destination()))
            .and_then(|_| tone.start_with_when(at))
            .and_then(|_| tone.stop_with_when(at + 0.12));
        if wired.is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use parley_shared_types::conversation::Conversation;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    fn conversation(id: &str, assigned: Option<&str>, unread: u64) -> Conversation {
        serde_json::from_value(serde_json::json!({
            "id": id, "workspaceId": "w", "widgetId": "wg", "visitorId": "v",
            "assignedAgentId": assigned, "status": "open", "channel": "web", "metadata": {},
            "startedAt": "2026-12-06T10:00:00Z", "closedAt": null,
            "lastMessage": "Is the pro plan monthly?", "lastMessageAt": "2026-12-06T10:00:00Z",
            "messageCount": unread, "unreadCount": unread
        }))
        .unwrap()
    }

    #[wasm_bindgen_test]
    fn a_new_conversation_alerts_everyone() {
        let mut rules = AlertRules::default();
        let alert = rules
            .alert_for(
                &ServerEvent::ConversationStarted(conversation("c", None, 0)),
                "me",
            )
            .unwrap();
        assert_eq!(alert.title, "New conversation");
        assert_eq!(alert.conversation_id, "c");
    }

    #[wasm_bindgen_test]
    fn a_visitor_message_alerts_only_the_assigned_agent_and_only_once() {
        let mut rules = AlertRules::default();
        let updated = |assigned, unread| {
            ServerEvent::ConversationUpdated(conversation("c", assigned, unread))
        };
        assert!(rules.alert_for(&updated(Some("other"), 1), "me").is_none());
        let alert = rules.alert_for(&updated(Some("me"), 2), "me").unwrap();
        assert_eq!(alert.body, "Is the pro plan monthly?");
        assert!(
            rules.alert_for(&updated(Some("me"), 2), "me").is_none(),
            "announced again without a new message"
        );
        assert!(
            rules.alert_for(&updated(Some("me"), 0), "me").is_none(),
            "read"
        );
        assert!(rules.alert_for(&updated(Some("me"), 1), "me").is_some());
    }

    #[wasm_bindgen_test]
    fn the_title_carries_the_count_once() {
        assert_eq!(
            with_count("Inbox · Parley admin", 1),
            "(1) Inbox · Parley admin"
        );
        assert_eq!(
            with_count("(1) Inbox · Parley admin", 2),
            "(2) Inbox · Parley admin"
        );
        assert_eq!(with_count("(2) Inbox", 0), "Inbox");
        assert_eq!(without_count("(beta) Inbox"), "(beta) Inbox");
    }
}
