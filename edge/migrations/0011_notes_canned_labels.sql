-- Issue 17, the agent's tools. Private notes need nothing here: they live in each
-- conversation room's log (its `private` column) and never reach the conversation index.

-- A workspace's labels; a name is unique in its workspace whatever its case.
CREATE TABLE labels (
    id           TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    name         TEXT NOT NULL,
    color        TEXT NOT NULL,
    created_at   TEXT NOT NULL
);
CREATE UNIQUE INDEX labels_workspace_name ON labels (workspace_id, name COLLATE NOCASE);

-- Which labels each conversation carries (deleting a label deletes its rows here too).
CREATE TABLE conversation_labels (
    workspace_id    TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    label_id        TEXT NOT NULL,
    PRIMARY KEY (conversation_id, label_id)
);
CREATE INDEX conversation_labels_by_label ON conversation_labels (workspace_id, label_id);

-- Saved replies: a workspace's (owner_id '') or one user's (owner_id = their id), each
-- shortcut once per scope and owner, whatever its case.
CREATE TABLE canned_responses (
    id           TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    shortcut     TEXT NOT NULL,
    content      TEXT NOT NULL,
    scope        TEXT NOT NULL CHECK (scope IN ('workspace', 'personal')),
    owner_id     TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE UNIQUE INDEX canned_responses_shortcut
    ON canned_responses (workspace_id, scope, owner_id, shortcut COLLATE NOCASE);
