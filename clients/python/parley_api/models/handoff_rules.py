from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="HandoffRules")


@_attrs_define
class HandoffRules:
    """
    Attributes:
        keywords (list[str]): A visitor message containing one of these (case-insensitive) goes to a human.
        message (str): What the bot says when it hands over.
        on_unknown (bool): Also hand off when the bot finds nothing relevant to answer with.
    """

    keywords: list[str]
    message: str
    on_unknown: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        keywords = self.keywords

        message = self.message

        on_unknown = self.on_unknown

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "keywords": keywords,
                "message": message,
                "onUnknown": on_unknown,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        keywords = cast(list[str], d.pop("keywords"))

        message = d.pop("message")

        on_unknown = d.pop("onUnknown")

        handoff_rules = cls(
            keywords=keywords,
            message=message,
            on_unknown=on_unknown,
        )

        handoff_rules.additional_properties = d
        return handoff_rules

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
