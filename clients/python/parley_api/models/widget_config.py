from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.pre_chat import PreChat
    from ..models.widget_config_texts import WidgetConfigTexts


T = TypeVar("T", bound="WidgetConfig")


@_attrs_define
class WidgetConfig:
    """What the widget itself reads on load (`GET /api/widgets/{id}/config`): no private fields.

    Attributes:
        agents_online (bool): Whether an agent of the workspace is connected now and the widget is within its
            business hours; when not, show `offlineMessage`.
        ai_enabled (bool):
        id (str):
        name (str):
        offline_message (str):
        theme_color (str):
        welcome_message (str):
        follow_up_after_seconds (int | Unset): Offer replies by email once the visitor's message has waited this long
            for a person
            (0, or absent: only while nobody answers live).
        pre_chat (PreChat | Unset):
        reopen_on_reply (bool | Unset): Whether replying to a closed conversation reopens it (else starts a linked new
            one).
        texts (WidgetConfigTexts | Unset): The widget's own wording, by key, over the visitor's language's.
        theme_text_color (str | Unset): The text colour on `themeColor` ([`text_on`]).
        title (str | Unset): The header visitors see (empty: "Chat").
    """

    agents_online: bool
    ai_enabled: bool
    id: str
    name: str
    offline_message: str
    theme_color: str
    welcome_message: str
    follow_up_after_seconds: int | Unset = UNSET
    pre_chat: PreChat | Unset = UNSET
    reopen_on_reply: bool | Unset = UNSET
    texts: WidgetConfigTexts | Unset = UNSET
    theme_text_color: str | Unset = UNSET
    title: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agents_online = self.agents_online

        ai_enabled = self.ai_enabled

        id = self.id

        name = self.name

        offline_message = self.offline_message

        theme_color = self.theme_color

        welcome_message = self.welcome_message

        follow_up_after_seconds = self.follow_up_after_seconds

        pre_chat: dict[str, Any] | Unset = UNSET
        if not isinstance(self.pre_chat, Unset):
            pre_chat = self.pre_chat.to_dict()

        reopen_on_reply = self.reopen_on_reply

        texts: dict[str, Any] | Unset = UNSET
        if not isinstance(self.texts, Unset):
            texts = self.texts.to_dict()

        theme_text_color = self.theme_text_color

        title = self.title

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agentsOnline": agents_online,
                "aiEnabled": ai_enabled,
                "id": id,
                "name": name,
                "offlineMessage": offline_message,
                "themeColor": theme_color,
                "welcomeMessage": welcome_message,
            }
        )
        if follow_up_after_seconds is not UNSET:
            field_dict["followUpAfterSeconds"] = follow_up_after_seconds
        if pre_chat is not UNSET:
            field_dict["preChat"] = pre_chat
        if reopen_on_reply is not UNSET:
            field_dict["reopenOnReply"] = reopen_on_reply
        if texts is not UNSET:
            field_dict["texts"] = texts
        if theme_text_color is not UNSET:
            field_dict["themeTextColor"] = theme_text_color
        if title is not UNSET:
            field_dict["title"] = title

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.pre_chat import PreChat
        from ..models.widget_config_texts import WidgetConfigTexts

        d = dict(src_dict)
        agents_online = d.pop("agentsOnline")

        ai_enabled = d.pop("aiEnabled")

        id = d.pop("id")

        name = d.pop("name")

        offline_message = d.pop("offlineMessage")

        theme_color = d.pop("themeColor")

        welcome_message = d.pop("welcomeMessage")

        follow_up_after_seconds = d.pop("followUpAfterSeconds", UNSET)

        _pre_chat = d.pop("preChat", UNSET)
        pre_chat: PreChat | Unset
        if isinstance(_pre_chat, Unset):
            pre_chat = UNSET
        else:
            pre_chat = PreChat.from_dict(_pre_chat)

        reopen_on_reply = d.pop("reopenOnReply", UNSET)

        _texts = d.pop("texts", UNSET)
        texts: WidgetConfigTexts | Unset
        if isinstance(_texts, Unset):
            texts = UNSET
        else:
            texts = WidgetConfigTexts.from_dict(_texts)

        theme_text_color = d.pop("themeTextColor", UNSET)

        title = d.pop("title", UNSET)

        widget_config = cls(
            agents_online=agents_online,
            ai_enabled=ai_enabled,
            id=id,
            name=name,
            offline_message=offline_message,
            theme_color=theme_color,
            welcome_message=welcome_message,
            follow_up_after_seconds=follow_up_after_seconds,
            pre_chat=pre_chat,
            reopen_on_reply=reopen_on_reply,
            texts=texts,
            theme_text_color=theme_text_color,
            title=title,
        )

        widget_config.additional_properties = d
        return widget_config

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
