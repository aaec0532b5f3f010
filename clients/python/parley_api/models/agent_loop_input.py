from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.loop_schedule import LoopSchedule
    from ..models.planned_step import PlannedStep


T = TypeVar("T", bound="AgentLoopInput")


@_attrs_define
class AgentLoopInput:
    """`POST /api/agent-loops` (`name`, `botId` and `instructions` required) and `PATCH
    /api/agent-loops/{id}` (only what is sent changes; `"schedule": null` removes it).

        Attributes:
            allowed_hosts (list[str] | None | Unset):
            bot_id (None | Unset | UUID):
            instructions (None | str | Unset):
            max_steps (int | None | Unset):
            name (None | str | Unset):
            planned_steps (list[PlannedStep] | None | Unset):
            schedule (LoopSchedule | None | Unset):
            tools (list[str] | None | Unset): Tool names: `search_knowledge`, `http_request`, `post_message`, `handoff`.
    """

    allowed_hosts: list[str] | None | Unset = UNSET
    bot_id: None | Unset | UUID = UNSET
    instructions: None | str | Unset = UNSET
    max_steps: int | None | Unset = UNSET
    name: None | str | Unset = UNSET
    planned_steps: list[PlannedStep] | None | Unset = UNSET
    schedule: LoopSchedule | None | Unset = UNSET
    tools: list[str] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.loop_schedule import LoopSchedule

        allowed_hosts: list[str] | None | Unset
        if isinstance(self.allowed_hosts, Unset):
            allowed_hosts = UNSET
        elif isinstance(self.allowed_hosts, list):
            allowed_hosts = self.allowed_hosts

        else:
            allowed_hosts = self.allowed_hosts

        bot_id: None | str | Unset
        if isinstance(self.bot_id, Unset):
            bot_id = UNSET
        elif isinstance(self.bot_id, UUID):
            bot_id = str(self.bot_id)
        else:
            bot_id = self.bot_id

        instructions: None | str | Unset
        if isinstance(self.instructions, Unset):
            instructions = UNSET
        else:
            instructions = self.instructions

        max_steps: int | None | Unset
        if isinstance(self.max_steps, Unset):
            max_steps = UNSET
        else:
            max_steps = self.max_steps

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        planned_steps: list[dict[str, Any]] | None | Unset
        if isinstance(self.planned_steps, Unset):
            planned_steps = UNSET
        elif isinstance(self.planned_steps, list):
            planned_steps = []
            for planned_steps_type_0_item_data in self.planned_steps:
                planned_steps_type_0_item = planned_steps_type_0_item_data.to_dict()
                planned_steps.append(planned_steps_type_0_item)

        else:
            planned_steps = self.planned_steps

        schedule: dict[str, Any] | None | Unset
        if isinstance(self.schedule, Unset):
            schedule = UNSET
        elif isinstance(self.schedule, LoopSchedule):
            schedule = self.schedule.to_dict()
        else:
            schedule = self.schedule

        tools: list[str] | None | Unset
        if isinstance(self.tools, Unset):
            tools = UNSET
        elif isinstance(self.tools, list):
            tools = self.tools

        else:
            tools = self.tools

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if allowed_hosts is not UNSET:
            field_dict["allowedHosts"] = allowed_hosts
        if bot_id is not UNSET:
            field_dict["botId"] = bot_id
        if instructions is not UNSET:
            field_dict["instructions"] = instructions
        if max_steps is not UNSET:
            field_dict["maxSteps"] = max_steps
        if name is not UNSET:
            field_dict["name"] = name
        if planned_steps is not UNSET:
            field_dict["plannedSteps"] = planned_steps
        if schedule is not UNSET:
            field_dict["schedule"] = schedule
        if tools is not UNSET:
            field_dict["tools"] = tools

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.loop_schedule import LoopSchedule
        from ..models.planned_step import PlannedStep

        d = dict(src_dict)

        def _parse_allowed_hosts(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                allowed_hosts_type_0 = cast(list[str], data)

                return allowed_hosts_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        allowed_hosts = _parse_allowed_hosts(d.pop("allowedHosts", UNSET))

        def _parse_bot_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                bot_id_type_0 = UUID(data)

                return bot_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        bot_id = _parse_bot_id(d.pop("botId", UNSET))

        def _parse_instructions(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        instructions = _parse_instructions(d.pop("instructions", UNSET))

        def _parse_max_steps(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_steps = _parse_max_steps(d.pop("maxSteps", UNSET))

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_planned_steps(data: object) -> list[PlannedStep] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                planned_steps_type_0 = []
                _planned_steps_type_0 = data
                for planned_steps_type_0_item_data in _planned_steps_type_0:
                    planned_steps_type_0_item = PlannedStep.from_dict(
                        planned_steps_type_0_item_data
                    )

                    planned_steps_type_0.append(planned_steps_type_0_item)

                return planned_steps_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[PlannedStep] | None | Unset, data)

        planned_steps = _parse_planned_steps(d.pop("plannedSteps", UNSET))

        def _parse_schedule(data: object) -> LoopSchedule | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                schedule_type_1 = LoopSchedule.from_dict(data)

                return schedule_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(LoopSchedule | None | Unset, data)

        schedule = _parse_schedule(d.pop("schedule", UNSET))

        def _parse_tools(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                tools_type_0 = cast(list[str], data)

                return tools_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        tools = _parse_tools(d.pop("tools", UNSET))

        agent_loop_input = cls(
            allowed_hosts=allowed_hosts,
            bot_id=bot_id,
            instructions=instructions,
            max_steps=max_steps,
            name=name,
            planned_steps=planned_steps,
            schedule=schedule,
            tools=tools,
        )

        return agent_loop_input
