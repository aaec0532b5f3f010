from enum import StrEnum


class AgentTool(StrEnum):
    HANDOFF = "handoff"
    HTTP_REQUEST = "http_request"
    POST_MESSAGE = "post_message"
    SEARCH_KNOWLEDGE = "search_knowledge"

    def __str__(self) -> str:
        return str(self.value)
