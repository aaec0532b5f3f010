from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.check import Check


T = TypeVar("T", bound="HealthChecks")


@_attrs_define
class HealthChecks:
    """
    Attributes:
        conversation_room (Check): One binding's answer: `error` says why when it did not answer correctly.
        d1 (Check): One binding's answer: `error` says why when it did not answer correctly.
        kv (Check): One binding's answer: `error` says why when it did not answer correctly.
        workspace_inbox (Check): One binding's answer: `error` says why when it did not answer correctly.
    """

    conversation_room: Check
    d1: Check
    kv: Check
    workspace_inbox: Check
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        conversation_room = self.conversation_room.to_dict()

        d1 = self.d1.to_dict()

        kv = self.kv.to_dict()

        workspace_inbox = self.workspace_inbox.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "conversationRoom": conversation_room,
                "d1": d1,
                "kv": kv,
                "workspaceInbox": workspace_inbox,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.check import Check

        d = dict(src_dict)
        conversation_room = Check.from_dict(d.pop("conversationRoom"))

        d1 = Check.from_dict(d.pop("d1"))

        kv = Check.from_dict(d.pop("kv"))

        workspace_inbox = Check.from_dict(d.pop("workspaceInbox"))

        health_checks = cls(
            conversation_room=conversation_room,
            d1=d1,
            kv=kv,
            workspace_inbox=workspace_inbox,
        )

        health_checks.additional_properties = d
        return health_checks

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
