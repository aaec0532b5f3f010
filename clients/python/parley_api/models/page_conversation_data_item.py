from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.conversation_status import ConversationStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.label_ref import LabelRef
    from ..models.page_conversation_data_item_metadata import (
        PageConversationDataItemMetadata,
    )
    from ..models.search_match import SearchMatch


T = TypeVar("T", bound="PageConversationDataItem")


@_attrs_define
class PageConversationDataItem:
    """The seed's conversation object, plus the summary the room keeps current.

    Attributes:
        channel (str):
        id (str):
        message_count (int):
        metadata (PageConversationDataItemMetadata):
        started_at (str):
        status (ConversationStatus):
        visitor_id (str):
        widget_id (str):
        workspace_id (str):
        ai_active (bool | Unset): The bot answers until a person takes over (the visitor asks, an agent steps in, or the
            bot hands off).
        assigned_agent_id (None | str | Unset):
        bot_id (None | str | Unset): The bot answering this conversation while `aiActive`.
        closed_at (None | str | Unset):
        contact_id (None | str | Unset): The contact the visitor is (`GET /api/contacts/{id}`).
        follow_up_email (None | str | Unset): Where the team's replies are emailed while the visitor is away, once they
            asked
            (`POST …/follow-up`) and until they unsubscribe.
        labels (list[LabelRef] | Unset): The workspace's labels on it, by name; left out when there are none, so an
            unlabelled
            conversation is the seed's object.
        last_message (None | str | Unset):
        last_message_at (None | str | Unset):
        match (None | SearchMatch | Unset):
        rating (int | None | Unset): The visitor's satisfaction rating, 1–5, once given (`POST …/rating`).
        rating_comment (None | str | Unset):
        unread_count (int | Unset): Visitor messages no agent has marked read.
        version (int | Unset): Bumped by every change to the conversation. Updates can arrive out of order (each
            reads the index at its own moment), so of two copies the higher version is the newer.
            Absent means 0, so a new conversation is exactly the seed's object.
    """

    channel: str
    id: str
    message_count: int
    metadata: PageConversationDataItemMetadata
    started_at: str
    status: ConversationStatus
    visitor_id: str
    widget_id: str
    workspace_id: str
    ai_active: bool | Unset = UNSET
    assigned_agent_id: None | str | Unset = UNSET
    bot_id: None | str | Unset = UNSET
    closed_at: None | str | Unset = UNSET
    contact_id: None | str | Unset = UNSET
    follow_up_email: None | str | Unset = UNSET
    labels: list[LabelRef] | Unset = UNSET
    last_message: None | str | Unset = UNSET
    last_message_at: None | str | Unset = UNSET
    match: None | SearchMatch | Unset = UNSET
    rating: int | None | Unset = UNSET
    rating_comment: None | str | Unset = UNSET
    unread_count: int | Unset = UNSET
    version: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.search_match import SearchMatch

        channel = self.channel

        id = self.id

        message_count = self.message_count

        metadata = self.metadata.to_dict()

        started_at = self.started_at

        status = self.status.value

        visitor_id = self.visitor_id

        widget_id = self.widget_id

        workspace_id = self.workspace_id

        ai_active = self.ai_active

        assigned_agent_id: None | str | Unset
        if isinstance(self.assigned_agent_id, Unset):
            assigned_agent_id = UNSET
        else:
            assigned_agent_id = self.assigned_agent_id

        bot_id: None | str | Unset
        if isinstance(self.bot_id, Unset):
            bot_id = UNSET
        else:
            bot_id = self.bot_id

        closed_at: None | str | Unset
        if isinstance(self.closed_at, Unset):
            closed_at = UNSET
        else:
            closed_at = self.closed_at

        contact_id: None | str | Unset
        if isinstance(self.contact_id, Unset):
            contact_id = UNSET
        else:
            contact_id = self.contact_id

        follow_up_email: None | str | Unset
        if isinstance(self.follow_up_email, Unset):
            follow_up_email = UNSET
        else:
            follow_up_email = self.follow_up_email

        labels: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.labels, Unset):
            labels = []
            for labels_item_data in self.labels:
                labels_item = labels_item_data.to_dict()
                labels.append(labels_item)

        last_message: None | str | Unset
        if isinstance(self.last_message, Unset):
            last_message = UNSET
        else:
            last_message = self.last_message

        last_message_at: None | str | Unset
        if isinstance(self.last_message_at, Unset):
            last_message_at = UNSET
        else:
            last_message_at = self.last_message_at

        match: dict[str, Any] | None | Unset
        if isinstance(self.match, Unset):
            match = UNSET
        elif isinstance(self.match, SearchMatch):
            match = self.match.to_dict()
        else:
            match = self.match

        rating: int | None | Unset
        if isinstance(self.rating, Unset):
            rating = UNSET
        else:
            rating = self.rating

        rating_comment: None | str | Unset
        if isinstance(self.rating_comment, Unset):
            rating_comment = UNSET
        else:
            rating_comment = self.rating_comment

        unread_count = self.unread_count

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "channel": channel,
                "id": id,
                "messageCount": message_count,
                "metadata": metadata,
                "startedAt": started_at,
                "status": status,
                "visitorId": visitor_id,
                "widgetId": widget_id,
                "workspaceId": workspace_id,
            }
        )
        if ai_active is not UNSET:
            field_dict["aiActive"] = ai_active
        if assigned_agent_id is not UNSET:
            field_dict["assignedAgentId"] = assigned_agent_id
        if bot_id is not UNSET:
            field_dict["botId"] = bot_id
        if closed_at is not UNSET:
            field_dict["closedAt"] = closed_at
        if contact_id is not UNSET:
            field_dict["contactId"] = contact_id
        if follow_up_email is not UNSET:
            field_dict["followUpEmail"] = follow_up_email
        if labels is not UNSET:
            field_dict["labels"] = labels
        if last_message is not UNSET:
            field_dict["lastMessage"] = last_message
        if last_message_at is not UNSET:
            field_dict["lastMessageAt"] = last_message_at
        if match is not UNSET:
            field_dict["match"] = match
        if rating is not UNSET:
            field_dict["rating"] = rating
        if rating_comment is not UNSET:
            field_dict["ratingComment"] = rating_comment
        if unread_count is not UNSET:
            field_dict["unreadCount"] = unread_count
        if version is not UNSET:
            field_dict["version"] = version

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.label_ref import LabelRef
        from ..models.page_conversation_data_item_metadata import (
            PageConversationDataItemMetadata,
        )
        from ..models.search_match import SearchMatch

        d = dict(src_dict)
        channel = d.pop("channel")

        id = d.pop("id")

        message_count = d.pop("messageCount")

        metadata = PageConversationDataItemMetadata.from_dict(d.pop("metadata"))

        started_at = d.pop("startedAt")

        status = ConversationStatus(d.pop("status"))

        visitor_id = d.pop("visitorId")

        widget_id = d.pop("widgetId")

        workspace_id = d.pop("workspaceId")

        ai_active = d.pop("aiActive", UNSET)

        def _parse_assigned_agent_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        assigned_agent_id = _parse_assigned_agent_id(d.pop("assignedAgentId", UNSET))

        def _parse_bot_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        bot_id = _parse_bot_id(d.pop("botId", UNSET))

        def _parse_closed_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        closed_at = _parse_closed_at(d.pop("closedAt", UNSET))

        def _parse_contact_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        contact_id = _parse_contact_id(d.pop("contactId", UNSET))

        def _parse_follow_up_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        follow_up_email = _parse_follow_up_email(d.pop("followUpEmail", UNSET))

        _labels = d.pop("labels", UNSET)
        labels: list[LabelRef] | Unset = UNSET
        if _labels is not UNSET:
            labels = []
            for labels_item_data in _labels:
                labels_item = LabelRef.from_dict(labels_item_data)

                labels.append(labels_item)

        def _parse_last_message(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        last_message = _parse_last_message(d.pop("lastMessage", UNSET))

        def _parse_last_message_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        last_message_at = _parse_last_message_at(d.pop("lastMessageAt", UNSET))

        def _parse_match(data: object) -> None | SearchMatch | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                match_type_1 = SearchMatch.from_dict(data)

                return match_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SearchMatch | Unset, data)

        match = _parse_match(d.pop("match", UNSET))

        def _parse_rating(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        rating = _parse_rating(d.pop("rating", UNSET))

        def _parse_rating_comment(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        rating_comment = _parse_rating_comment(d.pop("ratingComment", UNSET))

        unread_count = d.pop("unreadCount", UNSET)

        version = d.pop("version", UNSET)

        page_conversation_data_item = cls(
            channel=channel,
            id=id,
            message_count=message_count,
            metadata=metadata,
            started_at=started_at,
            status=status,
            visitor_id=visitor_id,
            widget_id=widget_id,
            workspace_id=workspace_id,
            ai_active=ai_active,
            assigned_agent_id=assigned_agent_id,
            bot_id=bot_id,
            closed_at=closed_at,
            contact_id=contact_id,
            follow_up_email=follow_up_email,
            labels=labels,
            last_message=last_message,
            last_message_at=last_message_at,
            match=match,
            rating=rating,
            rating_comment=rating_comment,
            unread_count=unread_count,
            version=version,
        )

        page_conversation_data_item.additional_properties = d
        return page_conversation_data_item

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
