from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SubAccountUsage")


@_attrs_define
class SubAccountUsage:
    """One workspace's share of its parent's plan in the billing period.

    Attributes:
        agents_used (int):
        ai_responses_used (int):
        conversations_used (int):
        id (str):
        name (str):
    """

    agents_used: int
    ai_responses_used: int
    conversations_used: int
    id: str
    name: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agents_used = self.agents_used

        ai_responses_used = self.ai_responses_used

        conversations_used = self.conversations_used

        id = self.id

        name = self.name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agentsUsed": agents_used,
                "aiResponsesUsed": ai_responses_used,
                "conversationsUsed": conversations_used,
                "id": id,
                "name": name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        agents_used = d.pop("agentsUsed")

        ai_responses_used = d.pop("aiResponsesUsed")

        conversations_used = d.pop("conversationsUsed")

        id = d.pop("id")

        name = d.pop("name")

        sub_account_usage = cls(
            agents_used=agents_used,
            ai_responses_used=ai_responses_used,
            conversations_used=conversations_used,
            id=id,
            name=name,
        )

        sub_account_usage.additional_properties = d
        return sub_account_usage

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
