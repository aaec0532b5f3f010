from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.bot_status import BotStatus

if TYPE_CHECKING:
    from ..models.rocket_flow_chatbot_settings import RocketFlowChatbotSettings
    from ..models.rocket_flow_knowledge_source import RocketFlowKnowledgeSource


T = TypeVar("T", bound="RocketFlowChatbotDetails")


@_attrs_define
class RocketFlowChatbotDetails:
    """`GET /v1/chatbots/{chatbot_id}`.

    Attributes:
        created_at (str):
        description (str):
        id (str):
        name (str):
        status (BotStatus):
        updated_at (str):
        knowledge_sources (list[RocketFlowKnowledgeSource]):
        settings (RocketFlowChatbotSettings):
    """

    created_at: str
    description: str
    id: str
    name: str
    status: BotStatus
    updated_at: str
    knowledge_sources: list[RocketFlowKnowledgeSource]
    settings: RocketFlowChatbotSettings
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at

        description = self.description

        id = self.id

        name = self.name

        status = self.status.value

        updated_at = self.updated_at

        knowledge_sources = []
        for knowledge_sources_item_data in self.knowledge_sources:
            knowledge_sources_item = knowledge_sources_item_data.to_dict()
            knowledge_sources.append(knowledge_sources_item)

        settings = self.settings.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "description": description,
                "id": id,
                "name": name,
                "status": status,
                "updated_at": updated_at,
                "knowledge_sources": knowledge_sources,
                "settings": settings,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.rocket_flow_chatbot_settings import RocketFlowChatbotSettings
        from ..models.rocket_flow_knowledge_source import RocketFlowKnowledgeSource

        d = dict(src_dict)
        created_at = d.pop("created_at")

        description = d.pop("description")

        id = d.pop("id")

        name = d.pop("name")

        status = BotStatus(d.pop("status"))

        updated_at = d.pop("updated_at")

        knowledge_sources = []
        _knowledge_sources = d.pop("knowledge_sources")
        for knowledge_sources_item_data in _knowledge_sources:
            knowledge_sources_item = RocketFlowKnowledgeSource.from_dict(
                knowledge_sources_item_data
            )

            knowledge_sources.append(knowledge_sources_item)

        settings = RocketFlowChatbotSettings.from_dict(d.pop("settings"))

        rocket_flow_chatbot_details = cls(
            created_at=created_at,
            description=description,
            id=id,
            name=name,
            status=status,
            updated_at=updated_at,
            knowledge_sources=knowledge_sources,
            settings=settings,
        )

        rocket_flow_chatbot_details.additional_properties = d
        return rocket_flow_chatbot_details

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
