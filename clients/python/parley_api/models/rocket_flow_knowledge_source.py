from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.knowledge_kind import KnowledgeKind
from ..models.knowledge_status import KnowledgeStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="RocketFlowKnowledgeSource")


@_attrs_define
class RocketFlowKnowledgeSource:
    """
    Attributes:
        id (str):
        status (KnowledgeStatus):
        type_ (KnowledgeKind):
        url (None | str | Unset): The page a `website` source was read from; `null` for text and FAQ sources.
    """

    id: str
    status: KnowledgeStatus
    type_: KnowledgeKind
    url: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        status = self.status.value

        type_ = self.type_.value

        url: None | str | Unset
        if isinstance(self.url, Unset):
            url = UNSET
        else:
            url = self.url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "status": status,
                "type": type_,
            }
        )
        if url is not UNSET:
            field_dict["url"] = url

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        status = KnowledgeStatus(d.pop("status"))

        type_ = KnowledgeKind(d.pop("type"))

        def _parse_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        url = _parse_url(d.pop("url", UNSET))

        rocket_flow_knowledge_source = cls(
            id=id,
            status=status,
            type_=type_,
            url=url,
        )

        rocket_flow_knowledge_source.additional_properties = d
        return rocket_flow_knowledge_source

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
