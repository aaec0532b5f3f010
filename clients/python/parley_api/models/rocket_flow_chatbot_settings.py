from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.response_style import ResponseStyle

T = TypeVar("T", bound="RocketFlowChatbotSettings")


@_attrs_define
class RocketFlowChatbotSettings:
    """
    Attributes:
        max_tokens (int):
        response_style (ResponseStyle):
        welcome_message (str):
    """

    max_tokens: int
    response_style: ResponseStyle
    welcome_message: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        max_tokens = self.max_tokens

        response_style = self.response_style.value

        welcome_message = self.welcome_message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "max_tokens": max_tokens,
                "response_style": response_style,
                "welcome_message": welcome_message,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        max_tokens = d.pop("max_tokens")

        response_style = ResponseStyle(d.pop("response_style"))

        welcome_message = d.pop("welcome_message")

        rocket_flow_chatbot_settings = cls(
            max_tokens=max_tokens,
            response_style=response_style,
            welcome_message=welcome_message,
        )

        rocket_flow_chatbot_settings.additional_properties = d
        return rocket_flow_chatbot_settings

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
