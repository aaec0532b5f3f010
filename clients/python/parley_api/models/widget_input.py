from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.business_hours import BusinessHours
    from ..models.pre_chat import PreChat
    from ..models.widget_input_texts_type_0 import WidgetInputTextsType0


T = TypeVar("T", bound="WidgetInput")


@_attrs_define
class WidgetInput:
    """`POST /api/widgets` (name required) and `PUT /api/widgets/{id}` (only the fields to change).

    Attributes:
        ai_enabled (bool | None | Unset):
        allowed_origins (list[str] | None | Unset):
        auto_assign (bool | None | Unset):
        bot_id (None | Unset | UUID):
        business_hours (BusinessHours | None | Unset):
        follow_up_after_seconds (int | None | Unset): Seconds a visitor's message waits for a person before the widget
            offers replies by
            email; 0 offers them only while nobody answers live.
        name (None | str | Unset):
        offline_message (None | str | Unset):
        pre_chat (None | PreChat | Unset):
        reopen_on_reply (bool | None | Unset):
        texts (None | Unset | WidgetInputTextsType0): Replaces every override: a key of `widget_text` to its text (at
            most 200 characters;
            an empty text removes the override).
        theme_color (None | str | Unset):
        title (None | str | Unset):
        welcome_message (None | str | Unset):
    """

    ai_enabled: bool | None | Unset = UNSET
    allowed_origins: list[str] | None | Unset = UNSET
    auto_assign: bool | None | Unset = UNSET
    bot_id: None | Unset | UUID = UNSET
    business_hours: BusinessHours | None | Unset = UNSET
    follow_up_after_seconds: int | None | Unset = UNSET
    name: None | str | Unset = UNSET
    offline_message: None | str | Unset = UNSET
    pre_chat: None | PreChat | Unset = UNSET
    reopen_on_reply: bool | None | Unset = UNSET
    texts: None | Unset | WidgetInputTextsType0 = UNSET
    theme_color: None | str | Unset = UNSET
    title: None | str | Unset = UNSET
    welcome_message: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.business_hours import BusinessHours
        from ..models.pre_chat import PreChat
        from ..models.widget_input_texts_type_0 import WidgetInputTextsType0

        ai_enabled: bool | None | Unset
        if isinstance(self.ai_enabled, Unset):
            ai_enabled = UNSET
        else:
            ai_enabled = self.ai_enabled

        allowed_origins: list[str] | None | Unset
        if isinstance(self.allowed_origins, Unset):
            allowed_origins = UNSET
        elif isinstance(self.allowed_origins, list):
            allowed_origins = self.allowed_origins

        else:
            allowed_origins = self.allowed_origins

        auto_assign: bool | None | Unset
        if isinstance(self.auto_assign, Unset):
            auto_assign = UNSET
        else:
            auto_assign = self.auto_assign

        bot_id: None | str | Unset
        if isinstance(self.bot_id, Unset):
            bot_id = UNSET
        elif isinstance(self.bot_id, UUID):
            bot_id = str(self.bot_id)
        else:
            bot_id = self.bot_id

        business_hours: dict[str, Any] | None | Unset
        if isinstance(self.business_hours, Unset):
            business_hours = UNSET
        elif isinstance(self.business_hours, BusinessHours):
            business_hours = self.business_hours.to_dict()
        else:
            business_hours = self.business_hours

        follow_up_after_seconds: int | None | Unset
        if isinstance(self.follow_up_after_seconds, Unset):
            follow_up_after_seconds = UNSET
        else:
            follow_up_after_seconds = self.follow_up_after_seconds

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        offline_message: None | str | Unset
        if isinstance(self.offline_message, Unset):
            offline_message = UNSET
        else:
            offline_message = self.offline_message

        pre_chat: dict[str, Any] | None | Unset
        if isinstance(self.pre_chat, Unset):
            pre_chat = UNSET
        elif isinstance(self.pre_chat, PreChat):
            pre_chat = self.pre_chat.to_dict()
        else:
            pre_chat = self.pre_chat

        reopen_on_reply: bool | None | Unset
        if isinstance(self.reopen_on_reply, Unset):
            reopen_on_reply = UNSET
        else:
            reopen_on_reply = self.reopen_on_reply

        texts: dict[str, Any] | None | Unset
        if isinstance(self.texts, Unset):
            texts = UNSET
        elif isinstance(self.texts, WidgetInputTextsType0):
            texts = self.texts.to_dict()
        else:
            texts = self.texts

        theme_color: None | str | Unset
        if isinstance(self.theme_color, Unset):
            theme_color = UNSET
        else:
            theme_color = self.theme_color

        title: None | str | Unset
        if isinstance(self.title, Unset):
            title = UNSET
        else:
            title = self.title

        welcome_message: None | str | Unset
        if isinstance(self.welcome_message, Unset):
            welcome_message = UNSET
        else:
            welcome_message = self.welcome_message

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if ai_enabled is not UNSET:
            field_dict["aiEnabled"] = ai_enabled
        if allowed_origins is not UNSET:
            field_dict["allowedOrigins"] = allowed_origins
        if auto_assign is not UNSET:
            field_dict["autoAssign"] = auto_assign
        if bot_id is not UNSET:
            field_dict["botId"] = bot_id
        if business_hours is not UNSET:
            field_dict["businessHours"] = business_hours
        if follow_up_after_seconds is not UNSET:
            field_dict["followUpAfterSeconds"] = follow_up_after_seconds
        if name is not UNSET:
            field_dict["name"] = name
        if offline_message is not UNSET:
            field_dict["offlineMessage"] = offline_message
        if pre_chat is not UNSET:
            field_dict["preChat"] = pre_chat
        if reopen_on_reply is not UNSET:
            field_dict["reopenOnReply"] = reopen_on_reply
        if texts is not UNSET:
            field_dict["texts"] = texts
        if theme_color is not UNSET:
            field_dict["themeColor"] = theme_color
        if title is not UNSET:
            field_dict["title"] = title
        if welcome_message is not UNSET:
            field_dict["welcomeMessage"] = welcome_message

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.business_hours import BusinessHours
        from ..models.pre_chat import PreChat
        from ..models.widget_input_texts_type_0 import WidgetInputTextsType0

        d = dict(src_dict)

        def _parse_ai_enabled(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        ai_enabled = _parse_ai_enabled(d.pop("aiEnabled", UNSET))

        def _parse_allowed_origins(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                allowed_origins_type_0 = cast(list[str], data)

                return allowed_origins_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        allowed_origins = _parse_allowed_origins(d.pop("allowedOrigins", UNSET))

        def _parse_auto_assign(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        auto_assign = _parse_auto_assign(d.pop("autoAssign", UNSET))

        def _parse_bot_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                bot_id_type_0 = UUID(data)

                return bot_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        bot_id = _parse_bot_id(d.pop("botId", UNSET))

        def _parse_business_hours(data: object) -> BusinessHours | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                business_hours_type_1 = BusinessHours.from_dict(data)

                return business_hours_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(BusinessHours | None | Unset, data)

        business_hours = _parse_business_hours(d.pop("businessHours", UNSET))

        def _parse_follow_up_after_seconds(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        follow_up_after_seconds = _parse_follow_up_after_seconds(
            d.pop("followUpAfterSeconds", UNSET)
        )

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_offline_message(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        offline_message = _parse_offline_message(d.pop("offlineMessage", UNSET))

        def _parse_pre_chat(data: object) -> None | PreChat | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                pre_chat_type_1 = PreChat.from_dict(data)

                return pre_chat_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PreChat | Unset, data)

        pre_chat = _parse_pre_chat(d.pop("preChat", UNSET))

        def _parse_reopen_on_reply(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        reopen_on_reply = _parse_reopen_on_reply(d.pop("reopenOnReply", UNSET))

        def _parse_texts(data: object) -> None | Unset | WidgetInputTextsType0:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                texts_type_0 = WidgetInputTextsType0.from_dict(data)

                return texts_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | WidgetInputTextsType0, data)

        texts = _parse_texts(d.pop("texts", UNSET))

        def _parse_theme_color(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        theme_color = _parse_theme_color(d.pop("themeColor", UNSET))

        def _parse_title(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        title = _parse_title(d.pop("title", UNSET))

        def _parse_welcome_message(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        welcome_message = _parse_welcome_message(d.pop("welcomeMessage", UNSET))

        widget_input = cls(
            ai_enabled=ai_enabled,
            allowed_origins=allowed_origins,
            auto_assign=auto_assign,
            bot_id=bot_id,
            business_hours=business_hours,
            follow_up_after_seconds=follow_up_after_seconds,
            name=name,
            offline_message=offline_message,
            pre_chat=pre_chat,
            reopen_on_reply=reopen_on_reply,
            texts=texts,
            theme_color=theme_color,
            title=title,
            welcome_message=welcome_message,
        )

        return widget_input
