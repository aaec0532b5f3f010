from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.source import Source


T = TypeVar("T", bound="RocketFlowChatResponse")


@_attrs_define
class RocketFlowChatResponse:
    """The answer to [`SendMessageRequest`].

    Attributes:
        message_id (str):
        response (str):
        session_id (str):
        sources (list[Source]):
        timestamp (str):
    """

    message_id: str
    response: str
    session_id: str
    sources: list[Source]
    timestamp: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        message_id = self.message_id

        response = self.response

        session_id = self.session_id

        sources = []
        for sources_item_data in self.sources:
            sources_item = sources_item_data.to_dict()
            sources.append(sources_item)

        timestamp = self.timestamp

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "message_id": message_id,
                "response": response,
                "session_id": session_id,
                "sources": sources,
                "timestamp": timestamp,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.source import Source

        d = dict(src_dict)
        message_id = d.pop("message_id")

        response = d.pop("response")

        session_id = d.pop("session_id")

        sources = []
        _sources = d.pop("sources")
        for sources_item_data in _sources:
            sources_item = Source.from_dict(sources_item_data)

            sources.append(sources_item)

        timestamp = d.pop("timestamp")

        rocket_flow_chat_response = cls(
            message_id=message_id,
            response=response,
            session_id=session_id,
            sources=sources,
            timestamp=timestamp,
        )

        rocket_flow_chat_response.additional_properties = d
        return rocket_flow_chat_response

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
