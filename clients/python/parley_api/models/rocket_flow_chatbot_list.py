from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.rocket_flow_chatbot import RocketFlowChatbot


T = TypeVar("T", bound="RocketFlowChatbotList")


@_attrs_define
class RocketFlowChatbotList:
    """`GET /v1/chatbots`.

    Attributes:
        chatbots (list[RocketFlowChatbot]):
        total (int):
    """

    chatbots: list[RocketFlowChatbot]
    total: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        chatbots = []
        for chatbots_item_data in self.chatbots:
            chatbots_item = chatbots_item_data.to_dict()
            chatbots.append(chatbots_item)

        total = self.total

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "chatbots": chatbots,
                "total": total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.rocket_flow_chatbot import RocketFlowChatbot

        d = dict(src_dict)
        chatbots = []
        _chatbots = d.pop("chatbots")
        for chatbots_item_data in _chatbots:
            chatbots_item = RocketFlowChatbot.from_dict(chatbots_item_data)

            chatbots.append(chatbots_item)

        total = d.pop("total")

        rocket_flow_chatbot_list = cls(
            chatbots=chatbots,
            total=total,
        )

        rocket_flow_chatbot_list.additional_properties = d
        return rocket_flow_chatbot_list

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
