from enum import StrEnum


class SpecDocument(StrEnum):
    AUTOMATION = "automation"
    CHATBOTKIT = "chatbotkit"
    PARLEY = "parley"
    ROCKETFLOW = "rocketflow"

    def __str__(self) -> str:
        return str(self.value)
