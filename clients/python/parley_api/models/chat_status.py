from enum import StrEnum


class ChatStatus(StrEnum):
    COMPLETED = "completed"
    ERROR = "error"
    READY = "ready"
    RUNNING = "running"
    WAIT_FOR_HUMAN_INPUT = "wait_for_human_input"

    def __str__(self) -> str:
        return str(self.value)
