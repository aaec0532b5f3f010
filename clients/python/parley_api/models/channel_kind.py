from enum import StrEnum


class ChannelKind(StrEnum):
    TELEGRAM = "telegram"
    WEBHOOK = "webhook"

    def __str__(self) -> str:
        return str(self.value)
