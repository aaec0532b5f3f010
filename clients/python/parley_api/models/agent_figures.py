from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AgentFigures")


@_attrs_define
class AgentFigures:
    """
    Attributes:
        conversations_handled (int):
        conversations_resolved (int):
        messages_sent (int):
        ratings (list[int]): How many ratings gave each score: `[ones, twos, threes, fours, fives]`.
        average_first_response_time (float | None | Unset): Seconds.
        average_resolution_time (float | None | Unset): Seconds.
        csat (float | None | Unset): 1–5.
    """

    conversations_handled: int
    conversations_resolved: int
    messages_sent: int
    ratings: list[int]
    average_first_response_time: float | None | Unset = UNSET
    average_resolution_time: float | None | Unset = UNSET
    csat: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        conversations_handled = self.conversations_handled

        conversations_resolved = self.conversations_resolved

        messages_sent = self.messages_sent

        ratings = self.ratings

        average_first_response_time: float | None | Unset
        if isinstance(self.average_first_response_time, Unset):
            average_first_response_time = UNSET
        else:
            average_first_response_time = self.average_first_response_time

        average_resolution_time: float | None | Unset
        if isinstance(self.average_resolution_time, Unset):
            average_resolution_time = UNSET
        else:
            average_resolution_time = self.average_resolution_time

        csat: float | None | Unset
        if isinstance(self.csat, Unset):
            csat = UNSET
        else:
            csat = self.csat

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "conversationsHandled": conversations_handled,
                "conversationsResolved": conversations_resolved,
                "messagesSent": messages_sent,
                "ratings": ratings,
            }
        )
        if average_first_response_time is not UNSET:
            field_dict["averageFirstResponseTime"] = average_first_response_time
        if average_resolution_time is not UNSET:
            field_dict["averageResolutionTime"] = average_resolution_time
        if csat is not UNSET:
            field_dict["csat"] = csat

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        conversations_handled = d.pop("conversationsHandled")

        conversations_resolved = d.pop("conversationsResolved")

        messages_sent = d.pop("messagesSent")

        ratings = cast(list[int], d.pop("ratings"))

        def _parse_average_first_response_time(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        average_first_response_time = _parse_average_first_response_time(
            d.pop("averageFirstResponseTime", UNSET)
        )

        def _parse_average_resolution_time(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        average_resolution_time = _parse_average_resolution_time(
            d.pop("averageResolutionTime", UNSET)
        )

        def _parse_csat(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        csat = _parse_csat(d.pop("csat", UNSET))

        agent_figures = cls(
            conversations_handled=conversations_handled,
            conversations_resolved=conversations_resolved,
            messages_sent=messages_sent,
            ratings=ratings,
            average_first_response_time=average_first_response_time,
            average_resolution_time=average_resolution_time,
            csat=csat,
        )

        agent_figures.additional_properties = d
        return agent_figures

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
