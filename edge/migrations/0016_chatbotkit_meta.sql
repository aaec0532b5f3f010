-- ChatBotKit's conversations are Parley's developer chats; like every ChatBotKit resource they
-- carry a metadata JSON object (`meta` replaces it, `$update` merges into it).
ALTER TABLE chats ADD COLUMN meta TEXT NOT NULL DEFAULT '{}';
