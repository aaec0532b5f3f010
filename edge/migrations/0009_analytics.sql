-- Analytics rollups (definitions in shared-types `analytics`). Each row sums one day of one
-- bot's or one agent's events, written as the events happen, so a report reads days, never
-- messages. Seconds are summed; averages divide by the matching count.

-- A visitor's satisfaction rating of their conversation (1–5), changeable for a while.
ALTER TABLE conversations ADD COLUMN rating INTEGER;
ALTER TABLE conversations ADD COLUMN rating_comment TEXT;
ALTER TABLE conversations ADD COLUMN rated_at TEXT;
-- Who the rating was credited to, so a changed rating moves the same counts.
ALTER TABLE conversations ADD COLUMN rated_agent_id TEXT;

CREATE TABLE bot_days (
    workspace_id      TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    bot_id            TEXT NOT NULL,
    day               TEXT NOT NULL,
    conversations     INTEGER NOT NULL DEFAULT 0,
    messages          INTEGER NOT NULL DEFAULT 0,
    questions         INTEGER NOT NULL DEFAULT 0,
    unanswered        INTEGER NOT NULL DEFAULT 0,
    response_seconds  REAL NOT NULL DEFAULT 0,
    handoffs          INTEGER NOT NULL DEFAULT 0,
    rated_1           INTEGER NOT NULL DEFAULT 0,
    rated_2           INTEGER NOT NULL DEFAULT 0,
    rated_3           INTEGER NOT NULL DEFAULT 0,
    rated_4           INTEGER NOT NULL DEFAULT 0,
    rated_5           INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (workspace_id, bot_id, day)
);

-- Questions by their meaning's key (sorted stems) and each wording's count, per day.
CREATE TABLE bot_question_days (
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    bot_id        TEXT NOT NULL,
    day           TEXT NOT NULL,
    question_key  TEXT NOT NULL,
    wording       TEXT NOT NULL,
    count         INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (workspace_id, bot_id, day, question_key, wording)
);

CREATE TABLE agent_days (
    workspace_id            TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    agent_id                TEXT NOT NULL,
    day                     TEXT NOT NULL,
    conversations           INTEGER NOT NULL DEFAULT 0,
    messages                INTEGER NOT NULL DEFAULT 0,
    first_responses         INTEGER NOT NULL DEFAULT 0,
    first_response_seconds  REAL NOT NULL DEFAULT 0,
    resolutions             INTEGER NOT NULL DEFAULT 0,
    resolution_seconds      REAL NOT NULL DEFAULT 0,
    rated_1                 INTEGER NOT NULL DEFAULT 0,
    rated_2                 INTEGER NOT NULL DEFAULT 0,
    rated_3                 INTEGER NOT NULL DEFAULT 0,
    rated_4                 INTEGER NOT NULL DEFAULT 0,
    rated_5                 INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (workspace_id, agent_id, day)
);

-- Which agents have written in a conversation, so each counts it as handled once.
CREATE TABLE conversation_agents (
    conversation_id  TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    agent_id         TEXT NOT NULL,
    PRIMARY KEY (conversation_id, agent_id)
);
