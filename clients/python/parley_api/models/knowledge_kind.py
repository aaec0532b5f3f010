from enum import StrEnum


class KnowledgeKind(StrEnum):
    FAQ = "faq"
    TEXT = "text"
    WEBSITE = "website"

    def __str__(self) -> str:
        return str(self.value)
