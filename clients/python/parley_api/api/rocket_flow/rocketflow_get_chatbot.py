from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.rocket_flow_chatbot_details import RocketFlowChatbotDetails
from ...models.rocket_flow_error import RocketFlowError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    chatbot_id: str,
    *,
    x_run_as_user_id: UUID | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_run_as_user_id, Unset):
        headers["X-RunAs-UserId"] = x_run_as_user_id

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/chatbots/{chatbot_id}".format(
            chatbot_id=quote(str(chatbot_id), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> RocketFlowChatbotDetails | RocketFlowError | None:
    if response.status_code == 200:
        response_200 = RocketFlowChatbotDetails.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = RocketFlowError.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = RocketFlowError.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = RocketFlowError.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = RocketFlowError.from_dict(response.json())

        return response_404

    if response.status_code == 405:
        response_405 = RocketFlowError.from_dict(response.json())

        return response_405

    if response.status_code == 408:
        response_408 = RocketFlowError.from_dict(response.json())

        return response_408

    if response.status_code == 409:
        response_409 = RocketFlowError.from_dict(response.json())

        return response_409

    if response.status_code == 429:
        response_429 = RocketFlowError.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = RocketFlowError.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[RocketFlowChatbotDetails | RocketFlowError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    chatbot_id: str,
    *,
    client: AuthenticatedClient | Client,
    x_run_as_user_id: UUID | Unset = UNSET,
) -> Response[RocketFlowChatbotDetails | RocketFlowError]:
    """`GET /v1/chatbots/{chatbot_id}`: with its settings and knowledge sources.

    Args:
        chatbot_id (str):
        x_run_as_user_id (UUID | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[RocketFlowChatbotDetails | RocketFlowError]
    """

    kwargs = _get_kwargs(
        chatbot_id=chatbot_id,
        x_run_as_user_id=x_run_as_user_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    chatbot_id: str,
    *,
    client: AuthenticatedClient | Client,
    x_run_as_user_id: UUID | Unset = UNSET,
) -> RocketFlowChatbotDetails | RocketFlowError | None:
    """`GET /v1/chatbots/{chatbot_id}`: with its settings and knowledge sources.

    Args:
        chatbot_id (str):
        x_run_as_user_id (UUID | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        RocketFlowChatbotDetails | RocketFlowError
    """

    return sync_detailed(
        chatbot_id=chatbot_id,
        client=client,
        x_run_as_user_id=x_run_as_user_id,
    ).parsed


async def asyncio_detailed(
    chatbot_id: str,
    *,
    client: AuthenticatedClient | Client,
    x_run_as_user_id: UUID | Unset = UNSET,
) -> Response[RocketFlowChatbotDetails | RocketFlowError]:
    """`GET /v1/chatbots/{chatbot_id}`: with its settings and knowledge sources.

    Args:
        chatbot_id (str):
        x_run_as_user_id (UUID | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[RocketFlowChatbotDetails | RocketFlowError]
    """

    kwargs = _get_kwargs(
        chatbot_id=chatbot_id,
        x_run_as_user_id=x_run_as_user_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    chatbot_id: str,
    *,
    client: AuthenticatedClient | Client,
    x_run_as_user_id: UUID | Unset = UNSET,
) -> RocketFlowChatbotDetails | RocketFlowError | None:
    """`GET /v1/chatbots/{chatbot_id}`: with its settings and knowledge sources.

    Args:
        chatbot_id (str):
        x_run_as_user_id (UUID | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        RocketFlowChatbotDetails | RocketFlowError
    """

    return (
        await asyncio_detailed(
            chatbot_id=chatbot_id,
            client=client,
            x_run_as_user_id=x_run_as_user_id,
        )
    ).parsed
