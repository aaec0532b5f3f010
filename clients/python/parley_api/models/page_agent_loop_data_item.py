from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.agent_tool import AgentTool
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.loop_schedule import LoopSchedule
    from ..models.planned_step import PlannedStep


T = TypeVar("T", bound="PageAgentLoopDataItem")


@_attrs_define
class PageAgentLoopDataItem:
    """An agent loop.

    Attributes:
        allowed_hosts (list[str]): Hosts `http_request` may reach (exact names; `*.example.com` for its subdomains).
        bot_id (str):
        created_at (str):
        id (str):
        instructions (str):
        max_steps (int): The most tool calls one execution may make.
        name (str):
        planned_steps (list[PlannedStep]): What the built-in engine runs (a bot with an OpenAI-compatible integration
            decides
            its steps itself).
        tools (list[AgentTool]):
        updated_at (str):
        schedule (LoopSchedule | None | Unset):
    """

    allowed_hosts: list[str]
    bot_id: str
    created_at: str
    id: str
    instructions: str
    max_steps: int
    name: str
    planned_steps: list[PlannedStep]
    tools: list[AgentTool]
    updated_at: str
    schedule: LoopSchedule | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.loop_schedule import LoopSchedule

        allowed_hosts = self.allowed_hosts

        bot_id = self.bot_id

        created_at = self.created_at

        id = self.id

        instructions = self.instructions

        max_steps = self.max_steps

        name = self.name

        planned_steps = []
        for planned_steps_item_data in self.planned_steps:
            planned_steps_item = planned_steps_item_data.to_dict()
            planned_steps.append(planned_steps_item)

        tools = []
        for tools_item_data in self.tools:
            tools_item = tools_item_data.value
            tools.append(tools_item)

        updated_at = self.updated_at

        schedule: dict[str, Any] | None | Unset
        if isinstance(self.schedule, Unset):
            schedule = UNSET
        elif isinstance(self.schedule, LoopSchedule):
            schedule = self.schedule.to_dict()
        else:
            schedule = self.schedule

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "allowedHosts": allowed_hosts,
                "botId": bot_id,
                "createdAt": created_at,
                "id": id,
                "instructions": instructions,
                "maxSteps": max_steps,
                "name": name,
                "plannedSteps": planned_steps,
                "tools": tools,
                "updatedAt": updated_at,
            }
        )
        if schedule is not UNSET:
            field_dict["schedule"] = schedule

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.loop_schedule import LoopSchedule
        from ..models.planned_step import PlannedStep

        d = dict(src_dict)
        allowed_hosts = cast(list[str], d.pop("allowedHosts"))

        bot_id = d.pop("botId")

        created_at = d.pop("createdAt")

        id = d.pop("id")

        instructions = d.pop("instructions")

        max_steps = d.pop("maxSteps")

        name = d.pop("name")

        planned_steps = []
        _planned_steps = d.pop("plannedSteps")
        for planned_steps_item_data in _planned_steps:
            planned_steps_item = PlannedStep.from_dict(planned_steps_item_data)

            planned_steps.append(planned_steps_item)

        tools = []
        _tools = d.pop("tools")
        for tools_item_data in _tools:
            tools_item = AgentTool(tools_item_data)

            tools.append(tools_item)

        updated_at = d.pop("updatedAt")

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

        page_agent_loop_data_item = cls(
            allowed_hosts=allowed_hosts,
            bot_id=bot_id,
            created_at=created_at,
            id=id,
            instructions=instructions,
            max_steps=max_steps,
            name=name,
            planned_steps=planned_steps,
            tools=tools,
            updated_at=updated_at,
            schedule=schedule,
        )

        page_agent_loop_data_item.additional_properties = d
        return page_agent_loop_data_item

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
