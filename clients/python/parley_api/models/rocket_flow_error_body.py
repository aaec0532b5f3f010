from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.rocket_flow_error_code import RocketFlowErrorCode

if TYPE_CHECKING:
    from ..models.rocket_flow_error_body_details import RocketFlowErrorBodyDetails


T = TypeVar("T", bound="RocketFlowErrorBody")


@_attrs_define
class RocketFlowErrorBody:
    """
    Attributes:
        code (RocketFlowErrorCode): RocketFlow's error codes.
        details (RocketFlowErrorBodyDetails): For a bad field, `field` and `reason` (the first; `fields` has every one);
            always
            `trace_id`, which finds the request in Parley's logs.
        message (str):
    """

    code: RocketFlowErrorCode
    details: RocketFlowErrorBodyDetails
    message: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code.value

        details = self.details.to_dict()

        message = self.message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "details": details,
                "message": message,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.rocket_flow_error_body_details import RocketFlowErrorBodyDetails

        d = dict(src_dict)
        code = RocketFlowErrorCode(d.pop("code"))

        details = RocketFlowErrorBodyDetails.from_dict(d.pop("details"))

        message = d.pop("message")

        rocket_flow_error_body = cls(
            code=code,
            details=details,
            message=message,
        )

        rocket_flow_error_body.additional_properties = d
        return rocket_flow_error_body

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
