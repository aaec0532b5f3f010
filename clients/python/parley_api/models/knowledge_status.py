from enum import StrEnum


class KnowledgeStatus(StrEnum):
    ACTIVE = "active"
    ERROR = "error"
    PROCESSING = "processing"

    def __str__(self) -> str:
        return str(self.value)
