from enum import StrEnum


class ChatRole(StrEnum):
    ASSISTANT = "assistant"
    HUMAN = "human"
    USER = "user"

    def __str__(self) -> str:
        return str(self.value)
