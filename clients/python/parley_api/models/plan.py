from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.plan_price import PlanPrice


T = TypeVar("T", bound="Plan")


@_attrs_define
class Plan:
    """A plan in the catalog (`GET /api/v1/billing/plans`): the seed's fields, then Parley's.

    Attributes:
        annual_price (int):
        api_requests_per_minute (int):
        currency (str): The currency of `monthlyPrice` and `annualPrice`.
        id (str):
        max_agents (int):
        max_ai_responses (int):
        max_conversations (int):
        monthly_price (int):
        name (str):
        prices (list[PlanPrice]): Every currency the plan is sold in (USD by Stripe, EGP by Paymob and Fawry).
        seat_annual_price (int):
        seat_monthly_price (int):
    """

    annual_price: int
    api_requests_per_minute: int
    currency: str
    id: str
    max_agents: int
    max_ai_responses: int
    max_conversations: int
    monthly_price: int
    name: str
    prices: list[PlanPrice]
    seat_annual_price: int
    seat_monthly_price: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        annual_price = self.annual_price

        api_requests_per_minute = self.api_requests_per_minute

        currency = self.currency

        id = self.id

        max_agents = self.max_agents

        max_ai_responses = self.max_ai_responses

        max_conversations = self.max_conversations

        monthly_price = self.monthly_price

        name = self.name

        prices = []
        for prices_item_data in self.prices:
            prices_item = prices_item_data.to_dict()
            prices.append(prices_item)

        seat_annual_price = self.seat_annual_price

        seat_monthly_price = self.seat_monthly_price

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "annualPrice": annual_price,
                "apiRequestsPerMinute": api_requests_per_minute,
                "currency": currency,
                "id": id,
                "maxAgents": max_agents,
                "maxAiResponses": max_ai_responses,
                "maxConversations": max_conversations,
                "monthlyPrice": monthly_price,
                "name": name,
                "prices": prices,
                "seatAnnualPrice": seat_annual_price,
                "seatMonthlyPrice": seat_monthly_price,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.plan_price import PlanPrice

        d = dict(src_dict)
        annual_price = d.pop("annualPrice")

        api_requests_per_minute = d.pop("apiRequestsPerMinute")

        currency = d.pop("currency")

        id = d.pop("id")

        max_agents = d.pop("maxAgents")

        max_ai_responses = d.pop("maxAiResponses")

        max_conversations = d.pop("maxConversations")

        monthly_price = d.pop("monthlyPrice")

        name = d.pop("name")

        prices = []
        _prices = d.pop("prices")
        for prices_item_data in _prices:
            prices_item = PlanPrice.from_dict(prices_item_data)

            prices.append(prices_item)

        seat_annual_price = d.pop("seatAnnualPrice")

        seat_monthly_price = d.pop("seatMonthlyPrice")

        plan = cls(
            annual_price=annual_price,
            api_requests_per_minute=api_requests_per_minute,
            currency=currency,
            id=id,
            max_agents=max_agents,
            max_ai_responses=max_ai_responses,
            max_conversations=max_conversations,
            monthly_price=monthly_price,
            name=name,
            prices=prices,
            seat_annual_price=seat_annual_price,
            seat_monthly_price=seat_monthly_price,
        )

        plan.additional_properties = d
        return plan

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
