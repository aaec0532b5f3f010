from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.page_agent_loop_execution import PageAgentLoopExecution
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: str,
    *,
    page: int | Unset = UNSET,
    limit: int | Unset = UNSET,
    cursor: UUID | Unset = UNSET,
    x_run_as_user_id: UUID | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_run_as_user_id, Unset):
        headers["X-RunAs-UserId"] = x_run_as_user_id

    params: dict[str, Any] = {}

    params["page"] = page

    params["limit"] = limit

    json_cursor: str | Unset = UNSET
    if not isinstance(cursor, Unset):
        json_cursor = str(cursor)
    params["cursor"] = json_cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/agent-loops/{id}/executions".format(
            id=quote(str(id), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageAgentLoopExecution | Problem | None:
    if response.status_code == 200:
        response_200 = PageAgentLoopExecution.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 405:
        response_405 = Problem.from_dict(response.json())

        return response_405

    if response.status_code == 408:
        response_408 = Problem.from_dict(response.json())

        return response_408

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = Problem.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[PageAgentLoopExecution | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    page: int | Unset = UNSET,
    limit: int | Unset = UNSET,
    cursor: UUID | Unset = UNSET,
    x_run_as_user_id: UUID | Unset = UNSET,
) -> Response[PageAgentLoopExecution | Problem]:
    """`GET /api/agent-loops/{id}/executions`: newest first.

    Args:
        id (str):
        page (int | Unset):
        limit (int | Unset):
        cursor (UUID | Unset):
        x_run_as_user_id (UUID | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageAgentLoopExecution | Problem]
    """

    kwargs = _get_kwargs(
        id=id,
        page=page,
        limit=limit,
        cursor=cursor,
        x_run_as_user_id=x_run_as_user_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    page: int | Unset = UNSET,
    limit: int | Unset = UNSET,
    cursor: UUID | Unset = UNSET,
    x_run_as_user_id: UUID | Unset = UNSET,
) -> PageAgentLoopExecution | Problem | None:
    """`GET /api/agent-loops/{id}/executions`: newest first.

    Args:
        id (str):
        page (int | Unset):
        limit (int | Unset):
        cursor (UUID | Unset):
        x_run_as_user_id (UUID | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageAgentLoopExecution | Problem
    """

    return sync_detailed(
        id=id,
        client=client,
        page=page,
        limit=limit,
        cursor=cursor,
        x_run_as_user_id=x_run_as_user_id,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    page: int | Unset = UNSET,
    limit: int | Unset = UNSET,
    cursor: UUID | Unset = UNSET,
    x_run_as_user_id: UUID | Unset = UNSET,
) -> Response[PageAgentLoopExecution | Problem]:
    """`GET /api/agent-loops/{id}/executions`: newest first.

    Args:
        id (str):
        page (int | Unset):
        limit (int | Unset):
        cursor (UUID | Unset):
        x_run_as_user_id (UUID | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageAgentLoopExecution | Problem]
    """

    kwargs = _get_kwargs(
        id=id,
        page=page,
        limit=limit,
        cursor=cursor,
        x_run_as_user_id=x_run_as_user_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    page: int | Unset = UNSET,
    limit: int | Unset = UNSET,
    cursor: UUID | Unset = UNSET,
    x_run_as_user_id: UUID | Unset = UNSET,
) -> PageAgentLoopExecution | Problem | None:
    """`GET /api/agent-loops/{id}/executions`: newest first.

    Args:
        id (str):
        page (int | Unset):
        limit (int | Unset):
        cursor (UUID | Unset):
        x_run_as_user_id (UUID | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageAgentLoopExecution | Problem
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            page=page,
            limit=limit,
            cursor=cursor,
            x_run_as_user_id=x_run_as_user_id,
        )
    ).parsed
