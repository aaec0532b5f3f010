-- Agent loops (ChatbotPlatform): a bot works through instructions with tools in the
-- background. Each loop's AgentLoopRunner Durable Object runs its executions one step per
-- alarm and records every step here, so the routes read them while the execution runs.
CREATE TABLE agent_loops (
    id            TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    bot_id        TEXT NOT NULL REFERENCES bots(id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    instructions  TEXT NOT NULL,
    tools         TEXT NOT NULL DEFAULT '[]',
    allowed_hosts TEXT NOT NULL DEFAULT '[]',
    max_steps     INTEGER NOT NULL,
    every_minutes INTEGER,
    planned_steps TEXT NOT NULL DEFAULT '[]',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX agent_loops_by_workspace ON agent_loops(workspace_id, created_at);

CREATE TABLE agent_loop_executions (
    id           TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    loop_id      TEXT NOT NULL REFERENCES agent_loops(id) ON DELETE CASCADE,
    status       TEXT NOT NULL DEFAULT 'queued'
                 CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'canceled')),
    reason       TEXT,
    trigger      TEXT NOT NULL CHECK (trigger IN ('manual', 'schedule')),
    engine       TEXT NOT NULL CHECK (engine IN ('builtin', 'openai')),
    step_count   INTEGER NOT NULL DEFAULT 0,
    tokens       INTEGER NOT NULL DEFAULT 0,
    output       TEXT,
    created_at   TEXT NOT NULL,
    started_at   TEXT,
    finished_at  TEXT
);
CREATE INDEX agent_loop_executions_by_loop ON agent_loop_executions(loop_id, created_at);

CREATE TABLE agent_loop_steps (
    execution_id TEXT NOT NULL REFERENCES agent_loop_executions(id) ON DELETE CASCADE,
    step_index   INTEGER NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('model', 'tool')),
    tool         TEXT,
    input        TEXT NOT NULL,
    output       TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('succeeded', 'failed')),
    error        TEXT,
    tokens       INTEGER NOT NULL DEFAULT 0,
    duration_ms  INTEGER NOT NULL DEFAULT 0,
    started_at   TEXT NOT NULL,
    PRIMARY KEY (execution_id, step_index)
);
