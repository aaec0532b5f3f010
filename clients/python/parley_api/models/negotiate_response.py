from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.available_transport import AvailableTransport


T = TypeVar("T", bound="NegotiateResponse")


@_attrs_define
class NegotiateResponse:
    """`POST /hubs/chat/negotiate` answer (negotiate protocol version 1, WebSockets only).

    Attributes:
        available_transports (list[AvailableTransport]):
        connection_id (str):
        connection_token (str):
        negotiate_version (int):
    """

    available_transports: list[AvailableTransport]
    connection_id: str
    connection_token: str
    negotiate_version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        available_transports = []
        for available_transports_item_data in self.available_transports:
            available_transports_item = available_transports_item_data.to_dict()
            available_transports.append(available_transports_item)

        connection_id = self.connection_id

        connection_token = self.connection_token

        negotiate_version = self.negotiate_version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "availableTransports": available_transports,
                "connectionId": connection_id,
                "connectionToken": connection_token,
                "negotiateVersion": negotiate_version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.available_transport import AvailableTransport

        d = dict(src_dict)
        available_transports = []
        _available_transports = d.pop("availableTransports")
        for available_transports_item_data in _available_transports:
            available_transports_item = AvailableTransport.from_dict(
                available_transports_item_data
            )

            available_transports.append(available_transports_item)

        connection_id = d.pop("connectionId")

        connection_token = d.pop("connectionToken")

        negotiate_version = d.pop("negotiateVersion")

        negotiate_response = cls(
            available_transports=available_transports,
            connection_id=connection_id,
            connection_token=connection_token,
            negotiate_version=negotiate_version,
        )

        negotiate_response.additional_properties = d
        return negotiate_response

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
