from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.business_hours import BusinessHours
    from ..models.pre_chat import PreChat
    from ..models.widget_texts import WidgetTexts


T = TypeVar("T", bound="Widget")


@_attrs_define
class Widget:
    """
    Attributes:
        ai_enabled (bool):
        allowed_origins (list[str]): Origins allowed to start conversations (`https://example.com`); empty allows any.
        auto_assign (bool):
        created_at (str):
        embed_code (str):
        id (str):
        name (str):
        offline_message (str):
        theme_color (str):
        welcome_message (str):
        workspace_id (str):
        bot_id (None | str | Unset): The bot answering new conversations while `aiEnabled`.
        business_hours (BusinessHours | Unset):
        follow_up_after_seconds (int | Unset): The widget offers replies by email once the visitor's message has waited
            this long for
            a person's answer, even while agents are online (0: only while nobody answers live).
        identity_verification (bool | Unset): The widget has an identity secret: `Parley.identify`'s `userId` is trusted
            only with
            its `userHash` (hex HMAC-SHA256 of the user id under the secret).
        pre_chat (PreChat | Unset):
        reopen_on_reply (bool | Unset): A visitor's reply to a closed conversation reopens it; when off, the reply
            starts a
            new conversation that links to the closed one.
        texts (WidgetTexts | Unset): The widget's own wording of texts visitors see, by key (`openChat`, `send`, … see
            `widget_text`), over every language's.
        title (str | Unset): The widget header visitors see; `name` is what the team calls the widget. Empty shows
            "Chat".
    """

    ai_enabled: bool
    allowed_origins: list[str]
    auto_assign: bool
    created_at: str
    embed_code: str
    id: str
    name: str
    offline_message: str
    theme_color: str
    welcome_message: str
    workspace_id: str
    bot_id: None | str | Unset = UNSET
    business_hours: BusinessHours | Unset = UNSET
    follow_up_after_seconds: int | Unset = UNSET
    identity_verification: bool | Unset = UNSET
    pre_chat: PreChat | Unset = UNSET
    reopen_on_reply: bool | Unset = UNSET
    texts: WidgetTexts | Unset = UNSET
    title: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ai_enabled = self.ai_enabled

        allowed_origins = self.allowed_origins

        auto_assign = self.auto_assign

        created_at = self.created_at

        embed_code = self.embed_code

        id = self.id

        name = self.name

        offline_message = self.offline_message

        theme_color = self.theme_color

        welcome_message = self.welcome_message

        workspace_id = self.workspace_id

        bot_id: None | str | Unset
        if isinstance(self.bot_id, Unset):
            bot_id = UNSET
        else:
            bot_id = self.bot_id

        business_hours: dict[str, Any] | Unset = UNSET
        if not isinstance(self.business_hours, Unset):
            business_hours = self.business_hours.to_dict()

        follow_up_after_seconds = self.follow_up_after_seconds

        identity_verification = self.identity_verification

        pre_chat: dict[str, Any] | Unset = UNSET
        if not isinstance(self.pre_chat, Unset):
            pre_chat = self.pre_chat.to_dict()

        reopen_on_reply = self.reopen_on_reply

        texts: dict[str, Any] | Unset = UNSET
        if not isinstance(self.texts, Unset):
            texts = self.texts.to_dict()

        title = self.title

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "aiEnabled": ai_enabled,
                "allowedOrigins": allowed_origins,
                "autoAssign": auto_assign,
                "createdAt": created_at,
                "embedCode": embed_code,
                "id": id,
                "name": name,
                "offlineMessage": offline_message,
                "themeColor": theme_color,
                "welcomeMessage": welcome_message,
                "workspaceId": workspace_id,
            }
        )
        if bot_id is not UNSET:
            field_dict["botId"] = bot_id
        if business_hours is not UNSET:
            field_dict["businessHours"] = business_hours
        if follow_up_after_seconds is not UNSET:
            field_dict["followUpAfterSeconds"] = follow_up_after_seconds
        if identity_verification is not UNSET:
            field_dict["identityVerification"] = identity_verification
        if pre_chat is not UNSET:
            field_dict["preChat"] = pre_chat
        if reopen_on_reply is not UNSET:
            field_dict["reopenOnReply"] = reopen_on_reply
        if texts is not UNSET:
            field_dict["texts"] = texts
        if title is not UNSET:
            field_dict["title"] = title

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.business_hours import BusinessHours
        from ..models.pre_chat import PreChat
        from ..models.widget_texts import WidgetTexts

        d = dict(src_dict)
        ai_enabled = d.pop("aiEnabled")

        allowed_origins = cast(list[str], d.pop("allowedOrigins"))

        auto_assign = d.pop("autoAssign")

        created_at = d.pop("createdAt")

        embed_code = d.pop("embedCode")

        id = d.pop("id")

        name = d.pop("name")

        offline_message = d.pop("offlineMessage")

        theme_color = d.pop("themeColor")

        welcome_message = d.pop("welcomeMessage")

        workspace_id = d.pop("workspaceId")

        def _parse_bot_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        bot_id = _parse_bot_id(d.pop("botId", UNSET))

        _business_hours = d.pop("businessHours", UNSET)
        business_hours: BusinessHours | Unset
        if isinstance(_business_hours, Unset):
            business_hours = UNSET
        else:
            business_hours = BusinessHours.from_dict(_business_hours)

        follow_up_after_seconds = d.pop("followUpAfterSeconds", UNSET)

        identity_verification = d.pop("identityVerification", UNSET)

        _pre_chat = d.pop("preChat", UNSET)
        pre_chat: PreChat | Unset
        if isinstance(_pre_chat, Unset):
            pre_chat = UNSET
        else:
            pre_chat = PreChat.from_dict(_pre_chat)

        reopen_on_reply = d.pop("reopenOnReply", UNSET)

        _texts = d.pop("texts", UNSET)
        texts: WidgetTexts | Unset
        if isinstance(_texts, Unset):
            texts = UNSET
        else:
            texts = WidgetTexts.from_dict(_texts)

        title = d.pop("title", UNSET)

        widget = cls(
            ai_enabled=ai_enabled,
            allowed_origins=allowed_origins,
            auto_assign=auto_assign,
            created_at=created_at,
            embed_code=embed_code,
            id=id,
            name=name,
            offline_message=offline_message,
            theme_color=theme_color,
            welcome_message=welcome_message,
            workspace_id=workspace_id,
            bot_id=bot_id,
            business_hours=business_hours,
            follow_up_after_seconds=follow_up_after_seconds,
            identity_verification=identity_verification,
            pre_chat=pre_chat,
            reopen_on_reply=reopen_on_reply,
            texts=texts,
            title=title,
        )

        widget.additional_properties = d
        return widget

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
