from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.widget_activity import WidgetActivity


T = TypeVar("T", bound="WidgetStats")


@_attrs_define
class WidgetStats:
    """
    Attributes:
        active_widgets (int): Widgets with a conversation in the last 30 days.
        total_widgets (int):
        widgets (list[WidgetActivity]):
    """

    active_widgets: int
    total_widgets: int
    widgets: list[WidgetActivity]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        active_widgets = self.active_widgets

        total_widgets = self.total_widgets

        widgets = []
        for widgets_item_data in self.widgets:
            widgets_item = widgets_item_data.to_dict()
            widgets.append(widgets_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "activeWidgets": active_widgets,
                "totalWidgets": total_widgets,
                "widgets": widgets,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.widget_activity import WidgetActivity

        d = dict(src_dict)
        active_widgets = d.pop("activeWidgets")

        total_widgets = d.pop("totalWidgets")

        widgets = []
        _widgets = d.pop("widgets")
        for widgets_item_data in _widgets:
            widgets_item = WidgetActivity.from_dict(widgets_item_data)

            widgets.append(widgets_item)

        widget_stats = cls(
            active_widgets=active_widgets,
            total_widgets=total_widgets,
            widgets=widgets,
        )

        widget_stats.additional_properties = d
        return widget_stats

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
