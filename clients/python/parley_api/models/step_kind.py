from enum import StrEnum


class StepKind(StrEnum):
    MODEL = "model"
    TOOL = "tool"

    def __str__(self) -> str:
        return str(self.value)
