//! The signed-in session: tokens and user, kept in `localStorage` so a reload stays signed
//! in. The timing rules are pure functions so they are tested without a clock.

use parley_shared_types::auth::{TokenResponse, User};
use serde::{Deserialize, Serialize};

const STORAGE_KEY: &str = "parley.admin.session";
/// Refresh this long before the access token expires, so no request carries a stale one.
pub const REFRESH_MARGIN_MS: f64 = 60_000.0;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Session {
    pub access_token: String,
    /// One use: each refresh answers a new one, which replaces it.
    pub refresh_token: String,
    /// When the access token expires, in milliseconds since the epoch.
    pub expires_at_ms: f64,
    pub user: User,
}

impl Session {
    /// The session a token grant starts, `now_ms` being when it was answered.
    pub fn from_grant(grant: TokenResponse, now_ms: f64) -> Session {
        Session {
            expires_at_ms: now_ms + grant.expires_in as f64 * 1000.0,
            access_token: grant.access_token,
            refresh_token: grant.refresh_token,
            user: grant.user,
        }
    }

    /// Whether the access token should be renewed before it is used at `now_ms`.
    pub fn needs_refresh(&self, now_ms: f64) -> bool {
        now_ms >= self.expires_at_ms - REFRESH_MARGIN_MS
    }

    /// Of two copies of the same user's session (this tab's and the stored one, which another
    /// tab may have refreshed), the one to keep: the refresh token is one use, so the newer
    /// copy is the only one still valid.
    pub fn newer(self, other: Option<Session>) -> Session {
        match other {
            Some(other)
                if other.user.id == self.user.id && other.expires_at_ms > self.expires_at_ms =>
            {
                other
            }
            _ => self,
        }
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

pub fn load() -> Option<Session> {
    let text = storage()?.get_item(STORAGE_KEY).ok()??;
    serde_json::from_str(&text).ok()
}

pub fn save(session: Option<&Session>) {
    let Some(storage) = storage() else { return };
    match session.and_then(|s| serde_json::to_string(s).ok()) {
        Some(text) => {
            let _ = storage.set_item(STORAGE_KEY, &text);
        }
        None => {
            let _ = storage.remove_item(STORAGE_KEY);
        }
    }
}

pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

#[cfg(test)]
mod tests {
    use super::*;
    use parley_shared_types::auth::Role;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    fn grant(expires_in: u64, refresh: &str) -> TokenResponse {
        TokenResponse {
            access_token: "a".into(),
            token_type: "Bearer".into(),
            expires_in,
            refresh_token: refresh.into(),
            user: User {
                id: "u-1".into(),
                workspace_id: "w".into(),
                email: "ada@example.com".into(),
                name: "Ada".into(),
                role: Role::Agent,
                created_at: "2026-01-01T00:00:00Z".into(),
            },
        }
    }

    #[wasm_bindgen_test]
    fn refreshes_a_minute_before_expiry() {
        let session = Session::from_grant(grant(900, "r"), 1_000_000.0);
        assert_eq!(session.expires_at_ms, 1_900_000.0);
        assert!(!session.needs_refresh(1_000_000.0));
        assert!(!session.needs_refresh(1_839_999.0));
        assert!(session.needs_refresh(1_840_000.0));
        assert!(session.needs_refresh(2_000_000.0), "expired");
    }

    #[wasm_bindgen_test]
    fn keeps_the_copy_another_tab_refreshed() {
        let mine = Session::from_grant(grant(900, "old"), 0.0);
        let theirs = Session::from_grant(grant(900, "new"), 60_000.0);
        assert_eq!(
            mine.clone().newer(Some(theirs.clone())).refresh_token,
            "new"
        );
        assert_eq!(
            theirs.clone().newer(Some(mine.clone())).refresh_token,
            "new"
        );
        assert_eq!(mine.clone().newer(None).refresh_token, "old");
        let mut stranger = theirs;
        stranger.user.id = "u-2".into();
        assert_eq!(mine.newer(Some(stranger)).refresh_token, "old");
    }

    #[wasm_bindgen_test]
    fn survives_a_reload_through_local_storage() {
        let session = Session::from_grant(grant(900, "r"), 0.0);
        save(Some(&session));
        assert_eq!(load(), Some(session));
        save(None);
        assert_eq!(load(), None);
    }
}
