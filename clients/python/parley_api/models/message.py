from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.sender_type import SenderType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.attachment import Attachment
    from ..models.source import Source


T = TypeVar("T", bound="Message")


@_attrs_define
class Message:
    """A stored message. `seq` is its position in the conversation's log (1, 2, 3, … with no
    gaps), so a reconnecting client can ask for exactly what it missed.

        Attributes:
            content (str):
            conversation_id (str):
            created_at (str):
            id (str):
            is_read (bool):
            sender_id (str):
            sender_type (SenderType):
            seq (int):
            attachments (list[Attachment] | Unset): The files it carries; left out when none.
            private (bool | Unset): A private note: the team sees it, the visitor never does (no socket, read, webhook or
                email of theirs carries it). Left out when false, so a message is the seed's object.
            sources (list[Source] | Unset): Where an `ai` message's answer came from.
    """

    content: str
    conversation_id: str
    created_at: str
    id: str
    is_read: bool
    sender_id: str
    sender_type: SenderType
    seq: int
    attachments: list[Attachment] | Unset = UNSET
    private: bool | Unset = UNSET
    sources: list[Source] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        content = self.content

        conversation_id = self.conversation_id

        created_at = self.created_at

        id = self.id

        is_read = self.is_read

        sender_id = self.sender_id

        sender_type = self.sender_type.value

        seq = self.seq

        attachments: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.attachments, Unset):
            attachments = []
            for attachments_item_data in self.attachments:
                attachments_item = attachments_item_data.to_dict()
                attachments.append(attachments_item)

        private = self.private

        sources: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.sources, Unset):
            sources = []
            for sources_item_data in self.sources:
                sources_item = sources_item_data.to_dict()
                sources.append(sources_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "content": content,
                "conversationId": conversation_id,
                "createdAt": created_at,
                "id": id,
                "isRead": is_read,
                "senderId": sender_id,
                "senderType": sender_type,
                "seq": seq,
            }
        )
        if attachments is not UNSET:
            field_dict["attachments"] = attachments
        if private is not UNSET:
            field_dict["private"] = private
        if sources is not UNSET:
            field_dict["sources"] = sources

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.attachment import Attachment
        from ..models.source import Source

        d = dict(src_dict)
        content = d.pop("content")

        conversation_id = d.pop("conversationId")

        created_at = d.pop("createdAt")

        id = d.pop("id")

        is_read = d.pop("isRead")

        sender_id = d.pop("senderId")

        sender_type = SenderType(d.pop("senderType"))

        seq = d.pop("seq")

        _attachments = d.pop("attachments", UNSET)
        attachments: list[Attachment] | Unset = UNSET
        if _attachments is not UNSET:
            attachments = []
            for attachments_item_data in _attachments:
                attachments_item = Attachment.from_dict(attachments_item_data)

                attachments.append(attachments_item)

        private = d.pop("private", UNSET)

        _sources = d.pop("sources", UNSET)
        sources: list[Source] | Unset = UNSET
        if _sources is not UNSET:
            sources = []
            for sources_item_data in _sources:
                sources_item = Source.from_dict(sources_item_data)

                sources.append(sources_item)

        message = cls(
            content=content,
            conversation_id=conversation_id,
            created_at=created_at,
            id=id,
            is_read=is_read,
            sender_id=sender_id,
            sender_type=sender_type,
            seq=seq,
            attachments=attachments,
            private=private,
            sources=sources,
        )

        message.additional_properties = d
        return message

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
