from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="WidgetActivity")


@_attrs_define
class WidgetActivity:
    """
    Attributes:
        avg_response_time (float):
        conversations_today (int):
        name (str):
        widget_id (str):
    """

    avg_response_time: float
    conversations_today: int
    name: str
    widget_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        avg_response_time = self.avg_response_time

        conversations_today = self.conversations_today

        name = self.name

        widget_id = self.widget_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "avgResponseTime": avg_response_time,
                "conversationsToday": conversations_today,
                "name": name,
                "widgetId": widget_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        avg_response_time = d.pop("avgResponseTime")

        conversations_today = d.pop("conversationsToday")

        name = d.pop("name")

        widget_id = d.pop("widgetId")

        widget_activity = cls(
            avg_response_time=avg_response_time,
            conversations_today=conversations_today,
            name=name,
            widget_id=widget_id,
        )

        widget_activity.additional_properties = d
        return widget_activity

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
