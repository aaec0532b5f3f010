from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.cbk_end import CbkEnd
    from ..models.cbk_usage import CbkUsage


T = TypeVar("T", bound="CbkCompleteResult")


@_attrs_define
class CbkCompleteResult:
    """The bot's answer: the stored message's id and text.

    Attributes:
        end (CbkEnd): Why a completion ended: `stop` when the bot answered, `error` when its engine failed.
        id (str):
        text (str):
        usage (CbkUsage): The tokens an exchange used; the built-in engine's tokens are words.
    """

    end: CbkEnd
    id: str
    text: str
    usage: CbkUsage
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        end = self.end.to_dict()

        id = self.id

        text = self.text

        usage = self.usage.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "end": end,
                "id": id,
                "text": text,
                "usage": usage,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.cbk_end import CbkEnd
        from ..models.cbk_usage import CbkUsage

        d = dict(src_dict)
        end = CbkEnd.from_dict(d.pop("end"))

        id = d.pop("id")

        text = d.pop("text")

        usage = CbkUsage.from_dict(d.pop("usage"))

        cbk_complete_result = cls(
            end=end,
            id=id,
            text=text,
            usage=usage,
        )

        cbk_complete_result.additional_properties = d
        return cbk_complete_result

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
