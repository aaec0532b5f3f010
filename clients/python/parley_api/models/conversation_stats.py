from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ConversationStats")


@_attrs_define
class ConversationStats:
    """
    Attributes:
        active_conversations (int):
        avg_conversation_duration (float):
        conversation_trend (float):
        today_conversations (int):
        total_conversations (int):
        yesterday_conversations (int | Unset):
    """

    active_conversations: int
    avg_conversation_duration: float
    conversation_trend: float
    today_conversations: int
    total_conversations: int
    yesterday_conversations: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        active_conversations = self.active_conversations

        avg_conversation_duration = self.avg_conversation_duration

        conversation_trend = self.conversation_trend

        today_conversations = self.today_conversations

        total_conversations = self.total_conversations

        yesterday_conversations = self.yesterday_conversations

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "activeConversations": active_conversations,
                "avgConversationDuration": avg_conversation_duration,
                "conversationTrend": conversation_trend,
                "todayConversations": today_conversations,
                "totalConversations": total_conversations,
            }
        )
        if yesterday_conversations is not UNSET:
            field_dict["yesterdayConversations"] = yesterday_conversations

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        active_conversations = d.pop("activeConversations")

        avg_conversation_duration = d.pop("avgConversationDuration")

        conversation_trend = d.pop("conversationTrend")

        today_conversations = d.pop("todayConversations")

        total_conversations = d.pop("totalConversations")

        yesterday_conversations = d.pop("yesterdayConversations", UNSET)

        conversation_stats = cls(
            active_conversations=active_conversations,
            avg_conversation_duration=avg_conversation_duration,
            conversation_trend=conversation_trend,
            today_conversations=today_conversations,
            total_conversations=total_conversations,
            yesterday_conversations=yesterday_conversations,
        )

        conversation_stats.additional_properties = d
        return conversation_stats

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
