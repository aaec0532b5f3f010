from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ConversationRating")


@_attrs_define
class ConversationRating:
    """A conversation's rating, as stored and sent to webhooks as `conversation.rated`.

    Attributes:
        changeable_until (str): Until when the visitor may change it.
        conversation_id (str):
        rated_at (str):
        score (int):
        comment (None | str | Unset):
    """

    changeable_until: str
    conversation_id: str
    rated_at: str
    score: int
    comment: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        changeable_until = self.changeable_until

        conversation_id = self.conversation_id

        rated_at = self.rated_at

        score = self.score

        comment: None | str | Unset
        if isinstance(self.comment, Unset):
            comment = UNSET
        else:
            comment = self.comment

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "changeableUntil": changeable_until,
                "conversationId": conversation_id,
                "ratedAt": rated_at,
                "score": score,
            }
        )
        if comment is not UNSET:
            field_dict["comment"] = comment

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        changeable_until = d.pop("changeableUntil")

        conversation_id = d.pop("conversationId")

        rated_at = d.pop("ratedAt")

        score = d.pop("score")

        def _parse_comment(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        comment = _parse_comment(d.pop("comment", UNSET))

        conversation_rating = cls(
            changeable_until=changeable_until,
            conversation_id=conversation_id,
            rated_at=rated_at,
            score=score,
            comment=comment,
        )

        conversation_rating.additional_properties = d
        return conversation_rating

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
