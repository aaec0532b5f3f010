-- Replies by email: where a conversation's replies go while its visitor is away (the room
-- keeps the same address and sends; this copy is what the inbox shows), and after how long
-- without a person's answer a widget offers it even while agents are online (0: only while
-- nobody answers live).
ALTER TABLE conversations ADD COLUMN follow_up_email TEXT;
ALTER TABLE widgets ADD COLUMN follow_up_after_seconds INTEGER NOT NULL DEFAULT 300;
