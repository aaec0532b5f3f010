from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.human_input_mode import HumanInputMode
from ..models.response_style import ResponseStyle
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.handoff_rules import HandoffRules


T = TypeVar("T", bound="BotSettingsInput")


@_attrs_define
class BotSettingsInput:
    """Partial settings: only what is given changes.

    Attributes:
        handoff (HandoffRules | None | Unset):
        human_input_mode (HumanInputMode | None | Unset):
        integration_id (None | Unset | UUID): `null` switches back to the built-in engine.
        max_tokens (int | None | Unset):
        response_style (None | ResponseStyle | Unset):
        system_prompt (None | str | Unset):
        welcome_message (None | str | Unset):
    """

    handoff: HandoffRules | None | Unset = UNSET
    human_input_mode: HumanInputMode | None | Unset = UNSET
    integration_id: None | Unset | UUID = UNSET
    max_tokens: int | None | Unset = UNSET
    response_style: None | ResponseStyle | Unset = UNSET
    system_prompt: None | str | Unset = UNSET
    welcome_message: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.handoff_rules import HandoffRules

        handoff: dict[str, Any] | None | Unset
        if isinstance(self.handoff, Unset):
            handoff = UNSET
        elif isinstance(self.handoff, HandoffRules):
            handoff = self.handoff.to_dict()
        else:
            handoff = self.handoff

        human_input_mode: None | str | Unset
        if isinstance(self.human_input_mode, Unset):
            human_input_mode = UNSET
        elif isinstance(self.human_input_mode, HumanInputMode):
            human_input_mode = self.human_input_mode.value
        else:
            human_input_mode = self.human_input_mode

        integration_id: None | str | Unset
        if isinstance(self.integration_id, Unset):
            integration_id = UNSET
        elif isinstance(self.integration_id, UUID):
            integration_id = str(self.integration_id)
        else:
            integration_id = self.integration_id

        max_tokens: int | None | Unset
        if isinstance(self.max_tokens, Unset):
            max_tokens = UNSET
        else:
            max_tokens = self.max_tokens

        response_style: None | str | Unset
        if isinstance(self.response_style, Unset):
            response_style = UNSET
        elif isinstance(self.response_style, ResponseStyle):
            response_style = self.response_style.value
        else:
            response_style = self.response_style

        system_prompt: None | str | Unset
        if isinstance(self.system_prompt, Unset):
            system_prompt = UNSET
        else:
            system_prompt = self.system_prompt

        welcome_message: None | str | Unset
        if isinstance(self.welcome_message, Unset):
            welcome_message = UNSET
        else:
            welcome_message = self.welcome_message

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if handoff is not UNSET:
            field_dict["handoff"] = handoff
        if human_input_mode is not UNSET:
            field_dict["humanInputMode"] = human_input_mode
        if integration_id is not UNSET:
            field_dict["integrationId"] = integration_id
        if max_tokens is not UNSET:
            field_dict["maxTokens"] = max_tokens
        if response_style is not UNSET:
            field_dict["responseStyle"] = response_style
        if system_prompt is not UNSET:
            field_dict["systemPrompt"] = system_prompt
        if welcome_message is not UNSET:
            field_dict["welcomeMessage"] = welcome_message

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.handoff_rules import HandoffRules

        d = dict(src_dict)

        def _parse_handoff(data: object) -> HandoffRules | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                handoff_type_1 = HandoffRules.from_dict(data)

                return handoff_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(HandoffRules | None | Unset, data)

        handoff = _parse_handoff(d.pop("handoff", UNSET))

        def _parse_human_input_mode(data: object) -> HumanInputMode | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                human_input_mode_type_1 = HumanInputMode(data)

                return human_input_mode_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(HumanInputMode | None | Unset, data)

        human_input_mode = _parse_human_input_mode(d.pop("humanInputMode", UNSET))

        def _parse_integration_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                integration_id_type_0 = UUID(data)

                return integration_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        integration_id = _parse_integration_id(d.pop("integrationId", UNSET))

        def _parse_max_tokens(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_tokens = _parse_max_tokens(d.pop("maxTokens", UNSET))

        def _parse_response_style(data: object) -> None | ResponseStyle | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                response_style_type_1 = ResponseStyle(data)

                return response_style_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ResponseStyle | Unset, data)

        response_style = _parse_response_style(d.pop("responseStyle", UNSET))

        def _parse_system_prompt(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        system_prompt = _parse_system_prompt(d.pop("systemPrompt", UNSET))

        def _parse_welcome_message(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        welcome_message = _parse_welcome_message(d.pop("welcomeMessage", UNSET))

        bot_settings_input = cls(
            handoff=handoff,
            human_input_mode=human_input_mode,
            integration_id=integration_id,
            max_tokens=max_tokens,
            response_style=response_style,
            system_prompt=system_prompt,
            welcome_message=welcome_message,
        )

        return bot_settings_input
