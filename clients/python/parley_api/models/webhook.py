from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.webhook_dialect import WebhookDialect
from ..models.webhook_event import WebhookEvent
from ..types import UNSET, Unset

T = TypeVar("T", bound="Webhook")


@_attrs_define
class Webhook:
    """A webhook as shown: never its secret.

    Attributes:
        active (bool):
        created_at (str):
        events (list[WebhookEvent]):
        id (str):
        url (str):
        dialect (WebhookDialect | Unset): The payload shape a webhook receives: the dialect it was created in (`POST
            /api/webhooks`
            or RocketFlow's `POST /v1/webhooks`). Both are signed the same way.
    """

    active: bool
    created_at: str
    events: list[WebhookEvent]
    id: str
    url: str
    dialect: WebhookDialect | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        active = self.active

        created_at = self.created_at

        events = []
        for events_item_data in self.events:
            events_item = events_item_data.value
            events.append(events_item)

        id = self.id

        url = self.url

        dialect: str | Unset = UNSET
        if not isinstance(self.dialect, Unset):
            dialect = self.dialect.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "active": active,
                "createdAt": created_at,
                "events": events,
                "id": id,
                "url": url,
            }
        )
        if dialect is not UNSET:
            field_dict["dialect"] = dialect

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        active = d.pop("active")

        created_at = d.pop("createdAt")

        events = []
        _events = d.pop("events")
        for events_item_data in _events:
            events_item = WebhookEvent(events_item_data)

            events.append(events_item)

        id = d.pop("id")

        url = d.pop("url")

        _dialect = d.pop("dialect", UNSET)
        dialect: WebhookDialect | Unset
        if isinstance(_dialect, Unset):
            dialect = UNSET
        else:
            dialect = WebhookDialect(_dialect)

        webhook = cls(
            active=active,
            created_at=created_at,
            events=events,
            id=id,
            url=url,
            dialect=dialect,
        )

        webhook.additional_properties = d
        return webhook

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
