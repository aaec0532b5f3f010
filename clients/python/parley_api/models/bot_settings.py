from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.human_input_mode import HumanInputMode
from ..models.response_style import ResponseStyle
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.handoff_rules import HandoffRules


T = TypeVar("T", bound="BotSettings")


@_attrs_define
class BotSettings:
    """
    Attributes:
        handoff (HandoffRules):
        human_input_mode (HumanInputMode): What the bot does after drafting a reply in a developer chat (FlowGen's human
            input mode).
        max_tokens (int):
        response_style (ResponseStyle):
        system_prompt (str):
        welcome_message (str):
        integration_id (None | str | Unset): The integration that answers; `null` is the built-in engine.
    """

    handoff: HandoffRules
    human_input_mode: HumanInputMode
    max_tokens: int
    response_style: ResponseStyle
    system_prompt: str
    welcome_message: str
    integration_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        handoff = self.handoff.to_dict()

        human_input_mode = self.human_input_mode.value

        max_tokens = self.max_tokens

        response_style = self.response_style.value

        system_prompt = self.system_prompt

        welcome_message = self.welcome_message

        integration_id: None | str | Unset
        if isinstance(self.integration_id, Unset):
            integration_id = UNSET
        else:
            integration_id = self.integration_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "handoff": handoff,
                "humanInputMode": human_input_mode,
                "maxTokens": max_tokens,
                "responseStyle": response_style,
                "systemPrompt": system_prompt,
                "welcomeMessage": welcome_message,
            }
        )
        if integration_id is not UNSET:
            field_dict["integrationId"] = integration_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.handoff_rules import HandoffRules

        d = dict(src_dict)
        handoff = HandoffRules.from_dict(d.pop("handoff"))

        human_input_mode = HumanInputMode(d.pop("humanInputMode"))

        max_tokens = d.pop("maxTokens")

        response_style = ResponseStyle(d.pop("responseStyle"))

        system_prompt = d.pop("systemPrompt")

        welcome_message = d.pop("welcomeMessage")

        def _parse_integration_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        integration_id = _parse_integration_id(d.pop("integrationId", UNSET))

        bot_settings = cls(
            handoff=handoff,
            human_input_mode=human_input_mode,
            max_tokens=max_tokens,
            response_style=response_style,
            system_prompt=system_prompt,
            welcome_message=welcome_message,
            integration_id=integration_id,
        )

        bot_settings.additional_properties = d
        return bot_settings

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
