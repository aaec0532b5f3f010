from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.canned_scope import CannedScope
from ..types import UNSET, Unset

T = TypeVar("T", bound="PageCannedResponseDataItem")


@_attrs_define
class PageCannedResponseDataItem:
    """A saved reply. `shortcut` is unique in its scope (per owner for personal ones).

    Attributes:
        content (str): May contain `{{visitor.name}}` and `{{agent.name}}`.
        created_at (str):
        id (str):
        scope (CannedScope):
        shortcut (str):
        updated_at (str):
        owner_id (None | str | Unset): The user (or API key) a personal response belongs to; absent on workspace ones.
    """

    content: str
    created_at: str
    id: str
    scope: CannedScope
    shortcut: str
    updated_at: str
    owner_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        content = self.content

        created_at = self.created_at

        id = self.id

        scope = self.scope.value

        shortcut = self.shortcut

        updated_at = self.updated_at

        owner_id: None | str | Unset
        if isinstance(self.owner_id, Unset):
            owner_id = UNSET
        else:
            owner_id = self.owner_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "content": content,
                "createdAt": created_at,
                "id": id,
                "scope": scope,
                "shortcut": shortcut,
                "updatedAt": updated_at,
            }
        )
        if owner_id is not UNSET:
            field_dict["ownerId"] = owner_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        content = d.pop("content")

        created_at = d.pop("createdAt")

        id = d.pop("id")

        scope = CannedScope(d.pop("scope"))

        shortcut = d.pop("shortcut")

        updated_at = d.pop("updatedAt")

        def _parse_owner_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        owner_id = _parse_owner_id(d.pop("ownerId", UNSET))

        page_canned_response_data_item = cls(
            content=content,
            created_at=created_at,
            id=id,
            scope=scope,
            shortcut=shortcut,
            updated_at=updated_at,
            owner_id=owner_id,
        )

        page_canned_response_data_item.additional_properties = d
        return page_canned_response_data_item

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
