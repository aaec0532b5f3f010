from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.agent_loop import AgentLoop
from ...models.agent_loop_input import AgentLoopInput
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: AgentLoopInput,
    x_run_as_user_id: UUID | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_run_as_user_id, Unset):
        headers["X-RunAs-UserId"] = x_run_as_user_id

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/agent-loops",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AgentLoop | Problem | None:
    if response.status_code == 201:
        response_201 = AgentLoop.from_dict(response.json())

        return response_201

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
) -> Response[AgentLoop | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: AgentLoopInput,
    x_run_as_user_id: UUID | Unset = UNSET,
) -> Response[AgentLoop | Problem]:
    """`POST /api/agent-loops`: `name`, `botId` and `instructions` are required.

    Args:
        x_run_as_user_id (UUID | Unset):
        body (AgentLoopInput): `POST /api/agent-loops` (`name`, `botId` and `instructions`
            required) and `PATCH
            /api/agent-loops/{id}` (only what is sent changes; `"schedule": null` removes it).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AgentLoop | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        x_run_as_user_id=x_run_as_user_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: AgentLoopInput,
    x_run_as_user_id: UUID | Unset = UNSET,
) -> AgentLoop | Problem | None:
    """`POST /api/agent-loops`: `name`, `botId` and `instructions` are required.

    Args:
        x_run_as_user_id (UUID | Unset):
        body (AgentLoopInput): `POST /api/agent-loops` (`name`, `botId` and `instructions`
            required) and `PATCH
            /api/agent-loops/{id}` (only what is sent changes; `"schedule": null` removes it).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AgentLoop | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
        x_run_as_user_id=x_run_as_user_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: AgentLoopInput,
    x_run_as_user_id: UUID | Unset = UNSET,
) -> Response[AgentLoop | Problem]:
    """`POST /api/agent-loops`: `name`, `botId` and `instructions` are required.

    Args:
        x_run_as_user_id (UUID | Unset):
        body (AgentLoopInput): `POST /api/agent-loops` (`name`, `botId` and `instructions`
            required) and `PATCH
            /api/agent-loops/{id}` (only what is sent changes; `"schedule": null` removes it).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AgentLoop | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        x_run_as_user_id=x_run_as_user_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: AgentLoopInput,
    x_run_as_user_id: UUID | Unset = UNSET,
) -> AgentLoop | Problem | None:
    """`POST /api/agent-loops`: `name`, `botId` and `instructions` are required.

    Args:
        x_run_as_user_id (UUID | Unset):
        body (AgentLoopInput): `POST /api/agent-loops` (`name`, `botId` and `instructions`
            required) and `PATCH
            /api/agent-loops/{id}` (only what is sent changes; `"schedule": null` removes it).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AgentLoop | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            x_run_as_user_id=x_run_as_user_id,
        )
    ).parsed
