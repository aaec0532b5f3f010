from enum import StrEnum


class SenderType(StrEnum):
    AGENT = "agent"
    AI = "ai"
    VISITOR = "visitor"

    def __str__(self) -> str:
        return str(self.value)
