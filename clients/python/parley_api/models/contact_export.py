from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.contact import Contact
    from ..models.exported_conversation import ExportedConversation


T = TypeVar("T", bound="ContactExport")


@_attrs_define
class ContactExport:
    """`GET /api/contacts/{id}/export`: everything Parley holds about a contact, for a data
    request. Ratings are on their conversations (`rating`, `ratingComment`).

        Attributes:
            contact (Contact):
            conversations (list[ExportedConversation]):
            exported_at (str):
    """

    contact: Contact
    conversations: list[ExportedConversation]
    exported_at: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        contact = self.contact.to_dict()

        conversations = []
        for conversations_item_data in self.conversations:
            conversations_item = conversations_item_data.to_dict()
            conversations.append(conversations_item)

        exported_at = self.exported_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "contact": contact,
                "conversations": conversations,
                "exportedAt": exported_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.contact import Contact
        from ..models.exported_conversation import ExportedConversation

        d = dict(src_dict)
        contact = Contact.from_dict(d.pop("contact"))

        conversations = []
        _conversations = d.pop("conversations")
        for conversations_item_data in _conversations:
            conversations_item = ExportedConversation.from_dict(conversations_item_data)

            conversations.append(conversations_item)

        exported_at = d.pop("exportedAt")

        contact_export = cls(
            contact=contact,
            conversations=conversations,
            exported_at=exported_at,
        )

        contact_export.additional_properties = d
        return contact_export

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
