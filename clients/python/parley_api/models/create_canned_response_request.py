from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.canned_scope import CannedScope
from ..types import UNSET, Unset

T = TypeVar("T", bound="CreateCannedResponseRequest")


@_attrs_define
class CreateCannedResponseRequest:
    """`POST /api/canned-responses`.

    Attributes:
        content (str):
        shortcut (str):
        scope (CannedScope | None | Unset):
    """

    content: str
    shortcut: str
    scope: CannedScope | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        content = self.content

        shortcut = self.shortcut

        scope: None | str | Unset
        if isinstance(self.scope, Unset):
            scope = UNSET
        elif isinstance(self.scope, CannedScope):
            scope = self.scope.value
        else:
            scope = self.scope

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "content": content,
                "shortcut": shortcut,
            }
        )
        if scope is not UNSET:
            field_dict["scope"] = scope

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        content = d.pop("content")

        shortcut = d.pop("shortcut")

        def _parse_scope(data: object) -> CannedScope | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                scope_type_1 = CannedScope(data)

                return scope_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CannedScope | None | Unset, data)

        scope = _parse_scope(d.pop("scope", UNSET))

        create_canned_response_request = cls(
            content=content,
            shortcut=shortcut,
            scope=scope,
        )

        create_canned_response_request.additional_properties = d
        return create_canned_response_request

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
