-- RocketFlow's dialect: a webhook keeps the payload shape it was created in (`parley` for
-- `/api/webhooks`, `rocketflow` for `/v1/webhooks`), and a chat session keeps the `context`
-- its caller gave (a JSON object, the latest one), which the bot is given with each message.
ALTER TABLE webhooks ADD COLUMN dialect TEXT NOT NULL DEFAULT 'parley';
ALTER TABLE chats ADD COLUMN context TEXT;
