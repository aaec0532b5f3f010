from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.webhook_event import WebhookEvent

if TYPE_CHECKING:
    from ..models.rocket_flow_webhook_data import RocketFlowWebhookData


T = TypeVar("T", bound="RocketFlowWebhookPayload")


@_attrs_define
class RocketFlowWebhookPayload:
    """What a webhook created through `/v1/webhooks` receives.

    Attributes:
        data (RocketFlowWebhookData): The seed's `data`; what an event has no value for is `null` (a conversation event
            has no
            message, a widget conversation no chatbot unless a bot answers it).
        event (WebhookEvent): What a webhook can subscribe to: the union of the seeds' events.
        timestamp (str):
    """

    data: RocketFlowWebhookData
    event: WebhookEvent
    timestamp: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = self.data.to_dict()

        event = self.event.value

        timestamp = self.timestamp

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
                "event": event,
                "timestamp": timestamp,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.rocket_flow_webhook_data import RocketFlowWebhookData

        d = dict(src_dict)
        data = RocketFlowWebhookData.from_dict(d.pop("data"))

        event = WebhookEvent(d.pop("event"))

        timestamp = d.pop("timestamp")

        rocket_flow_webhook_payload = cls(
            data=data,
            event=event,
            timestamp=timestamp,
        )

        rocket_flow_webhook_payload.additional_properties = d
        return rocket_flow_webhook_payload

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
