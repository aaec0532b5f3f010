//! Messages each principal sent over the room's hub sockets in the current minute. A hub send
//! counts against a window the size of the REST send's (`crate::limits`), kept in the room's
//! SQLite so that hibernating or restarting the room does not hand out a fresh one. Counting
//! happens in memory and is written after the message went out ([`SendWindows::persist`]): a
//! write before it would hold the message until the write is durable.

use super::message_log::Sql;
use crate::error::{ApiError, ApiResult};
use crate::limits::{self, Window};
use std::cell::RefCell;
use std::collections::HashMap;

const SCHEMA: &str = "CREATE TABLE IF NOT EXISTS send_windows (
    principal    TEXT PRIMARY KEY,
    started_secs INTEGER NOT NULL,
    count        INTEGER NOT NULL
)";

pub struct SendWindows<S> {
    sql: S,
    /// The windows read or counted since the room woke, and which of them changed.
    counted: RefCell<HashMap<String, (Window, bool)>>,
}

impl<S: Sql> SendWindows<S> {
    pub fn open(sql: S) -> Self {
        sql.create(SCHEMA);
        SendWindows {
            sql,
            counted: RefCell::default(),
        }
    }

    /// Counts one message by `principal` at `now_secs`, or refuses it past `limit`.
    pub fn spend(&self, principal: &str, limit: u32, now_secs: u64) -> ApiResult<()> {
        let known = self.counted.borrow().get(principal).map(|(w, _)| *w);
        let window = match known {
            Some(window) => Some(window),
            None => self
                .sql
                .rows::<Window>(
                    "SELECT started_secs, count FROM send_windows WHERE principal = ?",
                    vec![principal.into()],
                )?
                .pop(),
        };
        let (counted, quota) = limits::count(window, now_secs, limit);
        if !quota.allowed {
            return Err(ApiError::rate_limited_because(
                quota.reset_secs,
                format!(
                    "at most {limit} messages a minute; retry in {} s",
                    quota.reset_secs
                ),
            ));
        }
        self.counted
            .borrow_mut()
            .insert(principal.to_owned(), (counted, true));
        Ok(())
    }

    /// Writes the windows counted since the last call.
    pub fn persist(&self) -> ApiResult<()> {
        for (principal, (window, changed)) in self.counted.borrow_mut().iter_mut() {
            if std::mem::take(changed) {
                self.sql.rows::<serde_json::Value>(
                    "INSERT INTO send_windows (principal, started_secs, count) VALUES (?, ?, ?)
                     ON CONFLICT (principal) DO UPDATE SET started_secs = excluded.started_secs, count = excluded.count",
                    vec![
                        principal.as_str().into(),
                        (window.started_secs as i64).into(),
                        i64::from(window.count).into(),
                    ],
                )?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::native_sql::Native;
    use super::*;
    use parley_shared_types::problem::ErrorCode;

    #[test]
    fn refuses_past_the_limit_until_the_window_ends_and_counts_each_principal_apart() {
        let windows = SendWindows::open(Native::in_memory());
        for _ in 0..3 {
            windows.spend("v-1", 3, 1_000).unwrap();
        }
        let refused = windows.spend("v-1", 3, 1_030).unwrap_err();
        assert_eq!(refused.code(), ErrorCode::RateLimited);
        assert_eq!(refused.retry_after_secs(), Some(30));
        windows.spend("u-1", 3, 1_030).unwrap();
        windows
            .spend("v-1", 3, 1_000 + limits::WINDOW_SECS)
            .unwrap();
    }

    #[test]
    fn a_room_that_wakes_again_keeps_counting_the_persisted_window() {
        let sql = Native::in_memory();
        let windows = SendWindows::open(sql.clone());
        for _ in 0..3 {
            windows.spend("v-1", 3, 1_000).unwrap();
        }
        windows.persist().unwrap();
        let woken = SendWindows::open(sql);
        let refused = woken.spend("v-1", 3, 1_010).unwrap_err();
        assert_eq!(refused.code(), ErrorCode::RateLimited);
    }
}
