from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.channel_kind import ChannelKind
from ..models.channel_status import ChannelStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="PageChannelDataItem")


@_attrs_define
class PageChannelDataItem:
    """A channel as the API shows it. Credentials are write-only: a Telegram token never comes
    back, and a webhook channel's signing secret only once, in the answer that created it.

        Attributes:
            bot_id (str):
            created_at (str):
            id (str):
            inbound_url (str): Where the platform sends messages: Parley registers it with Telegram itself; a
                webhook channel's platform is given it.
            kind (ChannelKind):
            name (str):
            status (ChannelStatus):
            updated_at (str):
            widget_id (str): The widget whose settings (auto-assignment, business hours, reopening) its
                conversations follow, and under which the inbox files them.
            platform_username (None | str | Unset): The Telegram bot's `@username`, as `getMe` gave it.
            secret (None | str | Unset): The signing secret of a webhook channel, in the answer that created it only.
            status_reason (None | str | Unset):
            url (None | str | Unset): A webhook channel's receiver of replies.
    """

    bot_id: str
    created_at: str
    id: str
    inbound_url: str
    kind: ChannelKind
    name: str
    status: ChannelStatus
    updated_at: str
    widget_id: str
    platform_username: None | str | Unset = UNSET
    secret: None | str | Unset = UNSET
    status_reason: None | str | Unset = UNSET
    url: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        bot_id = self.bot_id

        created_at = self.created_at

        id = self.id

        inbound_url = self.inbound_url

        kind = self.kind.value

        name = self.name

        status = self.status.value

        updated_at = self.updated_at

        widget_id = self.widget_id

        platform_username: None | str | Unset
        if isinstance(self.platform_username, Unset):
            platform_username = UNSET
        else:
            platform_username = self.platform_username

        secret: None | str | Unset
        if isinstance(self.secret, Unset):
            secret = UNSET
        else:
            secret = self.secret

        status_reason: None | str | Unset
        if isinstance(self.status_reason, Unset):
            status_reason = UNSET
        else:
            status_reason = self.status_reason

        url: None | str | Unset
        if isinstance(self.url, Unset):
            url = UNSET
        else:
            url = self.url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "botId": bot_id,
                "createdAt": created_at,
                "id": id,
                "inboundUrl": inbound_url,
                "kind": kind,
                "name": name,
                "status": status,
                "updatedAt": updated_at,
                "widgetId": widget_id,
            }
        )
        if platform_username is not UNSET:
            field_dict["platformUsername"] = platform_username
        if secret is not UNSET:
            field_dict["secret"] = secret
        if status_reason is not UNSET:
            field_dict["statusReason"] = status_reason
        if url is not UNSET:
            field_dict["url"] = url

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        bot_id = d.pop("botId")

        created_at = d.pop("createdAt")

        id = d.pop("id")

        inbound_url = d.pop("inboundUrl")

        kind = ChannelKind(d.pop("kind"))

        name = d.pop("name")

        status = ChannelStatus(d.pop("status"))

        updated_at = d.pop("updatedAt")

        widget_id = d.pop("widgetId")

        def _parse_platform_username(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        platform_username = _parse_platform_username(d.pop("platformUsername", UNSET))

        def _parse_secret(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        secret = _parse_secret(d.pop("secret", UNSET))

        def _parse_status_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        status_reason = _parse_status_reason(d.pop("statusReason", UNSET))

        def _parse_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        url = _parse_url(d.pop("url", UNSET))

        page_channel_data_item = cls(
            bot_id=bot_id,
            created_at=created_at,
            id=id,
            inbound_url=inbound_url,
            kind=kind,
            name=name,
            status=status,
            updated_at=updated_at,
            widget_id=widget_id,
            platform_username=platform_username,
            secret=secret,
            status_reason=status_reason,
            url=url,
        )

        page_channel_data_item.additional_properties = d
        return page_channel_data_item

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
