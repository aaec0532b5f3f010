from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.bot_status import BotStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.bot_meta import BotMeta
    from ..models.bot_settings import BotSettings
    from ..models.knowledge_source import KnowledgeSource


T = TypeVar("T", bound="Bot")


@_attrs_define
class Bot:
    """
    Attributes:
        created_at (str):
        description (str):
        id (str):
        meta (BotMeta):
        name (str):
        settings (BotSettings):
        status (BotStatus):
        updated_at (str):
        workspace_id (str):
        knowledge_sources (list[KnowledgeSource] | None | Unset): On `GET /api/bots/{id}` only, as RocketFlow's chatbot
            details.
        last_error (None | str | Unset):
    """

    created_at: str
    description: str
    id: str
    meta: BotMeta
    name: str
    settings: BotSettings
    status: BotStatus
    updated_at: str
    workspace_id: str
    knowledge_sources: list[KnowledgeSource] | None | Unset = UNSET
    last_error: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at

        description = self.description

        id = self.id

        meta = self.meta.to_dict()

        name = self.name

        settings = self.settings.to_dict()

        status = self.status.value

        updated_at = self.updated_at

        workspace_id = self.workspace_id

        knowledge_sources: list[dict[str, Any]] | None | Unset
        if isinstance(self.knowledge_sources, Unset):
            knowledge_sources = UNSET
        elif isinstance(self.knowledge_sources, list):
            knowledge_sources = []
            for knowledge_sources_type_0_item_data in self.knowledge_sources:
                knowledge_sources_type_0_item = (
                    knowledge_sources_type_0_item_data.to_dict()
                )
                knowledge_sources.append(knowledge_sources_type_0_item)

        else:
            knowledge_sources = self.knowledge_sources

        last_error: None | str | Unset
        if isinstance(self.last_error, Unset):
            last_error = UNSET
        else:
            last_error = self.last_error

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "createdAt": created_at,
                "description": description,
                "id": id,
                "meta": meta,
                "name": name,
                "settings": settings,
                "status": status,
                "updatedAt": updated_at,
                "workspaceId": workspace_id,
            }
        )
        if knowledge_sources is not UNSET:
            field_dict["knowledgeSources"] = knowledge_sources
        if last_error is not UNSET:
            field_dict["lastError"] = last_error

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.bot_meta import BotMeta
        from ..models.bot_settings import BotSettings
        from ..models.knowledge_source import KnowledgeSource

        d = dict(src_dict)
        created_at = d.pop("createdAt")

        description = d.pop("description")

        id = d.pop("id")

        meta = BotMeta.from_dict(d.pop("meta"))

        name = d.pop("name")

        settings = BotSettings.from_dict(d.pop("settings"))

        status = BotStatus(d.pop("status"))

        updated_at = d.pop("updatedAt")

        workspace_id = d.pop("workspaceId")

        def _parse_knowledge_sources(
            data: object,
        ) -> list[KnowledgeSource] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                knowledge_sources_type_0 = []
                _knowledge_sources_type_0 = data
                for knowledge_sources_type_0_item_data in _knowledge_sources_type_0:
                    knowledge_sources_type_0_item = KnowledgeSource.from_dict(
                        knowledge_sources_type_0_item_data
                    )

                    knowledge_sources_type_0.append(knowledge_sources_type_0_item)

                return knowledge_sources_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[KnowledgeSource] | None | Unset, data)

        knowledge_sources = _parse_knowledge_sources(d.pop("knowledgeSources", UNSET))

        def _parse_last_error(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        last_error = _parse_last_error(d.pop("lastError", UNSET))

        bot = cls(
            created_at=created_at,
            description=description,
            id=id,
            meta=meta,
            name=name,
            settings=settings,
            status=status,
            updated_at=updated_at,
            workspace_id=workspace_id,
            knowledge_sources=knowledge_sources,
            last_error=last_error,
        )

        bot.additional_properties = d
        return bot

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
