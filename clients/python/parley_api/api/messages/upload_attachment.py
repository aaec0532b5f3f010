from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.attachment import Attachment
from ...models.problem import Problem
from ...types import UNSET, File, Response, Unset


def _get_kwargs(
    id: str,
    *,
    body: File,
    name: str | Unset = UNSET,
    x_run_as_user_id: UUID | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_run_as_user_id, Unset):
        headers["X-RunAs-UserId"] = x_run_as_user_id

    params: dict[str, Any] = {}

    params["name"] = name

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/conversations/{id}/attachments".format(
            id=quote(str(id), safe=""),
        ),
        "params": params,
    }

    _kwargs["content"] = body.payload
    headers["Content-Type"] = "application/octet-stream"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Attachment | Problem | None:
    if response.status_code == 201:
        response_201 = Attachment.from_dict(response.json())

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

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = Problem.from_dict(response.json())

        return response_415

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
) -> Response[Attachment | Problem]:
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
    body: File,
    name: str | Unset = UNSET,
    x_run_as_user_id: UUID | Unset = UNSET,
) -> Response[Attachment | Problem]:
    """Uploads a file to the conversation (up to 10 MiB: an image, a PDF, an Office document or
    plain text, as its bytes say, whatever its name): the body is the file. Send a message with
    `attachments: [id]` to show it.

    Args:
        id (str):
        name (str | Unset):
        x_run_as_user_id (UUID | Unset):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Attachment | Problem]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
        name=name,
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
    body: File,
    name: str | Unset = UNSET,
    x_run_as_user_id: UUID | Unset = UNSET,
) -> Attachment | Problem | None:
    """Uploads a file to the conversation (up to 10 MiB: an image, a PDF, an Office document or
    plain text, as its bytes say, whatever its name): the body is the file. Send a message with
    `attachments: [id]` to show it.

    Args:
        id (str):
        name (str | Unset):
        x_run_as_user_id (UUID | Unset):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Attachment | Problem
    """

    return sync_detailed(
        id=id,
        client=client,
        body=body,
        name=name,
        x_run_as_user_id=x_run_as_user_id,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    body: File,
    name: str | Unset = UNSET,
    x_run_as_user_id: UUID | Unset = UNSET,
) -> Response[Attachment | Problem]:
    """Uploads a file to the conversation (up to 10 MiB: an image, a PDF, an Office document or
    plain text, as its bytes say, whatever its name): the body is the file. Send a message with
    `attachments: [id]` to show it.

    Args:
        id (str):
        name (str | Unset):
        x_run_as_user_id (UUID | Unset):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Attachment | Problem]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
        name=name,
        x_run_as_user_id=x_run_as_user_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    body: File,
    name: str | Unset = UNSET,
    x_run_as_user_id: UUID | Unset = UNSET,
) -> Attachment | Problem | None:
    """Uploads a file to the conversation (up to 10 MiB: an image, a PDF, an Office document or
    plain text, as its bytes say, whatever its name): the body is the file. Send a message with
    `attachments: [id]` to show it.

    Args:
        id (str):
        name (str | Unset):
        x_run_as_user_id (UUID | Unset):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Attachment | Problem
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
            name=name,
            x_run_as_user_id=x_run_as_user_id,
        )
    ).parsed
