-- Sign-ups waiting for their email to be confirmed: the link's token is stored as a SHA-256
-- hash, the password already hashed. The workspace is made when the link is used.
CREATE TABLE pending_signups (
    token_hash      TEXT PRIMARY KEY,
    email           TEXT NOT NULL COLLATE NOCASE,
    name            TEXT NOT NULL,
    workspace_name  TEXT NOT NULL,
    password_hash   TEXT NOT NULL,
    expires_at      INTEGER NOT NULL
);

-- `wrangler dev` without an email service: what Parley would have sent, to read locally.
CREATE TABLE dev_outbox (
    id          TEXT PRIMARY KEY,
    to_address  TEXT NOT NULL COLLATE NOCASE,
    subject     TEXT NOT NULL,
    text        TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
