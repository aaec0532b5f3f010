-- Channels: a bot answers conversations from messaging platforms (Telegram, or any platform
-- through a signed generic webhook). `token` (Telegram's) and `secret` never leave the edge but
-- to the platform; `secret` signs a webhook channel's traffic and is Telegram's secret_token.
-- A channel conversation is filed under `widget_id`, whose settings it follows.
CREATE TABLE channels (
    id                TEXT PRIMARY KEY,
    workspace_id      TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    bot_id            TEXT NOT NULL REFERENCES bots(id) ON DELETE CASCADE,
    widget_id         TEXT NOT NULL REFERENCES widgets(id) ON DELETE CASCADE,
    kind              TEXT NOT NULL CHECK (kind IN ('telegram', 'webhook')),
    name              TEXT NOT NULL,
    token             TEXT,
    secret            TEXT NOT NULL,
    url               TEXT,
    platform_username TEXT,
    status            TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disconnected')),
    status_reason     TEXT,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);
CREATE INDEX channels_by_bot ON channels(workspace_id, bot_id, created_at);

-- A channel conversation's visitor is `<channel id>:<platform user id>`: the user's next
-- message finds their latest conversation by it.
CREATE INDEX conversations_by_visitor ON conversations(workspace_id, visitor_id, started_at DESC);
