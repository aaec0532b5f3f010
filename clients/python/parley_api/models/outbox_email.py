from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="OutboxEmail")


@_attrs_define
class OutboxEmail:
    """One email as the local development outbox keeps it (`GET /api/dev/outbox`).

    Attributes:
        created_at (str):
        id (str):
        subject (str):
        text (str):
        to (str):
    """

    created_at: str
    id: str
    subject: str
    text: str
    to: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at

        id = self.id

        subject = self.subject

        text = self.text

        to = self.to

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "createdAt": created_at,
                "id": id,
                "subject": subject,
                "text": text,
                "to": to,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        created_at = d.pop("createdAt")

        id = d.pop("id")

        subject = d.pop("subject")

        text = d.pop("text")

        to = d.pop("to")

        outbox_email = cls(
            created_at=created_at,
            id=id,
            subject=subject,
            text=text,
            to=to,
        )

        outbox_email.additional_properties = d
        return outbox_email

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
