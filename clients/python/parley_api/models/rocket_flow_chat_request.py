from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.rocket_flow_chat_request_context_type_0 import (
        RocketFlowChatRequestContextType0,
    )


T = TypeVar("T", bound="RocketFlowChatRequest")


@_attrs_define
class RocketFlowChatRequest:
    """`POST /v1/chat`.

    Attributes:
        chatbot_id (str | Unset): A Parley bot id.
        context (None | RocketFlowChatRequestContextType0 | Unset): Kept with the session (the latest one given) and
            given to the bot with each message.
        message (str | Unset): Missing reads as empty, so its absence is reported as RocketFlow reports it.
        session_id (None | str | Unset): Continues a session; a new one starts when absent.
        user_id (None | str | Unset):
    """

    chatbot_id: str | Unset = UNSET
    context: None | RocketFlowChatRequestContextType0 | Unset = UNSET
    message: str | Unset = UNSET
    session_id: None | str | Unset = UNSET
    user_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.rocket_flow_chat_request_context_type_0 import (
            RocketFlowChatRequestContextType0,
        )

        chatbot_id = self.chatbot_id

        context: dict[str, Any] | None | Unset
        if isinstance(self.context, Unset):
            context = UNSET
        elif isinstance(self.context, RocketFlowChatRequestContextType0):
            context = self.context.to_dict()
        else:
            context = self.context

        message = self.message

        session_id: None | str | Unset
        if isinstance(self.session_id, Unset):
            session_id = UNSET
        else:
            session_id = self.session_id

        user_id: None | str | Unset
        if isinstance(self.user_id, Unset):
            user_id = UNSET
        else:
            user_id = self.user_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if chatbot_id is not UNSET:
            field_dict["chatbot_id"] = chatbot_id
        if context is not UNSET:
            field_dict["context"] = context
        if message is not UNSET:
            field_dict["message"] = message
        if session_id is not UNSET:
            field_dict["session_id"] = session_id
        if user_id is not UNSET:
            field_dict["user_id"] = user_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.rocket_flow_chat_request_context_type_0 import (
            RocketFlowChatRequestContextType0,
        )

        d = dict(src_dict)
        chatbot_id = d.pop("chatbot_id", UNSET)

        def _parse_context(
            data: object,
        ) -> None | RocketFlowChatRequestContextType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                context_type_0 = RocketFlowChatRequestContextType0.from_dict(data)

                return context_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RocketFlowChatRequestContextType0 | Unset, data)

        context = _parse_context(d.pop("context", UNSET))

        message = d.pop("message", UNSET)

        def _parse_session_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        session_id = _parse_session_id(d.pop("session_id", UNSET))

        def _parse_user_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        user_id = _parse_user_id(d.pop("user_id", UNSET))

        rocket_flow_chat_request = cls(
            chatbot_id=chatbot_id,
            context=context,
            message=message,
            session_id=session_id,
            user_id=user_id,
        )

        rocket_flow_chat_request.additional_properties = d
        return rocket_flow_chat_request

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
