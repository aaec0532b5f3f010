from enum import StrEnum


class WebhookDialect(StrEnum):
    PARLEY = "parley"
    ROCKETFLOW = "rocketflow"

    def __str__(self) -> str:
        return str(self.value)
