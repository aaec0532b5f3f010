-- Bots, their AI integrations, knowledge (FTS5, ranked with bm25) and developer chats.
-- `settings` and `meta` are JSON objects; an integration's api_key is a secret the API never returns.

CREATE TABLE bots (
    id           TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'error')),
    last_error   TEXT,
    settings     TEXT NOT NULL DEFAULT '{}',
    meta         TEXT NOT NULL DEFAULT '{}',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX bots_by_workspace ON bots(workspace_id, created_at);

CREATE TABLE integrations (
    id             TEXT PRIMARY KEY,
    workspace_id   TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    bot_id         TEXT NOT NULL REFERENCES bots(id) ON DELETE CASCADE,
    kind           TEXT NOT NULL CHECK (kind IN ('builtin', 'openai')),
    name           TEXT NOT NULL,
    base_url       TEXT,
    model          TEXT,
    api_key        TEXT,
    context_window INTEGER NOT NULL,
    status         TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'error')),
    last_error     TEXT,
    meta           TEXT NOT NULL DEFAULT '{}',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX integrations_by_bot ON integrations(bot_id, created_at);

CREATE TABLE knowledge_sources (
    id           TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    bot_id       TEXT NOT NULL REFERENCES bots(id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind IN ('text', 'faq', 'website')),
    title        TEXT NOT NULL,
    url          TEXT,
    status       TEXT NOT NULL CHECK (status IN ('processing', 'active', 'error')),
    error        TEXT,
    chunk_count  INTEGER NOT NULL DEFAULT 0,
    meta         TEXT NOT NULL DEFAULT '{}',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX knowledge_sources_by_bot ON knowledge_sources(bot_id, created_at);

-- One row per chunk; porter stemming so "refunds" finds "refund". bot_id and source_id are
-- stored but not indexed: queries filter on them after the MATCH.
CREATE VIRTUAL TABLE knowledge_chunks USING fts5(
    content,
    title,
    bot_id UNINDEXED,
    source_id UNINDEXED,
    url UNINDEXED,
    tokenize = 'porter unicode61'
);

-- Developer chats with a bot: `POST /api/chat` sessions and FlowGen chats alike.
CREATE TABLE chats (
    id            TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    bot_id        TEXT NOT NULL REFERENCES bots(id) ON DELETE CASCADE,
    session_id    TEXT NOT NULL,
    name          TEXT NOT NULL,
    user_id       TEXT,
    status        TEXT NOT NULL DEFAULT 'ready'
                  CHECK (status IN ('ready', 'running', 'wait_for_human_input', 'completed', 'error')),
    pending_reply TEXT,
    pending_sources TEXT,
    error         TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    UNIQUE (workspace_id, session_id)
);
CREATE INDEX chats_by_workspace ON chats(workspace_id, created_at DESC);

CREATE TABLE chat_messages (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    id         TEXT NOT NULL UNIQUE,
    chat_id    TEXT NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
    role       TEXT NOT NULL CHECK (role IN ('user', 'assistant', 'human')),
    content    TEXT NOT NULL,
    sources    TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL
);
CREATE INDEX chat_messages_by_chat ON chat_messages(chat_id, seq);

ALTER TABLE widgets ADD COLUMN bot_id TEXT REFERENCES bots(id) ON DELETE SET NULL;
ALTER TABLE conversations ADD COLUMN bot_id TEXT REFERENCES bots(id) ON DELETE SET NULL;
ALTER TABLE conversations ADD COLUMN ai_active INTEGER NOT NULL DEFAULT 0;
