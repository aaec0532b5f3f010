from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="FollowUpRequest")


@_attrs_define
class FollowUpRequest:
    """`POST /api/conversations/{id}/follow-up`, by the conversation's visitor.

    Attributes:
        email (str):
        page_url (str): The page the visitor writes from: the emailed link reopens the chat there. It must be
            on one of the widget's allowed origins.
        consent (bool | Unset): Ticked beside the widget's consent text; required when the widget has one.
    """

    email: str
    page_url: str
    consent: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        page_url = self.page_url

        consent = self.consent

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "email": email,
                "pageUrl": page_url,
            }
        )
        if consent is not UNSET:
            field_dict["consent"] = consent

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        email = d.pop("email")

        page_url = d.pop("pageUrl")

        consent = d.pop("consent", UNSET)

        follow_up_request = cls(
            email=email,
            page_url=page_url,
            consent=consent,
        )

        follow_up_request.additional_properties = d
        return follow_up_request

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
