from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.delivery_status import DeliveryStatus
from ..models.webhook_event import WebhookEvent
from ..types import UNSET, Unset

T = TypeVar("T", bound="WebhookDelivery")


@_attrs_define
class WebhookDelivery:
    """One entry of `GET /api/webhooks/{id}/deliveries`.

    Attributes:
        attempts (int):
        created_at (str):
        event (WebhookEvent): What a webhook can subscribe to: the union of the seeds' events.
        id (str):
        status (DeliveryStatus):
        updated_at (str):
        webhook_id (str):
        last_error (None | str | Unset):
        last_status_code (int | None | Unset): The receiver's HTTP status in the last attempt (none if it could not be
            reached).
    """

    attempts: int
    created_at: str
    event: WebhookEvent
    id: str
    status: DeliveryStatus
    updated_at: str
    webhook_id: str
    last_error: None | str | Unset = UNSET
    last_status_code: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attempts = self.attempts

        created_at = self.created_at

        event = self.event.value

        id = self.id

        status = self.status.value

        updated_at = self.updated_at

        webhook_id = self.webhook_id

        last_error: None | str | Unset
        if isinstance(self.last_error, Unset):
            last_error = UNSET
        else:
            last_error = self.last_error

        last_status_code: int | None | Unset
        if isinstance(self.last_status_code, Unset):
            last_status_code = UNSET
        else:
            last_status_code = self.last_status_code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attempts": attempts,
                "createdAt": created_at,
                "event": event,
                "id": id,
                "status": status,
                "updatedAt": updated_at,
                "webhookId": webhook_id,
            }
        )
        if last_error is not UNSET:
            field_dict["lastError"] = last_error
        if last_status_code is not UNSET:
            field_dict["lastStatusCode"] = last_status_code

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        attempts = d.pop("attempts")

        created_at = d.pop("createdAt")

        event = WebhookEvent(d.pop("event"))

        id = d.pop("id")

        status = DeliveryStatus(d.pop("status"))

        updated_at = d.pop("updatedAt")

        webhook_id = d.pop("webhookId")

        def _parse_last_error(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        last_error = _parse_last_error(d.pop("lastError", UNSET))

        def _parse_last_status_code(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        last_status_code = _parse_last_status_code(d.pop("lastStatusCode", UNSET))

        webhook_delivery = cls(
            attempts=attempts,
            created_at=created_at,
            event=event,
            id=id,
            status=status,
            updated_at=updated_at,
            webhook_id=webhook_id,
            last_error=last_error,
            last_status_code=last_status_code,
        )

        webhook_delivery.additional_properties = d
        return webhook_delivery

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
