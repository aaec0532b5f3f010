-- Visitor messages no agent has read yet, kept by the conversation's room for the inbox.
ALTER TABLE conversations ADD COLUMN unread_count INTEGER NOT NULL DEFAULT 0;
