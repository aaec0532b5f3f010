from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.key_environment import KeyEnvironment
from ..models.key_scope import KeyScope
from ..types import UNSET, Unset

T = TypeVar("T", bound="PageApiKeyDataItem")


@_attrs_define
class PageApiKeyDataItem:
    """A key as listed: never its secret, only the start of it.

    Attributes:
        created_at (str):
        environment (KeyEnvironment): `live` keys act on the workspace; `test` keys on its sandbox, a separate data set.
        id (str):
        name (str):
        prefix (str):
        scope (KeyScope): `full` acts with admin rights; `read` may only read (GET and HEAD).
        last_used_at (None | str | Unset):
    """

    created_at: str
    environment: KeyEnvironment
    id: str
    name: str
    prefix: str
    scope: KeyScope
    last_used_at: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at

        environment = self.environment.value

        id = self.id

        name = self.name

        prefix = self.prefix

        scope = self.scope.value

        last_used_at: None | str | Unset
        if isinstance(self.last_used_at, Unset):
            last_used_at = UNSET
        else:
            last_used_at = self.last_used_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "createdAt": created_at,
                "environment": environment,
                "id": id,
                "name": name,
                "prefix": prefix,
                "scope": scope,
            }
        )
        if last_used_at is not UNSET:
            field_dict["lastUsedAt"] = last_used_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        created_at = d.pop("createdAt")

        environment = KeyEnvironment(d.pop("environment"))

        id = d.pop("id")

        name = d.pop("name")

        prefix = d.pop("prefix")

        scope = KeyScope(d.pop("scope"))

        def _parse_last_used_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        last_used_at = _parse_last_used_at(d.pop("lastUsedAt", UNSET))

        page_api_key_data_item = cls(
            created_at=created_at,
            environment=environment,
            id=id,
            name=name,
            prefix=prefix,
            scope=scope,
            last_used_at=last_used_at,
        )

        page_api_key_data_item.additional_properties = d
        return page_api_key_data_item

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
