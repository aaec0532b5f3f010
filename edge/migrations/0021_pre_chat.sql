-- A widget's pre-chat form (shared-types' PreChat as JSON): a name, an email address and a
-- consent checkbox asked before the visitor's first message, always or only while nobody
-- answers live. '{}' is off.
ALTER TABLE widgets ADD COLUMN pre_chat TEXT NOT NULL DEFAULT '{}';
