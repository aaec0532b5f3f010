from enum import StrEnum


class CbkStreamEventType0Type(StrEnum):
    TOKEN = "token"

    def __str__(self) -> str:
        return str(self.value)
