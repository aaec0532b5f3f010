from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.chat_status import ChatStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="Chat")


@_attrs_define
class Chat:
    """A developer chat session with a bot. `POST /api/chat` sessions are chats too.

    Attributes:
        bot_id (str):
        created_at (str):
        id (str):
        name (str):
        session_id (str):
        status (ChatStatus): FlowGen's chat states.
        updated_at (str):
        error (None | str | Unset):
        pending_reply (None | str | Unset): The reply waiting for confirmation, in `wait_for_human_input`.
    """

    bot_id: str
    created_at: str
    id: str
    name: str
    session_id: str
    status: ChatStatus
    updated_at: str
    error: None | str | Unset = UNSET
    pending_reply: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        bot_id = self.bot_id

        created_at = self.created_at

        id = self.id

        name = self.name

        session_id = self.session_id

        status = self.status.value

        updated_at = self.updated_at

        error: None | str | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        else:
            error = self.error

        pending_reply: None | str | Unset
        if isinstance(self.pending_reply, Unset):
            pending_reply = UNSET
        else:
            pending_reply = self.pending_reply

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "botId": bot_id,
                "createdAt": created_at,
                "id": id,
                "name": name,
                "sessionId": session_id,
                "status": status,
                "updatedAt": updated_at,
            }
        )
        if error is not UNSET:
            field_dict["error"] = error
        if pending_reply is not UNSET:
            field_dict["pendingReply"] = pending_reply

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        bot_id = d.pop("botId")

        created_at = d.pop("createdAt")

        id = d.pop("id")

        name = d.pop("name")

        session_id = d.pop("sessionId")

        status = ChatStatus(d.pop("status"))

        updated_at = d.pop("updatedAt")

        def _parse_error(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        error = _parse_error(d.pop("error", UNSET))

        def _parse_pending_reply(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        pending_reply = _parse_pending_reply(d.pop("pendingReply", UNSET))

        chat = cls(
            bot_id=bot_id,
            created_at=created_at,
            id=id,
            name=name,
            session_id=session_id,
            status=status,
            updated_at=updated_at,
            error=error,
            pending_reply=pending_reply,
        )

        chat.additional_properties = d
        return chat

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
