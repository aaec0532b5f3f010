-- Parley's core tables. Ids are UUID strings; timestamps RFC 3339 UTC text.

CREATE TABLE workspaces (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

-- password_hash is a PHC string: $pbkdf2-sha256$i=<iterations>,l=32$<salt>$<hash> (base64, no padding).
CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    email         TEXT NOT NULL COLLATE NOCASE UNIQUE,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'agent')),
    password_hash TEXT NOT NULL,
    created_at    TEXT NOT NULL
);
CREATE INDEX users_by_workspace ON users(workspace_id);

CREATE TABLE widgets (
    id               TEXT PRIMARY KEY,
    workspace_id     TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    name             TEXT NOT NULL,
    welcome_message  TEXT NOT NULL,
    ai_enabled       INTEGER NOT NULL DEFAULT 0,
    theme_color      TEXT NOT NULL DEFAULT '#6366f1',
    auto_assign      INTEGER NOT NULL DEFAULT 0,
    offline_message  TEXT NOT NULL,
    allowed_origins  TEXT NOT NULL DEFAULT '[]',
    created_at       TEXT NOT NULL
);
CREATE INDEX widgets_by_workspace ON widgets(workspace_id);

-- The conversation index; the ConversationRoom Durable Object owns the message log and keeps
-- the summary columns (last message, count) current after each append.
CREATE TABLE conversations (
    id                 TEXT PRIMARY KEY,
    workspace_id       TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    widget_id          TEXT NOT NULL REFERENCES widgets(id) ON DELETE CASCADE,
    visitor_id         TEXT NOT NULL,
    assigned_agent_id  TEXT REFERENCES users(id) ON DELETE SET NULL,
    status             TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'pending', 'closed')),
    channel            TEXT NOT NULL DEFAULT 'widget',
    metadata           TEXT NOT NULL DEFAULT '{}',
    started_at         TEXT NOT NULL,
    closed_at          TEXT,
    last_message_at    TEXT,
    last_message       TEXT,
    message_count      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX conversations_by_workspace_status ON conversations(workspace_id, status, started_at DESC);
