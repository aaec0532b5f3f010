from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.contact_attributes import ContactAttributes
    from ..models.conversation import Conversation


T = TypeVar("T", bound="ContactDetails")


@_attrs_define
class ContactDetails:
    """`GET /api/contacts/{id}`: the contact and their conversations, newest first.

    Attributes:
        attributes (ContactAttributes):
        conversation_count (int):
        first_seen_at (str):
        id (str):
        last_seen_at (str):
        verified (bool): Whether the site proved who they are (identity verification); false until Parley
            checks `userHash`.
        visitor_id (str): The visitor id of their latest conversation.
        workspace_id (str):
        conversations (list[Conversation]):
        email (None | str | Unset):
        name (None | str | Unset):
        user_id (None | str | Unset): The site's own id for them, from `Parley.identify`.
    """

    attributes: ContactAttributes
    conversation_count: int
    first_seen_at: str
    id: str
    last_seen_at: str
    verified: bool
    visitor_id: str
    workspace_id: str
    conversations: list[Conversation]
    email: None | str | Unset = UNSET
    name: None | str | Unset = UNSET
    user_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attributes = self.attributes.to_dict()

        conversation_count = self.conversation_count

        first_seen_at = self.first_seen_at

        id = self.id

        last_seen_at = self.last_seen_at

        verified = self.verified

        visitor_id = self.visitor_id

        workspace_id = self.workspace_id

        conversations = []
        for conversations_item_data in self.conversations:
            conversations_item = conversations_item_data.to_dict()
            conversations.append(conversations_item)

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

        user_id: None | str | Unset
        if isinstance(self.user_id, Unset):
            user_id = UNSET
        else:
            user_id = self.user_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attributes": attributes,
                "conversationCount": conversation_count,
                "firstSeenAt": first_seen_at,
                "id": id,
                "lastSeenAt": last_seen_at,
                "verified": verified,
                "visitorId": visitor_id,
                "workspaceId": workspace_id,
                "conversations": conversations,
            }
        )
        if email is not UNSET:
            field_dict["email"] = email
        if name is not UNSET:
            field_dict["name"] = name
        if user_id is not UNSET:
            field_dict["userId"] = user_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.contact_attributes import ContactAttributes
        from ..models.conversation import Conversation

        d = dict(src_dict)
        attributes = ContactAttributes.from_dict(d.pop("attributes"))

        conversation_count = d.pop("conversationCount")

        first_seen_at = d.pop("firstSeenAt")

        id = d.pop("id")

        last_seen_at = d.pop("lastSeenAt")

        verified = d.pop("verified")

        visitor_id = d.pop("visitorId")

        workspace_id = d.pop("workspaceId")

        conversations = []
        _conversations = d.pop("conversations")
        for conversations_item_data in _conversations:
            conversations_item = Conversation.from_dict(conversations_item_data)

            conversations.append(conversations_item)

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

        def _parse_user_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        user_id = _parse_user_id(d.pop("userId", UNSET))

        contact_details = cls(
            attributes=attributes,
            conversation_count=conversation_count,
            first_seen_at=first_seen_at,
            id=id,
            last_seen_at=last_seen_at,
            verified=verified,
            visitor_id=visitor_id,
            workspace_id=workspace_id,
            conversations=conversations,
            email=email,
            name=name,
            user_id=user_id,
        )

        contact_details.additional_properties = d
        return contact_details

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
