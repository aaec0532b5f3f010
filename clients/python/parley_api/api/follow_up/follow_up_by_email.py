from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.follow_up import FollowUp
from ...models.follow_up_request import FollowUpRequest
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: str,
    *,
    body: FollowUpRequest,
    x_run_as_user_id: UUID | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_run_as_user_id, Unset):
        headers["X-RunAs-UserId"] = x_run_as_user_id

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/conversations/{id}/follow-up".format(
            id=quote(str(id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> FollowUp | Problem | None:
    if response.status_code == 200:
        response_200 = FollowUp.from_dict(response.json())

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
) -> Response[FollowUp | Problem]:
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
    body: FollowUpRequest,
    x_run_as_user_id: UUID | Unset = UNSET,
) -> Response[FollowUp | Problem]:
    """`POST /api/conversations/{id}/follow-up`: the conversation's visitor asks for the team's
    replies by email while they are away (the widget offers it when nobody answers live).

    Args:
        id (str):
        x_run_as_user_id (UUID | Unset):
        body (FollowUpRequest): `POST /api/conversations/{id}/follow-up`, by the conversation's
            visitor.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FollowUp | Problem]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
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
    body: FollowUpRequest,
    x_run_as_user_id: UUID | Unset = UNSET,
) -> FollowUp | Problem | None:
    """`POST /api/conversations/{id}/follow-up`: the conversation's visitor asks for the team's
    replies by email while they are away (the widget offers it when nobody answers live).

    Args:
        id (str):
        x_run_as_user_id (UUID | Unset):
        body (FollowUpRequest): `POST /api/conversations/{id}/follow-up`, by the conversation's
            visitor.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FollowUp | Problem
    """

    return sync_detailed(
        id=id,
        client=client,
        body=body,
        x_run_as_user_id=x_run_as_user_id,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    body: FollowUpRequest,
    x_run_as_user_id: UUID | Unset = UNSET,
) -> Response[FollowUp | Problem]:
    """`POST /api/conversations/{id}/follow-up`: the conversation's visitor asks for the team's
    replies by email while they are away (the widget offers it when nobody answers live).

    Args:
        id (str):
        x_run_as_user_id (UUID | Unset):
        body (FollowUpRequest): `POST /api/conversations/{id}/follow-up`, by the conversation's
            visitor.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FollowUp | Problem]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
        x_run_as_user_id=x_run_as_user_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    body: FollowUpRequest,
    x_run_as_user_id: UUID | Unset = UNSET,
) -> FollowUp | Problem | None:
    """`POST /api/conversations/{id}/follow-up`: the conversation's visitor asks for the team's
    replies by email while they are away (the widget offers it when nobody answers live).

    Args:
        id (str):
        x_run_as_user_id (UUID | Unset):
        body (FollowUpRequest): `POST /api/conversations/{id}/follow-up`, by the conversation's
            visitor.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FollowUp | Problem
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
            x_run_as_user_id=x_run_as_user_id,
        )
    ).parsed
