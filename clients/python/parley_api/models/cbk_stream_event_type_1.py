from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.cbk_stream_event_type_1_type import CbkStreamEventType1Type

if TYPE_CHECKING:
    from ..models.cbk_complete_result import CbkCompleteResult


T = TypeVar("T", bound="CbkStreamEventType1")


@_attrs_define
class CbkStreamEventType1:
    """
    Attributes:
        data (CbkCompleteResult): The bot's answer: the stored message's id and text.
        type_ (CbkStreamEventType1Type):
    """

    data: CbkCompleteResult
    type_: CbkStreamEventType1Type
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = self.data.to_dict()

        type_ = self.type_.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.cbk_complete_result import CbkCompleteResult

        d = dict(src_dict)
        data = CbkCompleteResult.from_dict(d.pop("data"))

        type_ = CbkStreamEventType1Type(d.pop("type"))

        cbk_stream_event_type_1 = cls(
            data=data,
            type_=type_,
        )

        cbk_stream_event_type_1.additional_properties = d
        return cbk_stream_event_type_1

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
