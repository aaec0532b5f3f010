from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.ask import Ask
from ..types import UNSET, Unset

T = TypeVar("T", bound="PreChat")


@_attrs_define
class PreChat:
    """
    Attributes:
        consent (Ask | Unset): Whether a field is on the form, and whether the visitor must fill it. Default: Ask.OFF.
        consent_text (str | Unset): What the visitor agrees to (e.g. how their details are used). Default: ''.
        email (Ask | Unset): Whether a field is on the form, and whether the visitor must fill it. Default: Ask.OFF.
        enabled (bool | Unset): Off: the visitor writes at once. Default: False.
        name (Ask | Unset): Whether a field is on the form, and whether the visitor must fill it. Default: Ask.OFF.
        only_when_offline (bool | Unset): Asked only while no agent answers live (outside business hours or nobody
            online). Default: False.
    """

    consent: Ask | Unset = Ask.OFF
    consent_text: str | Unset = ""
    email: Ask | Unset = Ask.OFF
    enabled: bool | Unset = False
    name: Ask | Unset = Ask.OFF
    only_when_offline: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        consent: str | Unset = UNSET
        if not isinstance(self.consent, Unset):
            consent = self.consent.value

        consent_text = self.consent_text

        email: str | Unset = UNSET
        if not isinstance(self.email, Unset):
            email = self.email.value

        enabled = self.enabled

        name: str | Unset = UNSET
        if not isinstance(self.name, Unset):
            name = self.name.value

        only_when_offline = self.only_when_offline

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if consent is not UNSET:
            field_dict["consent"] = consent
        if consent_text is not UNSET:
            field_dict["consentText"] = consent_text
        if email is not UNSET:
            field_dict["email"] = email
        if enabled is not UNSET:
            field_dict["enabled"] = enabled
        if name is not UNSET:
            field_dict["name"] = name
        if only_when_offline is not UNSET:
            field_dict["onlyWhenOffline"] = only_when_offline

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        _consent = d.pop("consent", UNSET)
        consent: Ask | Unset
        if isinstance(_consent, Unset):
            consent = UNSET
        else:
            consent = Ask(_consent)

        consent_text = d.pop("consentText", UNSET)

        _email = d.pop("email", UNSET)
        email: Ask | Unset
        if isinstance(_email, Unset):
            email = UNSET
        else:
            email = Ask(_email)

        enabled = d.pop("enabled", UNSET)

        _name = d.pop("name", UNSET)
        name: Ask | Unset
        if isinstance(_name, Unset):
            name = UNSET
        else:
            name = Ask(_name)

        only_when_offline = d.pop("onlyWhenOffline", UNSET)

        pre_chat = cls(
            consent=consent,
            consent_text=consent_text,
            email=email,
            enabled=enabled,
            name=name,
            only_when_offline=only_when_offline,
        )

        pre_chat.additional_properties = d
        return pre_chat

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
