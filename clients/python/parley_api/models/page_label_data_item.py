from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="PageLabelDataItem")


@_attrs_define
class PageLabelDataItem:
    """A label as `/api/labels` answers it. Its name is unique in the workspace, whatever its case.

    Attributes:
        color (str): `#rgb` or `#rrggbb`.
        created_at (str):
        id (str):
        name (str):
    """

    color: str
    created_at: str
    id: str
    name: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        color = self.color

        created_at = self.created_at

        id = self.id

        name = self.name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "color": color,
                "createdAt": created_at,
                "id": id,
                "name": name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        color = d.pop("color")

        created_at = d.pop("createdAt")

        id = d.pop("id")

        name = d.pop("name")

        page_label_data_item = cls(
            color=color,
            created_at=created_at,
            id=id,
            name=name,
        )

        page_label_data_item.additional_properties = d
        return page_label_data_item

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
