from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.key_environment import KeyEnvironment
from ..models.key_scope import KeyScope
from ..types import UNSET, Unset

T = TypeVar("T", bound="CreateApiKeyRequest")


@_attrs_define
class CreateApiKeyRequest:
    """`POST /api/keys`.

    Attributes:
        name (str):
        environment (KeyEnvironment | Unset): `live` keys act on the workspace; `test` keys on its sandbox, a separate
            data set.
        scope (KeyScope | Unset): `full` acts with admin rights; `read` may only read (GET and HEAD).
    """

    name: str
    environment: KeyEnvironment | Unset = UNSET
    scope: KeyScope | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        environment: str | Unset = UNSET
        if not isinstance(self.environment, Unset):
            environment = self.environment.value

        scope: str | Unset = UNSET
        if not isinstance(self.scope, Unset):
            scope = self.scope.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )
        if environment is not UNSET:
            field_dict["environment"] = environment
        if scope is not UNSET:
            field_dict["scope"] = scope

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        _environment = d.pop("environment", UNSET)
        environment: KeyEnvironment | Unset
        if isinstance(_environment, Unset):
            environment = UNSET
        else:
            environment = KeyEnvironment(_environment)

        _scope = d.pop("scope", UNSET)
        scope: KeyScope | Unset
        if isinstance(_scope, Unset):
            scope = UNSET
        else:
            scope = KeyScope(_scope)

        create_api_key_request = cls(
            name=name,
            environment=environment,
            scope=scope,
        )

        return create_api_key_request
