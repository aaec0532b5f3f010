from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.planned_step_input import PlannedStepInput


T = TypeVar("T", bound="PlannedStep")


@_attrs_define
class PlannedStep:
    """A step the built-in engine runs (in order), as it would run a model's tool call.

    Attributes:
        tool (str): A tool name (`search_knowledge`, `http_request`, `post_message`, `handoff`).
        input_ (PlannedStepInput | Unset):
    """

    tool: str
    input_: PlannedStepInput | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        tool = self.tool

        input_: dict[str, Any] | Unset = UNSET
        if not isinstance(self.input_, Unset):
            input_ = self.input_.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "tool": tool,
            }
        )
        if input_ is not UNSET:
            field_dict["input"] = input_

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.planned_step_input import PlannedStepInput

        d = dict(src_dict)
        tool = d.pop("tool")

        _input_ = d.pop("input", UNSET)
        input_: PlannedStepInput | Unset
        if isinstance(_input_, Unset):
            input_ = UNSET
        else:
            input_ = PlannedStepInput.from_dict(_input_)

        planned_step = cls(
            tool=tool,
            input_=input_,
        )

        planned_step.additional_properties = d
        return planned_step

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
