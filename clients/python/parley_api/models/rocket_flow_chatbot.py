from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.bot_status import BotStatus

T = TypeVar("T", bound="RocketFlowChatbot")


@_attrs_define
class RocketFlowChatbot:
    """A chatbot as `GET /v1/chatbots` lists it.

    Attributes:
        created_at (str):
        description (str):
        id (str):
        name (str):
        status (BotStatus):
        updated_at (str):
    """

    created_at: str
    description: str
    id: str
    name: str
    status: BotStatus
    updated_at: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at

        description = self.description

        id = self.id

        name = self.name

        status = self.status.value

        updated_at = self.updated_at

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
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        created_at = d.pop("created_at")

        description = d.pop("description")

        id = d.pop("id")

        name = d.pop("name")

        status = BotStatus(d.pop("status"))

        updated_at = d.pop("updated_at")

        rocket_flow_chatbot = cls(
            created_at=created_at,
            description=description,
            id=id,
            name=name,
            status=status,
            updated_at=updated_at,
        )

        rocket_flow_chatbot.additional_properties = d
        return rocket_flow_chatbot

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
