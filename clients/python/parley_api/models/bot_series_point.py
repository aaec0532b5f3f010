from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="BotSeriesPoint")


@_attrs_define
class BotSeriesPoint:
    """
    Attributes:
        conversations (int):
        messages (int):
        start (str): The first day of the point (`YYYY-MM-DD`), clipped to the range.
        average_response_time (float | None | Unset):
        user_satisfaction (float | None | Unset):
    """

    conversations: int
    messages: int
    start: str
    average_response_time: float | None | Unset = UNSET
    user_satisfaction: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        conversations = self.conversations

        messages = self.messages

        start = self.start

        average_response_time: float | None | Unset
        if isinstance(self.average_response_time, Unset):
            average_response_time = UNSET
        else:
            average_response_time = self.average_response_time

        user_satisfaction: float | None | Unset
        if isinstance(self.user_satisfaction, Unset):
            user_satisfaction = UNSET
        else:
            user_satisfaction = self.user_satisfaction

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "conversations": conversations,
                "messages": messages,
                "start": start,
            }
        )
        if average_response_time is not UNSET:
            field_dict["averageResponseTime"] = average_response_time
        if user_satisfaction is not UNSET:
            field_dict["userSatisfaction"] = user_satisfaction

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        conversations = d.pop("conversations")

        messages = d.pop("messages")

        start = d.pop("start")

        def _parse_average_response_time(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        average_response_time = _parse_average_response_time(
            d.pop("averageResponseTime", UNSET)
        )

        def _parse_user_satisfaction(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        user_satisfaction = _parse_user_satisfaction(d.pop("userSatisfaction", UNSET))

        bot_series_point = cls(
            conversations=conversations,
            messages=messages,
            start=start,
            average_response_time=average_response_time,
            user_satisfaction=user_satisfaction,
        )

        bot_series_point.additional_properties = d
        return bot_series_point

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
