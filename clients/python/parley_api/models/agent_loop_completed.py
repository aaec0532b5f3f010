from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.execution_status import ExecutionStatus
from ..models.execution_trigger import ExecutionTrigger
from ..types import UNSET, Unset

T = TypeVar("T", bound="AgentLoopCompleted")


@_attrs_define
class AgentLoopCompleted:
    """The data of the `agent_loop.completed` webhook event.

    Attributes:
        execution_id (str):
        loop_id (str):
        status (ExecutionStatus):
        steps (int): How many steps were recorded.
        tokens (int):
        trigger (ExecutionTrigger): What started an execution.
        output (None | str | Unset):
        reason (None | str | Unset):
    """

    execution_id: str
    loop_id: str
    status: ExecutionStatus
    steps: int
    tokens: int
    trigger: ExecutionTrigger
    output: None | str | Unset = UNSET
    reason: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        execution_id = self.execution_id

        loop_id = self.loop_id

        status = self.status.value

        steps = self.steps

        tokens = self.tokens

        trigger = self.trigger.value

        output: None | str | Unset
        if isinstance(self.output, Unset):
            output = UNSET
        else:
            output = self.output

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "executionId": execution_id,
                "loopId": loop_id,
                "status": status,
                "steps": steps,
                "tokens": tokens,
                "trigger": trigger,
            }
        )
        if output is not UNSET:
            field_dict["output"] = output
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        execution_id = d.pop("executionId")

        loop_id = d.pop("loopId")

        status = ExecutionStatus(d.pop("status"))

        steps = d.pop("steps")

        tokens = d.pop("tokens")

        trigger = ExecutionTrigger(d.pop("trigger"))

        def _parse_output(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        output = _parse_output(d.pop("output", UNSET))

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        agent_loop_completed = cls(
            execution_id=execution_id,
            loop_id=loop_id,
            status=status,
            steps=steps,
            tokens=tokens,
            trigger=trigger,
            output=output,
            reason=reason,
        )

        agent_loop_completed.additional_properties = d
        return agent_loop_completed

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
