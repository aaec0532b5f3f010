from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CreateChatRequest")


@_attrs_define
class CreateChatRequest:
    """`POST /api/chats`: Parley's `{botId, name?}`, or FlowGen's own body
    `{name, from_type: "flow", from_flow: <bot id>}` (a FlowGen flow is a Parley bot).

        Attributes:
            bot_id (str | Unset):
            from_type (None | str | Unset): FlowGen's: what the chat runs; only `flow` is known.
            name (None | str | Unset):
    """

    bot_id: str | Unset = UNSET
    from_type: None | str | Unset = UNSET
    name: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        bot_id = self.bot_id

        from_type: None | str | Unset
        if isinstance(self.from_type, Unset):
            from_type = UNSET
        else:
            from_type = self.from_type

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if bot_id is not UNSET:
            field_dict["botId"] = bot_id
        if from_type is not UNSET:
            field_dict["from_type"] = from_type
        if name is not UNSET:
            field_dict["name"] = name

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        bot_id = d.pop("botId", UNSET)

        def _parse_from_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        from_type = _parse_from_type(d.pop("from_type", UNSET))

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        create_chat_request = cls(
            bot_id=bot_id,
            from_type=from_type,
            name=name,
        )

        create_chat_request.additional_properties = d
        return create_chat_request

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
