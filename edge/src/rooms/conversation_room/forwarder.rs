//! The objects holding team sockets that joined this conversation from elsewhere (another
//! conversation's room, the workspace feed). Each gets the room's events in order, a batch
//! per call while one is under way, and is forgotten once none of its sockets listens. A
//! room nobody joined from elsewhere pays one look at an empty list per event.

use crate::error::{ApiError, ApiResult};
use crate::object_client::Subscriber;
use crate::webhooks::Defer;
use serde::Deserialize;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use worker::{Env, SqlStorage};

const SCHEMA: &str = "CREATE TABLE IF NOT EXISTS subscribers (
    key             TEXT PRIMARY KEY,
    subscriber      TEXT NOT NULL,
    conversation_id TEXT NOT NULL
)";

/// Frames waiting for one subscriber, and whether a call to it is under way.
#[derive(Debug, Default, PartialEq)]
struct Queue {
    frames: Vec<String>,
    sending: bool,
}

impl Queue {
    /// Adds a frame; true when no call is under way, so the caller must start one.
    fn push(&mut self, frame: String) -> bool {
        self.frames.push(frame);
        !std::mem::replace(&mut self.sending, true)
    }

    /// What the next call carries; none ends the sender (and a later push starts another).
    fn next_batch(&mut self) -> Option<Vec<String>> {
        if self.frames.is_empty() {
            self.sending = false;
            None
        } else {
            Some(std::mem::take(&mut self.frames))
        }
    }
}

/// Who joined this room's conversation from elsewhere.
#[derive(Clone, Default)]
struct Subscribers {
    conversation_id: String,
    list: Vec<Subscriber>,
}

struct Inner {
    sql: SqlStorage,
    /// Read from storage on first use, then kept in step with it.
    subscribers: Option<Subscribers>,
    queues: HashMap<String, Queue>,
}

#[derive(Clone)]
pub struct Forwarder(Rc<RefCell<Inner>>);

impl Forwarder {
    pub fn open(sql: SqlStorage) -> Self {
        if let Err(e) = sql.exec(SCHEMA, None) {
            worker::console_error!("subscribers schema: {e}");
        }
        Forwarder(Rc::new(RefCell::new(Inner {
            sql,
            subscribers: None,
            queues: HashMap::new(),
        })))
    }

    /// `subscriber` holds a socket that joined `conversation_id`, this room's.
    pub fn subscribe(&self, conversation_id: &str, subscriber: Subscriber) -> ApiResult<()> {
        let json = serde_json::to_string(&subscriber).map_err(ApiError::internal)?;
        let mut subscribers = self.subscribers()?;
        let mut inner = self.0.borrow_mut();
        inner.sql.exec(
            "INSERT INTO subscribers (key, subscriber, conversation_id) VALUES (?, ?, ?)
             ON CONFLICT (key) DO NOTHING",
            vec![subscriber.key().into(), json.into(), conversation_id.into()],
        )?;
        subscribers.conversation_id = conversation_id.to_owned();
        if !subscribers.list.contains(&subscriber) {
            subscribers.list.push(subscriber);
        }
        inner.subscribers = Some(subscribers);
        Ok(())
    }

    /// Queues `frame` (an event of this room) for every subscriber.
    pub fn forward(&self, env: &Env, defer: &dyn Defer, frame: &str) {
        let Subscribers {
            conversation_id,
            list,
        } = match self.subscribers() {
            Ok(subscribers) => subscribers,
            Err(e) => {
                worker::console_warn!("subscribers unreadable: {e}");
                return;
            }
        };
        for subscriber in list {
            let start = self
                .0
                .borrow_mut()
                .queues
                .entry(subscriber.key())
                .or_default()
                .push(frame.to_owned());
            if start {
                let sending =
                    self.clone()
                        .send_all(env.clone(), subscriber, conversation_id.clone());
                defer.defer(Box::pin(sending));
            }
        }
    }

    /// Calls `subscriber` with what waits for it until nothing does.
    async fn send_all(self, env: Env, subscriber: Subscriber, conversation_id: String) {
        let key = subscriber.key();
        loop {
            let batch = self
                .0
                .borrow_mut()
                .queues
                .get_mut(&key)
                .and_then(Queue::next_batch);
            let Some(frames) = batch else { return };
            match subscriber
                .forward(&env, conversation_id.clone(), frames)
                .await
            {
                Ok(true) => {}
                Ok(false) => {
                    self.forget(&subscriber);
                    return;
                }
                Err(e) => worker::console_warn!("forwarding to {key} failed: {e}"),
            }
        }
    }

    /// Nobody there listens any more: stop sending.
    fn forget(&self, subscriber: &Subscriber) {
        let mut inner = self.0.borrow_mut();
        let key = subscriber.key();
        inner.queues.remove(&key);
        if let Some(subscribers) = &mut inner.subscribers {
            subscribers.list.retain(|s| s != subscriber);
        }
        if let Err(e) = inner
            .sql
            .exec("DELETE FROM subscribers WHERE key = ?", vec![key.into()])
        {
            worker::console_warn!("forgetting a subscriber failed: {e}");
        }
    }

    fn subscribers(&self) -> ApiResult<Subscribers> {
        if let Some(subscribers) = &self.0.borrow().subscribers {
            return Ok(subscribers.clone());
        }
        #[derive(Deserialize)]
        struct Row {
            subscriber: String,
            conversation_id: String,
        }
        let mut inner = self.0.borrow_mut();
        let rows: Vec<Row> = inner
            .sql
            .exec("SELECT subscriber, conversation_id FROM subscribers", None)?
            .to_array()?;
        let subscribers = Subscribers {
            conversation_id: rows
                .first()
                .map(|row| row.conversation_id.clone())
                .unwrap_or_default(),
            list: rows
                .iter()
                .filter_map(|row| serde_json::from_str(&row.subscriber).ok())
                .collect(),
        };
        inner.subscribers = Some(subscribers.clone());
        Ok(subscribers)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_queued_during_a_call_go_together_in_the_next_one_in_order() {
        let mut queue = Queue::default();
        assert!(queue.push("a".into()), "the first frame starts a sender");
        assert_eq!(queue.next_batch(), Some(vec!["a".to_owned()]));
        assert!(!queue.push("b".into()), "the sender is still under way");
        assert!(!queue.push("c".into()));
        assert_eq!(
            queue.next_batch(),
            Some(vec!["b".to_owned(), "c".to_owned()])
        );
        assert_eq!(queue.next_batch(), None, "nothing left: the sender ends");
        assert!(queue.push("d".into()), "a later frame starts a new sender");
    }
}
