from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.cbk_conversation_meta import CbkConversationMeta


T = TypeVar("T", bound="CbkConversation")


@_attrs_define
class CbkConversation:
    """A conversation: a Parley developer chat with a bot (the sessions of `/api/chat` and
    `/api/chats`), answered by that bot's engine and knowledge.

        Attributes:
            bot_id (str):
            created_at (int):
            id (str):
            meta (CbkConversationMeta):
            name (str):
            updated_at (int):
    """

    bot_id: str
    created_at: int
    id: str
    meta: CbkConversationMeta
    name: str
    updated_at: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        bot_id = self.bot_id

        created_at = self.created_at

        id = self.id

        meta = self.meta.to_dict()

        name = self.name

        updated_at = self.updated_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "botId": bot_id,
                "createdAt": created_at,
                "id": id,
                "meta": meta,
                "name": name,
                "updatedAt": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.cbk_conversation_meta import CbkConversationMeta

        d = dict(src_dict)
        bot_id = d.pop("botId")

        created_at = d.pop("createdAt")

        id = d.pop("id")

        meta = CbkConversationMeta.from_dict(d.pop("meta"))

        name = d.pop("name")

        updated_at = d.pop("updatedAt")

        cbk_conversation = cls(
            bot_id=bot_id,
            created_at=created_at,
            id=id,
            meta=meta,
            name=name,
            updated_at=updated_at,
        )

        cbk_conversation.additional_properties = d
        return cbk_conversation

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
