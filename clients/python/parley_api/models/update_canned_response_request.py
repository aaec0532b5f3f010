from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="UpdateCannedResponseRequest")


@_attrs_define
class UpdateCannedResponseRequest:
    """`PATCH /api/canned-responses/{id}`: what is given changes (the scope stays).

    Attributes:
        content (None | str | Unset):
        shortcut (None | str | Unset):
    """

    content: None | str | Unset = UNSET
    shortcut: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        content: None | str | Unset
        if isinstance(self.content, Unset):
            content = UNSET
        else:
            content = self.content

        shortcut: None | str | Unset
        if isinstance(self.shortcut, Unset):
            shortcut = UNSET
        else:
            shortcut = self.shortcut

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if content is not UNSET:
            field_dict["content"] = content
        if shortcut is not UNSET:
            field_dict["shortcut"] = shortcut

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_content(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        content = _parse_content(d.pop("content", UNSET))

        def _parse_shortcut(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        shortcut = _parse_shortcut(d.pop("shortcut", UNSET))

        update_canned_response_request = cls(
            content=content,
            shortcut=shortcut,
        )

        update_canned_response_request.additional_properties = d
        return update_canned_response_request

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
