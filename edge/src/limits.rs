//! Request-rate limits from the ChatFlow contract, counted exactly so every answer can say how
//! much is left (the HTTP layer writes it as `X-RateLimit-*` headers and `Retry-After` on 429:
//! `routes/rate_limit.rs`).
//!
//! Each caller (IP, user or API key) has a fixed one-minute window counted by one
//! `RateCounter` Durable Object named after it. An object is unique worldwide and handles one
//! request at a time, so its counts are exact (unlike the `ratelimits` binding, which is
//! per-location and approximate, and says only yes or no).

use crate::error::ApiResult;
use crate::object_client::{self, CounterCommand};
use serde::{Deserialize, Serialize};
use worker::Env;

pub const WINDOW_SECS: u64 = 60;
/// Widget endpoints: 60 requests a minute per client IP.
pub const PER_IP: u32 = 60;
/// Signed-in users: 100 requests a minute each (live API keys get their plan's rate).
pub const PER_CALLER: u32 = 100;
/// Test keys play in their sandbox, which (as in RocketFlow) should not hold a test suite back.
pub const PER_TEST_KEY: u32 = 1000;

/// A cached key principal written before keys carried their rate.
pub fn default_per_key() -> u32 {
    PER_CALLER
}

/// API keys not in the edge cache one IP may have looked up in D1 a minute (known keys are
/// cached for a minute, so this limits guessing, not using, keys).
pub const KEY_LOOKUPS_PER_IP: u32 = 20;
/// Wrong passwords an account takes before each further one locks it for a while.
pub const FREE_SIGN_IN_FAILURES: u32 = 5;
/// The first lock; each further failure doubles it, up to [`MAX_SIGN_IN_LOCK_SECS`].
pub const FIRST_SIGN_IN_LOCK_SECS: u64 = 30;
pub const MAX_SIGN_IN_LOCK_SECS: u64 = 15 * 60;

/// One caller's current window, as its counter keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Window {
    pub started_secs: u64,
    pub count: u32,
}

/// What a caller may still do in this window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Quota {
    pub allowed: bool,
    pub limit: u32,
    pub remaining: u32,
    pub reset_secs: u64,
}

/// Counts one request at `now_secs`. A window starts with the first request after the last
/// one ended; a refused request does not count, so waiting `reset_secs` always helps.
pub fn count(window: Option<Window>, now_secs: u64, limit: u32) -> (Window, Quota) {
    let current = window
        .filter(|w| now_secs < w.started_secs + WINDOW_SECS)
        .unwrap_or(Window {
            started_secs: now_secs,
            count: 0,
        });
    let allowed = current.count < limit;
    let counted = Window {
        count: current.count + u32::from(allowed),
        ..current
    };
    let quota = Quota {
        allowed,
        limit,
        remaining: limit - counted.count,
        reset_secs: (counted.started_secs + WINDOW_SECS - now_secs).max(1),
    };
    (counted, quota)
}

/// One account's recent wrong passwords: after [`FREE_SIGN_IN_FAILURES`] each failure locks
/// sign-in for twice as long as the last (from [`FIRST_SIGN_IN_LOCK_SECS`] up to
/// [`MAX_SIGN_IN_LOCK_SECS`]), whoever and wherever the guesses come from. A success clears it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInBackoff {
    pub failures: u32,
    pub locked_until_secs: u64,
}

impl SignInBackoff {
    /// Seconds until the account may try again, if it is locked at `now_secs`.
    pub fn retry_after(&self, now_secs: u64) -> Option<u64> {
        (self.locked_until_secs > now_secs).then(|| self.locked_until_secs - now_secs)
    }

    pub fn failed(self, now_secs: u64) -> Self {
        let failures = self.failures + 1;
        let locked_until_secs = match failures.checked_sub(FREE_SIGN_IN_FAILURES) {
            Some(over) => {
                let doubling = 1u64.checked_shl(over).unwrap_or(u64::MAX);
                now_secs
                    + FIRST_SIGN_IN_LOCK_SECS
                        .saturating_mul(doubling)
                        .min(MAX_SIGN_IN_LOCK_SECS)
            }
            None => self.locked_until_secs,
        };
        SignInBackoff {
            failures,
            locked_until_secs,
        }
    }
}

/// Counts one request against `caller` (e.g. `user:<id>`) in its counter object. A caller
/// this isolate already saw refused is refused from memory until its window ends, so a flood
/// past a limit (bad keys, bad tokens from one address) costs no object call per request.
pub async fn spend(env: &Env, caller: &str, limit: u32) -> ApiResult<Quota> {
    let now = crate::clock::now_secs();
    if let Some(quota) = REFUSED.with(|refused| refused.borrow().check(caller, now)) {
        return Ok(quota);
    }
    let quota: Quota = object_client::call(
        &object_client::rate_counter(env, caller)?,
        &CounterCommand::Count { limit },
    )
    .await?;
    REFUSED.with(|refused| refused.borrow_mut().remember(caller, now, quota));
    Ok(quota)
}

