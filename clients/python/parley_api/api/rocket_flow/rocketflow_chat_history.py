from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.rocket_flow_chat_history import RocketFlowChatHistory
from ...models.rocket_flow_error import RocketFlowError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    session_id: str,
    *,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    x_run_as_user_id: UUID | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_run_as_user_id, Unset):
        headers["X-RunAs-UserId"] = x_run_as_user_id

    params: dict[str, Any] = {}

    params["limit"] = limit

    params["offset"] = offset

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/chat/history/{session_id}".format(
            session_id=quote(str(session_id), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> RocketFlowChatHistory | RocketFlowError | None:
    if response.status_code == 200:
        response_200 = RocketFlowChatHistory.from_dict(response.json())

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
) -> Response[RocketFlowChatHistory | RocketFlowError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    session_id: str,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    x_run_as_user_id: UUID | Unset = UNSET,
) -> Response[RocketFlowChatHistory | RocketFlowError]:
    """`GET /v1/chat/history/{session_id}`: oldest first.

    Args:
        session_id (str):
        limit (int | Unset):
        offset (int | Unset):
        x_run_as_user_id (UUID | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[RocketFlowChatHistory | RocketFlowError]
    """

    kwargs = _get_kwargs(
        session_id=session_id,
        limit=limit,
        offset=offset,
        x_run_as_user_id=x_run_as_user_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    session_id: str,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    x_run_as_user_id: UUID | Unset = UNSET,
) -> RocketFlowChatHistory | RocketFlowError | None:
    """`GET /v1/chat/history/{session_id}`: oldest first.

    Args:
        session_id (str):
        limit (int | Unset):
        offset (int | Unset):
        x_run_as_user_id (UUID | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        RocketFlowChatHistory | RocketFlowError
    """

    return sync_detailed(
        session_id=session_id,
        client=client,
        limit=limit,
        offset=offset,
        x_run_as_user_id=x_run_as_user_id,
    ).parsed


async def asyncio_detailed(
    session_id: str,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    x_run_as_user_id: UUID | Unset = UNSET,
) -> Response[RocketFlowChatHistory | RocketFlowError]:
    """`GET /v1/chat/history/{session_id}`: oldest first.

    Args:
        session_id (str):
        limit (int | Unset):
        offset (int | Unset):
        x_run_as_user_id (UUID | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[RocketFlowChatHistory | RocketFlowError]
    """

    kwargs = _get_kwargs(
        session_id=session_id,
        limit=limit,
        offset=offset,
        x_run_as_user_id=x_run_as_user_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    session_id: str,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    x_run_as_user_id: UUID | Unset = UNSET,
) -> RocketFlowChatHistory | RocketFlowError | None:
    """`GET /v1/chat/history/{session_id}`: oldest first.

    Args:
        session_id (str):
        limit (int | Unset):
        offset (int | Unset):
        x_run_as_user_id (UUID | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        RocketFlowChatHistory | RocketFlowError
    """

    return (
        await asyncio_detailed(
            session_id=session_id,
            client=client,
            limit=limit,
            offset=offset,
            x_run_as_user_id=x_run_as_user_id,
        )
    ).parsed
