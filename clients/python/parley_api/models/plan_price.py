from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="PlanPrice")


@_attrs_define
class PlanPrice:
    """One price of a plan in one currency.

    Attributes:
        annual_price (int):
        currency (str):
        monthly_price (int):
    """

    annual_price: int
    currency: str
    monthly_price: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        annual_price = self.annual_price

        currency = self.currency

        monthly_price = self.monthly_price

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "annualPrice": annual_price,
                "currency": currency,
                "monthlyPrice": monthly_price,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        annual_price = d.pop("annualPrice")

        currency = d.pop("currency")

        monthly_price = d.pop("monthlyPrice")

        plan_price = cls(
            annual_price=annual_price,
            currency=currency,
            monthly_price=monthly_price,
        )

        plan_price.additional_properties = d
        return plan_price

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
