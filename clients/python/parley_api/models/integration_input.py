from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.integration_kind import IntegrationKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.meta_change_meta_type_0 import MetaChangeMetaType0
    from ..models.meta_change_update_type_0 import MetaChangeUpdateType0


T = TypeVar("T", bound="IntegrationInput")


@_attrs_define
class IntegrationInput:
    """`POST /api/bots/{botId}/integrations` and `PATCH /api/integrations/{id}`.

    Attributes:
        update (MetaChangeUpdateType0 | None | Unset):
        meta (MetaChangeMetaType0 | None | Unset):
        api_key (None | str | Unset):
        base_url (None | str | Unset): e.g. `https://api.openai.com/v1`; `/chat/completions` is appended.
        context_window (int | None | Unset):
        kind (IntegrationKind | None | Unset):
        model (None | str | Unset):
        name (None | str | Unset):
    """

    update: MetaChangeUpdateType0 | None | Unset = UNSET
    meta: MetaChangeMetaType0 | None | Unset = UNSET
    api_key: None | str | Unset = UNSET
    base_url: None | str | Unset = UNSET
    context_window: int | None | Unset = UNSET
    kind: IntegrationKind | None | Unset = UNSET
    model: None | str | Unset = UNSET
    name: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.meta_change_meta_type_0 import MetaChangeMetaType0
        from ..models.meta_change_update_type_0 import MetaChangeUpdateType0

        update: dict[str, Any] | None | Unset
        if isinstance(self.update, Unset):
            update = UNSET
        elif isinstance(self.update, MetaChangeUpdateType0):
            update = self.update.to_dict()
        else:
            update = self.update

        meta: dict[str, Any] | None | Unset
        if isinstance(self.meta, Unset):
            meta = UNSET
        elif isinstance(self.meta, MetaChangeMetaType0):
            meta = self.meta.to_dict()
        else:
            meta = self.meta

        api_key: None | str | Unset
        if isinstance(self.api_key, Unset):
            api_key = UNSET
        else:
            api_key = self.api_key

        base_url: None | str | Unset
        if isinstance(self.base_url, Unset):
            base_url = UNSET
        else:
            base_url = self.base_url

        context_window: int | None | Unset
        if isinstance(self.context_window, Unset):
            context_window = UNSET
        else:
            context_window = self.context_window

        kind: None | str | Unset
        if isinstance(self.kind, Unset):
            kind = UNSET
        elif isinstance(self.kind, IntegrationKind):
            kind = self.kind.value
        else:
            kind = self.kind

        model: None | str | Unset
        if isinstance(self.model, Unset):
            model = UNSET
        else:
            model = self.model

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if update is not UNSET:
            field_dict["$update"] = update
        if meta is not UNSET:
            field_dict["meta"] = meta
        if api_key is not UNSET:
            field_dict["apiKey"] = api_key
        if base_url is not UNSET:
            field_dict["baseUrl"] = base_url
        if context_window is not UNSET:
            field_dict["contextWindow"] = context_window
        if kind is not UNSET:
            field_dict["kind"] = kind
        if model is not UNSET:
            field_dict["model"] = model
        if name is not UNSET:
            field_dict["name"] = name

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.meta_change_meta_type_0 import MetaChangeMetaType0
        from ..models.meta_change_update_type_0 import MetaChangeUpdateType0

        d = dict(src_dict)

        def _parse_update(data: object) -> MetaChangeUpdateType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                update_type_0 = MetaChangeUpdateType0.from_dict(data)

                return update_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(MetaChangeUpdateType0 | None | Unset, data)

        update = _parse_update(d.pop("$update", UNSET))

        def _parse_meta(data: object) -> MetaChangeMetaType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                meta_type_0 = MetaChangeMetaType0.from_dict(data)

                return meta_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(MetaChangeMetaType0 | None | Unset, data)

        meta = _parse_meta(d.pop("meta", UNSET))

        def _parse_api_key(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        api_key = _parse_api_key(d.pop("apiKey", UNSET))

        def _parse_base_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        base_url = _parse_base_url(d.pop("baseUrl", UNSET))

        def _parse_context_window(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        context_window = _parse_context_window(d.pop("contextWindow", UNSET))

        def _parse_kind(data: object) -> IntegrationKind | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                kind_type_1 = IntegrationKind(data)

                return kind_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(IntegrationKind | None | Unset, data)

        kind = _parse_kind(d.pop("kind", UNSET))

        def _parse_model(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        model = _parse_model(d.pop("model", UNSET))

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        integration_input = cls(
            update=update,
            meta=meta,
            api_key=api_key,
            base_url=base_url,
            context_window=context_window,
            kind=kind,
            model=model,
            name=name,
        )

        integration_input.additional_properties = d
        return integration_input

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
