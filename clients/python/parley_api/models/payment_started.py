from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.payment_provider import PaymentProvider
from ..types import UNSET, Unset

T = TypeVar("T", bound="PaymentStarted")


@_attrs_define
class PaymentStarted:
    """A payment started with Paymob or Fawry: where the payer goes, or (Fawry) the reference
    they pay at a kiosk. The plan starts when the provider reports the payment.

        Attributes:
            amount (int):
            currency (str):
            payment_id (str):
            provider (PaymentProvider):
            checkout_url (None | str | Unset): Paymob's hosted payment page.
            expires_at (None | str | Unset):
            reference_number (None | str | Unset): Fawry's reference number, paid at any Fawry kiosk or in the myFawry app.
    """

    amount: int
    currency: str
    payment_id: str
    provider: PaymentProvider
    checkout_url: None | str | Unset = UNSET
    expires_at: None | str | Unset = UNSET
    reference_number: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        currency = self.currency

        payment_id = self.payment_id

        provider = self.provider.value

        checkout_url: None | str | Unset
        if isinstance(self.checkout_url, Unset):
            checkout_url = UNSET
        else:
            checkout_url = self.checkout_url

        expires_at: None | str | Unset
        if isinstance(self.expires_at, Unset):
            expires_at = UNSET
        else:
            expires_at = self.expires_at

        reference_number: None | str | Unset
        if isinstance(self.reference_number, Unset):
            reference_number = UNSET
        else:
            reference_number = self.reference_number

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "amount": amount,
                "currency": currency,
                "paymentId": payment_id,
                "provider": provider,
            }
        )
        if checkout_url is not UNSET:
            field_dict["checkoutUrl"] = checkout_url
        if expires_at is not UNSET:
            field_dict["expiresAt"] = expires_at
        if reference_number is not UNSET:
            field_dict["referenceNumber"] = reference_number

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        amount = d.pop("amount")

        currency = d.pop("currency")

        payment_id = d.pop("paymentId")

        provider = PaymentProvider(d.pop("provider"))

        def _parse_checkout_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        checkout_url = _parse_checkout_url(d.pop("checkoutUrl", UNSET))

        def _parse_expires_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        expires_at = _parse_expires_at(d.pop("expiresAt", UNSET))

        def _parse_reference_number(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reference_number = _parse_reference_number(d.pop("referenceNumber", UNSET))

        payment_started = cls(
            amount=amount,
            currency=currency,
            payment_id=payment_id,
            provider=provider,
            checkout_url=checkout_url,
            expires_at=expires_at,
            reference_number=reference_number,
        )

        payment_started.additional_properties = d
        return payment_started

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
