-- One-use refresh tokens, stored as SHA-256 hashes (a leaked table grants nothing).
CREATE TABLE refresh_tokens (
    token_hash  TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    expires_at  INTEGER NOT NULL
);
CREATE INDEX refresh_tokens_by_user ON refresh_tokens(user_id);
