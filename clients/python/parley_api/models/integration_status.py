from enum import StrEnum


class IntegrationStatus(StrEnum):
    ACTIVE = "active"
    ERROR = "error"

    def __str__(self) -> str:
        return str(self.value)
