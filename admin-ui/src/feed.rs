//! The app's one hub connection: the workspace feed while someone is signed in (being
//! connected is being online, which drives auto-assignment and the widget's offline
//! message), and every conversation a screen joins on it. Screens subscribe to its events
//! for as long as they are mounted.

use crate::api::{Api, base_url};
use leptos::prelude::*;
use leptos::task::spawn_local;
use parley_shared_types::hub::{ServerEvent, methods};
use parley_web_client::hub::{HubConnection, HubStatus, HubTarget};
use std::rc::Rc;
use wasm_bindgen::JsValue;

type Handler = Rc<dyn Fn(&ServerEvent)>;
/// The newest `seq` a screen holds of the conversation it joined, to resume after.
type LastSeq = Rc<dyn Fn() -> Option<u64>>;

#[derive(Clone, Copy)]
pub struct Feed {
    handlers: StoredValue<Vec<(u64, Handler)>, LocalStorage>,
    /// Conversations screens joined, joined again on every new socket.
    joined: StoredValue<Vec<(u64, String, LastSeq)>, LocalStorage>,
    next_id: StoredValue<u64>,
    connection: StoredValue<Option<(String, HubConnection)>, LocalStorage>,
    pub status: RwSignal<HubStatus>,
}

impl Feed {
    /// Follows the session: connects when someone signs in, renews the socket's token when the
    /// session is refreshed, disconnects on sign-out.
    pub fn start(api: Api) -> Feed {
        let feed = Feed {
            handlers: StoredValue::new_local(Vec::new()),
            joined: StoredValue::new_local(Vec::new()),
            next_id: StoredValue::new(0),
            connection: StoredValue::new_local(None),
            status: RwSignal::new(HubStatus::Closed),
        };
        Effect::new(move |_| {
            let session = api.session.with(|s| {
                s.as_ref()
                    .map(|s| (s.user.id.clone(), s.access_token.clone()))
            });
            feed.follow(session);
        });
        feed
    }

    fn follow(self, session: Option<(String, String)>) {
        let current = self
            .connection
            .with_value(|c| c.as_ref().map(|(u, _)| u.clone()));
        match (session, current) {
            (Some((user, token)), Some(connected)) if user == connected => {
                self.connection.with_value(|c| {
                    if let Some((_, hub)) = c {
                        hub.set_token(token);
                    }
                });
            }
            (session, _) => {
                if let Some((_, hub)) = self.connection.try_update_value(|c| c.take()).flatten() {
                    hub.close();
                }
                if let Some((user, token)) = session {
                    let status = self.status;
                    let hub = HubConnection::open(
                        HubTarget {
                            base_url: base_url(),
                            token,
                            conversation_id: None,
                        },
                        None,
                        move |event| self.dispatch(&event),
                        move |s| {
                            status.set(s);
                            if s == HubStatus::Connected {
                                self.join_all();
                            }
                        },
                    );
                    self.connection.set_value(Some((user, hub)));
                }
            }
        }
    }

    fn dispatch(self, event: &ServerEvent) {
        let handlers: Vec<Handler> = self
            .handlers
            .with_value(|h| h.iter().map(|(_, h)| h.clone()).collect());
        for handler in handlers {
            handler(event);
        }
    }

    /// Calls `handler` with every feed event until the calling component is unmounted.
    pub fn subscribe(self, handler: impl Fn(&ServerEvent) + 'static) {
        let id = self.next_id();
        self.handlers
            .update_value(|h| h.push((id, Rc::new(handler) as Handler)));
        let handlers = self.handlers;
        on_cleanup(move || {
            handlers.try_update_value(|h| h.retain(|(i, _)| *i != id));
        });
    }

    /// Joins `conversation_id` on the connection until the calling component is unmounted,
    /// now and on every reconnect, each time resuming after `last_seq()`: its events reach
    /// the subscribers with the feed's.
    pub fn join(self, conversation_id: String, last_seq: impl Fn() -> Option<u64> + 'static) {
        let id = self.next_id();
        let last_seq: LastSeq = Rc::new(last_seq);
        self.joined
            .update_value(|j| j.push((id, conversation_id.clone(), last_seq.clone())));
        if let Some(hub) = self.hub() {
            join_on(hub, conversation_id.clone(), last_seq());
        }
        let feed = self;
        on_cleanup(move || {
            feed.joined
                .try_update_value(|j| j.retain(|(i, _, _)| *i != id));
            let still_joined = feed
                .joined
                .try_with_value(|j| j.iter().any(|(_, c, _)| *c == conversation_id))
                .unwrap_or(false);
            if let Some(hub) = feed.hub().filter(|_| !still_joined) {
                hub.invoke_for(methods::LEAVE_CONVERSATION, &conversation_id);
            }
        });
    }

    /// The live connection, for sending and typing in a joined conversation.
    pub fn hub(self) -> Option<HubConnection> {
        self.connection
            .try_with_value(|c| c.as_ref().map(|(_, hub)| hub.clone()))
            .flatten()
            .filter(HubConnection::is_connected)
    }

    fn join_all(self) {
        let Some(hub) = self.hub() else { return };
        let joined: Vec<(String, LastSeq)> = self
            .joined
            .with_value(|j| j.iter().map(|(_, c, l)| (c.clone(), l.clone())).collect());
        for (conversation_id, last_seq) in joined {
            join_on(hub.clone(), conversation_id, last_seq());
        }
    }

    fn next_id(self) -> u64 {
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        id
    }
}

fn join_on(hub: HubConnection, conversation_id: String, last_seq: Option<u64>) {
    spawn_local(async move {
        let last_seq = last_seq.map_or(JsValue::NULL, |seq| JsValue::from_f64(seq as f64));
        let arguments = [&JsValue::from_str(&conversation_id), &last_seq];
        if let Err(Some(refusal)) = hub.call(methods::JOIN_CONVERSATION, &arguments).await {
            leptos::logging::warn!("joining {conversation_id}: {refusal}");
        }
    });
}

pub fn use_feed() -> Feed {
    expect_context::<Feed>()
}
