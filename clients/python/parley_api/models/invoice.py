from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.payment_provider import PaymentProvider
from ..types import UNSET, Unset

T = TypeVar("T", bound="Invoice")


@_attrs_define
class Invoice:
    """An invoice or receipt (`GET /api/v1/billing/invoices`); `amount` in the currency's major
    unit, `date` a UTC day.

        Attributes:
            amount (float):
            currency (str):
            date (str):
            id (str):
            provider (PaymentProvider):
            status (str): `paid`, `open` (awaiting payment) or `void`.
            pdf_url (None | str | Unset):
    """

    amount: float
    currency: str
    date: str
    id: str
    provider: PaymentProvider
    status: str
    pdf_url: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        currency = self.currency

        date = self.date

        id = self.id

        provider = self.provider.value

        status = self.status

        pdf_url: None | str | Unset
        if isinstance(self.pdf_url, Unset):
            pdf_url = UNSET
        else:
            pdf_url = self.pdf_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "amount": amount,
                "currency": currency,
                "date": date,
                "id": id,
                "provider": provider,
                "status": status,
            }
        )
        if pdf_url is not UNSET:
            field_dict["pdfUrl"] = pdf_url

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        amount = d.pop("amount")

        currency = d.pop("currency")

        date = d.pop("date")

        id = d.pop("id")

        provider = PaymentProvider(d.pop("provider"))

        status = d.pop("status")

        def _parse_pdf_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        pdf_url = _parse_pdf_url(d.pop("pdfUrl", UNSET))

        invoice = cls(
            amount=amount,
            currency=currency,
            date=date,
            id=id,
            provider=provider,
            status=status,
            pdf_url=pdf_url,
        )

        invoice.additional_properties = d
        return invoice

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
