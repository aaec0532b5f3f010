from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.sender_type import SenderType
from ..types import UNSET, Unset

T = TypeVar("T", bound="SendMessageRequest")


@_attrs_define
class SendMessageRequest:
    """`POST /api/conversations/{id}/messages`. The sender is whoever the token says; the seed's
    `senderType`/`senderId` may be sent and must then name that same sender.

        Attributes:
            content (str):
            attachments (list[str] | Unset): Ids of files uploaded to this conversation (`POST …/attachments`) that the
                message
                carries; with at least one, `content` may be empty.
            client_message_id (None | str | Unset): Makes retries safe: a second send with the same id returns the first
                message.
            private (bool | Unset): `true`: a private note for the team (team members and API keys only; a visitor is
                refused with 403 `FORBIDDEN`).
            sender_id (None | str | Unset):
            sender_type (None | SenderType | Unset):
    """

    content: str
    attachments: list[str] | Unset = UNSET
    client_message_id: None | str | Unset = UNSET
    private: bool | Unset = UNSET
    sender_id: None | str | Unset = UNSET
    sender_type: None | SenderType | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        content = self.content

        attachments: list[str] | Unset = UNSET
        if not isinstance(self.attachments, Unset):
            attachments = self.attachments

        client_message_id: None | str | Unset
        if isinstance(self.client_message_id, Unset):
            client_message_id = UNSET
        else:
            client_message_id = self.client_message_id

        private = self.private

        sender_id: None | str | Unset
        if isinstance(self.sender_id, Unset):
            sender_id = UNSET
        else:
            sender_id = self.sender_id

        sender_type: None | str | Unset
        if isinstance(self.sender_type, Unset):
            sender_type = UNSET
        elif isinstance(self.sender_type, SenderType):
            sender_type = self.sender_type.value
        else:
            sender_type = self.sender_type

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "content": content,
            }
        )
        if attachments is not UNSET:
            field_dict["attachments"] = attachments
        if client_message_id is not UNSET:
            field_dict["clientMessageId"] = client_message_id
        if private is not UNSET:
            field_dict["private"] = private
        if sender_id is not UNSET:
            field_dict["senderId"] = sender_id
        if sender_type is not UNSET:
            field_dict["senderType"] = sender_type

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        content = d.pop("content")

        attachments = cast(list[str], d.pop("attachments", UNSET))

        def _parse_client_message_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        client_message_id = _parse_client_message_id(d.pop("clientMessageId", UNSET))

        private = d.pop("private", UNSET)

        def _parse_sender_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sender_id = _parse_sender_id(d.pop("senderId", UNSET))

        def _parse_sender_type(data: object) -> None | SenderType | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                sender_type_type_1 = SenderType(data)

                return sender_type_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SenderType | Unset, data)

        sender_type = _parse_sender_type(d.pop("senderType", UNSET))

        send_message_request = cls(
            content=content,
            attachments=attachments,
            client_message_id=client_message_id,
            private=private,
            sender_id=sender_id,
            sender_type=sender_type,
        )

        send_message_request.additional_properties = d
        return send_message_request

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
