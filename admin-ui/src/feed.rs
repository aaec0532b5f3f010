//! The workspace feed: one hub connection without a conversation while someone is signed in
//! (being connected is being online, which drives auto-assignment and the widget's offline
//! message). Screens subscribe to its events for as long as they are mounted.

use crate::api::{Api, base_url};
use leptos::prelude::*;
use parley_shared_types::hub::ServerEvent;
use parley_web_client::hub::{HubConnection, HubStatus, HubTarget};
use std::rc::Rc;

type Handler = Rc<dyn Fn(&ServerEvent)>;

#[derive(Clone, Copy)]
pub struct Feed {
    handlers: StoredValue<Vec<(u64, Handler)>, LocalStorage>,
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
                        move |s| status.set(s),
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
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        self.handlers
            .update_value(|h| h.push((id, Rc::new(handler) as Handler)));
        let handlers = self.handlers;
        on_cleanup(move || {
            handlers.try_update_value(|h| h.retain(|(i, _)| *i != id));
        });
    }
}

pub fn use_feed() -> Feed {
    expect_context::<Feed>()
}
