from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="IdentityCheckRequest")


@_attrs_define
class IdentityCheckRequest:
    """`POST /api/widgets/{id}/identity`: what a page gave `Parley.identify`, checked as soon as it
    says it (not at the visitor's first message), so a signed-in user finds their conversation.

        Attributes:
            user_id (str):
            user_hash (None | str | Unset): Hex HMAC-SHA256 of `userId` under the widget's identity secret, computed by the
                site's
                server.
    """

    user_id: str
    user_hash: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        user_id = self.user_id

        user_hash: None | str | Unset
        if isinstance(self.user_hash, Unset):
            user_hash = UNSET
        else:
            user_hash = self.user_hash

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "userId": user_id,
            }
        )
        if user_hash is not UNSET:
            field_dict["userHash"] = user_hash

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        user_id = d.pop("userId")

        def _parse_user_hash(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        user_hash = _parse_user_hash(d.pop("userHash", UNSET))

        identity_check_request = cls(
            user_id=user_id,
            user_hash=user_hash,
        )

        identity_check_request.additional_properties = d
        return identity_check_request

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
