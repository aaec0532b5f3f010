from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.cbk_list_cbk_bot_items_item_meta import CbkListCbkBotItemsItemMeta


T = TypeVar("T", bound="CbkListCbkBotItemsItem")


@_attrs_define
class CbkListCbkBotItemsItem:
    """A bot: Parley's bot; `backstory` is its system prompt.

    Attributes:
        backstory (str):
        created_at (int): Milliseconds since the Unix epoch, as ChatBotKit writes times.
        description (str):
        id (str):
        meta (CbkListCbkBotItemsItemMeta):
        name (str):
        updated_at (int):
    """

    backstory: str
    created_at: int
    description: str
    id: str
    meta: CbkListCbkBotItemsItemMeta
    name: str
    updated_at: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        backstory = self.backstory

        created_at = self.created_at

        description = self.description

        id = self.id

        meta = self.meta.to_dict()

        name = self.name

        updated_at = self.updated_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "backstory": backstory,
                "createdAt": created_at,
                "description": description,
                "id": id,
                "meta": meta,
                "name": name,
                "updatedAt": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.cbk_list_cbk_bot_items_item_meta import CbkListCbkBotItemsItemMeta

        d = dict(src_dict)
        backstory = d.pop("backstory")

        created_at = d.pop("createdAt")

        description = d.pop("description")

        id = d.pop("id")

        meta = CbkListCbkBotItemsItemMeta.from_dict(d.pop("meta"))

        name = d.pop("name")

        updated_at = d.pop("updatedAt")

        cbk_list_cbk_bot_items_item = cls(
            backstory=backstory,
            created_at=created_at,
            description=description,
            id=id,
            meta=meta,
            name=name,
            updated_at=updated_at,
        )

        cbk_list_cbk_bot_items_item.additional_properties = d
        return cbk_list_cbk_bot_items_item

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
