from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.knowledge_kind import KnowledgeKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.faq_pair import FaqPair
    from ..models.knowledge_source_input_meta_type_0 import (
        KnowledgeSourceInputMetaType0,
    )


T = TypeVar("T", bound="KnowledgeSourceInput")


@_attrs_define
class KnowledgeSourceInput:
    """`POST /api/bots/{botId}/knowledge-sources`: `text` needs `content`, `faq` needs `faqs`,
    `website` needs `url`.

        Attributes:
            type_ (KnowledgeKind):
            content (None | str | Unset):
            faqs (list[FaqPair] | None | Unset):
            meta (KnowledgeSourceInputMetaType0 | None | Unset):
            title (None | str | Unset):
            url (None | str | Unset):
    """

    type_: KnowledgeKind
    content: None | str | Unset = UNSET
    faqs: list[FaqPair] | None | Unset = UNSET
    meta: KnowledgeSourceInputMetaType0 | None | Unset = UNSET
    title: None | str | Unset = UNSET
    url: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.knowledge_source_input_meta_type_0 import (
            KnowledgeSourceInputMetaType0,
        )

        type_ = self.type_.value

        content: None | str | Unset
        if isinstance(self.content, Unset):
            content = UNSET
        else:
            content = self.content

        faqs: list[dict[str, Any]] | None | Unset
        if isinstance(self.faqs, Unset):
            faqs = UNSET
        elif isinstance(self.faqs, list):
            faqs = []
            for faqs_type_0_item_data in self.faqs:
                faqs_type_0_item = faqs_type_0_item_data.to_dict()
                faqs.append(faqs_type_0_item)

        else:
            faqs = self.faqs

        meta: dict[str, Any] | None | Unset
        if isinstance(self.meta, Unset):
            meta = UNSET
        elif isinstance(self.meta, KnowledgeSourceInputMetaType0):
            meta = self.meta.to_dict()
        else:
            meta = self.meta

        title: None | str | Unset
        if isinstance(self.title, Unset):
            title = UNSET
        else:
            title = self.title

        url: None | str | Unset
        if isinstance(self.url, Unset):
            url = UNSET
        else:
            url = self.url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
            }
        )
        if content is not UNSET:
            field_dict["content"] = content
        if faqs is not UNSET:
            field_dict["faqs"] = faqs
        if meta is not UNSET:
            field_dict["meta"] = meta
        if title is not UNSET:
            field_dict["title"] = title
        if url is not UNSET:
            field_dict["url"] = url

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.faq_pair import FaqPair
        from ..models.knowledge_source_input_meta_type_0 import (
            KnowledgeSourceInputMetaType0,
        )

        d = dict(src_dict)
        type_ = KnowledgeKind(d.pop("type"))

        def _parse_content(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        content = _parse_content(d.pop("content", UNSET))

        def _parse_faqs(data: object) -> list[FaqPair] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                faqs_type_0 = []
                _faqs_type_0 = data
                for faqs_type_0_item_data in _faqs_type_0:
                    faqs_type_0_item = FaqPair.from_dict(faqs_type_0_item_data)

                    faqs_type_0.append(faqs_type_0_item)

                return faqs_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[FaqPair] | None | Unset, data)

        faqs = _parse_faqs(d.pop("faqs", UNSET))

        def _parse_meta(data: object) -> KnowledgeSourceInputMetaType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                meta_type_0 = KnowledgeSourceInputMetaType0.from_dict(data)

                return meta_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(KnowledgeSourceInputMetaType0 | None | Unset, data)

        meta = _parse_meta(d.pop("meta", UNSET))

        def _parse_title(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        title = _parse_title(d.pop("title", UNSET))

        def _parse_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        url = _parse_url(d.pop("url", UNSET))

        knowledge_source_input = cls(
            type_=type_,
            content=content,
            faqs=faqs,
            meta=meta,
            title=title,
            url=url,
        )

        knowledge_source_input.additional_properties = d
        return knowledge_source_input

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
