-- Every change to a conversation bumps its version, so a client that hears of two changes
-- out of order keeps the newer one (issue 11: a stale update undid a close on the feed).
ALTER TABLE conversations ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
