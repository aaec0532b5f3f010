from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.knowledge_kind import KnowledgeKind
from ..models.knowledge_status import KnowledgeStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.page_knowledge_source_data_item_meta import (
        PageKnowledgeSourceDataItemMeta,
    )


T = TypeVar("T", bound="PageKnowledgeSourceDataItem")


@_attrs_define
class PageKnowledgeSourceDataItem:
    """
    Attributes:
        bot_id (str):
        chunk_count (int):
        created_at (str):
        id (str):
        meta (PageKnowledgeSourceDataItemMeta):
        status (KnowledgeStatus):
        title (str):
        type_ (KnowledgeKind):
        updated_at (str):
        error (None | str | Unset): Why it is in `error`.
        url (None | str | Unset):
    """

    bot_id: str
    chunk_count: int
    created_at: str
    id: str
    meta: PageKnowledgeSourceDataItemMeta
    status: KnowledgeStatus
    title: str
    type_: KnowledgeKind
    updated_at: str
    error: None | str | Unset = UNSET
    url: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        bot_id = self.bot_id

        chunk_count = self.chunk_count

        created_at = self.created_at

        id = self.id

        meta = self.meta.to_dict()

        status = self.status.value

        title = self.title

        type_ = self.type_.value

        updated_at = self.updated_at

        error: None | str | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        else:
            error = self.error

        url: None | str | Unset
        if isinstance(self.url, Unset):
            url = UNSET
        else:
            url = self.url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "botId": bot_id,
                "chunkCount": chunk_count,
                "createdAt": created_at,
                "id": id,
                "meta": meta,
                "status": status,
                "title": title,
                "type": type_,
                "updatedAt": updated_at,
            }
        )
        if error is not UNSET:
            field_dict["error"] = error
        if url is not UNSET:
            field_dict["url"] = url

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.page_knowledge_source_data_item_meta import (
            PageKnowledgeSourceDataItemMeta,
        )

        d = dict(src_dict)
        bot_id = d.pop("botId")

        chunk_count = d.pop("chunkCount")

        created_at = d.pop("createdAt")

        id = d.pop("id")

        meta = PageKnowledgeSourceDataItemMeta.from_dict(d.pop("meta"))

        status = KnowledgeStatus(d.pop("status"))

        title = d.pop("title")

        type_ = KnowledgeKind(d.pop("type"))

        updated_at = d.pop("updatedAt")

        def _parse_error(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        error = _parse_error(d.pop("error", UNSET))

        def _parse_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        url = _parse_url(d.pop("url", UNSET))

        page_knowledge_source_data_item = cls(
            bot_id=bot_id,
            chunk_count=chunk_count,
            created_at=created_at,
            id=id,
            meta=meta,
            status=status,
            title=title,
            type_=type_,
            updated_at=updated_at,
            error=error,
            url=url,
        )

        page_knowledge_source_data_item.additional_properties = d
        return page_knowledge_source_data_item

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
