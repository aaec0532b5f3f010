from enum import StrEnum


class WebhookEvent(StrEnum):
    AGENT_LOOP_COMPLETED = "agent_loop.completed"
    BOT_MESSAGE = "bot.message"
    CHANNEL_DISCONNECTED = "channel.disconnected"
    CONVERSATION_ASSIGNED = "conversation.assigned"
    CONVERSATION_ENDED = "conversation.ended"
    CONVERSATION_RATED = "conversation.rated"
    CONVERSATION_STARTED = "conversation.started"
    INTEGRATION_FAILED = "integration.failed"
    MESSAGE_RECEIVED = "message.received"
    MESSAGE_SENT = "message.sent"
    WEBHOOK_TEST = "webhook.test"

    def __str__(self) -> str:
        return str(self.value)
