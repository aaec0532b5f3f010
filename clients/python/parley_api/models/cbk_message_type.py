from enum import StrEnum


class CbkMessageType(StrEnum):
    BOT = "bot"
    USER = "user"

    def __str__(self) -> str:
        return str(self.value)
