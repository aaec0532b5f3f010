from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.message import Message


T = TypeVar("T", bound="InboundAccepted")


@_attrs_define
class InboundAccepted:
    """The reply given to an accepted inbound message.

    Attributes:
        conversation_id (str):
        message (Message): A stored message. `seq` is its position in the conversation's log (1, 2, 3, … with no
            gaps), so a reconnecting client can ask for exactly what it missed.
    """

    conversation_id: str
    message: Message
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        conversation_id = self.conversation_id

        message = self.message.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "conversationId": conversation_id,
                "message": message,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.message import Message

        d = dict(src_dict)
        conversation_id = d.pop("conversationId")

        message = Message.from_dict(d.pop("message"))

        inbound_accepted = cls(
            conversation_id=conversation_id,
            message=message,
        )

        inbound_accepted.additional_properties = d
        return inbound_accepted

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
