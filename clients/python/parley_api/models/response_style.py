from enum import StrEnum


class ResponseStyle(StrEnum):
    CONCISE = "concise"
    FORMAL = "formal"
    FRIENDLY = "friendly"

    def __str__(self) -> str:
        return str(self.value)
