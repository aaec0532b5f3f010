from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.start_conversation_request_metadata_type_0 import (
        StartConversationRequestMetadataType0,
    )


T = TypeVar("T", bound="StartConversationRequest")


@_attrs_define
class StartConversationRequest:
    """`POST /api/conversations` (widget auth).

    Attributes:
        widget_id (UUID):
        metadata (None | StartConversationRequestMetadataType0 | Unset):
        visitor_id (None | str | Unset):
    """

    widget_id: UUID
    metadata: None | StartConversationRequestMetadataType0 | Unset = UNSET
    visitor_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.start_conversation_request_metadata_type_0 import (
            StartConversationRequestMetadataType0,
        )

        widget_id = str(self.widget_id)

        metadata: dict[str, Any] | None | Unset
        if isinstance(self.metadata, Unset):
            metadata = UNSET
        elif isinstance(self.metadata, StartConversationRequestMetadataType0):
            metadata = self.metadata.to_dict()
        else:
            metadata = self.metadata

        visitor_id: None | str | Unset
        if isinstance(self.visitor_id, Unset):
            visitor_id = UNSET
        else:
            visitor_id = self.visitor_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "widgetId": widget_id,
            }
        )
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if visitor_id is not UNSET:
            field_dict["visitorId"] = visitor_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.start_conversation_request_metadata_type_0 import (
            StartConversationRequestMetadataType0,
        )

        d = dict(src_dict)
        widget_id = UUID(d.pop("widgetId"))

        def _parse_metadata(
            data: object,
        ) -> None | StartConversationRequestMetadataType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                metadata_type_0 = StartConversationRequestMetadataType0.from_dict(data)

                return metadata_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | StartConversationRequestMetadataType0 | Unset, data)

        metadata = _parse_metadata(d.pop("metadata", UNSET))

        def _parse_visitor_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        visitor_id = _parse_visitor_id(d.pop("visitorId", UNSET))

        start_conversation_request = cls(
            widget_id=widget_id,
            metadata=metadata,
            visitor_id=visitor_id,
        )

        start_conversation_request.additional_properties = d
        return start_conversation_request

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
