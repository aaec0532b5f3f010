from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.step_kind import StepKind
from ..models.step_status import StepStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.execution_step_input import ExecutionStepInput
    from ..models.execution_step_output import ExecutionStepOutput


T = TypeVar("T", bound="ExecutionStep")


@_attrs_define
class ExecutionStep:
    """One recorded step of an execution.

    Attributes:
        duration_ms (int):
        index (int): 1, 2, 3, … in the order they ran.
        input_ (ExecutionStepInput):
        kind (StepKind):
        output (ExecutionStepOutput):
        started_at (str):
        status (StepStatus):
        tokens (int):
        error (None | str | Unset): Why the step failed.
        tool (None | str | Unset): The tool called (a tool step).
    """

    duration_ms: int
    index: int
    input_: ExecutionStepInput
    kind: StepKind
    output: ExecutionStepOutput
    started_at: str
    status: StepStatus
    tokens: int
    error: None | str | Unset = UNSET
    tool: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        duration_ms = self.duration_ms

        index = self.index

        input_ = self.input_.to_dict()

        kind = self.kind.value

        output = self.output.to_dict()

        started_at = self.started_at

        status = self.status.value

        tokens = self.tokens

        error: None | str | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        else:
            error = self.error

        tool: None | str | Unset
        if isinstance(self.tool, Unset):
            tool = UNSET
        else:
            tool = self.tool

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "durationMs": duration_ms,
                "index": index,
                "input": input_,
                "kind": kind,
                "output": output,
                "startedAt": started_at,
                "status": status,
                "tokens": tokens,
            }
        )
        if error is not UNSET:
            field_dict["error"] = error
        if tool is not UNSET:
            field_dict["tool"] = tool

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.execution_step_input import ExecutionStepInput
        from ..models.execution_step_output import ExecutionStepOutput

        d = dict(src_dict)
        duration_ms = d.pop("durationMs")

        index = d.pop("index")

        input_ = ExecutionStepInput.from_dict(d.pop("input"))

        kind = StepKind(d.pop("kind"))

        output = ExecutionStepOutput.from_dict(d.pop("output"))

        started_at = d.pop("startedAt")

        status = StepStatus(d.pop("status"))

        tokens = d.pop("tokens")

        def _parse_error(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        error = _parse_error(d.pop("error", UNSET))

        def _parse_tool(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        tool = _parse_tool(d.pop("tool", UNSET))

        execution_step = cls(
            duration_ms=duration_ms,
            index=index,
            input_=input_,
            kind=kind,
            output=output,
            started_at=started_at,
            status=status,
            tokens=tokens,
            error=error,
            tool=tool,
        )

        execution_step.additional_properties = d
        return execution_step

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
