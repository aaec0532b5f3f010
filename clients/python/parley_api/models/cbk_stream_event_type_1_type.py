from enum import StrEnum


class CbkStreamEventType1Type(StrEnum):
    RESULT = "result"

    def __str__(self) -> str:
        return str(self.value)
