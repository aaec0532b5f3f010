from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.meta_change_meta_type_0 import MetaChangeMetaType0
    from ..models.meta_change_update_type_0 import MetaChangeUpdateType0


T = TypeVar("T", bound="CbkBotInput")


@_attrs_define
class CbkBotInput:
    """`POST /v1/bot/create` and `POST /v1/bot/{botId}/update`: what is sent changes; `meta`
    replaces the metadata, `$update` merges into it.

        Attributes:
            update (MetaChangeUpdateType0 | None | Unset):
            meta (MetaChangeMetaType0 | None | Unset):
            backstory (None | str | Unset):
            description (None | str | Unset):
            name (None | str | Unset):
    """

    update: MetaChangeUpdateType0 | None | Unset = UNSET
    meta: MetaChangeMetaType0 | None | Unset = UNSET
    backstory: None | str | Unset = UNSET
    description: None | str | Unset = UNSET
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

        backstory: None | str | Unset
        if isinstance(self.backstory, Unset):
            backstory = UNSET
        else:
            backstory = self.backstory

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

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
        if backstory is not UNSET:
            field_dict["backstory"] = backstory
        if description is not UNSET:
            field_dict["description"] = description
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

        def _parse_backstory(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        backstory = _parse_backstory(d.pop("backstory", UNSET))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        cbk_bot_input = cls(
            update=update,
            meta=meta,
            backstory=backstory,
            description=description,
            name=name,
        )

        cbk_bot_input.additional_properties = d
        return cbk_bot_input

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
