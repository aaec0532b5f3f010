-- Sub-accounts (ChatBotKit's Partner API): a child workspace made by a parent workspace, which
-- acts in it with `X-RunAs-UserId` and whose plan covers it. One level deep: a child's parent
-- is never itself a child (the edge refuses it). The child's name is its workspace's.
CREATE TABLE sub_accounts (
    id          TEXT PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
    parent_id   TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    email       TEXT,
    meta        TEXT NOT NULL DEFAULT '{}',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX sub_accounts_by_parent ON sub_accounts(parent_id, created_at);

-- A sub-account as lists read it: one row with its workspace's name, so lists page on it
-- like on any table.
CREATE VIEW sub_account_rows AS
SELECT s.id, s.parent_id, w.name, s.email, s.meta, s.created_at, s.updated_at
FROM sub_accounts s JOIN workspaces w ON w.id = s.id;
