//! The demo workspace `cargo xtask dev` seeds: an admin, an agent and one widget, with fixed
//! ids so the demo page stays valid across runs. Re-seeding leaves existing rows alone.

use password_hash::{Ident, PasswordHasher, SaltString, rand_core::OsRng};
use pbkdf2::{Params, Pbkdf2};

pub const WORKSPACE_ID: &str = "5f0c3a52-6d1e-4c6b-9b1a-2f1d7e0c9a01";
pub const WIDGET_ID: &str = "9b2d4e61-3f5a-4e7c-8d2b-6a4c1e8f0b02";
pub const ADMIN: Login = Login {
    email: "admin@demo.parley.dev",
    password: "parley-demo-admin",
};
pub const AGENT: Login = Login {
    email: "agent@demo.parley.dev",
    password: "parley-demo-agent",
};
const ADMIN_ID: &str = "c41e8a73-0b6d-4f2e-9a5c-3d7b1f9e2c03";
const AGENT_ID: &str = "e85f9b04-1c7e-4a3f-8b6d-4e8c2a0f3d04";

/// PBKDF2-SHA256 rounds: the most Workers' WebCrypto accepts, so the edge verifies natively.
pub const PBKDF2_ROUNDS: u32 = 100_000;

pub struct Login {
    pub email: &'static str,
    pub password: &'static str,
}

/// A PHC string: `$pbkdf2-sha256$i=100000,l=32$<salt>$<hash>`.
pub fn password_hash(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    let params = Params {
        rounds: PBKDF2_ROUNDS,
        output_length: 32,
    };
    Pbkdf2
        .hash_password_customized(
            password.as_bytes(),
            Some(Ident::new_unwrap("pbkdf2-sha256")),
            None,
            params,
            &salt,
        )
        .expect("PBKDF2 with fixed, valid parameters")
        .to_string()
}

fn text(value: &str) -> String {
    format!("'{}'", value.replace('\'', "''"))
}

/// The seed as SQL for `wrangler d1 execute --file`.
pub fn sql(now: &str) -> String {
    let user = |id: &str, login: &Login, name: &str, role: &str| {
        format!(
            "INSERT OR IGNORE INTO users (id, workspace_id, email, name, role, password_hash, created_at) VALUES ({}, {}, {}, {}, {}, {}, {});\n",
            text(id),
            text(WORKSPACE_ID),
            text(login.email),
            text(name),
            text(role),
            text(&password_hash(login.password)),
            text(now)
        )
    };
    let mut sql = format!(
        "INSERT OR IGNORE INTO workspaces (id, name, created_at) VALUES ({}, 'Demo Workspace', {});\n",
        text(WORKSPACE_ID),
        text(now)
    );
    sql += &user(ADMIN_ID, &ADMIN, "Ada Admin", "admin");
    sql += &user(AGENT_ID, &AGENT, "Alex Agent", "agent");
    sql += &format!(
        "INSERT OR IGNORE INTO widgets (id, workspace_id, name, welcome_message, ai_enabled, theme_color, auto_assign, offline_message, created_at) \
         VALUES ({}, {}, 'Demo site widget', 'Hi! How can we help you today?', 0, '#6366f1', 1, \
         'We''re offline right now. Leave a message and we''ll respond ASAP.', {});\n",
        text(WIDGET_ID),
        text(WORKSPACE_ID),
        text(now)
    );
    sql
}

#[cfg(test)]
mod tests {
    use super::*;
    use password_hash::{PasswordHash, PasswordVerifier};

    #[test]
    fn hashes_verify_and_carry_their_parameters() {
        let phc = password_hash("correct horse");
        assert!(phc.starts_with("$pbkdf2-sha256$i=100000,l=32$"), "{phc}");
        let parsed = PasswordHash::new(&phc).unwrap();
        assert!(Pbkdf2.verify_password(b"correct horse", &parsed).is_ok());
        assert!(Pbkdf2.verify_password(b"wrong", &parsed).is_err());
        assert_ne!(
            phc,
            password_hash("correct horse"),
            "every hash has its own salt"
        );
    }

    #[test]
    fn seed_has_one_workspace_two_roles_and_a_widget() {
        let sql = sql("2026-01-01T00:00:00Z");
        assert_eq!(sql.matches("INSERT OR IGNORE INTO users").count(), 2);
        assert!(sql.contains("'admin'") && sql.contains("'agent'"));
        assert!(sql.contains(WIDGET_ID));
        assert!(!sql.contains(ADMIN.password), "only hashes are stored");
        assert!(sql.contains("We''re offline"), "quotes are escaped");
    }
}
