from enum import StrEnum


class LoopEngine(StrEnum):
    BUILTIN = "builtin"
    OPENAI = "openai"

    def __str__(self) -> str:
        return str(self.value)
