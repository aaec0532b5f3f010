from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="MessageStats")


@_attrs_define
class MessageStats:
    """
    Attributes:
        avg_response_time (float):
        message_trend (float):
        today_messages (int):
        total_messages (int):
        avg_bot_response_time (float | Unset):
        yesterday_messages (int | Unset):
    """

    avg_response_time: float
    message_trend: float
    today_messages: int
    total_messages: int
    avg_bot_response_time: float | Unset = UNSET
    yesterday_messages: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        avg_response_time = self.avg_response_time

        message_trend = self.message_trend

        today_messages = self.today_messages

        total_messages = self.total_messages

        avg_bot_response_time = self.avg_bot_response_time

        yesterday_messages = self.yesterday_messages

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "avgResponseTime": avg_response_time,
                "messageTrend": message_trend,
                "todayMessages": today_messages,
                "totalMessages": total_messages,
            }
        )
        if avg_bot_response_time is not UNSET:
            field_dict["avgBotResponseTime"] = avg_bot_response_time
        if yesterday_messages is not UNSET:
            field_dict["yesterdayMessages"] = yesterday_messages

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        avg_response_time = d.pop("avgResponseTime")

        message_trend = d.pop("messageTrend")

        today_messages = d.pop("todayMessages")

        total_messages = d.pop("totalMessages")

        avg_bot_response_time = d.pop("avgBotResponseTime", UNSET)

        yesterday_messages = d.pop("yesterdayMessages", UNSET)

        message_stats = cls(
            avg_response_time=avg_response_time,
            message_trend=message_trend,
            today_messages=today_messages,
            total_messages=total_messages,
            avg_bot_response_time=avg_bot_response_time,
            yesterday_messages=yesterday_messages,
        )

        message_stats.additional_properties = d
        return message_stats

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