thread_local! {
    static REFUSED: std::cell::RefCell<Refusals> = std::cell::RefCell::default();
}

/// How many refused callers an isolate remembers; past it, expired ones are dropped first and
/// new ones are counted by their object again (never refused wrongly, only less cheaply).
const MAX_REMEMBERED: usize = 10_000;

/// Callers refused in their current window, and when that window ends. Windows are fixed, so
/// a caller refused once stays refused until then: answering from here changes no answer.
#[derive(Default)]
pub struct Refusals {
    until: std::collections::HashMap<String, (u64, Quota)>,
}

impl Refusals {
    /// The refusal `caller` still gets at `now_secs`, if any.
    pub fn check(&self, caller: &str, now_secs: u64) -> Option<Quota> {
        let (until, quota) = self.until.get(caller)?;
        (now_secs < *until).then(|| Quota {
            reset_secs: until - now_secs,
            ..*quota
        })
    }

    /// Remembers what the counter answered `caller` at `now_secs`.
    pub fn remember(&mut self, caller: &str, now_secs: u64, quota: Quota) {
        if quota.allowed {
            self.until.remove(caller);
            return;
        }
        if self.until.len() >= MAX_REMEMBERED {
            self.until.retain(|_, (until, _)| *until > now_secs);
        }
        if self.until.len() < MAX_REMEMBERED {
            self.until
                .insert(caller.to_owned(), (now_secs + quota.reset_secs, quota));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_caller_is_refused_from_memory_until_its_window_ends() {
        let refused = Quota {
            allowed: false,
            limit: 20,
            remaining: 0,
            reset_secs: 40,
        };
        let mut memo = Refusals::default();
        memo.remember("key-lookup:10.0.0.1", 1_000, refused);
        assert_eq!(
            memo.check("key-lookup:10.0.0.1", 1_010),
            Some(Quota {
                reset_secs: 30,
                ..refused
            })
        );
        assert_eq!(memo.check("key-lookup:10.0.0.2", 1_010), None, "per caller");
        assert_eq!(
            memo.check("key-lookup:10.0.0.1", 1_040),
            None,
            "window over"
        );
        let allowed = Quota {
            allowed: true,
            remaining: 19,
            ..refused
        };
        memo.remember("ip:10.0.0.3", 1_000, allowed);
        assert_eq!(
            memo.check("ip:10.0.0.3", 1_001),
            None,
            "allowed ones are not kept"
        );
    }

    #[test]
    fn counts_down_within_a_window_and_refuses_past_the_limit() {
        let (w, q) = count(None, 1000, 2);
        assert_eq!((q.allowed, q.remaining, q.reset_secs), (true, 1, 60));
        let (w, q) = count(Some(w), 1010, 2);
        assert_eq!((q.allowed, q.remaining, q.reset_secs), (true, 0, 50));
        let (w, q) = count(Some(w), 1059, 2);
        assert_eq!((q.allowed, q.remaining, q.reset_secs), (false, 0, 1));
        assert_eq!(w.count, 2, "a refusal does not count");
    }

    #[test]
    fn sign_in_locks_after_the_free_failures_and_backs_off() {
        let mut backoff = SignInBackoff::default();
        for _ in 0..FREE_SIGN_IN_FAILURES - 1 {
            backoff = backoff.failed(100);
            assert_eq!(backoff.retry_after(100), None);
        }
        backoff = backoff.failed(100);
        assert_eq!(backoff.retry_after(100), Some(FIRST_SIGN_IN_LOCK_SECS));
        backoff = backoff.failed(200);
        assert_eq!(backoff.retry_after(200), Some(2 * FIRST_SIGN_IN_LOCK_SECS));
        for _ in 0..40 {
            backoff = backoff.failed(300);
        }
        assert_eq!(backoff.retry_after(300), Some(MAX_SIGN_IN_LOCK_SECS));
        assert_eq!(backoff.retry_after(300 + MAX_SIGN_IN_LOCK_SECS), None);
    }

    #[test]
    fn a_new_window_starts_after_the_last_one_ends() {
        let (w, _) = count(None, 1000, 1);
        let (w, refused) = count(Some(w), 1030, 1);
        assert!(!refused.allowed);
        let (w, q) = count(Some(w), 1060, 1);
        assert_eq!((q.allowed, q.remaining, q.reset_secs), (true, 0, 60));
        assert_eq!(w.started_secs, 1060);
    }
}
