from enum import StrEnum


class CannedScope(StrEnum):
    PERSONAL = "personal"
    WORKSPACE = "workspace"

    def __str__(self) -> str:
        return str(self.value)
