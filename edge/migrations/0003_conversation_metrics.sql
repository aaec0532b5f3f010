-- What the admin stats need without reading every room's log: when a conversation's visitor
-- first wrote and when an agent first answered, and messages counted per workspace and day.
ALTER TABLE conversations ADD COLUMN first_visitor_message_at TEXT;
ALTER TABLE conversations ADD COLUMN first_agent_reply_at TEXT;
CREATE INDEX conversations_by_workspace_agent ON conversations(workspace_id, assigned_agent_id, status);
CREATE INDEX conversations_by_workspace_widget ON conversations(workspace_id, widget_id, started_at);

CREATE TABLE message_days (
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    day           TEXT NOT NULL,
    count         INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (workspace_id, day)
);
