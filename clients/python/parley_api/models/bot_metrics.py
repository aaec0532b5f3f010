from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.top_question import TopQuestion


T = TypeVar("T", bound="BotMetrics")


@_attrs_define
class BotMetrics:
    """
    Attributes:
        handoff_rate (float):
        ratings (list[int]): How many ratings gave each score: `[ones, twos, threes, fours, fives]`.
        top_questions (list[TopQuestion]):
        total_conversations (int):
        total_messages (int):
        total_questions (int):
        unanswered_rate (float):
        average_response_time (float | None | Unset): Seconds.
        user_satisfaction (float | None | Unset): 1–5.
    """

    handoff_rate: float
    ratings: list[int]
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

        ratings = self.ratings

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
                "handoffRate": handoff_rate,
                "ratings": ratings,
                "topQuestions": top_questions,
                "totalConversations": total_conversations,
                "totalMessages": total_messages,
                "totalQuestions": total_questions,
                "unansweredRate": unanswered_rate,
            }
        )
        if average_response_time is not UNSET:
            field_dict["averageResponseTime"] = average_response_time
        if user_satisfaction is not UNSET:
            field_dict["userSatisfaction"] = user_satisfaction

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.top_question import TopQuestion

        d = dict(src_dict)
        handoff_rate = d.pop("handoffRate")

        ratings = cast(list[int], d.pop("ratings"))

        top_questions = []
        _top_questions = d.pop("topQuestions")
        for top_questions_item_data in _top_questions:
            top_questions_item = TopQuestion.from_dict(top_questions_item_data)

            top_questions.append(top_questions_item)

        total_conversations = d.pop("totalConversations")

        total_messages = d.pop("totalMessages")

        total_questions = d.pop("totalQuestions")

        unanswered_rate = d.pop("unansweredRate")

        def _parse_average_response_time(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        average_response_time = _parse_average_response_time(
            d.pop("averageResponseTime", UNSET)
        )

        def _parse_user_satisfaction(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        user_satisfaction = _parse_user_satisfaction(d.pop("userSatisfaction", UNSET))

        bot_metrics = cls(
            handoff_rate=handoff_rate,
            ratings=ratings,
            top_questions=top_questions,
            total_conversations=total_conversations,
            total_messages=total_messages,
            total_questions=total_questions,
            unanswered_rate=unanswered_rate,
            average_response_time=average_response_time,
            user_satisfaction=user_satisfaction,
        )

        bot_metrics.additional_properties = d
        return bot_metrics

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
