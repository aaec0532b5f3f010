-- The developer platform: API keys, test-mode sandboxes and webhooks.

-- A sandbox is an ordinary workspace linked to the real one: `test` API keys act on it, so
-- every per-workspace rule (isolation, limits) holds for test data without special cases.
ALTER TABLE workspaces ADD COLUMN sandbox_of TEXT REFERENCES workspaces(id) ON DELETE CASCADE;
CREATE UNIQUE INDEX workspaces_one_sandbox ON workspaces(sandbox_of) WHERE sandbox_of IS NOT NULL;

-- secret_hash is SHA-256 (hex) of the whole key; prefix is its first characters, for lists.
CREATE TABLE api_keys (
    id            TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    environment   TEXT NOT NULL CHECK (environment IN ('live', 'test')),
    scope         TEXT NOT NULL CHECK (scope IN ('full', 'read')),
    prefix        TEXT NOT NULL,
    secret_hash   TEXT NOT NULL UNIQUE,
    created_at    TEXT NOT NULL,
    last_used_at  TEXT
);
CREATE INDEX api_keys_by_workspace ON api_keys(workspace_id, created_at);

-- events is a JSON array of event names. The secret signs deliveries (HMAC-SHA256).
CREATE TABLE webhooks (
    id            TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    url           TEXT NOT NULL,
    events        TEXT NOT NULL,
    secret        TEXT NOT NULL,
    active        INTEGER NOT NULL DEFAULT 1,
    created_at    TEXT NOT NULL
);
CREATE INDEX webhooks_by_workspace ON webhooks(workspace_id, created_at);

-- One row per delivery (its id is what the receiver sees in every attempt); the
-- WebhookDispatcher Durable Object updates it after each attempt.
CREATE TABLE webhook_deliveries (
    id               TEXT PRIMARY KEY,
    webhook_id       TEXT NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
    workspace_id     TEXT NOT NULL,
    event            TEXT NOT NULL,
    payload          TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    last_status_code INTEGER,
    last_error       TEXT,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX webhook_deliveries_by_webhook ON webhook_deliveries(webhook_id, created_at);
