from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.started_conversation import StartedConversation


T = TypeVar("T", bound="IdentityCheck")


@_attrs_define
class IdentityCheck:
    """Whether the widget vouches for the user and, when it does, their latest conversation on
    it with a visitor token: the same person continues it on another device or browser.

        Attributes:
            verified (bool): The widget has an identity secret and `userHash` proves `userId` (a widget without a
                secret proves nobody: false).
            resumed (None | StartedConversation | Unset):
    """

    verified: bool
    resumed: None | StartedConversation | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.started_conversation import StartedConversation

        verified = self.verified

        resumed: dict[str, Any] | None | Unset
        if isinstance(self.resumed, Unset):
            resumed = UNSET
        elif isinstance(self.resumed, StartedConversation):
            resumed = self.resumed.to_dict()
        else:
            resumed = self.resumed

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "verified": verified,
            }
        )
        if resumed is not UNSET:
            field_dict["resumed"] = resumed

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.started_conversation import StartedConversation

        d = dict(src_dict)
        verified = d.pop("verified")

        def _parse_resumed(data: object) -> None | StartedConversation | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                resumed_type_1 = StartedConversation.from_dict(data)

                return resumed_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | StartedConversation | Unset, data)

        resumed = _parse_resumed(d.pop("resumed", UNSET))

        identity_check = cls(
            verified=verified,
            resumed=resumed,
        )

        identity_check.additional_properties = d
        return identity_check

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
