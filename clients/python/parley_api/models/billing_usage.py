from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.billing_interval import BillingInterval
from ..models.payment_provider import PaymentProvider
from ..models.subscription_status import SubscriptionStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.sub_account_usage import SubAccountUsage


T = TypeVar("T", bound="BillingUsage")


@_attrs_define
class BillingUsage:
    """The workspace's plan and usage (`GET /api/v1/billing/current`): the seed's fields, then
    Parley's. Period dates are UTC days, both included.

        Attributes:
            agents_limit (int):
            agents_used (int):
            ai_responses_limit (int):
            ai_responses_used (int):
            api_requests_per_minute (int):
            billing_period_end (str):
            billing_period_start (str):
            conversations_limit (int):
            conversations_used (int):
            extra_seats (int): Seats bought beyond the plan's own.
            plan_id (str):
            plan_name (str):
            status (SubscriptionStatus): Where a workspace's plan stands.
            covered_by_parent (bool | Unset): A sub-account's answer: the plan is its parent's (which pays for it; checkout
                and seats
                are the parent's to change), and the `…Used` figures are the sub-account's own.
            ends_at (None | str | Unset): When the trial, a lapsed payment's grace or a prepaid period ends (RFC 3339), if
                it does.
            interval (BillingInterval | None | Unset):
            provider (None | PaymentProvider | Unset):
            sub_accounts (list[SubAccountUsage] | Unset): A parent's answer: each sub-account's share. The parent's `…Used`
                figures count the
                parent and all its sub-accounts, against the parent's limits.
    """

    agents_limit: int
    agents_used: int
    ai_responses_limit: int
    ai_responses_used: int
    api_requests_per_minute: int
    billing_period_end: str
    billing_period_start: str
    conversations_limit: int
    conversations_used: int
    extra_seats: int
    plan_id: str
    plan_name: str
    status: SubscriptionStatus
    covered_by_parent: bool | Unset = UNSET
    ends_at: None | str | Unset = UNSET
    interval: BillingInterval | None | Unset = UNSET
    provider: None | PaymentProvider | Unset = UNSET
    sub_accounts: list[SubAccountUsage] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agents_limit = self.agents_limit

        agents_used = self.agents_used

        ai_responses_limit = self.ai_responses_limit

        ai_responses_used = self.ai_responses_used

        api_requests_per_minute = self.api_requests_per_minute

        billing_period_end = self.billing_period_end

        billing_period_start = self.billing_period_start

        conversations_limit = self.conversations_limit

        conversations_used = self.conversations_used

        extra_seats = self.extra_seats

        plan_id = self.plan_id

        plan_name = self.plan_name

        status = self.status.value

        covered_by_parent = self.covered_by_parent

        ends_at: None | str | Unset
        if isinstance(self.ends_at, Unset):
            ends_at = UNSET
        else:
            ends_at = self.ends_at

        interval: None | str | Unset
        if isinstance(self.interval, Unset):
            interval = UNSET
        elif isinstance(self.interval, BillingInterval):
            interval = self.interval.value
        else:
            interval = self.interval

        provider: None | str | Unset
        if isinstance(self.provider, Unset):
            provider = UNSET
        elif isinstance(self.provider, PaymentProvider):
            provider = self.provider.value
        else:
            provider = self.provider

        sub_accounts: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.sub_accounts, Unset):
            sub_accounts = []
            for sub_accounts_item_data in self.sub_accounts:
                sub_accounts_item = sub_accounts_item_data.to_dict()
                sub_accounts.append(sub_accounts_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agentsLimit": agents_limit,
                "agentsUsed": agents_used,
                "aiResponsesLimit": ai_responses_limit,
                "aiResponsesUsed": ai_responses_used,
                "apiRequestsPerMinute": api_requests_per_minute,
                "billingPeriodEnd": billing_period_end,
                "billingPeriodStart": billing_period_start,
                "conversationsLimit": conversations_limit,
                "conversationsUsed": conversations_used,
                "extraSeats": extra_seats,
                "planId": plan_id,
                "planName": plan_name,
                "status": status,
            }
        )
        if covered_by_parent is not UNSET:
            field_dict["coveredByParent"] = covered_by_parent
        if ends_at is not UNSET:
            field_dict["endsAt"] = ends_at
        if interval is not UNSET:
            field_dict["interval"] = interval
        if provider is not UNSET:
            field_dict["provider"] = provider
        if sub_accounts is not UNSET:
            field_dict["subAccounts"] = sub_accounts

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.sub_account_usage import SubAccountUsage

        d = dict(src_dict)
        agents_limit = d.pop("agentsLimit")

        agents_used = d.pop("agentsUsed")

        ai_responses_limit = d.pop("aiResponsesLimit")

        ai_responses_used = d.pop("aiResponsesUsed")

        api_requests_per_minute = d.pop("apiRequestsPerMinute")

        billing_period_end = d.pop("billingPeriodEnd")

        billing_period_start = d.pop("billingPeriodStart")

        conversations_limit = d.pop("conversationsLimit")

        conversations_used = d.pop("conversationsUsed")

        extra_seats = d.pop("extraSeats")

        plan_id = d.pop("planId")

        plan_name = d.pop("planName")

        status = SubscriptionStatus(d.pop("status"))

        covered_by_parent = d.pop("coveredByParent", UNSET)

        def _parse_ends_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        ends_at = _parse_ends_at(d.pop("endsAt", UNSET))

        def _parse_interval(data: object) -> BillingInterval | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                interval_type_1 = BillingInterval(data)

                return interval_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(BillingInterval | None | Unset, data)

        interval = _parse_interval(d.pop("interval", UNSET))

        def _parse_provider(data: object) -> None | PaymentProvider | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                provider_type_1 = PaymentProvider(data)

                return provider_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PaymentProvider | Unset, data)

        provider = _parse_provider(d.pop("provider", UNSET))

        _sub_accounts = d.pop("subAccounts", UNSET)
        sub_accounts: list[SubAccountUsage] | Unset = UNSET
        if _sub_accounts is not UNSET:
            sub_accounts = []
            for sub_accounts_item_data in _sub_accounts:
                sub_accounts_item = SubAccountUsage.from_dict(sub_accounts_item_data)

                sub_accounts.append(sub_accounts_item)

        billing_usage = cls(
            agents_limit=agents_limit,
            agents_used=agents_used,
            ai_responses_limit=ai_responses_limit,
            ai_responses_used=ai_responses_used,
            api_requests_per_minute=api_requests_per_minute,
            billing_period_end=billing_period_end,
            billing_period_start=billing_period_start,
            conversations_limit=conversations_limit,
            conversations_used=conversations_used,
            extra_seats=extra_seats,
            plan_id=plan_id,
            plan_name=plan_name,
            status=status,
            covered_by_parent=covered_by_parent,
            ends_at=ends_at,
            interval=interval,
            provider=provider,
            sub_accounts=sub_accounts,
        )

        billing_usage.additional_properties = d
        return billing_usage

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
