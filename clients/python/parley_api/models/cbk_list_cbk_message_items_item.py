from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.cbk_message_type import CbkMessageType

if TYPE_CHECKING:
    from ..models.cbk_list_cbk_message_items_item_meta import (
        CbkListCbkMessageItemsItemMeta,
    )


T = TypeVar("T", bound="CbkListCbkMessageItemsItem")


@_attrs_define
class CbkListCbkMessageItemsItem:
    """A conversation's message; a bot's answer names its sources in `meta.sources`.

    Attributes:
        created_at (int):
        id (str):
        meta (CbkListCbkMessageItemsItemMeta):
        text (str):
        type_ (CbkMessageType): Who wrote a message: the caller (`user`) or the bot side (`bot`, also a person's reply).
        updated_at (int):
    """

    created_at: int
    id: str
    meta: CbkListCbkMessageItemsItemMeta
    text: str
    type_: CbkMessageType
    updated_at: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at

        id = self.id

        meta = self.meta.to_dict()

        text = self.text

        type_ = self.type_.value

        updated_at = self.updated_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "createdAt": created_at,
                "id": id,
                "meta": meta,
                "text": text,
                "type": type_,
                "updatedAt": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.cbk_list_cbk_message_items_item_meta import (
            CbkListCbkMessageItemsItemMeta,
        )

        d = dict(src_dict)
        created_at = d.pop("createdAt")

        id = d.pop("id")

        meta = CbkListCbkMessageItemsItemMeta.from_dict(d.pop("meta"))

        text = d.pop("text")

        type_ = CbkMessageType(d.pop("type"))

        updated_at = d.pop("updatedAt")

        cbk_list_cbk_message_items_item = cls(
            created_at=created_at,
            id=id,
            meta=meta,
            text=text,
            type_=type_,
            updated_at=updated_at,
        )

        cbk_list_cbk_message_items_item.additional_properties = d
        return cbk_list_cbk_message_items_item

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
