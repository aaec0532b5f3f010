from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.top_question import TopQuestion


T = TypeVar("T", bound="RocketFlowAnalyticsMetrics")


@_attrs_define
class RocketFlowAnalyticsMetrics:
    """
    Attributes:
        handoff_rate (float):
        top_questions (list[TopQuestion]):
        total_conversations (int):
        total_messages (int):
        total_questions (int):
        unanswered_rate (float):
        average_response_time (float | None | Unset): Seconds; `null` without answers.
        user_satisfaction (float | None | Unset): 1–5; `null` without ratings.
    """

    handoff_rate: float
    top_questions: list[TopQuestion]
    total_conversations: int
    total_messages: int
    total_questions: int
    unanswered_rate: float
    average_response_time: float | None | Unset = UNSET
    user_satisfaction: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        handoff_rate = self.handoff_rate

        top_questions = []
        for top_questions_item_data in self.top_questions:
            top_questions_item = top_questions_item_data.to_dict()
            top_questions.append(top_questions_item)

        total_conversations = self.total_conversations

        total_messages = self.total_messages

        total_questions = self.total_questions

        unanswered_rate = self.unanswered_rate

        average_response_time: float | None | Unset
        if isinstance(self.average_response_time, Unset):
            average_response_time = UNSET
        else:
            average_response_time = self.average_response_time

        user_satisfaction: float | None | Unset
        if isinstance(self.user_satisfaction, Unset):
            user_satisfaction = UNSET
        else:
            user_satisfaction = self.user_satisfaction

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "handoff_rate": handoff_rate,
                "top_questions": top_questions,
                "total_conversations": total_conversations,
                "total_messages": total_messages,
                "total_questions": total_questions,
                "unanswered_rate": unanswered_rate,
            }
        )
        if average_response_time is not UNSET:
            field_dict["average_response_time"] = average_response_time
        if user_satisfaction is not UNSET:
            field_dict["user_satisfaction"] = user_satisfaction

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.top_question import TopQuestion

        d = dict(src_dict)
        handoff_rate = d.pop("handoff_rate")

        top_questions = []
        _top_questions = d.pop("top_questions")
        for top_questions_item_data in _top_questions:
            top_questions_item = TopQuestion.from_dict(top_questions_item_data)

            top_questions.append(top_questions_item)

        total_conversations = d.pop("total_conversations")

        total_messages = d.pop("total_messages")

        total_questions = d.pop("total_questions")

        unanswered_rate = d.pop("unanswered_rate")

        def _parse_average_response_time(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        average_response_time = _parse_average_response_time(
            d.pop("average_response_time", UNSET)
        )

        def _parse_user_satisfaction(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        user_satisfaction = _parse_user_satisfaction(d.pop("user_satisfaction", UNSET))

        rocket_flow_analytics_metrics = cls(
            handoff_rate=handoff_rate,
            top_questions=top_questions,
            total_conversations=total_conversations,
            total_messages=total_messages,
            total_questions=total_questions,
            unanswered_rate=unanswered_rate,
            average_response_time=average_response_time,
            user_satisfaction=user_satisfaction,
        )

        rocket_flow_analytics_metrics.additional_properties = d
        return rocket_flow_analytics_metrics

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
