-- Content search over messages, and the contacts visitors become.

-- Each message's text as the room stored it, fed by the room's summary write (one batch per
-- burst). The ids are stored but not indexed: every search narrows to the workspace after the
-- MATCH, and erasing a conversation deletes its rows by conversation_id.
CREATE VIRTUAL TABLE message_search USING fts5(
    content,
    workspace_id UNINDEXED,
    conversation_id UNINDEXED,
    message_id UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- A visitor as the workspace knows them. identity_key is `user:<userId>` once the site said
-- who they are (Parley.identify), else `visitor:<visitorId>`. verified stays 0 until identity
-- verification (userHash) is checked.
CREATE TABLE contacts (
    id             TEXT PRIMARY KEY,
    workspace_id   TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    identity_key   TEXT NOT NULL,
    visitor_id     TEXT NOT NULL,
    user_id        TEXT,
    name           TEXT,
    email          TEXT,
    verified       INTEGER NOT NULL DEFAULT 0,
    attributes     TEXT NOT NULL DEFAULT '{}',
    first_seen_at  TEXT NOT NULL,
    last_seen_at   TEXT NOT NULL,
    UNIQUE (workspace_id, identity_key)
);
CREATE INDEX contacts_by_workspace ON contacts(workspace_id, first_seen_at DESC);

ALTER TABLE conversations ADD COLUMN contact_id TEXT REFERENCES contacts(id) ON DELETE SET NULL;
CREATE INDEX conversations_by_contact ON conversations(workspace_id, contact_id, started_at DESC);

-- Every visitor who started a conversation before contacts existed becomes one, keyed as
-- identify would key them now.
INSERT INTO contacts (id, workspace_id, identity_key, visitor_id, user_id, name, email, first_seen_at, last_seen_at)
SELECT lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' ||
         substr(lower(hex(randomblob(2))), 2) || '-' ||
         substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' ||
         lower(hex(randomblob(6))),
       workspace_id, identity_key, visitor_id, user_id, name, email, first_seen_at, last_seen_at
FROM (
    SELECT workspace_id,
           CASE WHEN json_extract(metadata, '$.userId') IS NOT NULL
                THEN 'user:' || json_extract(metadata, '$.userId')
                ELSE 'visitor:' || visitor_id END AS identity_key,
           MAX(visitor_id) AS visitor_id,
           MAX(json_extract(metadata, '$.userId')) AS user_id,
           MAX(json_extract(metadata, '$.name')) AS name,
           MAX(json_extract(metadata, '$.email')) AS email,
           MIN(started_at) AS first_seen_at,
           MAX(COALESCE(last_message_at, started_at)) AS last_seen_at
    FROM conversations
    WHERE json_valid(metadata)
    GROUP BY 1, 2
);

UPDATE conversations SET contact_id = (
    SELECT c.id FROM contacts c
    WHERE c.workspace_id = conversations.workspace_id
      AND c.identity_key = CASE WHEN json_extract(conversations.metadata, '$.userId') IS NOT NULL
                                THEN 'user:' || json_extract(conversations.metadata, '$.userId')
                                ELSE 'visitor:' || conversations.visitor_id END
)
WHERE json_valid(metadata);
