-- What visitors see in the widget's header, apart from the name the team knows the widget by
-- (empty: the header says "Chat"); and whether a visitor's reply reopens a closed
-- conversation (else the reply starts a new conversation linked to the old one).
ALTER TABLE widgets ADD COLUMN title TEXT NOT NULL DEFAULT '';
ALTER TABLE widgets ADD COLUMN reopen_on_reply INTEGER NOT NULL DEFAULT 1;

-- When the bot first answered (people's first reply is `first_agent_reply_at`), so the
-- dashboard measures the two apart.
ALTER TABLE conversations ADD COLUMN first_bot_reply_at TEXT;
