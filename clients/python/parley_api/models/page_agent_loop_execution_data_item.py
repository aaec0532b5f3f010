from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.execution_status import ExecutionStatus
from ..models.execution_trigger import ExecutionTrigger
from ..models.loop_engine import LoopEngine
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.execution_step import ExecutionStep


T = TypeVar("T", bound="PageAgentLoopExecutionDataItem")


@_attrs_define
class PageAgentLoopExecutionDataItem:
    """One run of a loop.

    Attributes:
        created_at (str):
        engine (LoopEngine): Who decides the steps: the bot's OpenAI-compatible integration (Chat Completions tool
            calling), or the built-in engine (the loop's planned steps, offline).
        id (str):
        loop_id (str):
        status (ExecutionStatus):
        step_count (int): Steps recorded so far.
        tokens (int): Tokens the model used, all steps together.
        trigger (ExecutionTrigger): What started an execution.
        finished_at (None | str | Unset):
        output (None | str | Unset): The model's final answer (or the built-in engine's last output), once succeeded.
        reason (None | str | Unset): Why it failed or was canceled (`budget_exhausted`, `tool_failed`, `timeout`,
            `model_failed`, `canceled`).
        started_at (None | str | Unset):
        steps (list[ExecutionStep] | None | Unset): Only on `GET /api/agent-loops/{id}/executions/{executionId}`: every
            step, in order.
    """

    created_at: str
    engine: LoopEngine
    id: str
    loop_id: str
    status: ExecutionStatus
    step_count: int
    tokens: int
    trigger: ExecutionTrigger
    finished_at: None | str | Unset = UNSET
    output: None | str | Unset = UNSET
    reason: None | str | Unset = UNSET
    started_at: None | str | Unset = UNSET
    steps: list[ExecutionStep] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at

        engine = self.engine.value

        id = self.id

        loop_id = self.loop_id

        status = self.status.value

        step_count = self.step_count

        tokens = self.tokens

        trigger = self.trigger.value

        finished_at: None | str | Unset
        if isinstance(self.finished_at, Unset):
            finished_at = UNSET
        else:
            finished_at = self.finished_at

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

        started_at: None | str | Unset
        if isinstance(self.started_at, Unset):
            started_at = UNSET
        else:
            started_at = self.started_at

        steps: list[dict[str, Any]] | None | Unset
        if isinstance(self.steps, Unset):
            steps = UNSET
        elif isinstance(self.steps, list):
            steps = []
            for steps_type_0_item_data in self.steps:
                steps_type_0_item = steps_type_0_item_data.to_dict()
                steps.append(steps_type_0_item)

        else:
            steps = self.steps

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "createdAt": created_at,
                "engine": engine,
                "id": id,
                "loopId": loop_id,
                "status": status,
                "stepCount": step_count,
                "tokens": tokens,
                "trigger": trigger,
            }
        )
        if finished_at is not UNSET:
            field_dict["finishedAt"] = finished_at
        if output is not UNSET:
            field_dict["output"] = output
        if reason is not UNSET:
            field_dict["reason"] = reason
        if started_at is not UNSET:
            field_dict["startedAt"] = started_at
        if steps is not UNSET:
            field_dict["steps"] = steps

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.execution_step import ExecutionStep

        d = dict(src_dict)
        created_at = d.pop("createdAt")

        engine = LoopEngine(d.pop("engine"))

        id = d.pop("id")

        loop_id = d.pop("loopId")

        status = ExecutionStatus(d.pop("status"))

        step_count = d.pop("stepCount")

        tokens = d.pop("tokens")

        trigger = ExecutionTrigger(d.pop("trigger"))

        def _parse_finished_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        finished_at = _parse_finished_at(d.pop("finishedAt", UNSET))

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

        def _parse_started_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        started_at = _parse_started_at(d.pop("startedAt", UNSET))

        def _parse_steps(data: object) -> list[ExecutionStep] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                steps_type_0 = []
                _steps_type_0 = data
                for steps_type_0_item_data in _steps_type_0:
                    steps_type_0_item = ExecutionStep.from_dict(steps_type_0_item_data)

                    steps_type_0.append(steps_type_0_item)

                return steps_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ExecutionStep] | None | Unset, data)

        steps = _parse_steps(d.pop("steps", UNSET))

        page_agent_loop_execution_data_item = cls(
            created_at=created_at,
            engine=engine,
            id=id,
            loop_id=loop_id,
            status=status,
            step_count=step_count,
            tokens=tokens,
            trigger=trigger,
            finished_at=finished_at,
            output=output,
            reason=reason,
            started_at=started_at,
            steps=steps,
        )

        page_agent_loop_execution_data_item.additional_properties = d
        return page_agent_loop_execution_data_item

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
