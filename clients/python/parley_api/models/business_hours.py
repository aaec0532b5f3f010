from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.open_span import OpenSpan


T = TypeVar("T", bound="BusinessHours")


@_attrs_define
class BusinessHours:
    """
    Attributes:
        days (list[OpenSpan]): When people answer; a day without a span is closed.
        enabled (bool): Off: open whenever an agent is online.
        time_zone (str): An IANA time zone such as `Europe/Berlin`; the spans are its wall-clock times.
    """

    days: list[OpenSpan]
    enabled: bool
    time_zone: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        days = []
        for days_item_data in self.days:
            days_item = days_item_data.to_dict()
            days.append(days_item)

        enabled = self.enabled

        time_zone = self.time_zone

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "days": days,
                "enabled": enabled,
                "timeZone": time_zone,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.open_span import OpenSpan

        d = dict(src_dict)
        days = []
        _days = d.pop("days")
        for days_item_data in _days:
            days_item = OpenSpan.from_dict(days_item_data)

            days.append(days_item)

        enabled = d.pop("enabled")

        time_zone = d.pop("timeZone")

        business_hours = cls(
            days=days,
            enabled=enabled,
            time_zone=time_zone,
        )

        business_hours.additional_properties = d
        return business_hours

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
