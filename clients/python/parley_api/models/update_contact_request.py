from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.update_contact_request_attributes_type_0 import (
        UpdateContactRequestAttributesType0,
    )


T = TypeVar("T", bound="UpdateContactRequest")


@_attrs_define
class UpdateContactRequest:
    """`PATCH /api/contacts/{id}`. `name` and `email` replace what is stored (`""` clears one);
    `attributes` merges: each key given replaces that attribute, a key given as `null` deletes
    it, and keys not given stay.

        Attributes:
            attributes (None | Unset | UpdateContactRequestAttributesType0):
            email (None | str | Unset):
            name (None | str | Unset):
    """

    attributes: None | Unset | UpdateContactRequestAttributesType0 = UNSET
    email: None | str | Unset = UNSET
    name: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.update_contact_request_attributes_type_0 import (
            UpdateContactRequestAttributesType0,
        )

        attributes: dict[str, Any] | None | Unset
        if isinstance(self.attributes, Unset):
            attributes = UNSET
        elif isinstance(self.attributes, UpdateContactRequestAttributesType0):
            attributes = self.attributes.to_dict()
        else:
            attributes = self.attributes

        email: None | str | Unset
        if isinstance(self.email, Unset):
            email = UNSET
        else:
            email = self.email

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if attributes is not UNSET:
            field_dict["attributes"] = attributes
        if email is not UNSET:
            field_dict["email"] = email
        if name is not UNSET:
            field_dict["name"] = name

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.update_contact_request_attributes_type_0 import (
            UpdateContactRequestAttributesType0,
        )

        d = dict(src_dict)

        def _parse_attributes(
            data: object,
        ) -> None | Unset | UpdateContactRequestAttributesType0:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                attributes_type_0 = UpdateContactRequestAttributesType0.from_dict(data)

                return attributes_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UpdateContactRequestAttributesType0, data)

        attributes = _parse_attributes(d.pop("attributes", UNSET))

        def _parse_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        email = _parse_email(d.pop("email", UNSET))

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        update_contact_request = cls(
            attributes=attributes,
            email=email,
            name=name,
        )

        update_contact_request.additional_properties = d
        return update_contact_request

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
