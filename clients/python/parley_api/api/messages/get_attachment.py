from http import HTTPStatus
from io import BytesIO
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...types import UNSET, File, Response, Unset


def _get_kwargs(
    id: str,
    attachment_id: str,
    *,
    x_run_as_user_id: UUID | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_run_as_user_id, Unset):
        headers["X-RunAs-UserId"] = x_run_as_user_id

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/conversations/{id}/attachments/{attachment_id}".format(
            id=quote(str(id), safe=""),
            attachment_id=quote(str(attachment_id), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> File | Problem | None:
    if response.status_code == 200:
        response_200 = File(payload=BytesIO(response.content))

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
) -> Response[File | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: str,
    attachment_id: str,
    *,
    client: AuthenticatedClient | Client,
    x_run_as_user_id: UUID | Unset = UNSET,
) -> Response[File | Problem]:
    """A file of the conversation, for its participants: an image inline, anything else as a
    download.

    Args:
        id (str):
        attachment_id (str):
        x_run_as_user_id (UUID | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[File | Problem]
    """

    kwargs = _get_kwargs(
        id=id,
        attachment_id=attachment_id,
        x_run_as_user_id=x_run_as_user_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    attachment_id: str,
    *,
    client: AuthenticatedClient | Client,
    x_run_as_user_id: UUID | Unset = UNSET,
) -> File | Problem | None:
    """A file of the conversation, for its participants: an image inline, anything else as a
    download.

    Args:
        id (str):
        attachment_id (str):
        x_run_as_user_id (UUID | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        File | Problem
    """

    return sync_detailed(
        id=id,
        attachment_id=attachment_id,
        client=client,
        x_run_as_user_id=x_run_as_user_id,
    ).parsed


async def asyncio_detailed(
    id: str,
    attachment_id: str,
    *,
    client: AuthenticatedClient | Client,
    x_run_as_user_id: UUID | Unset = UNSET,
) -> Response[File | Problem]:
    """A file of the conversation, for its participants: an image inline, anything else as a
    download.

    Args:
        id (str):
        attachment_id (str):
        x_run_as_user_id (UUID | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[File | Problem]
    """

    kwargs = _get_kwargs(
        id=id,
        attachment_id=attachment_id,
        x_run_as_user_id=x_run_as_user_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    attachment_id: str,
    *,
    client: AuthenticatedClient | Client,
    x_run_as_user_id: UUID | Unset = UNSET,
) -> File | Problem | None:
    """A file of the conversation, for its participants: an image inline, anything else as a
    download.

    Args:
        id (str):
        attachment_id (str):
        x_run_as_user_id (UUID | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        File | Problem
    """

    return (
        await asyncio_detailed(
            id=id,
            attachment_id=attachment_id,
            client=client,
            x_run_as_user_id=x_run_as_user_id,
        )
    ).parsed
