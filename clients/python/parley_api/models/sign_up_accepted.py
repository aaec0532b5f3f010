from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SignUpAccepted")


@_attrs_define
class SignUpAccepted:
    """The answer to `POST /auth/v1/signup` (202), the same whether or not the email already has
    an account, so sign-up tells nobody which emails are registered: what happened is said by
    email (a link that creates the workspace, or a note that the account exists).

        Attributes:
            email (str):
            status (str): Always `verification_sent`.
            dev_outbox (None | str | Unset): Local development only (no email service configured): where the emails Parley
                "sent"
                can be read, `/api/dev/outbox`.
    """

    email: str
    status: str
    dev_outbox: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        status = self.status

        dev_outbox: None | str | Unset
        if isinstance(self.dev_outbox, Unset):
            dev_outbox = UNSET
        else:
            dev_outbox = self.dev_outbox

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "email": email,
                "status": status,
            }
        )
        if dev_outbox is not UNSET:
            field_dict["devOutbox"] = dev_outbox

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        email = d.pop("email")

        status = d.pop("status")

        def _parse_dev_outbox(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        dev_outbox = _parse_dev_outbox(d.pop("devOutbox", UNSET))

        sign_up_accepted = cls(
            email=email,
            status=status,
            dev_outbox=dev_outbox,
        )

        sign_up_accepted.additional_properties = d
        return sign_up_accepted

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
