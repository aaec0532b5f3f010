from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.canned_response import CannedResponse
from ...models.create_canned_response_request import CreateCannedResponseRequest
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: CreateCannedResponseRequest,
    x_run_as_user_id: UUID | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_run_as_user_id, Unset):
        headers["X-RunAs-UserId"] = x_run_as_user_id

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/canned-responses",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CannedResponse | Problem | None:
    if response.status_code == 201:
        response_201 = CannedResponse.from_dict(response.json())

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
) -> Response[CannedResponse | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateCannedResponseRequest,
    x_run_as_user_id: UUID | Unset = UNSET,
) -> Response[CannedResponse | Problem]:
    """`POST /api/canned-responses`: personal unless `scope` is `workspace` (admins only). A
    shortcut its scope already has (per owner, in any case) is a 409 `CONFLICT`.

    Args:
        x_run_as_user_id (UUID | Unset):
        body (CreateCannedResponseRequest): `POST /api/canned-responses`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CannedResponse | Problem]
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
    body: CreateCannedResponseRequest,
    x_run_as_user_id: UUID | Unset = UNSET,
) -> CannedResponse | Problem | None:
    """`POST /api/canned-responses`: personal unless `scope` is `workspace` (admins only). A
    shortcut its scope already has (per owner, in any case) is a 409 `CONFLICT`.

    Args:
        x_run_as_user_id (UUID | Unset):
        body (CreateCannedResponseRequest): `POST /api/canned-responses`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CannedResponse | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
        x_run_as_user_id=x_run_as_user_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateCannedResponseRequest,
    x_run_as_user_id: UUID | Unset = UNSET,
) -> Response[CannedResponse | Problem]:
    """`POST /api/canned-responses`: personal unless `scope` is `workspace` (admins only). A
    shortcut its scope already has (per owner, in any case) is a 409 `CONFLICT`.

    Args:
        x_run_as_user_id (UUID | Unset):
        body (CreateCannedResponseRequest): `POST /api/canned-responses`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CannedResponse | Problem]
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
    body: CreateCannedResponseRequest,
    x_run_as_user_id: UUID | Unset = UNSET,
) -> CannedResponse | Problem | None:
    """`POST /api/canned-responses`: personal unless `scope` is `workspace` (admins only). A
    shortcut its scope already has (per owner, in any case) is a 409 `CONFLICT`.

    Args:
        x_run_as_user_id (UUID | Unset):
        body (CreateCannedResponseRequest): `POST /api/canned-responses`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CannedResponse | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            x_run_as_user_id=x_run_as_user_id,
        )
    ).parsed
