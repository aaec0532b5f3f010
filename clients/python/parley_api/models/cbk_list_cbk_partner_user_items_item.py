from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.cbk_list_cbk_partner_user_items_item_meta import (
        CbkListCbkPartnerUserItemsItemMeta,
    )


T = TypeVar("T", bound="CbkListCbkPartnerUserItemsItem")


@_attrs_define
class CbkListCbkPartnerUserItemsItem:
    """A sub-account (`/v1/partner/user/…`): a child workspace of the caller's.

    Attributes:
        created_at (int): Milliseconds since the Unix epoch.
        id (str): What `X-RunAs-UserId` takes.
        meta (CbkListCbkPartnerUserItemsItemMeta):
        name (str):
        updated_at (int):
        email (None | str | Unset):
    """

    created_at: int
    id: str
    meta: CbkListCbkPartnerUserItemsItemMeta
    name: str
    updated_at: int
    email: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at

        id = self.id

        meta = self.meta.to_dict()

        name = self.name

        updated_at = self.updated_at

        email: None | str | Unset
        if isinstance(self.email, Unset):
            email = UNSET
        else:
            email = self.email

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "createdAt": created_at,
                "id": id,
                "meta": meta,
                "name": name,
                "updatedAt": updated_at,
            }
        )
        if email is not UNSET:
            field_dict["email"] = email

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.cbk_list_cbk_partner_user_items_item_meta import (
            CbkListCbkPartnerUserItemsItemMeta,
        )

        d = dict(src_dict)
        created_at = d.pop("createdAt")

        id = d.pop("id")

        meta = CbkListCbkPartnerUserItemsItemMeta.from_dict(d.pop("meta"))

        name = d.pop("name")

        updated_at = d.pop("updatedAt")

        def _parse_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        email = _parse_email(d.pop("email", UNSET))

        cbk_list_cbk_partner_user_items_item = cls(
            created_at=created_at,
            id=id,
            meta=meta,
            name=name,
            updated_at=updated_at,
            email=email,
        )

        cbk_list_cbk_partner_user_items_item.additional_properties = d
        return cbk_list_cbk_partner_user_items_item

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
