from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.integration_kind import IntegrationKind
from ..models.integration_status import IntegrationStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.page_integration_data_item_meta import PageIntegrationDataItemMeta


T = TypeVar("T", bound="PageIntegrationDataItem")


@_attrs_define
class PageIntegrationDataItem:
    """An AI backend connection. The API key is write-only: responses say only whether one is set.

    Attributes:
        bot_id (str):
        context_window (int):
        created_at (str):
        has_api_key (bool):
        id (str):
        kind (IntegrationKind):
        meta (PageIntegrationDataItemMeta):
        name (str):
        status (IntegrationStatus):
        updated_at (str):
        base_url (None | str | Unset):
        last_error (None | str | Unset):
        model (None | str | Unset):
    """

    bot_id: str
    context_window: int
    created_at: str
    has_api_key: bool
    id: str
    kind: IntegrationKind
    meta: PageIntegrationDataItemMeta
    name: str
    status: IntegrationStatus
    updated_at: str
    base_url: None | str | Unset = UNSET
    last_error: None | str | Unset = UNSET
    model: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        bot_id = self.bot_id

        context_window = self.context_window

        created_at = self.created_at

        has_api_key = self.has_api_key

        id = self.id

        kind = self.kind.value

        meta = self.meta.to_dict()

        name = self.name

        status = self.status.value

        updated_at = self.updated_at

        base_url: None | str | Unset
        if isinstance(self.base_url, Unset):
            base_url = UNSET
        else:
            base_url = self.base_url

        last_error: None | str | Unset
        if isinstance(self.last_error, Unset):
            last_error = UNSET
        else:
            last_error = self.last_error

        model: None | str | Unset
        if isinstance(self.model, Unset):
            model = UNSET
        else:
            model = self.model

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "botId": bot_id,
                "contextWindow": context_window,
                "createdAt": created_at,
                "hasApiKey": has_api_key,
                "id": id,
                "kind": kind,
                "meta": meta,
                "name": name,
                "status": status,
                "updatedAt": updated_at,
            }
        )
        if base_url is not UNSET:
            field_dict["baseUrl"] = base_url
        if last_error is not UNSET:
            field_dict["lastError"] = last_error
        if model is not UNSET:
            field_dict["model"] = model

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.page_integration_data_item_meta import PageIntegrationDataItemMeta

        d = dict(src_dict)
        bot_id = d.pop("botId")

        context_window = d.pop("contextWindow")

        created_at = d.pop("createdAt")

        has_api_key = d.pop("hasApiKey")

        id = d.pop("id")

        kind = IntegrationKind(d.pop("kind"))

        meta = PageIntegrationDataItemMeta.from_dict(d.pop("meta"))

        name = d.pop("name")

        status = IntegrationStatus(d.pop("status"))

        updated_at = d.pop("updatedAt")

        def _parse_base_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        base_url = _parse_base_url(d.pop("baseUrl", UNSET))

        def _parse_last_error(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        last_error = _parse_last_error(d.pop("lastError", UNSET))

        def _parse_model(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        model = _parse_model(d.pop("model", UNSET))

        page_integration_data_item = cls(
            bot_id=bot_id,
            context_window=context_window,
            created_at=created_at,
            has_api_key=has_api_key,
            id=id,
            kind=kind,
            meta=meta,
            name=name,
            status=status,
            updated_at=updated_at,
            base_url=base_url,
            last_error=last_error,
            model=model,
        )

        page_integration_data_item.additional_properties = d
        return page_integration_data_item

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
